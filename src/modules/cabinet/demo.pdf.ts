/**
 * Real-looking PDFs for the demo session's papers, laid out after the official format (Nghị định 30/2020/NĐ-CP):
 * the issuing agency and the number on the left, the national motto on the right, the kind and subject centred,
 * then the body and the signature block; page numbers at the foot.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedVietnameseFont } from '../../platform/pdf/index.js';

export type Block = { h: string } | { p: string };

export interface DemoDocument {
  /** The issuing agency, and the one above it, in capitals, e.g. ['BỘ TƯ PHÁP'] or ['CHÍNH PHỦ']. */
  issuer: string[];
  /** "Số: 125/TTr-BTP" */
  number: string;
  /** "Hà Nội, ngày 12 tháng 3 năm 2027" */
  placeAndDate: string;
  /** TỜ TRÌNH, BÁO CÁO, NGHỊ ĐỊNH … */
  kind: string;
  /** Trích yếu, one or more lines. */
  subject: string[];
  recipient?: string;
  body: Block[];
  signer: { role: string; name: string };
  /** A draft: "DỰ THẢO" framed at the top left. */
  draft?: boolean;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 70, right: 50, top: 56, bottom: 60 };
const SIZE = 12.5;
const LEADING = 19;
const INK = rgb(0.05, 0.05, 0.1);

interface Pen {
  doc: PDFDocument;
  regular: PDFFont;
  bold: PDFFont;
  page: PDFPage;
  y: number;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function centred(pen: Pen, text: string, font: PDFFont, size: number, left: number, width: number): void {
  let s = size;
  while (s > 7 && font.widthOfTextAtSize(text, s) > width) s -= 0.5;
  const w = font.widthOfTextAtSize(text, s);
  pen.page.drawText(text, { x: left + (width - w) / 2, y: pen.y, size: s, font, color: INK });
}

function newPage(pen: Pen): void {
  pen.page = pen.doc.addPage([A4.width, A4.height]);
  pen.y = A4.height - MARGIN.top;
}

function need(pen: Pen, height: number): void {
  if (pen.y - height < MARGIN.bottom) newPage(pen);
}

function paragraph(pen: Pen, text: string, font: PDFFont, indent: number): void {
  const width = A4.width - MARGIN.left - MARGIN.right;
  const lines = wrap(text, font, SIZE, width - indent);
  lines.forEach((line, i) => {
    need(pen, LEADING);
    pen.page.drawText(line, {
      x: MARGIN.left + (i === 0 ? indent : 0),
      y: pen.y,
      size: SIZE,
      font,
      color: INK,
    });
    pen.y -= LEADING;
  });
  pen.y -= 5;
}

export async function renderDemoDocument(d: DemoDocument, at: Date): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${d.kind} ${d.subject.join(' ')}`);
  doc.setAuthor(d.issuer[d.issuer.length - 1] ?? '');
  doc.setCreator('CPĐT demo');
  doc.setProducer('CPĐT');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const regular = await embedVietnameseFont(doc, 'regular');
  const bold = await embedVietnameseFont(doc, 'bold');
  const pen: Pen = { doc, regular, bold, page: doc.addPage([A4.width, A4.height]), y: 0 };
  pen.y = A4.height - MARGIN.top;

  // Header: two columns.
  const leftX = MARGIN.left - 20;
  const leftW = 200;
  const rightX = leftX + leftW + 10;
  const rightW = A4.width - MARGIN.right - rightX + 10;
  const top = pen.y;
  d.issuer.forEach((line, i) => {
    centred(pen, line, i === d.issuer.length - 1 ? bold : regular, 12, leftX, leftW);
    pen.y -= 16;
  });
  pen.page.drawLine({
    start: { x: leftX + leftW / 2 - 30, y: pen.y + 11 },
    end: { x: leftX + leftW / 2 + 30, y: pen.y + 11 },
    thickness: 0.6,
    color: INK,
  });
  pen.y -= 6;
  centred(pen, d.number, regular, 12, leftX, leftW);
  const leftBottom = pen.y;
  pen.y = top;
  centred(pen, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 11.5, rightX, rightW);
  pen.y -= 16;
  centred(pen, 'Độc lập - Tự do - Hạnh phúc', bold, 12.5, rightX, rightW);
  const motto = bold.widthOfTextAtSize('Độc lập - Tự do - Hạnh phúc', 12.5);
  pen.page.drawLine({
    start: { x: rightX + (rightW - motto) / 2, y: pen.y - 4 },
    end: { x: rightX + (rightW + motto) / 2, y: pen.y - 4 },
    thickness: 0.6,
    color: INK,
  });
  pen.y -= 26;
  const italicLike = regular; // DejaVu Sans has no italic here; the date line keeps the regular face.
  centred(pen, d.placeAndDate, italicLike, 11.5, rightX, rightW);
  pen.y = Math.min(pen.y, leftBottom) - 34;

  if (d.draft) {
    pen.page.drawRectangle({
      x: MARGIN.left - 20,
      y: A4.height - 36,
      width: 70,
      height: 18,
      borderColor: INK,
      borderWidth: 0.8,
    });
    pen.page.drawText('DỰ THẢO', { x: MARGIN.left - 12, y: A4.height - 31, size: 10, font: bold });
  }

  const textW = A4.width - MARGIN.left - MARGIN.right;
  centred(pen, d.kind, bold, 14, MARGIN.left, textW);
  pen.y -= 20;
  for (const line of d.subject) {
    centred(pen, line, bold, 12.5, MARGIN.left, textW);
    pen.y -= 18;
  }
  pen.page.drawLine({
    start: { x: A4.width / 2 - 40, y: pen.y + 6 },
    end: { x: A4.width / 2 + 40, y: pen.y + 6 },
    thickness: 0.6,
    color: INK,
  });
  pen.y -= 14;
  if (d.recipient) {
    centred(pen, d.recipient, regular, SIZE, MARGIN.left, textW);
    pen.y -= 26;
  }

  for (const block of d.body) {
    if ('h' in block) {
      need(pen, LEADING * 3);
      paragraph(pen, block.h, bold, 28);
    } else paragraph(pen, block.p, regular, 28);
  }

  // Signature block on the right.
  need(pen, 110);
  pen.y -= 10;
  const sigX = A4.width / 2;
  const sigW = A4.width - MARGIN.right - sigX;
  for (const line of d.signer.role.split('\n')) {
    centred(pen, line, bold, 12.5, sigX, sigW);
    pen.y -= 17;
  }
  pen.y -= 56;
  centred(pen, d.signer.name, bold, 12.5, sigX, sigW);

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const label = `${i + 1}/${pages.length}`;
    page.drawText(label, {
      x: (A4.width - regular.widthOfTextAtSize(label, 10)) / 2,
      y: 30,
      size: 10,
      font: regular,
      color: INK,
    });
  });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
