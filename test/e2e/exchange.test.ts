import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumInstalled, DESKTOP, scrollWidth } from './support/browser.js';
import { contrastProblems } from './support/contrast.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

const PASSWORD = 'Demo@2026';
const MINISTRY_CLERK = { username: 'vanthu.btc', password: PASSWORD } as const;
const OFFICE_CLERK = { username: 'vanthu.vpcp', password: PASSWORD } as const;
const TABLET = { width: 820, height: 1180 } as const;
const PHONE = { width: 390, height: 844 } as const;
/** Where people look at the journey's pictures (besides the suite's own folder). */
const SHOTS = process.env['EXCHANGE_SHOTS_DIR'] ?? '/tmp/exchange-shots';

/** One of the demo letters from the Government Office (G22) to the Ministry of Finance (G12). */
const LETTER = 'Về việc báo cáo tình hình giải ngân vốn đầu tư công quý I';
const NEW_SUBJECT = 'Về việc góp ý dự thảo Thông tư hướng dẫn kết nối Trục liên thông văn bản quốc gia';

async function shot(page: Page, name: string): Promise<void> {
  const file = await screenshot(page, `exchange-${name}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.copyFileSync(file, path.join(SHOTS, `${name}.png`));
}

/** The hub delivers in the background: read the page again until `target` shows (or give up). */
async function reloadUntil(page: Page, target: Locator, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await target.waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await page.reload();
    }
  }
}

async function pdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 12, font });
  return Buffer.from(await doc.save());
}

async function openExchange(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Liên thông văn bản' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Liên thông văn bản' }).waitFor();
}

/** The statuses of a document's timeline (an incoming one), or of one recipient's (an outgoing one). */
const statuses = (list: Locator) =>
  list
    .locator(':scope > li')
    .evaluateAll((items) =>
      items.map((li) => li.querySelector('.mantine-Badge-label')?.textContent?.trim() ?? ''),
    );

/** Takes one step on the open document through its dialog, and waits for the confirmation. */
async function step(
  page: Page,
  button: string,
  dialogTitle: string,
  done: string | RegExp,
  fill?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await page
    .getByRole('group', { name: 'Xử lý văn bản' })
    .getByRole('button', { name: button, exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: dialogTitle });
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(done).waitFor();
}

describe.skipIf(!chromiumInstalled)('document exchange between two agencies', () => {
  const journey = useJourney();

  it('the Ministry registers, assigns, processes and completes a letter while the sender watches its statuses', async () => {
    // The Government Office's clerk opens the letter she sent before the Ministry does anything with it.
    const office = await journey.page(TABLET);
    await signIn(office, OFFICE_CLERK);
    await openExchange(office);
    await office.getByRole('tab', { name: 'Văn bản đi' }).click();
    const sent = office.getByRole('list', { name: 'Danh sách văn bản đi' });
    await reloadUntil(office, sent.getByRole('link', { name: LETTER }));
    expect(await contrastProblems(office)).toEqual([]);
    await shot(office, 'outbox-tablet');
    await sent.getByRole('link', { name: LETTER }).click();
    await office.getByRole('heading', { level: 1, name: LETTER }).waitFor();
    const answers = office.getByRole('list', { name: 'Nơi nhận Bộ Tài chính (000.00.00.G12)' });
    await reloadUntil(office, answers.getByText('Đã đến', { exact: true }));
    expect(await statuses(answers)).toEqual(['Đã đến']);

    // The Ministry's clerk finds the demo letters in the incoming register (the hub delivers in the background).
    const ministry = await journey.page(DESKTOP);
    await signIn(ministry, MINISTRY_CLERK);
    await openExchange(ministry);
    const inbox = ministry.getByRole('table', { name: 'Danh sách văn bản đến' });
    await reloadUntil(ministry, inbox.getByRole('link', { name: LETTER }));
    await inbox.getByRole('link', { name: /hóa đơn, chứng từ/ }).waitFor();
    expect(await contrastProblems(ministry)).toEqual([]);
    await shot(ministry, 'inbox-desktop');

    // Typed without diacritics, the subject still finds the letter, and only it.
    await ministry
      .getByRole('searchbox', { name: 'Tìm theo trích yếu, số, ký hiệu hoặc nơi gửi' })
      .fill('giai ngan von dau tu cong');
    await expect.poll(() => new URL(ministry.url()).searchParams.get('q')).toBe('giai ngan von dau tu cong');
    await ministry.getByText('Văn bản 1–1 trong tổng số 1').waitFor();
    expect(await inbox.locator('tbody tr').count()).toBe(1);
    await shot(ministry, 'inbox-search-desktop');

    await inbox.getByRole('link', { name: LETTER }).click();
    await ministry.getByRole('heading', { level: 1, name: LETTER }).waitFor();
    const timeline = ministry.getByRole('list', { name: 'Quá trình xử lý' });
    expect(await statuses(timeline)).toEqual(['Đã đến']);
    expect(await contrastProblems(ministry)).toEqual([]);
    await shot(ministry, 'incoming-desktop');

    // Register: the next incoming number of the year.
    await step(ministry, 'Vào sổ', 'Vào sổ văn bản đến', /^Đã vào sổ văn bản, số đến \d+\.$/);
    const overview = ministry.getByRole('region', { name: 'Thông tin văn bản' });
    const number = (await ministry.getByText(/^Đã vào sổ văn bản, số đến \d+\.$/).innerText()).match(
      /\d+/,
    )![0];
    await overview.getByText('Số đến').waitFor();
    expect(await statuses(timeline)).toEqual(['Đã đến', 'Đã vào sổ']);

    // The sender sees the answer arrive without reloading.
    await answers.getByText('Đã vào sổ', { exact: true }).waitFor({ timeout: 30_000 });

    // Assign to a person of the Ministry, found by her post typed without diacritics.
    await step(
      ministry,
      'Phân công xử lý',
      'Phân công xử lý',
      'Đã phân công xử lý văn bản.',
      async (dialog) => {
        await dialog.getByText('Cá nhân', { exact: true }).click();
        await dialog.getByRole('combobox', { name: 'Người xử lý' }).fill('ngan sach');
        await ministry
          .getByRole('option', { name: 'Đặng Thị Ngân — Chuyên viên Vụ Ngân sách nhà nước' })
          .click();
        expect(await contrastProblems(ministry)).toEqual([]);
        await shot(ministry, 'assign-desktop');
        await dialog.getByRole('textbox', { name: 'Ghi chú' }).fill('Báo cáo trước ngày 04/12.');
      },
    );
    await overview.getByText('Đặng Thị Ngân').waitFor();
    expect(await statuses(timeline)).toEqual(['Đã đến', 'Đã vào sổ', 'Đã phân công']);
    await timeline.getByText('Phân công xử lý: Đặng Thị Ngân: Báo cáo trước ngày 04/12.').waitFor();

    await step(ministry, 'Bắt đầu xử lý', 'Bắt đầu xử lý', 'Đã ghi nhận văn bản đang được xử lý.');
    expect(await statuses(timeline)).toEqual(['Đã đến', 'Đã vào sổ', 'Đã phân công', 'Đang xử lý']);
    await step(ministry, 'Hoàn thành', 'Hoàn thành xử lý', 'Đã ghi nhận văn bản hoàn thành xử lý.');
    expect(await statuses(timeline)).toEqual([
      'Đã đến',
      'Đã vào sổ',
      'Đã phân công',
      'Đang xử lý',
      'Hoàn thành',
    ]);
    await overview.getByText('Hoàn thành', { exact: true }).waitFor();
    expect(await ministry.getByRole('group', { name: 'Xử lý văn bản' }).count()).toBe(0);
    expect(await contrastProblems(ministry)).toEqual([]);
    await shot(ministry, 'incoming-completed-desktop');

    // The sender's page follows: 01 received, 03 registered, 04 assigned, 05 processing, 06 completed.
    await answers.getByText('Hoàn thành', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await statuses(answers)).toEqual([
      'Đã đến',
      'Đã vào sổ',
      'Đã phân công',
      'Đang xử lý',
      'Hoàn thành',
    ]);
    expect(await contrastProblems(office)).toEqual([]);
    await shot(office, 'outgoing-statuses-tablet');
    // The outbox list shows the recipient's latest answer.
    await office.getByRole('link', { name: 'Về danh sách văn bản' }).click();
    await sent
      .getByRole('listitem')
      .filter({ hasText: LETTER })
      .getByText('Hoàn thành', { exact: true })
      .waitFor();

    // On a phone: cards, the incoming number shown, nothing scrolls sideways.
    await ministry.setViewportSize(PHONE);
    await ministry.getByRole('link', { name: 'Về danh sách văn bản' }).click();
    const cards = ministry.getByRole('list', { name: 'Danh sách văn bản đến' });
    await cards.getByText(`Số đến: ${number}`).waitFor();
    expect(await scrollWidth(ministry)).toBeLessThanOrEqual(PHONE.width);
    await shot(ministry, 'inbox-phone');
    await cards.getByRole('link', { name: LETTER }).click();
    await ministry.getByRole('heading', { level: 1, name: LETTER }).waitFor();
    expect(await scrollWidth(ministry)).toBeLessThanOrEqual(PHONE.width);
    await shot(ministry, 'incoming-phone');
  });

  it('the Government Office sends a new document with its PDF from a tablet, the Ministry receives it, and it is recalled', async () => {
    const office = await journey.page(TABLET);
    await signIn(office, OFFICE_CLERK);
    await openExchange(office);
    await office.getByRole('link', { name: 'Soạn văn bản đi' }).click();
    await office.getByRole('heading', { level: 1, name: 'Soạn văn bản đi' }).waitFor();
    const form = office.getByRole('form', { name: 'Soạn văn bản đi' });
    await form.getByRole('textbox', { name: 'Số', exact: true }).fill('1301');
    await form.getByRole('textbox', { name: 'Ký hiệu', exact: true }).fill('VPCP-KSTT');
    await form.getByRole('textbox', { name: 'Loại văn bản' }).fill('Công văn');
    await form.getByRole('textbox', { name: 'Trích yếu' }).fill(NEW_SUBJECT);
    await form.getByRole('textbox', { name: 'Họ tên người ký' }).fill('Trần Văn Minh');
    await form.getByRole('textbox', { name: 'Chức vụ người ký' }).fill('Phó Chủ nhiệm');
    await form.getByRole('textbox', { name: 'Thẩm quyền ký' }).fill('KT. BỘ TRƯỞNG, CHỦ NHIỆM');
    await form.getByRole('textbox', { name: 'Địa danh ban hành' }).fill('Hà Nội');
    await form.getByRole('combobox', { name: 'Độ khẩn' }).selectOption({ label: 'Khẩn' });
    await form.locator('input[type="file"]').setInputFiles({
      name: 'Công văn 1301-VPCP-KSTT.pdf',
      mimeType: 'application/pdf',
      buffer: await pdf('Cong van 1301/VPCP-KSTT'),
    });
    await form.getByText('Công văn 1301-VPCP-KSTT.pdf').waitFor();

    // The recipient is found by its name typed without diacritics (blanks do not cut the search short).
    const recipients = form.getByRole('combobox', { name: 'Nơi nhận (mã định danh)' });
    await recipients.pressSequentially('bo tai chinh', { delay: 20 });
    await office.getByRole('option', { name: 'Bộ Tài chính (000.00.00.G12)' }).click();
    await form.getByText('000.00.00.G12', { exact: true }).waitFor();
    expect(await scrollWidth(office)).toBeLessThanOrEqual(TABLET.width);
    expect(await contrastProblems(office)).toEqual([]);
    await shot(office, 'compose-tablet');

    await form.getByRole('button', { name: 'Gửi văn bản' }).click();
    await office.getByRole('heading', { level: 1, name: NEW_SUBJECT }).waitFor();
    await office
      .getByText('Đã gửi văn bản; trạng thái của từng nơi nhận hiện bên dưới khi trục chuyển đi.')
      .waitFor();
    await office.getByRole('link', { name: 'Tải xuống Công văn 1301-VPCP-KSTT.pdf', exact: false }).waitFor();
    const answers = office.getByRole('list', { name: 'Nơi nhận Bộ Tài chính (000.00.00.G12)' });
    await answers.getByText('Đã đến', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await contrastProblems(office)).toEqual([]);
    await shot(office, 'sent-tablet');

    // It reaches the Ministry's incoming register, with its file.
    const ministry = await journey.page(TABLET);
    await signIn(ministry, MINISTRY_CLERK);
    await openExchange(ministry);
    const cards = ministry.getByRole('list', { name: 'Danh sách văn bản đến' });
    await reloadUntil(ministry, cards.getByRole('link', { name: NEW_SUBJECT }));
    await cards.getByRole('listitem').filter({ hasText: NEW_SUBJECT }).getByText('1301/VPCP-KSTT').waitFor();
    await cards
      .getByRole('listitem')
      .filter({ hasText: NEW_SUBJECT })
      .getByText('Khẩn', { exact: true })
      .waitFor();
    expect(await scrollWidth(ministry)).toBeLessThanOrEqual(TABLET.width);
    await shot(ministry, 'inbox-tablet');
    await cards.getByRole('link', { name: NEW_SUBJECT }).click();
    await ministry.getByRole('heading', { level: 1, name: NEW_SUBJECT }).waitFor();
    const download = ministry.waitForEvent('download');
    await ministry.getByRole('link', { name: /^Tải xuống Công văn 1301-VPCP-KSTT\.pdf/ }).click();
    const file = await (await download).path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await contrastProblems(ministry)).toEqual([]);
    await shot(ministry, 'received-tablet');

    // The Office recalls it with a reason; the Ministry sees the request for what it is, and agrees.
    await step(office, 'Thu hồi', 'Thu hồi văn bản đã gửi', 'Đã gửi đề nghị thu hồi đến các nơi nhận.', (d) =>
      d.getByRole('textbox', { name: 'Lý do' }).fill('Gửi nhầm bản dự thảo cũ'),
    );
    const own = office.getByRole('list', {
      name: 'Thao tác của cơ quan gửi Văn phòng Chính phủ (000.00.00.G22)',
    });
    await own.getByText('Đề nghị thu hồi', { exact: true }).waitFor();
    await ministry.getByRole('link', { name: 'Về danh sách văn bản' }).click();
    const request = cards
      .getByRole('listitem')
      .filter({ hasText: NEW_SUBJECT })
      .filter({ has: ministry.getByText('Thu hồi văn bản', { exact: true }) });
    await reloadUntil(ministry, request);
    expect(await contrastProblems(ministry)).toEqual([]);
    await shot(ministry, 'recall-request-tablet');
    await request.getByRole('link', { name: NEW_SUBJECT }).click();
    await ministry.getByText('Văn bản này là đề nghị Thu hồi văn bản', { exact: false }).waitFor();
    await ministry.getByText('Lý do: Gửi nhầm bản dự thảo cũ', { exact: false }).waitFor();
    await step(ministry, 'Đồng ý', 'Đồng ý đề nghị', 'Đã đồng ý đề nghị của cơ quan gửi.');
    // The recalled document is marked so in the register; the Office reads the agreement.
    await ministry.getByRole('link', { name: 'Về danh sách văn bản' }).click();
    await cards
      .getByRole('listitem')
      .filter({ hasText: NEW_SUBJECT })
      .getByText('Đã thu hồi', { exact: true })
      .waitFor();
    await answers.getByText('Đồng ý thu hồi/cập nhật', { exact: true }).waitFor({ timeout: 30_000 });
    // Its only recipient agreed: the Office's own document is now recalled too.
    await office
      .getByRole('region', { name: 'Thông tin văn bản' })
      .getByText('Đã thu hồi', { exact: true })
      .waitFor();
    // The answers about the recall request (its arrival, the agreement) say so.
    expect(await answers.getByText('Về đề nghị thu hồi văn bản').count()).toBe(2);
    expect(await contrastProblems(office)).toEqual([]);
    await shot(office, 'recalled-tablet');
  });
  it('the hub administrator sees the connected system and the traffic of the day, on a desk and a phone', async () => {
    const admin = await journey.page(DESKTOP);
    await signIn(admin);
    await admin
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Trục liên thông' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Trục liên thông văn bản' }).waitFor();
    const systems = admin.getByRole('list', { name: 'Danh sách hệ thống kết nối' });
    const local = systems.getByRole('listitem').filter({ hasText: 'local' });
    // The node registers its `local` system at the hub on its first round.
    await reloadUntil(admin, local.getByText('000.00.00.G12', { exact: true }));
    await local.getByText('000.00.00.G22', { exact: true }).waitFor();
    expect(await contrastProblems(admin)).toEqual([]);
    await shot(admin, 'hub-systems-desktop');

    // A demo letter and the statuses that answer it, found by its number and notation.
    await admin.getByRole('tab', { name: 'Lưu lượng gói tin' }).click();
    const traffic = admin.getByRole('list', { name: 'Danh sách gói tin' });
    await traffic.getByRole('button').first().waitFor();
    await admin
      .getByRole('searchbox', { name: 'Tìm theo trích yếu, ký hiệu, mã văn bản hoặc mã cơ quan' })
      .fill('1205/VPCP-KTTH');
    const cards = traffic.getByRole('button');
    await expect.poll(() => cards.filter({ hasNotText: '1205/VPCP-KTTH' }).count()).toBe(0);
    await cards.filter({ hasText: 'Trạng thái · Đã đến' }).first().waitFor();
    await cards.filter({ hasText: LETTER }).waitFor();
    expect(await contrastProblems(admin)).toEqual([]);
    await shot(admin, 'hub-traffic-desktop');
    await cards.filter({ hasText: LETTER }).click();
    const message = admin.getByRole('dialog', { name: 'Gói tin' });
    await message.getByText('Đã chuyển', { exact: true }).first().waitFor();
    // The journey reads in Vietnamese: where it was routed, and what the hub found on arrival.
    await message.getByText('Đến hệ thống local', { exact: true }).first().waitFor();
    await message
      .getByText(/ · chữ ký: .+ · \d+ cảnh báo$/)
      .first()
      .waitFor();
    expect(await contrastProblems(admin)).toEqual([]);
    await shot(admin, 'hub-message-desktop');
    await message.getByRole('button', { name: 'Đóng' }).first().click();
    await message.waitFor({ state: 'hidden' });

    await admin.setViewportSize(PHONE);
    await traffic.getByRole('button').first().waitFor();
    await shot(admin, 'hub-traffic-phone');
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(PHONE.width);
    // All of the day's traffic, statuses with long descriptions included.
    await admin.getByRole('searchbox', { name: /^Tìm theo trích yếu, ký hiệu/ }).fill('');
    await expect.poll(() => cards.filter({ hasNotText: '1205/VPCP-KTTH' }).count()).toBeGreaterThan(0);
    await shot(admin, 'hub-traffic-all-phone');
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(PHONE.width);
  });

  it('the administrator registers a machine application, then a document system that signs in with it', async () => {
    const admin = await journey.page(DESKTOP);
    await signIn(admin);
    await admin.goto('/admin/oidc-clients');
    await admin.getByRole('button', { name: 'Đăng ký ứng dụng' }).click();
    const app = admin.getByRole('form', { name: 'Đăng ký ứng dụng liên kết' });
    await app.getByRole('textbox', { name: 'Tên hệ thống' }).fill('Hệ thống quản lý văn bản Bộ Tư pháp');
    await app.getByRole('combobox', { name: 'Cơ quan quản lý' }).pressSequentially('tu phap', { delay: 20 });
    await admin
      .getByRole('option', { name: /^Bộ Tư pháp \(/ })
      .first()
      .click();
    await app.getByRole('radio', { name: 'Ứng dụng máy (không có người đăng nhập)' }).check();
    // A machine signs nobody in: no address to send people back to.
    expect(await app.getByRole('textbox', { name: /redirect URI/ }).count()).toBe(0);
    await app.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const clientId = (await admin.locator('[aria-labelledby="oidc-client-id"]').innerText()).trim();
    expect(clientId).not.toBe('');
    await admin.getByRole('button', { name: 'Tôi đã lưu khoá bí mật' }).click();

    await admin.goto('/exchange/hub');
    await admin.getByRole('button', { name: 'Đăng ký hệ thống' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Đăng ký hệ thống kết nối' });
    await dialog.getByRole('textbox', { name: 'Mã hệ thống' }).fill('qlvb-bo-tu-phap');
    await dialog.getByRole('textbox', { name: 'Tên hệ thống' }).fill('QLVB Bộ Tư pháp');
    const agencies = dialog.getByRole('combobox', { name: /^Mã định danh các cơ quan/ });
    await agencies.pressSequentially('bo tu phap', { delay: 20 });
    await admin
      .getByRole('option', { name: /^Bộ Tư pháp \(/ })
      .first()
      .click();
    await dialog.getByRole('textbox', { name: 'Ứng dụng máy OIDC (không bắt buộc)' }).fill(clientId);
    expect(await contrastProblems(admin)).toEqual([]);
    await shot(admin, 'hub-register-oidc-desktop');
    await dialog.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await dialog.getByRole('button', { name: 'Tôi đã lưu khoá' }).click();
    const system = admin
      .getByRole('list', { name: 'Danh sách hệ thống kết nối' })
      .getByRole('listitem')
      .filter({ hasText: 'QLVB Bộ Tư pháp' });
    await system.getByText(clientId, { exact: true }).waitFor();
  });
});
