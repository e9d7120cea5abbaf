export { embedVietnameseFont, officialPdf, type FontWeight } from './fonts.js';
export { A4, numberPages, SEAL_STAMP_SPACE, wrapText } from './layout.js';
export { vietnamTime, watermarkLine, watermarkPdf, type WatermarkOptions } from './watermark.js';
export {
  convertToPdf,
  OfficeConversionError,
  OfficeConverterMissingError,
  type ConvertOptions,
} from './convert.js';
export { imageToPdf } from './images.js';
export { pdfPageCount, pdfPageTexts } from './text.js';
export { inspectPdf, type PdfFacts } from './inspect.js';
