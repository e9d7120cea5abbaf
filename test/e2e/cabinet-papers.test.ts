import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumInstalled } from './support/browser.js';
import { screenshot, signIn, useJourney } from './support/journey.js';

/** A minimal PDF: the server recognises papers by their content, and this is enough to be one. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

/** The demo session (next month's regular meeting of the Government, seeded at start). */
async function demoMeetingId(page: Page): Promise<string> {
  const list = await page.evaluate(() =>
    fetch('/api/cabinet/meetings').then((r) => r.json() as Promise<{ items: { id: string }[] }>),
  );
  const id = list.items[0]?.id;
  if (!id) throw new Error('the demo session is missing');
  return id;
}

/** Picks a file through the upload control, as the file chooser a person would see. */
async function chooseFile(page: Page, control: Locator, name: string, buffer: Buffer): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), control.click()]);
  await chooser.setFiles({ name, mimeType: 'application/pdf', buffer });
}

/** Issue: the Government Office prepares a session's agenda and papers. */
describe.skipIf(!chromiumInstalled)('e-Cabinet agenda and papers', () => {
  const journey = useJourney();

  it('the office adds an item, a paper with a PDF version, and a classified paper that takes no upload', async () => {
    const page = await journey.page();
    await signIn(page);
    await page.goto(`/cabinet/meetings/${await demoMeetingId(page)}`);
    const editor = page.getByRole('region', { name: 'Chương trình và tài liệu phiên họp' });
    await editor.waitFor();

    await editor.getByRole('button', { name: 'Thêm nội dung' }).click();
    const add = page.getByRole('dialog', { name: 'Thêm nội dung vào chương trình' });
    await add.getByRole('textbox', { name: 'Tên nội dung' }).fill('Dự án Luật Dữ liệu cá nhân');
    await add.getByRole('textbox', { name: 'Thời lượng dự kiến (phút)' }).fill('45');
    await add.getByRole('button', { name: 'Thêm nội dung' }).click();
    await page.getByText('Đã thêm nội dung “Dự án Luật Dữ liệu cá nhân”.').waitFor();
    const item = editor
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Dự án Luật Dữ liệu cá nhân' }) });
    await item.getByText('45 phút').waitFor();

    await item.getByRole('button', { name: 'Thêm tài liệu cho nội dung Dự án Luật Dữ liệu cá nhân' }).click();
    let paper = page.getByRole('dialog', { name: 'Thêm tài liệu' });
    await paper.getByRole('textbox', { name: 'Tên tài liệu' }).fill('Tờ trình dự án Luật');
    await paper.getByRole('combobox', { name: 'Loại tài liệu' }).selectOption('submission');
    await paper.getByRole('textbox', { name: 'Số, ký hiệu' }).fill('123/TTr-BTP');
    await paper.getByRole('button', { name: 'Thêm tài liệu' }).click();
    await page.getByText('Đã thêm tài liệu “Tờ trình dự án Luật”.').waitFor();

    await chooseFile(page, item.getByLabel('Tệp tài liệu (PDF, DOCX, PNG, JPG)'), 'to-trinh.pdf', PDF);
    await item.getByRole('button', { name: 'Tải lên', exact: true }).click();
    await page.getByText('Đã tải lên phiên bản 1 của “Tờ trình dự án Luật”.').waitFor();
    const versions = item.getByRole('list', { name: 'Các phiên bản của Tờ trình dự án Luật' });
    await versions.getByText('Phiên bản 1').waitFor();
    const sha = await page.evaluate(async () => {
      const bytes = new TextEncoder().encode(
        '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
          'trailer<</Root 1 0 R>>\n%%EOF\n',
      );
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    });
    await expect(versions.getByTitle(sha).innerText()).resolves.toBe(`${sha.slice(0, 12)}…`);

    await item.getByRole('button', { name: 'Thêm tài liệu cho nội dung Dự án Luật Dữ liệu cá nhân' }).click();
    paper = page.getByRole('dialog', { name: 'Thêm tài liệu' });
    await paper.getByRole('textbox', { name: 'Tên tài liệu' }).fill('Báo cáo đánh giá tác động');
    await paper.getByRole('combobox', { name: 'Độ mật' }).selectOption('mat');
    await paper.getByText('Tài liệu mật — chỉ phát hành bản giấy, không tải nội dung lên hệ thống').waitFor();
    await paper.getByRole('textbox', { name: 'Ghi chú phát hành bản giấy' }).fill('20 bản, thu hồi sau họp');
    await paper.getByRole('button', { name: 'Thêm tài liệu' }).click();
    await page.getByText('Đã thêm tài liệu “Báo cáo đánh giá tác động”.').waitFor();
    const classified = item
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Báo cáo đánh giá tác động' }) });
    await classified
      .getByText('Tài liệu mật — chỉ phát hành bản giấy, không tải nội dung lên hệ thống')
      .waitFor();
    expect(await classified.getByLabel('Tệp tài liệu (PDF, DOCX, PNG, JPG)').count()).toBe(0);
    expect(await classified.getByRole('button', { name: 'Tải lên' }).count()).toBe(0);
    // The unclassified paper still offers its upload: the difference is the classification, not the page.
    expect(await item.getByLabel('Tệp tài liệu (PDF, DOCX, PNG, JPG)').count()).toBe(1);
    await screenshot(page, 'cabinet-papers');
  });
});
