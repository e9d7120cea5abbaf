import { PDFDocument } from 'pdf-lib';

/** What the viewer needs to know of a PDF before it is offered to readers. */
export interface PdfFacts {
  pages: number;
  /** Password-protected (even only against printing): its pages cannot be stamped with the reader's name. */
  encrypted: boolean;
}

/**
 * Loads the PDF with pdf-lib, the library that stamps readers' copies (watermark.ts): a PDF it cannot load
 * here would fail for every reader later. Throws what pdf-lib throws for a file it cannot read.
 */
export async function inspectPdf(pdf: Uint8Array): Promise<PdfFacts> {
  // Loaded as the watermark loads it; isEncrypted then tells (pdf-lib's own error class is not reliably
  // recognisable with instanceof).
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  return { pages: doc.getPageCount(), encrypted: doc.isEncrypted };
}
