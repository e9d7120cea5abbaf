import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumInstalled, scrollWidth } from './support/browser.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

const PHONE_390 = { width: 390, height: 844 };
const PASSWORD = 'Demo@2026';

/** The demo session (next month's regular meeting of the Government, seeded at start). */
async function demoMeetingId(page: Page): Promise<string> {
  const list = await page.evaluate(() =>
    fetch('/api/cabinet/meetings').then((r) => r.json() as Promise<{ items: { id: string }[] }>),
  );
  const id = list.items[0]?.id;
  if (!id) throw new Error('the demo session is missing');
  return id;
}

/** A call to the API from the page, with its session; fails the journey on an error answer. */
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

/** Issue 4: the live room — a member on a phone asks to speak, the chair runs the list, both see it live. */
describe.skipIf(!chromiumInstalled)('e-Cabinet live meeting room', () => {
  const journey = useJourney();

  it('a phone asks to speak, the chair gives the floor live, and the phone catches up after going offline', async () => {
    // The office gets the demo session ready: an agenda item (the demo has none) and the invitations.
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

    // The chair enters the room from the meeting page, opens the meeting and takes up the item.
    const chair = await journey.page();
    await signIn(chair, { username: 'thutuong', password: PASSWORD });
    await chair.goto(`/cabinet/meetings/${meetingId}`);
    await chair.getByRole('link', { name: 'Vào phòng họp' }).click();
    await chair.getByRole('button', { name: 'Khai mạc phiên họp' }).click();
    await chair.getByRole('button', { name: 'Đưa ra thảo luận' }).first().click();
    const current = chair.getByTestId('live-current-item');
    await current.waitFor();

    // The member, on a 390 px phone, checks in and asks to speak.
    const phone = await journey.page(PHONE_390);
    await signIn(phone, { username: 'botruong.tuphap', password: PASSWORD });
    await phone.goto(`/cabinet/meetings/${meetingId}/live`);
    await phone.getByTestId('live-current-item').waitFor();
    await phone.getByRole('button', { name: 'Điểm danh có mặt' }).click();
    await phone.getByText('Bạn đã điểm danh.').waitFor();
    await phone.getByRole('button', { name: 'Đăng ký phát biểu' }).click();
    await phone.getByText('Bạn đang ở vị trí 1 trong danh sách phát biểu.').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE_390.width);
    await screenshot(phone, 'cabinet-live-phone-requested');

    // The chair sees the request appear without reloading, calls the member and gives the floor.
    const list = chair.getByTestId('live-speakers');
    const entry = list.getByRole('listitem').filter({ hasText: 'Hoàng Văn Dũng' });
    await entry.getByText('đăng ký').waitFor();
    await entry.getByRole('button', { name: 'Mời chuẩn bị' }).click();
    await entry.getByText('đã mời').waitFor();
    await phone.getByText('Chủ tọa đã mời bạn chuẩn bị phát biểu.').waitFor();
    await entry.getByRole('button', { name: 'Cho phát biểu' }).click();
    await chair.getByText('Đang phát biểu: Hoàng Văn Dũng').waitFor();

    // The phone sees it live.
    await phone.getByTestId('live-speakers').getByText('đang phát biểu').waitFor();
    await phone.getByText('Bạn đang phát biểu.').waitFor();
    await screenshot(phone, 'cabinet-live-phone-speaking');
    await screenshot(chair, 'cabinet-live-chair');

    // The phone drops off the network; meanwhile the chair stops the speaker; back online, the phone shows
    // the current state within two seconds.
    await phone.context().setOffline(true);
    await phone.getByTestId('live-reconnecting').waitFor();
    await entry.getByRole('button', { name: 'Dừng' }).click();
    await entry.getByText('đã phát biểu').waitFor();
    await phone.context().setOffline(false);
    const back = Date.now();
    await phone.getByTestId('live-speakers').getByText('đã phát biểu').waitFor({ timeout: 2000 });
    await phone.getByTestId('live-reconnecting').waitFor({ state: 'hidden', timeout: 2000 });
    console.log(`phone caught up ${Date.now() - back} ms after coming back online`);
    expect(await phone.getByText('Bạn đang phát biểu.').count()).toBe(0);
    await screenshot(phone, 'cabinet-live-phone-caught-up');
  });
});
