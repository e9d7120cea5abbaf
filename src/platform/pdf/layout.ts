import { rgb, type PDFDocument, type PDFFont } from 'pdf-lib';

/** A4 portrait in PDF points, the size of every official paper (Nghị định 30/2020/NĐ-CP). */
export const A4: [number, number] = [595.28, 841.89];
/** The height an official paper keeps free above the bottom margin of its last page for the seal's stamp. */
export const SEAL_STAMP_SPACE = 130;

/**
 * Splits a paragraph into lines no wider than `width` at `size`: words move to the next line, a word longer
 * than a line is cut (text never runs off the page). An empty paragraph is one empty line.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) out.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  out.push(line);
  return out;
}

/** "Trang n/N" centred at the foot of every page (official papers number their pages), in grey. */
export function numberPages(doc: PDFDocument, font: PDFFont, bottom: number): void {
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const label = `Trang ${i + 1}/${pages.length}`;
    page.drawText(label, {
      x: (page.getWidth() - font.widthOfTextAtSize(label, 9)) / 2,
      y: bottom,
      size: 9,
      font,
      color: rgb(0.3, 0.3, 0.3),
    });
  });
}
