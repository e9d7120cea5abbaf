import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumInstalled, scrollWidth } from './support/browser.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

const PHONE_390 = { width: 390, height: 844 };
const PASSWORD = 'Demo@2026';
const QUESTION = 'Thông qua dự thảo Nghị định về Chính phủ số';

async function demoMeetingId(page: Page): Promise<string> {
  const list = await page.evaluate(() =>
    fetch('/api/cabinet/meetings').then((r) => r.json() as Promise<{ items: { id: string }[] }>),
  );
  const id = list.items[0]?.id;
  if (!id) throw new Error('the demo session is missing');
  return id;
}

async function post(page: Page, url: string, body?: object): Promise<void> {
  const status = await page.evaluate(
    async ([u, b]) => {
      const res = await fetch(u, {
        method: 'POST',
        ...(b ? { headers: { 'content-type': 'application/json' }, body: b } : {}),
      });
      return res.status;
    },
    [url, body ? JSON.stringify(body) : undefined] as const,
  );
  expect(status, url).toBeLessThan(300);
}

/** This browser's signing key and its demo-CA certificate, made on /signing. */
async function deviceKey(page: Page): Promise<void> {
  await page.goto('/signing');
  await page.getByRole('button', { name: 'Tạo khoá ký trên thiết bị này' }).click();
  await page.getByTestId('device-certificate').getByText('Thiết bị này đã sẵn sàng ký số.').waitFor();
}

/** Picks a choice in the room's poll panel, checks what the dialog shows, signs; answers the receipt's text. */
async function voteInRoom(page: Page, choice: string): Promise<string> {
  const panel = page.getByTestId('poll-panel');
  await panel.getByText(QUESTION).waitFor();
  await panel.getByRole('radio', { name: choice, exact: true }).check();
  await panel.getByRole('button', { name: 'Ký và gửi phiếu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xác nhận ký số' });
  await dialog.getByText(`Biểu quyết: ${choice} — ${QUESTION}`, { exact: false }).waitFor();
  await dialog.getByText('Mã băm SHA-256').waitFor();
  await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
  const receipt = panel.getByTestId('poll-receipt');
  await receipt.getByText(/Đã ghi nhận phiếu biểu quyết — biên nhận số \d+/).waitFor();
  return (await receipt.textContent()) ?? '';
}

/** Issue 5: signed electronic votes in the room — two members vote from two browsers (one a phone), the chair closes. */
describe.skipIf(!chromiumInstalled)('e-Cabinet signed votes', () => {
  const journey = useJourney();

  it('two members sign their votes, the chair closes, the outcome and the receipts appear', async () => {
    // The deployment's demo CA issues the devices' certificates (`cpdt ca init`; the demo seed may have made it).
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const init = spawnSync(process.execPath, ['bin/cpdt.mjs', 'ca', 'init'], {
      env: { ...env, CPDT_DATA_DIR: journey.server().dataDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect([0, 1], init.stderr).toContain(init.status);

    // The office gets the demo session ready.
    const office = await journey.page();
    await signIn(office);
    const meetingId = await demoMeetingId(office);
    const agenda = await office.evaluate(
      (id) =>
        fetch(`/api/cabinet/meetings/${id}/agenda`).then((r) => r.json() as Promise<{ items: unknown[] }>),
      meetingId,
    );
    if (agenda.items.length === 0)
      await post(office, `/api/cabinet/meetings/${meetingId}/agenda`, {
        title: 'Dự thảo Nghị định về Chính phủ số',
        plannedMinutes: 30,
      });
    await post(office, `/api/cabinet/meetings/${meetingId}/invite`);

    // The chair (the Prime Minister) makes this browser's key, opens the meeting, takes up the item, opens the vote.
    const chair = await journey.page();
    await signIn(chair, { username: 'thutuong', password: PASSWORD });
    await deviceKey(chair);
    await chair.goto(`/cabinet/meetings/${meetingId}/live`);
    await chair.getByRole('button', { name: 'Khai mạc phiên họp' }).click();
    await chair.getByRole('button', { name: 'Đưa ra thảo luận' }).first().click();
    await chair.getByTestId('live-current-item').waitFor();
    await chair.getByRole('button', { name: 'Điểm danh có mặt' }).click();
    await chair.getByText('Bạn đã điểm danh.').waitFor();

    // A member on a 390 px phone makes a key and checks in (quorum counts who is in the room when the vote opens).
    const phone = await journey.page(PHONE_390);
    await signIn(phone, { username: 'botruong.tuphap', password: PASSWORD });
    await deviceKey(phone);
    await phone.goto(`/cabinet/meetings/${meetingId}/live`);
    await phone.getByRole('button', { name: 'Điểm danh có mặt' }).click();
    await phone.getByText('Bạn đã điểm danh.').waitFor();

    const chairPanel = chair.getByTestId('poll-panel');
    await chairPanel.getByRole('textbox', { name: 'Nội dung biểu quyết' }).fill(QUESTION);
    await chairPanel.getByRole('button', { name: 'Mở biểu quyết' }).click();
    await chairPanel
      .getByTestId('poll-turnout')
      .getByText(/Đã biểu quyết: 0\/\d+ thành viên/)
      .waitFor();

    // The member votes from the phone.
    const phoneReceipt = await voteInRoom(phone, 'Tán thành');
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE_390.width);
    await screenshot(phone, 'cabinet-polls-phone-receipt');

    // The chair sees the turnout change live — never the choice — and votes too.
    await chairPanel
      .getByTestId('poll-turnout')
      .getByText(/Đã biểu quyết: 1\/\d+ thành viên/)
      .waitFor();
    expect(await chairPanel.textContent()).not.toContain('Tán thành: 1');
    const chairReceipt = await voteInRoom(chair, 'Tán thành');
    expect(chairReceipt).not.toBe(phoneReceipt);
    await chairPanel
      .getByTestId('poll-turnout')
      .getByText(/Đã biểu quyết: 2\/\d+ thành viên/)
      .waitFor();
    await screenshot(chair, 'cabinet-polls-chair-open');

    // The chair closes; both rooms show the outcome.
    chair.once('dialog', (d) => void d.accept());
    await chairPanel.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await chairPanel.getByTestId('poll-outcome').getByText('Thông qua', { exact: true }).waitFor();
    const phonePanel = phone.getByTestId('poll-panel');
    await phonePanel.getByTestId('poll-outcome').getByText('Thông qua', { exact: true }).waitFor();

    // The poll's page: the outcome with its rule and legal basis, named votes, the receipts.
    await phonePanel.getByRole('link', { name: 'Xem chi tiết' }).click();
    await phone.getByTestId('poll-result').getByText('Thông qua', { exact: true }).waitFor();
    await phone.getByText('Căn cứ pháp lý').waitFor();
    const members = phone.getByTestId('poll-members');
    await members.getByText('Tán thành').first().waitFor();
    expect(await members.getByTestId('poll-member-receipt').count()).toBe(2);
    await phone.getByTestId('poll-checkpoint').waitFor();
    const bundle = await phone.evaluate(
      async (href) => {
        const res = await fetch(href);
        return { status: res.status, type: res.headers.get('content-type') };
      },
      (await phone.getByTestId('poll-evidence-download').getAttribute('href'))!,
    );
    expect(bundle).toEqual({ status: 200, type: 'application/zip' });
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE_390.width);
    await screenshot(phone, 'cabinet-polls-phone-result');
  });
});
