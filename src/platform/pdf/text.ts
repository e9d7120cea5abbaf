/**
 * pdf.js's legacy build, loaded on first use: importing it installs polyfills for the whole process (an
 * Array.prototype.push replacement among them) that every request would pay for, text extraction or not.
 */
async function pdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/**
 * The text of each page of a PDF, in reading order as pdf.js lays it out — the same text the browser's text
 * layer shows, which is what a reader selects when quoting it.
 */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const { getDocument } = await pdfjs();
  const task = getDocument({
    // pdf.js takes ownership of the buffer: give it a copy.
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items as TextItemLike[]) {
        text += item.str ?? '';
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.normalize('NFC'));
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** How many pages a PDF has (cheap: no text is read). */
export async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  const { getDocument } = await pdfjs();
  const task = getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 });
  try {
    return (await task.promise).numPages;
  } finally {
    await task.destroy();
  }
}
