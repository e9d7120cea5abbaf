import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres, spawnCpdt, type CpdtProcess } from '../support/cpdt-process.js';
import { chromiumInstalled, DESKTOP, launchBrowser, openPage, scrollWidth } from './support/browser.js';
import { screenshot, setServerClockOffset, signIn } from './support/journey.js';
import { WEB_INDEX } from './support/paths.js';
import { fromDataTemplate } from './support/server.js';

const PHONE = { width: 390, height: 844 } as const;
const PASSWORD = 'Demo@2026';
const TITLE = 'Xin ý kiến về dự thảo Nghị định quy định chi tiết Luật Dữ liệu';
const QUESTION = 'Thông qua dự thảo Nghị định để ban hành?';
const REFERENCE = '15/PLYK-VPCP';

async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, url, body }) => {
      const r = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, text: await r.text() };
    },
    { method, url, body },
  );
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
  return (res.text ? JSON.parse(res.text) : undefined) as T;
}

/**
 * Issue 5, written opinion ballots: an office specialist drafts, the office leader approves and sends; one
 * member answers and signs with the device key; the other is reminded 4 hours before the deadline and then
 * overdue (the server restarted with its clock moved), which the response board shows.
 */
describe.skipIf(!chromiumInstalled)('e-Cabinet written opinion ballots', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-e2e-ballots-'));
  let database: Awaited<ReturnType<typeof freshPostgres>> | null = null;
  let server: CpdtProcess | undefined;
  let browser: Browser | undefined;
  const start = async (offsetMs: number) => {
    server = await spawnCpdt({
      dataDir,
      databaseUrl: database?.url,
      env: { SIGN_IN_RATE_LIMIT_MAX: '1000', CPDT_CLOCK_OFFSET_MS: String(Math.round(offsetMs)) },
      startupTimeoutMs: 60_000,
    });
    setServerClockOffset(offsetMs);
  };
  const page = async (viewport: { width: number; height: number } = PHONE) =>
    (await openPage(browser!, server!.url, viewport)).page;

  beforeAll(async () => {
    if (!fs.existsSync(WEB_INDEX)) throw new Error('web/dist missing: build the web app first');
    const serverUrl = process.env['DATABASE_URL'];
    if (serverUrl) database = await freshPostgres(serverUrl, 'cpdt_e2e');
    else fromDataTemplate(dataDir);
    await start(0);
    // The deployment's demo CA issues the members' device certificates (`cpdt ca init`; 1: already made).
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const init = spawnSync(process.execPath, ['bin/cpdt.mjs', 'ca', 'init'], {
      env: { ...env, CPDT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect([0, 1], init.stderr).toContain(init.status);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    setServerClockOffset(0);
    await browser?.close();
    await server?.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('drafted, approved by another person, sent; one member signs, the other is reminded then overdue', async () => {
    // The administrator makes the specialist "canbo" part of the meeting office (who drafts ballots).
    const admin = await page(DESKTOP);
    await signIn(admin);
    const people = await call<{ items: { id: string; username: string; roles: string[] }[] }>(
      admin,
      'GET',
      '/api/admin/people?q=canbo',
    );
    const canbo = people.items.find((x) => x.username === 'canbo')!;
    await call(admin, 'PATCH', `/api/admin/people/${canbo.id}`, {
      roles: [...new Set([...canbo.roles, 'meeting_office'])],
    });

    // The specialist drafts on a phone and submits.
    const office = await page();
    await signIn(office, { username: 'canbo', password: PASSWORD });
    await office.goto('/cabinet/ballots');
    await office.getByRole('heading', { level: 1, name: 'Phiếu lấy ý kiến' }).waitFor();
    await office.getByRole('button', { name: 'Soạn phiếu mới' }).click();
    const form = office.getByRole('dialog', { name: 'Soạn phiếu lấy ý kiến' });
    await form.getByRole('textbox', { name: 'Vấn đề xin ý kiến' }).fill(TITLE);
    await form
      .getByRole('textbox', { name: 'Tóm tắt nội dung và những vấn đề còn ý kiến khác nhau' })
      .fill('Còn ý kiến khác nhau về thời điểm có hiệu lực.');
    await form.getByRole('textbox', { name: 'Nội dung câu hỏi 1' }).fill(QUESTION);
    await form.getByRole('textbox', { name: 'Thời hạn trả lời (ngày làm việc)' }).fill('2');
    await form.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await office.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const ballotId = office.url().split('/').pop()!;
    await office.getByRole('button', { name: 'Trình duyệt' }).click();
    await office.getByText('Chờ duyệt').first().waitFor();
    // The drafter cannot approve: the button is not there for them.
    expect(await office.getByRole('button', { name: 'Phê duyệt' }).count()).toBe(0);
    expect(await scrollWidth(office)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(office, 'ballot-submitted-phone');

    // The office leader approves and sends with the reference number.
    await admin.goto(`/cabinet/ballots/${ballotId}`);
    await admin.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await admin.getByRole('button', { name: 'Phê duyệt' }).click();
    await admin.getByRole('button', { name: 'Gửi phiếu' }).click();
    const send = admin.getByRole('dialog', { name: 'Gửi phiếu đến thành viên' });
    await send.getByRole('textbox', { name: 'Số, ký hiệu phiếu (ví dụ 12/PLYK-VPCP)' }).fill(REFERENCE);
    await send.getByRole('button', { name: 'Gửi phiếu' }).click();
    await admin.getByText('Đang lấy ý kiến').first().waitFor();
    const sent = await call<{ deadline: string; roster: { fullName: string }[] }>(
      admin,
      'GET',
      `/api/cabinet/ballots/${ballotId}`,
    );
    expect(sent.roster.length).toBeGreaterThanOrEqual(3);

    // Member A (the Minister of Justice), on a phone: device key, answer, sign.
    const member = await page();
    await signIn(member, { username: 'botruong.tuphap', password: PASSWORD });
    await member.goto('/signing');
    await member.getByRole('button', { name: 'Tạo khoá ký trên thiết bị này' }).click();
    await member.getByTestId('device-certificate').getByText('Thiết bị này đã sẵn sàng ký số.').waitFor();
    await member.goto('/cabinet/ballots');
    await member.getByText(TITLE).click();
    await member.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const mine = member.getByRole('region', { name: 'Ý kiến của bạn' });
    await mine.getByRole('radio', { name: 'Đồng ý' }).check();
    await mine.getByRole('button', { name: 'Ký số và gửi ý kiến' }).click();
    const dialog = member.getByRole('dialog', { name: 'Xác nhận ký số' });
    await dialog.getByText(`Phiếu lấy ý kiến số ${REFERENCE}`, { exact: false }).waitFor();
    await dialog.getByText('Mã băm SHA-256').waitFor();
    await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
    await member.getByText('Đã ghi nhận ý kiến có ký số.').waitFor();
    await mine.getByText(/Biên nhận số \d+/).waitFor();
    expect(await scrollWidth(member)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(member, 'ballot-signed-phone');

    // 3 hours before the deadline: the server (restarted with its clock moved) reminds member B.
    const deadline = Date.parse(sent.deadline);
    await server!.stop();
    await start(deadline - 3 * 3600_000 - Date.now());
    let p = await page(DESKTOP);
    await signIn(p);
    const outbox = async (text: string) => {
      await p.goto('/admin/outbox');
      await p.getByRole('heading', { level: 1, name: 'Hộp thư đi' }).waitFor();
      await expect
        .poll(
          async () => {
            await p.reload();
            await p.getByRole('heading', { level: 1, name: 'Hộp thư đi' }).waitFor();
            return p.getByText(text).first().isVisible();
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toBe(true);
    };
    await outbox(`Nhắc: còn 4 giờ trả lời phiếu lấy ý kiến: ${REFERENCE}`);

    // An hour after the deadline: overdue, to the member and their secretaries; the board shows it.
    await server!.stop();
    await start(deadline + 3600_000 - Date.now());
    p = await page(DESKTOP);
    await signIn(p);
    await outbox(`Cảnh báo: quá hạn trả lời phiếu lấy ý kiến: ${REFERENCE}`);
    await p.goto(`/cabinet/ballots/${ballotId}`);
    const board = p.getByRole('region', { name: 'Bảng theo dõi trả lời' });
    await board.getByText('Bảng theo dõi trả lời').waitFor();
    const late = board.getByRole('listitem').filter({ hasText: 'Lê Thị Hạnh' });
    await late.getByText('Quá hạn').waitFor();
    // The countdown runs on the server's clock: overdue there, whatever the device's clock says.
    await p.getByText(/17:00 · Quá hạn/).waitFor();
    const signed = board.getByRole('listitem').filter({ hasText: 'Hoàng Văn Dũng' });
    await signed.getByText('Đã ký', { exact: true }).waitFor();
    await screenshot(p, 'ballot-board-overdue');
  });
});
