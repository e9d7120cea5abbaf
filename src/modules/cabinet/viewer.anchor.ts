/**
 * Finding a quoted passage again (W3C TextQuoteSelector) in the page texts of a paper version: the reader's
 * note stays on its words when a new version moves them, even to another page. Pure functions, no I/O.
 */
import type { QuoteSelector } from './model.js';

/** How much text around a quote is kept to tell one occurrence from another. */
export const CONTEXT_CHARS = 32;

export interface Anchor {
  /** 1-based page of the version the quote was found on. */
  page: number;
  /** Offsets in that page's normalised text (see `normaliseText`). */
  start: number;
  end: number;
  /** 'quote': the words and their context; 'exact': only the words (the context changed). */
  match: 'quote' | 'exact';
}

/**
 * Text as compared: Unicode NFC (a Vietnamese letter typed as base + combining marks matches its precomposed
 * form) and every run of white space as one space, since PDF text extraction breaks lines where it likes.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ');
}

export function normaliseSelector(s: QuoteSelector): QuoteSelector {
  return {
    exact: normaliseText(s.exact).trim(),
    prefix: normaliseText(s.prefix),
    suffix: normaliseText(s.suffix),
    page: s.page,
  };
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

interface Candidate {
  page: number;
  start: number;
  /** The whole prefix and suffix are there. */
  context: boolean;
  score: number;
}

/**
 * Where the selector's quote is in `pages`: among all occurrences of the exact words, the one whose prefix and
 * suffix agree, else the one with the most agreeing context; ties go to the page the note was made on, then to
 * the first. null when the words are gone (the note is then orphaned, and kept).
 */
export function anchorQuote(selector: QuoteSelector, pages: readonly string[]): Anchor | null {
  const s = normaliseSelector(selector);
  if (!s.exact) return null;
  const candidates: Candidate[] = [];
  const texts = pages.map(normaliseText);
  // Context is read across page breaks (a page break reads as a space): words now at the top of a page
  // keep the prefix they had at the foot of the previous one.
  const whole = texts.join(' ');
  let offset = 0;
  texts.forEach((text, i) => {
    for (let at = text.indexOf(s.exact); at !== -1; at = text.indexOf(s.exact, at + 1)) {
      const from = offset + at;
      const before = whole.slice(Math.max(0, from - s.prefix.length), from);
      const after = whole.slice(from + s.exact.length, from + s.exact.length + s.suffix.length);
      const pre = commonSuffixLength(before, s.prefix);
      const post = commonPrefixLength(after, s.suffix);
      candidates.push({
        page: i + 1,
        start: at,
        context: pre === s.prefix.length && post === s.suffix.length,
        score: pre + post,
      });
    }
    offset += text.length + 1;
  });
  if (!candidates.length) return null;
  const hint = Number.isInteger(s.page) ? s.page : 1;
  candidates.sort(
    (a, b) =>
      Number(b.context) - Number(a.context) ||
      b.score - a.score ||
      Math.abs(a.page - hint) - Math.abs(b.page - hint) ||
      a.page - b.page ||
      a.start - b.start,
  );
  const best = candidates[0]!;
  return {
    page: best.page,
    start: best.start,
    end: best.start + s.exact.length,
    match: best.context && (s.prefix.length > 0 || s.suffix.length > 0) ? 'quote' : 'exact',
  };
}

/** The selector for the words at [start, end) of a page's normalised text, with context on both sides. */
export function selectorAt(
  pages: readonly string[],
  page: number,
  start: number,
  end: number,
): QuoteSelector {
  const text = normaliseText(pages[page - 1] ?? '');
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
    page,
  };
}
