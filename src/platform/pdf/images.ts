import { PDFDocument } from 'pdf-lib';

/** A4 in points; an image is shown on the A4 page of its orientation, within margins. */
const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 28;

/** A PNG or JPEG as a one-page PDF, so the viewer, the watermark and downloads treat every paper alike. */
export async function imageToPdf(
  image: Uint8Array,
  mediaType: 'image/png' | 'image/jpeg',
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const embedded = mediaType === 'image/png' ? await doc.embedPng(image) : await doc.embedJpg(image);
  const landscape = embedded.width > embedded.height;
  const pageW = landscape ? A4.h : A4.w;
  const pageH = landscape ? A4.w : A4.h;
  const scale = Math.min((pageW - 2 * MARGIN) / embedded.width, (pageH - 2 * MARGIN) / embedded.height);
  const w = embedded.width * scale;
  const h = embedded.height * scale;
  const page = doc.addPage([pageW, pageH]);
  page.drawImage(embedded, { x: (pageW - w) / 2, y: (pageH - h) / 2, width: w, height: h });
  return doc.save();
}
