import type { QuoteSelector } from './viewer.api.js';

/** As the server compares text (src/modules/cabinet/viewer.anchor.ts): NFC, white space runs as one space. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ');
}

const CONTEXT = 32;

/**
 * The selector for what the reader selected on a page, taken from the server's text of that page (the text
 * layer may split words differently): found ignoring white space, then cut from the normalised page text.
 * null when the selection is not the paper's text (the reader line of the watermark, say).
 */
export function selectorFor(selection: string, pageText: string, page: number): QuoteSelector | null {
  const wanted = normaliseText(selection).replace(/ /g, '');
  if (!wanted) return null;
  const text = normaliseText(pageText);
  // Positions in `text` of each non-space character, so a match without spaces maps back.
  const positions: number[] = [];
  let compact = '';
  for (let i = 0; i < text.length; i++)
    if (text[i] !== ' ') {
      compact += text[i];
      positions.push(i);
    }
  const at = compact.indexOf(wanted);
  if (at < 0) return null;
  const start = positions[at]!;
  const end = positions[at + wanted.length - 1]! + 1;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
    page,
  };
}
