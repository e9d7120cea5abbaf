import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type SmtpTestServer } from '../support/message-servers.js';
import { DESKTOP, PHONE, chromiumInstalled, scrollWidth } from './support/browser.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

/**
 * Issue 4's first journeys: the Government Office sends the invitations of the demo session (they appear in
 * the outbox and reach a real local SMTP server), then a Government member on a phone opens the session and
 * confirms attendance.
 */
describe.skipIf(!chromiumInstalled)('e-Cabinet meetings', () => {
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });
  const journey = useJourney({ env: () => ({ SMTP_URL: smtp.url }) });
  const session = /^Phiên họp Chính phủ thường kỳ tháng \d+\/\d{4}$/;

  it('the Government Office sends the invitations of the demo session, and the outbox has them', async () => {
    const page = await journey.page(DESKTOP);
    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Họp Chính phủ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Họp Chính phủ' }).waitFor();
    await page.getByRole('tab', { name: 'Phiên họp do Văn phòng chuẩn bị' }).click();
    await page.getByRole('link', { name: session }).first().click();
    await page.getByRole('heading', { level: 1, name: session }).waitFor();
    await page.getByText('Chưa gửi giấy mời').waitFor();

    await page.getByRole('button', { name: 'Gửi giấy mời' }).click();
    const answer = page.getByText(/^Đã gửi giấy mời tới \d+ người/);
    await answer.waitFor();
    expect(Number(/tới (\d+) người/.exec(await answer.innerText())?.[1])).toBeGreaterThan(0);
    await page.getByText('Đã gửi giấy mời', { exact: true }).first().waitFor(); // the status badge
    await screenshot(page, 'cabinet-meeting-invited');

    await nav.getByRole('link', { name: 'Hộp thư đi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hộp thư đi' }).waitFor();
    const list = page.getByRole('table', { name: 'Danh sách thư' });
    const invitations = list.getByRole('row').filter({ hasText: /Giấy mời: Phiên họp Chính phủ thường kỳ/ });
    await invitations.first().waitFor();
    expect(await invitations.filter({ hasText: 'Thư điện tử' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'cabinet-outbox-invitations');

    // The delivery job hands the e-mails to the SMTP relay: the Prime Minister's arrives, with the calendar file.
    // (The demo's open ballot has mailed him too: look for the invitation.)
    const deadline = Date.now() + 60_000;
    const toPrimeMinister = () =>
      smtp.messages.find((m) => m.to.includes('thutuong@cpdt.local') && m.subject.startsWith('Giấy mời:'));
    while (!toPrimeMinister() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const mail = toPrimeMinister();
    expect(mail, 'no invitation reached the SMTP server').toBeDefined();
    expect(mail!.subject).toMatch(/^Giấy mời: Phiên họp Chính phủ thường kỳ tháng \d+\/\d{4}$/);
    expect(mail!.text).toContain('trân trọng kính mời dự Phiên họp Chính phủ thường kỳ');
    const ics = mail!.attachments.find((a) => a.filename === 'phien-hop.ics');
    expect(ics?.contentType).toBe('text/calendar');
    expect(ics!.content.toString('utf8')).toContain('METHOD:REQUEST');
    expect(ics!.content.toString('utf8')).toContain('BEGIN:VEVENT');
  });

  it('a Government member on a phone opens the session and confirms attendance', async () => {
    const page = await journey.page(PHONE);
    await signIn(page, { username: 'botruong.tuphap', password: 'Demo@2026' });
    await page.goto('/cabinet');
    await page.getByRole('heading', { level: 1, name: 'Họp Chính phủ' }).waitFor();
    await page.getByRole('link', { name: session }).first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'cabinet-list-phone');
    await page.getByRole('link', { name: session }).first().click();
    await page.getByRole('heading', { level: 1, name: session }).waitFor();
    const me = page
      .getByRole('list', { name: 'Thành viên' })
      .getByRole('listitem')
      .filter({ hasText: 'Hoàng Văn Dũng' });
    await me.getByText('Chưa trả lời').waitFor();

    await page.getByRole('button', { name: 'Xác nhận tham dự' }).click();
    await page.getByText('Đã xác nhận tham dự.').waitFor();
    await me.getByText('Xác nhận dự').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'cabinet-meeting-phone');
  });

  it('the Government Office creates a thematic meeting in Vietnam time, then cancels it', async () => {
    const page = await journey.page(DESKTOP);
    await signIn(page);
    await page.goto('/cabinet');
    await page.getByRole('button', { name: 'Tạo phiên họp' }).click();
    const form = page.getByRole('dialog', { name: 'Tạo phiên họp' });
    await form.getByRole('combobox', { name: 'Cơ quan họp' }).selectOption({ label: 'Chính phủ (CP)' });
    await form.getByRole('textbox', { name: 'Tên phiên họp' }).fill('Họp chuyên đề xây dựng pháp luật');
    await form.getByRole('combobox', { name: 'Loại phiên họp' }).selectOption('thematic');
    await form.getByLabel('Bắt đầu (giờ Việt Nam)').fill('2027-03-10T14:00');
    await form.getByLabel('Kết thúc (giờ Việt Nam)').fill('2027-03-10T17:00');
    await form.getByRole('textbox', { name: 'Địa điểm' }).fill('Phòng họp số 2');
    await form.getByRole('button', { name: 'Tạo phiên họp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Họp chuyên đề xây dựng pháp luật' }).waitFor();
    await page.getByText('10/03/2027 14:00 – 17:00').waitFor();
    const id = /\/cabinet\/meetings\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    const saved = await page.evaluate(
      (meetingId) => fetch(`/api/cabinet/meetings/${meetingId}`).then((r) => r.json()),
      id,
    );
    expect(saved).toMatchObject({ kind: 'thematic', plannedStart: '2027-03-10T07:00:00.000Z' });

    await page.getByRole('button', { name: 'Huỷ phiên họp' }).click();
    const confirm = page.getByRole('dialog', { name: 'Huỷ phiên họp' });
    await confirm.getByRole('textbox', { name: 'Lý do huỷ' }).fill('Lùi sang tháng sau');
    await confirm.getByRole('button', { name: 'Huỷ phiên họp' }).click();
    await page.getByText('Đã huỷ phiên họp.').waitFor();
    await page.getByText('Lùi sang tháng sau').waitFor();
  });
});
