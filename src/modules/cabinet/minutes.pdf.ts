/**
 * The approved minutes as an A4 PDF: the national motto and title, then each section with its heading,
 * the approval line, and "Trang i/n" at the foot of every page. Vietnamese needs an embedded font.
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4, officialPdf, numberPages, wrapText } from '../../platform/pdf/index.js';
import type { MinutesSection } from './model.js';

const MARGIN = 56;
const SIZE = 11;
const LEADING = 15;

export interface MinutesDocument {
  bodyName: string;
  meetingTitle: string;
  sections: MinutesSection[];
  approvedAt: Date;
  approvedLine: string;
}

export async function renderMinutesPdf(d: MinutesDocument): Promise<Buffer> {
  const { doc, regular, bold } = await officialPdf({ title: `Biên bản ${d.meetingTitle}`, at: d.approvedAt });
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;

  const newPageIfNeeded = (needed: number) => {
    if (y - needed >= MARGIN + 20) return;
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const paragraph = (text: string, font: PDFFont, size = SIZE, center = false) => {
    for (const line of wrapText(text, font, size, width)) {
      newPageIfNeeded(LEADING);
      const x = center ? (A4[0] - font.widthOfTextAtSize(line, size)) / 2 : MARGIN;
      page.drawText(line, { x, y: y - size, size, font, color: rgb(0, 0, 0) });
      y -= size + (LEADING - SIZE);
    }
  };

  paragraph('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, SIZE, true);
  paragraph('Độc lập - Tự do - Hạnh phúc', bold, SIZE, true);
  y -= LEADING;
  paragraph(d.bodyName.toUpperCase(), bold, SIZE, true);
  y -= LEADING / 2;
  paragraph('BIÊN BẢN PHIÊN HỌP', bold, 15, true);
  paragraph(d.meetingTitle, regular, 12, true);
  y -= LEADING;

  for (const s of d.sections) {
    newPageIfNeeded(3 * LEADING);
    y -= LEADING / 2;
    paragraph(s.heading, bold, 12);
    y -= 3;
    for (const text of s.body.split('\n')) {
      if (!text.trim()) y -= LEADING / 2;
      else paragraph(text, regular);
    }
  }
  y -= LEADING;
  paragraph(d.approvedLine, regular, 10);

  numberPages(doc, regular, MARGIN / 2);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
