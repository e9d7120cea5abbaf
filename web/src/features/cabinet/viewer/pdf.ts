import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';

// The worker parses PDFs off the main thread, so a long paper does not freeze a tablet.
pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export type PdfDocument = pdfjs.PDFDocumentProxy;

export function openPdf(data: ArrayBuffer): Promise<PdfDocument> {
  return pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false }).promise;
}

/** Draws one page into `canvas` and its selectable text into `textLayer`, `width` CSS pixels wide. */
export async function renderPage(
  doc: PdfDocument,
  pageNumber: number,
  width: number,
  canvas: HTMLCanvasElement,
  textLayer: HTMLDivElement,
  signal: { cancelled: boolean },
): Promise<{ height: number }> {
  const page = await doc.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: width / base.width });
  if (signal.cancelled) return { height: viewport.height };
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  const context = canvas.getContext('2d');
  if (!context) return { height: viewport.height };
  await page.render({
    canvasContext: context,
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
  }).promise;
  if (signal.cancelled) return { height: viewport.height };
  textLayer.replaceChildren();
  textLayer.style.setProperty('--scale-factor', String(viewport.scale));
  const layer = new pdfjs.TextLayer({
    textContentSource: page.streamTextContent(),
    container: textLayer,
    viewport,
  });
  await layer.render();
  return { height: viewport.height };
}

const MARK = 'cpdt-note-mark';

/**
 * Marks the words of the reader's notes on the page's text layer. pdf.js splits a line into several spans and
 * spaces differ between the text layer and the server's page text, so quotes are matched with whitespace
 * removed, and every span that holds part of a match is marked.
 */
export function markQuotes(layer: HTMLElement, quotes: readonly string[]): void {
  for (const old of layer.querySelectorAll(`.${MARK}`)) old.classList.remove(MARK);
  const spans = Array.from(layer.querySelectorAll('span')).filter((s) => !s.querySelector('span'));
  let text = '';
  const owner: number[] = [];
  spans.forEach((span, index) => {
    const part = (span.textContent ?? '').normalize('NFC').replace(/\s+/g, '');
    text += part;
    for (let k = 0; k < part.length; k++) owner.push(index);
  });
  for (const quote of quotes) {
    const needle = quote.normalize('NFC').replace(/\s+/g, '');
    const at = needle ? text.indexOf(needle) : -1;
    if (at < 0) continue;
    for (let k = at; k < at + needle.length; k++) spans[owner[k]!]?.classList.add(MARK);
  }
}
