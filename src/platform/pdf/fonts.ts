import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';

/*
 * PDF's standard fonts cover WinAnsi only, not Vietnamese; every PDF CPĐT writes (watermarks, minutes,
 * notices) embeds DejaVu (free licence, full Vietnamese), subset to the glyphs used.
 */
const require = createRequire(import.meta.url);
const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
export type FontWeight = keyof typeof FILES;

const cache = new Map<FontWeight, Promise<Buffer>>();

function fontBytes(weight: FontWeight): Promise<Buffer> {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFile(require.resolve(`dejavu-fonts-ttf/ttf/${FILES[weight]}`));
    cache.set(weight, bytes);
  }
  return bytes;
}

/** Embeds the Vietnamese-capable font in `doc` (subset: only the glyphs drawn end up in the file). */
export async function embedVietnameseFont(
  doc: PDFDocument,
  weight: FontWeight = 'regular',
): Promise<PDFFont> {
  doc.registerFontkit(fontkit);
  return doc.embedFont(await fontBytes(weight), { subset: true });
}

/**
 * A new PDF for an official paper with its metadata (Vietnamese, made by CPĐT) and the Vietnamese fonts.
 * The dates are fixed to `at`: the same paper always gives the same bytes, and the same SHA-256, before a seal.
 */
export async function officialPdf(meta: {
  title: string;
  subject?: string;
  at: Date;
}): Promise<{ doc: PDFDocument; regular: PDFFont; bold: PDFFont }> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(meta.at);
  doc.setModificationDate(meta.at);
  doc.setTitle(meta.title);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setLanguage('vi-VN');
  doc.setProducer('CPĐT');
  doc.setCreator('CPĐT');
  return {
    doc,
    regular: await embedVietnameseFont(doc, 'regular'),
    bold: await embedVietnameseFont(doc, 'bold'),
  };
}
