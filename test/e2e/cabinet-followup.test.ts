import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/platform/calendar/working-days.js';
import { freshPostgres, spawnCpdt, type CpdtProcess } from '../support/cpdt-process.js';
import { chromiumInstalled, launchBrowser, openPage, scrollWidth } from './support/browser.js';
import { screenshot, setServerClockOffset, signIn } from './support/journey.js';
import { WEB_INDEX } from './support/paths.js';
import { fromDataTemplate } from './support/server.js';

const PHONE = { width: 390, height: 844 } as const;
const TASK = 'Hoàn thiện hồ sơ dự án Luật Dữ liệu';

/** Today in Vietnam, YYYY-MM-DD. */
const vnToday = (now: Date) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

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
 * Issue 4, after the meeting: the office ends the session, writes and approves the minutes and downloads the
 * PDF, issues the conclusion notice with a task due soon; days later (the server restarted with its clock
 * moved) the task is overdue, the escalation is in the outbox and the task is red on the follow-up board.
 */
describe.skipIf(!chromiumInstalled)('e-Cabinet minutes, conclusion and follow-up', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-e2e-followup-'));
  let database: Awaited<ReturnType<typeof freshPostgres>> | null = null;
  let server: CpdtProcess | undefined;
  let browser: Browser | undefined;
  const start = async (offsetMs: number) => {
    server = await spawnCpdt({
      dataDir,
      databaseUrl: database?.url,
      env: { SIGN_IN_RATE_LIMIT_MAX: '1000', CPDT_CLOCK_OFFSET_MS: String(offsetMs) },
      startupTimeoutMs: 60_000,
    });
    setServerClockOffset(offsetMs);
  };
  const page = async () => (await openPage(browser!, server!.url, PHONE)).page;

  beforeAll(async () => {
    if (!fs.existsSync(WEB_INDEX)) throw new Error('web/dist missing: build the web app first');
    const serverUrl = process.env['DATABASE_URL'];
    if (serverUrl) database = await freshPostgres(serverUrl, 'cpdt_e2e');
    else fromDataTemplate(dataDir);
    await start(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    setServerClockOffset(0);
    await browser?.close();
    await server?.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('minutes approved, notice issued, and an overdue task escalated once the clock has moved', async () => {
    const calendar = new WorkingCalendar();
    const today = vnToday(new Date());
    const dueOn = calendar.addWorkingDays(today, 2).date;

    let p = await page();
    await signIn(p);
    // The next session is played through the live room API: invited, opened, ended.
    const { items } = await call<{ items: { id: string; status: string }[] }>(
      p,
      'GET',
      '/api/cabinet/meetings?view=office',
    );
    const meetingId = items.find((m) => m.status === 'draft')?.id;
    if (!meetingId) throw new Error('the demo session is missing');
    await call(p, 'POST', `/api/cabinet/meetings/${meetingId}/invite`, {});
    await call(p, 'POST', `/api/cabinet/meetings/${meetingId}/live/open`, {});
    await call(p, 'POST', `/api/cabinet/meetings/${meetingId}/live/end`, {});

    await p.goto(`/cabinet/meetings/${meetingId}`);
    const entry = p.getByRole('region', { name: 'Sau phiên họp' });
    await entry.getByText('Biên bản: chưa lập').waitFor();
    await entry.getByRole('link', { name: 'Biên bản, thông báo kết luận' }).click();
    await p.getByRole('heading', { level: 1, name: 'Biên bản và kết luận' }).waitFor();

    // The minutes: written from what happened, then approved by the office.
    const minutes = p.getByRole('region', { name: 'Biên bản phiên họp' });
    await minutes.getByRole('button', { name: 'Lập biên bản từ diễn biến phiên họp' }).click();
    await p.getByText('Đã lập biên bản từ diễn biến phiên họp.').waitFor();
    await minutes.getByRole('heading', { name: 'Thành phần và tình hình tham dự' }).waitFor();
    await minutes.getByRole('button', { name: 'Phê duyệt biên bản' }).click();
    const confirm = p.getByRole('dialog', { name: 'Phê duyệt biên bản?' });
    await confirm.getByRole('button', { name: 'Phê duyệt biên bản' }).click();
    await p.getByText('Đã phê duyệt biên bản.').waitFor();
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      minutes.getByRole('link', { name: 'Tải biên bản (PDF)' }).click(),
    ]);
    const pdf = fs.readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(await scrollWidth(p)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(p, 'followup-minutes-phone');

    // The conclusion notice with its countdown, a task due in 2 working days, issued.
    const notice = p.getByRole('region', { name: 'Thông báo kết luận' });
    await notice.getByText('Còn 5 ngày làm việc').waitFor();
    await notice
      .getByRole('textbox', { name: 'Trích yếu' })
      .fill('Kết luận của Thủ tướng tại phiên họp thường kỳ');
    await notice.getByRole('button', { name: 'Soạn thông báo kết luận' }).click();
    await p.getByText('Đã lưu thông báo kết luận.').waitFor();
    await notice.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    const add = p.getByRole('dialog', { name: 'Giao nhiệm vụ' });
    await add.getByRole('textbox', { name: 'Nhiệm vụ' }).fill(TASK);
    await add.getByRole('combobox', { name: 'Cơ quan được giao' }).fill('bo tu phap');
    await p.getByRole('option', { name: 'Bộ Tư pháp (000.00.00.G15)' }).first().click();
    await add.getByLabel('Hạn hoàn thành').fill(dueOn);
    await add.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await p.getByText(`Đã giao nhiệm vụ “${TASK}”.`).waitFor();
    await notice.getByRole('textbox', { name: 'Số, ký hiệu (ví dụ 45/TB-VPCP)' }).fill('45/TB-VPCP');
    await notice.getByRole('button', { name: 'Ban hành' }).click();
    await p
      .getByRole('dialog', { name: 'Ban hành thông báo kết luận?' })
      .getByRole('button', { name: 'Ban hành' })
      .click();
    await p.getByText('Đã ban hành thông báo kết luận 45/TB-VPCP.').waitFor();
    await notice.getByText(TASK).waitFor();
    await notice.getByText('Sắp đến hạn').waitFor();
    await screenshot(p, 'followup-conclusion-phone');

    // Days later: the server restarts with its clock moved past 5 working days overdue.
    const later = calendar.addWorkingDays(dueOn, 6).date;
    const offset = new Date(`${later}T10:00:00+07:00`).getTime() - Date.now();
    await server!.stop();
    await start(offset);

    p = await page();
    await signIn(p);
    await p.goto('/admin/outbox');
    await p.getByRole('heading', { level: 1, name: 'Hộp thư đi' }).waitFor();
    const escalation = `Cảnh báo mức cao: nhiệm vụ quá hạn kéo dài: ${TASK}`;
    await expect
      .poll(
        async () => {
          await p.reload();
          await p.getByRole('heading', { level: 1, name: 'Hộp thư đi' }).waitFor();
          return p.getByText(escalation).first().isVisible();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe(true);
    await screenshot(p, 'followup-outbox-phone');

    await p.goto('/cabinet/tasks');
    await p.getByRole('heading', { level: 1, name: 'Nhiệm vụ sau phiên họp' }).waitFor();
    await p.getByText(/^Quá hạn \(\d+\)$/).click();
    const card = p.getByRole('listitem').filter({ hasText: TASK });
    await card.getByText('Quá hạn 6 ngày làm việc').waitFor();
    const color = await card.getByText('Quá hạn 6 ngày làm việc').evaluate((el) => {
      const badge = el.closest('.mantine-Badge-root') ?? el;
      return getComputedStyle(badge).backgroundColor;
    });
    expect(color).toMatch(/^rgb\((2[0-5]\d|1[5-9]\d), \d{1,2}, \d{1,2}\)$/); // red
    expect(await scrollWidth(p)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(p, 'followup-board-phone');
  });
});
