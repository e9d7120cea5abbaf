import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { embedVietnameseFont } from '../../src/platform/pdf/index.js';
import { chromiumInstalled, scrollWidth } from './support/browser.js';
import { screenshot, signIn } from './support/journey.js';
import { useJourney } from './support/journey.js';

const MEMBER = { username: 'botruong.tuphap', password: 'Demo@2026' } as const;
const PHONE = { width: 390, height: 844 } as const;

/** A PDF with one page per entry, in a Vietnamese-capable font, as a base64 string for the browser. */
async function textPdf(pages: string[][]): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await embedVietnameseFont(doc);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 24, size: 14, font }));
  }
  return Buffer.from(await doc.save()).toString('base64');
}

/** The office's calls, made from its signed-in page as the web app makes them. */
function officeApi(page: Page) {
  return {
    meetingId: () =>
      page.evaluate(async () => {
        const list = (await (await fetch('/api/cabinet/meetings')).json()) as { items: { id: string }[] };
        return list.items[0]!.id;
      }),
    createPaper: (meetingId: string, title: string) =>
      page.evaluate(
        async ([m, t]) => {
          const res = await fetch(`/api/cabinet/meetings/${m}/papers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ title: t, kind: 'draft_law', classification: 'internal' }),
          });
          return ((await res.json()) as { id: string }).id;
        },
        [meetingId, title] as const,
      ),
    upload: (meetingId: string, paperId: string, pdf: string, name: string) =>
      page.evaluate(
        async ([m, p, b64, n]) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const form = new FormData();
          form.append('file', new Blob([bytes], { type: 'application/pdf' }), n);
          const res = await fetch(`/api/cabinet/meetings/${m}/papers/${p}/versions`, {
            method: 'POST',
            body: form,
          });
          return res.status;
        },
        [meetingId, paperId, pdf, name] as const,
      ),
    /** Waits until the server's job made the version viewable. */
    ready: async (meetingId: string, paperId: string, version: number) => {
      for (let i = 0; i < 120; i++) {
        const state = await page.evaluate(
          async ([m, p]) => {
            const paper = (await (await fetch(`/api/cabinet/meetings/${m}/papers/${p}`)).json()) as {
              latestVersion: { version: number; viewState: string } | null;
            };
            return paper.latestVersion;
          },
          [meetingId, paperId] as const,
        );
        if (state?.version === version && state.viewState === 'ready') return;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error('the viewable PDF was not made');
    },
  };
}

/** Issue 4: a member reads a paper on a phone, notes on it, and the note follows a new version. */
describe.skipIf(!chromiumInstalled)('e-Cabinet paper viewer', () => {
  const journey = useJourney();

  it('a member on a phone reads a paper, annotates it, and finds the note again on the new version', async () => {
    const office = await journey.page();
    await signIn(office);
    const api = officeApi(office);
    const meetingId = await api.meetingId();
    const paperId = await api.createPaper(meetingId, 'Dự án Luật Chính phủ điện tử');
    const v1 = await textPdf([
      ['Chương I. Quy định chung', 'Điều 1. Phạm vi điều chỉnh của Luật này.', 'Điều 2. Đối tượng áp dụng.'],
    ]);
    expect(await api.upload(meetingId, paperId, v1, 'Dự án Luật.pdf')).toBe(201);
    await api.ready(meetingId, paperId, 1);

    const page = await journey.page(PHONE);
    await signIn(page, MEMBER);
    await page.goto(`/cabinet/meetings/${meetingId}/papers/${paperId}`);
    await page.getByRole('heading', { level: 1, name: 'Dự án Luật Chính phủ điện tử' }).waitFor();
    const span = page.locator('.textLayer span', { hasText: 'Phạm vi điều chỉnh' });
    await span.waitFor();
    // the page was drawn: the canvas has dark (text) pixels
    const inked = await page.evaluate(() => {
      const canvas = document.querySelector('canvas')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 3]! > 0) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(100);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // select the words, as a long press would
    await span.evaluate((el) => {
      const node = el.firstChild!;
      const text = node.textContent!;
      const start = text.indexOf('Phạm vi điều chỉnh');
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + 'Phạm vi điều chỉnh'.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await page.getByText('Đoạn đã chọn: “Phạm vi điều chỉnh”').waitFor();
    await page.getByRole('button', { name: 'Ghi chú', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm ghi chú' });
    await dialog
      .getByRole('textbox', { name: 'Nội dung ghi chú' })
      .fill('Cần nói rõ phạm vi với chính quyền cấp xã');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã thêm ghi chú.').waitFor();
    const notes = page.getByRole('list', { name: 'Ghi chú riêng của tôi' });
    await notes.getByText('Cần nói rõ phạm vi với chính quyền cấp xã').waitFor();
    // The quoted words are marked on the page itself.
    await page.locator('.textLayer .cpdt-note-mark', { hasText: 'Phạm vi' }).first().waitFor();
    await screenshot(page, 'cabinet-viewer-annotated-phone');

    // the office uploads version 2: a new first page moves the words to page 2
    const v2 = await textPdf([
      ['Lời nói đầu', 'Dự án được chỉnh lý theo ý kiến Thành viên Chính phủ.'],
      [
        'Chương I. Quy định chung',
        'Điều 1. Phạm vi điều chỉnh của Luật này.',
        'Điều 2. Người dân, doanh nghiệp.',
      ],
    ]);
    expect(await api.upload(meetingId, paperId, v2, 'Dự án Luật (chỉnh lý).pdf')).toBe(201);
    await api.ready(meetingId, paperId, 2);

    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Phiên bản' }).inputValue()).resolves.toBe('2');
    const note = notes.getByRole('listitem').filter({ hasText: 'Cần nói rõ phạm vi với chính quyền cấp xã' });
    await note.getByText('Ghi trên phiên bản 1').waitFor();
    await note.getByRole('button', { name: 'Tới trang 2' }).click();
    await page.getByText('Trang 2/2').waitFor();
    await page.locator('.textLayer span', { hasText: 'Phạm vi điều chỉnh' }).waitFor();
    // …and marked there too, on the new version's page.
    await page.locator('.textLayer .cpdt-note-mark', { hasText: 'Phạm vi' }).first().waitFor();
    await screenshot(page, 'cabinet-viewer-new-version-phone');
  });
});
