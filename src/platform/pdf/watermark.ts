import { degrees, PDFDocument, rgb } from 'pdf-lib';
import { embedVietnameseFont } from './fonts.js';

export interface WatermarkOptions {
  /** The reader's name, drawn across every page and in the footer line. */
  reader: string;
  /** When the reader opened it (shown in Vietnam time). */
  at: Date;
  /** Who issued the copy, at the end of the footer line. */
  issuer?: string;
}

/** dd/MM/yyyy HH:mm in Hà Nội, whatever the server's zone. */
export function vietnamTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The footer line, also what pdftotext finds on every page. */
export function watermarkLine(o: WatermarkOptions): string {
  return `Người đọc: ${o.reader} · ${vietnamTime(o.at)} (giờ Hà Nội) · ${o.issuer ?? 'CPĐT'}`;
}

/**
 * Stamps every page with the reader's name: faint and diagonal across the page (a photo of the screen still
 * shows who leaked it) and a horizontal footer line, which stays machine-readable. A copy is made per reader;
 * the stored original is never changed.
 */
export async function watermarkPdf(pdf: Uint8Array, o: WatermarkOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  const font = await embedVietnameseFont(doc);
  const line = watermarkLine(o);
  const name = o.reader.normalize('NFC');
  for (const page of doc.getPages()) {
    const box = page.getCropBox();
    const rotation = ((page.getRotation().angle % 360) + 360) % 360;
    // The page as the reader sees it, after /Rotate: width and height swap on a quarter turn.
    const quarter = rotation === 90 || rotation === 270;
    const seenW = quarter ? box.height : box.width;
    const seenH = quarter ? box.width : box.height;
    // Maps a point of the seen page to the page's own coordinates.
    const at = (x: number, y: number): { x: number; y: number } => {
      switch (rotation) {
        case 90:
          return { x: box.x + box.width - y, y: box.y + x };
        case 180:
          return { x: box.x + box.width - x, y: box.y + box.height - y };
        case 270:
          return { x: box.x + y, y: box.y + box.height - x };
        default:
          return { x: box.x + x, y: box.y + y };
      }
    };
    const diagonal = Math.min(seenW, seenH) / 9;
    const nameSize = Math.max(
      12,
      Math.min(diagonal, (0.8 * Math.hypot(seenW, seenH)) / Math.max(1, name.length) / 0.6),
    );
    const angle = (Math.atan2(seenH, seenW) * 180) / Math.PI;
    const textW = font.widthOfTextAtSize(name, nameSize);
    const rad = (angle * Math.PI) / 180;
    const start = at(
      seenW / 2 - (textW / 2) * Math.cos(rad) + (nameSize / 3) * Math.sin(rad),
      seenH / 2 - (textW / 2) * Math.sin(rad) - (nameSize / 3) * Math.cos(rad),
    );
    page.drawText(name, {
      ...start,
      size: nameSize,
      font,
      color: rgb(0.55, 0.1, 0.1),
      opacity: 0.14,
      rotate: degrees(angle + rotation),
    });
    let size = 8;
    while (size > 4 && font.widthOfTextAtSize(line, size) > seenW - 24) size -= 0.5;
    const lineW = font.widthOfTextAtSize(line, size);
    page.drawText(line, {
      ...at(Math.max(6, (seenW - lineW) / 2), 8),
      size,
      font,
      color: rgb(0.35, 0.35, 0.35),
      opacity: 0.9,
      rotate: degrees(rotation),
    });
  }
  return doc.save({ useObjectStreams: true });
}
