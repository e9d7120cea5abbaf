/**
 * Signs a PDF (PAdES baseline B, B-T with a timestamp): a visible stamp on a page, a signature field whose
 * widget covers it, and a detached CAdES signature (SubFilter ETSI.CAdES.detached) over the /ByteRange —
 * every byte of the file but the signature itself. `pdfsig` (poppler) and Acrobat check it.
 *
 * The signed attributes are contentType, messageDigest and ESS signingCertificateV2; the claimed signing time
 * is the signature dictionary's /M, not a signingTime attribute (ETSI EN 319 142-1 §5.4 for PAdES).
 */
import crypto from 'node:crypto';
import {
  PDFDocument,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFArray,
  PDFDict,
  PDFString,
  rgb,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { embedVietnameseFont, vietnamTime, wrapText } from '../pdf/index.js';
import { assembleSignedData, OID, signedAttributes } from './cms.js';
import { oid, parseDer, setOf } from './der.js';
import type { Signer } from './signer.js';

export interface SignPdfOptions {
  /** Why it is signed ("Niêm phong kết quả lấy ý kiến / Sealed ballot result"); shown and in /Reason. */
  reason: string;
  location?: string | undefined;
  /** Who signs, as shown on the stamp and in /Name. */
  signerName: string;
  /** The claimed signing time (/M; the stamp shows it in Vietnam time). */
  at: Date;
  /**
   * The stamp: on page `page` (1-based; default the last page), bottom right. It always shows who signed, when
   * and why; `lines` are added below (e.g. a document reference).
   */
  stamp?: { page?: number | undefined; lines: string[] } | undefined;
  /** An RFC 3161 token over the signature value (e.g. `pki.timestamp`): PAdES B-T. */
  timestamp?: ((signatureValue: Buffer) => Promise<Buffer | null>) | undefined;
}

export class PdfSignError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PdfSignError';
  }
}

/** How pdf-lib writes the placeholder array; replaced in place by the real ranges, padded with spaces. */
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [ 0 /********** /********** /********** ]';
const FONT_SIZE = 8;
const LINE_GAP = 2.5;
const PADDING = 6;
const MARGIN = 36;
const STAMP_WIDTH = 250;

/** The lines of the stamp, as `pdftotext` finds them. */
export function stampLines(o: Pick<SignPdfOptions, 'signerName' | 'at' | 'reason' | 'stamp'>): string[] {
  return [
    `Ký bởi / Signed by: ${o.signerName.normalize('NFC')}`,
    `Thời gian / Time: ${vietnamTime(o.at)} (giờ Việt Nam)`,
    o.reason.normalize('NFC'),
    ...(o.stamp?.lines ?? []),
  ].filter((l) => l.trim() !== '');
}

/** Draws the stamp on `page`; returns its rectangle [x1, y1, x2, y2]. */
function drawStamp(page: PDFPage, font: PDFFont, bold: PDFFont, lines: string[]): number[] {
  const { width: pageWidth } = page.getSize();
  const box = page.getCropBox();
  const width = Math.min(STAMP_WIDTH, pageWidth - 2 * MARGIN);
  const inner = width - 2 * PADDING;
  const wrapped = lines.flatMap((l, i) =>
    wrapText(l, i === 0 ? bold : font, FONT_SIZE, inner).map((text) => ({ text, bold: i === 0 })),
  );
  const lineHeight = FONT_SIZE + LINE_GAP;
  const height = wrapped.length * lineHeight + 2 * PADDING;
  const x = box.x + box.width - MARGIN - width;
  const y = box.y + MARGIN;
  const red = rgb(0.75, 0.1, 0.1);
  page.drawRectangle({
    x,
    y,
    width,
    height,
    borderColor: red,
    borderWidth: 1,
    color: rgb(1, 1, 1),
    opacity: 0.9,
  });
  wrapped.forEach((line, i) => {
    page.drawText(line.text, {
      x: x + PADDING,
      y: y + height - PADDING - (i + 1) * lineHeight + LINE_GAP,
      size: FONT_SIZE,
      font: line.bold ? bold : font,
      color: line.bold ? red : rgb(0.1, 0.1, 0.1),
    });
  });
  return [x, y, x + width, y + height];
}

/** Text for /Reason, /Name, /Location: PDFDocEncoding cannot carry Vietnamese, UTF-16BE (hex) can. */
const pdfText = (s: string) => PDFHexString.fromText(s.normalize('NFC'));

function uniqueFieldName(doc: PDFDocument): string {
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const taken = new Set<string>();
  for (let i = 0; i < (fields?.size() ?? 0); i++) {
    const field = fields!.lookupMaybe(i, PDFDict);
    const name = field?.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString);
    if (name) taken.add(name.decodeText());
  }
  let n = 1;
  while (taken.has(`CPDT-Signature-${n}`)) n++;
  return `CPDT-Signature-${n}`;
}

/** The signature dictionary, the widget over the stamp and the AcroForm entry; `contentsBytes` reserved. */
function addPlaceholder(
  doc: PDFDocument,
  page: PDFPage,
  rect: number[],
  o: SignPdfOptions,
  contentsBytes: number,
): void {
  const context = doc.context;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of('**********'));
  const signature = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(contentsBytes * 2)),
    Reason: pdfText(o.reason),
    Name: pdfText(o.signerName),
    ...(o.location ? { Location: pdfText(o.location) } : {}),
    M: PDFString.fromDate(o.at),
  });
  // Written as raw bytes, never in an object stream, so /Contents can be found and filled in the file.
  const raw = new Uint8Array(signature.sizeInBytes());
  signature.copyBytesInto(raw, 0);
  const signatureRef = context.register(PDFInvalidObject.of(raw));

  const [x1, y1, x2, y2] = rect as [number, number, number, number];
  const appearance = context.formXObject([], { BBox: [0, 0, x2 - x1, y2 - y1], Resources: {} });
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: rect,
    V: signatureRef,
    T: PDFString.of(uniqueFieldName(doc)),
    F: 4, // print
    P: page.ref,
    AP: { N: context.register(appearance) },
  });
  const widgetRef: PDFRef = context.register(widget);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? context.obj([]);
  annots.push(widgetRef);
  page.node.set(PDFName.of('Annots'), annots);

  let acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!acroForm) {
    acroForm = context.obj({ Fields: [] });
    doc.catalog.set(PDFName.of('AcroForm'), context.register(acroForm));
  }
  const fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? context.obj([]);
  fields.push(widgetRef);
  acroForm.set(PDFName.of('Fields'), fields);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3)); // signatures exist, append only
}

/** PAdES signed attributes: cms.ts's, without signingTime (the time is the dictionary's /M). */
function padesAttributes(contentSha256: Buffer, signerCertificate: Buffer, at: Date): Buffer {
  const cades = parseDer(signedAttributes({ contentSha256, signingTime: at, signerCertificate }));
  const signingTime = oid(OID.signingTime);
  return setOf(...cades.children.filter((a) => !a.children[0]!.raw.equals(signingTime)).map((a) => a.raw));
}

/**
 * `pdf` with a visible, signed stamp. The document is rewritten (not an incremental update), so it should
 * carry no earlier signatures: CPĐT seals the reports it generates.
 */
export async function signPdf(pdf: Buffer, signer: Signer, options: SignPdfOptions): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (cause) {
    throw new PdfSignError('Not a readable PDF (or an encrypted one)', { cause });
  }
  const pages = doc.getPages();
  const pageNumber = options.stamp?.page ?? pages.length;
  const page = pages[pageNumber - 1];
  if (!page || !Number.isInteger(pageNumber))
    throw new PdfSignError(`No page ${pageNumber} (the document has ${pages.length})`);
  const font = await embedVietnameseFont(doc);
  const bold = await embedVietnameseFont(doc, 'bold');
  const rect = drawStamp(page, font, bold, stampLines(options));

  const carried = [signer.certificate, ...signer.chain].reduce((n, c) => n + c.length, 0);
  const contentsBytes = carried + 2048 + (options.timestamp ? 12_288 : 0);
  addPlaceholder(doc, page, rect, options, contentsBytes);
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));

  // Fill /ByteRange: everything before '<' of /Contents, everything after its '>'.
  const rangeAt = prepared.indexOf(BYTE_RANGE_PLACEHOLDER);
  if (rangeAt < 0 || prepared.indexOf(BYTE_RANGE_PLACEHOLDER, rangeAt + 1) >= 0)
    throw new PdfSignError('The signature placeholder is missing or repeated');
  const contentsAt = prepared.indexOf('/Contents <', rangeAt) + '/Contents '.length;
  const contentsEnd = prepared.indexOf('>', contentsAt) + 1;
  if (contentsAt < '/Contents '.length || contentsEnd - contentsAt !== contentsBytes * 2 + 2)
    throw new PdfSignError('The signature /Contents placeholder is not where it should be');
  const ranges = [0, contentsAt, contentsEnd, prepared.length - contentsEnd];
  const byteRange = `/ByteRange [${ranges.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  prepared.write(byteRange, rangeAt, 'latin1');

  const signed = Buffer.concat([prepared.subarray(0, contentsAt), prepared.subarray(contentsEnd)]);
  const digest = crypto.createHash('sha256').update(signed).digest();
  const attributes = padesAttributes(digest, signer.certificate, options.at);
  const signature = await signer.sign(attributes);
  const timestampToken = options.timestamp ? await options.timestamp(signature) : null;
  const cms = assembleSignedData({
    signedAttributes: attributes,
    signature,
    signerCertificate: signer.certificate,
    chain: signer.chain,
    timestampToken,
  });
  if (cms.length > contentsBytes)
    throw new PdfSignError(`The signature (${cms.length} bytes) does not fit its placeholder`);
  prepared.write(cms.toString('hex').padEnd(contentsBytes * 2, '0'), contentsAt + 1, 'latin1');
  return prepared;
}
