/**
 * Finds the signature dictionaries of a PDF (ISO 32000-1 §12.8) by a bounded byte-level scan, for
 * pdf-verify.ts: no PDF library, because a signature is fully described by its dictionary (/ByteRange,
 * /Contents, /SubFilter, /M), which can never sit in a compressed object stream (the hole in /ByteRange must
 * point at the hex string in the file). So a scan for `/ByteRange` keys, each read with a small PDF object
 * parser from its enclosing `<<`, finds them all, in every revision of an incrementally updated file.
 *
 * Every loop over bytes is charged to a budget proportional to the file's size, so hostile input costs
 * bounded work; `scanSignatures` never throws (the worst answer is `malformed`).
 */
import { parseDer } from './der.js';

/** Signature dictionaries considered; a file with more is refused as malformed (no real document has). */
const MAX_SIGNATURES = 64;
/** `<<` tried, going back from a /ByteRange key, to find the dictionary that holds it. */
const MAX_DICT_CANDIDATES = 8;
const MAX_NESTING = 32;
const MAX_FIELD_REFERENCES = 20_000;

class PdfSyntaxError extends Error {}
/** Thrown through every parse attempt: the scan stops (`malformed`). */
class BudgetExceeded extends Error {}

/** Bytes the parser may examine in JS loops, for the whole scan (native indexOf is not charged). */
class Budget {
  constructor(private left: number) {}
  spend(n: number): void {
    this.left -= n;
    if (this.left < 0) throw new BudgetExceeded('too much work for the file size (a hostile PDF?)');
  }
}

export type PdfValue =
  | { kind: 'dict'; entries: Map<string, { value: PdfValue; keyAt: number }>; start: number; end: number }
  | { kind: 'array'; items: PdfValue[] }
  | { kind: 'name'; name: string }
  | { kind: 'number'; value: number; integer: boolean }
  | { kind: 'string'; bytes: Buffer; hex: boolean; start: number; end: number }
  | { kind: 'ref'; num: number; gen: number }
  | { kind: 'keyword'; word: string };

export type PdfDict = Extract<PdfValue, { kind: 'dict' }>;

const WHITESPACE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isRegular = (c: number | undefined): boolean => c !== undefined && !WHITESPACE[c] && !DELIMITER[c];

/** A PDF object reader over the file's bytes (ISO 32000-1 §7.2–7.3), enough for signature dictionaries. */
class Lexer {
  pos = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly budget: Budget,
  ) {}

  private skipWhitespace(): void {
    const { buf } = this;
    for (;;) {
      const c = buf[this.pos];
      if (c === undefined) return;
      if (WHITESPACE[c]) {
        this.pos++;
        this.budget.spend(1);
      } else if (c === 0x25 /* % */) {
        // A comment runs to the end of the line.
        while (this.pos < buf.length && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) {
          this.pos++;
          this.budget.spend(1);
        }
      } else return;
    }
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_NESTING) throw new PdfSyntaxError('nested too deeply');
    this.skipWhitespace();
    const { buf } = this;
    const c = buf[this.pos];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of file');
    if (c === 0x3c /* < */) return buf[this.pos + 1] === 0x3c ? this.dict(depth) : this.hexString();
    if (c === 0x5b /* [ */) return this.array(depth);
    if (c === 0x28 /* ( */) return this.literalString();
    if (c === 0x2f /* / */) return { kind: 'name', name: this.name() };
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) return this.numberOrRef();
    if (isRegular(c)) {
      const start = this.pos;
      while (isRegular(buf[this.pos]) && this.pos - start < 16) this.pos++;
      const word = buf.toString('latin1', start, this.pos);
      if (word === 'true' || word === 'false' || word === 'null') return { kind: 'keyword', word };
      throw new PdfSyntaxError(`unexpected keyword ${word}`);
    }
    throw new PdfSyntaxError(`unexpected byte ${c}`);
  }

  dict(depth: number): PdfDict {
    const start = this.pos;
    this.pos += 2;
    const entries = new Map<string, { value: PdfValue; keyAt: number }>();
    for (;;) {
      this.skipWhitespace();
      const c = this.buf[this.pos];
      if (c === 0x3e && this.buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { kind: 'dict', entries, start, end: this.pos };
      }
      if (c !== 0x2f) throw new PdfSyntaxError('expected a name as dictionary key');
      const keyAt = this.pos;
      const key = this.name();
      entries.set(key, { value: this.value(depth + 1), keyAt });
    }
  }

  private array(depth: number): PdfValue {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.buf[this.pos] === 0x5d /* ] */) {
        this.pos++;
        return { kind: 'array', items };
      }
      items.push(this.value(depth + 1));
    }
  }

  private name(): string {
    const { buf } = this;
    const start = ++this.pos;
    while (isRegular(buf[this.pos])) this.pos++;
    this.budget.spend(this.pos - start);
    const raw = buf.toString('latin1', start, this.pos);
    // #xx escapes (PDF 1.2+).
    return raw.includes('#')
      ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      : raw;
  }

  private integerAhead(): number | null {
    const start = this.pos;
    while (isDigit(this.buf[this.pos]) && this.pos - start < 12) this.pos++;
    if (this.pos === start || isRegular(this.buf[this.pos])) return null;
    return Number(this.buf.toString('latin1', start, this.pos));
  }

  private numberOrRef(): PdfValue {
    const { buf } = this;
    const start = this.pos;
    if (buf[this.pos] === 0x2b || buf[this.pos] === 0x2d) this.pos++;
    while ((isDigit(buf[this.pos]) || buf[this.pos] === 0x2e) && this.pos - start < 32) this.pos++;
    if (isRegular(buf[this.pos])) throw new PdfSyntaxError('bad number');
    const text = buf.toString('latin1', start, this.pos);
    const value = Number(text.endsWith('.') ? `${text}0` : text);
    if (!Number.isFinite(value)) throw new PdfSyntaxError('bad number');
    const integer = /^\d+$/.test(text);
    if (integer) {
      // "n g R" is an indirect reference.
      const back = this.pos;
      this.skipWhitespace();
      const gen = this.integerAhead();
      if (gen !== null) {
        this.skipWhitespace();
        if (buf[this.pos] === 0x52 /* R */ && !isRegular(buf[this.pos + 1])) {
          this.pos++;
          return { kind: 'ref', num: value, gen };
        }
      }
      this.pos = back;
    }
    return { kind: 'number', value, integer };
  }

  private hexString(): PdfValue {
    const { buf } = this;
    const start = this.pos;
    const close = buf.indexOf(0x3e, start + 1);
    if (close < 0) throw new PdfSyntaxError('unterminated hex string');
    this.budget.spend(close - start);
    const out = Buffer.allocUnsafe(Math.ceil((close - start - 1) / 2));
    let n = 0;
    let high = -1;
    for (let i = start + 1; i < close; i++) {
      const c = buf[i]!;
      if (WHITESPACE[c]) continue;
      const v = HEX[c]!;
      if (v < 0) throw new PdfSyntaxError('bad hex string');
      if (high < 0) high = v;
      else {
        out[n++] = (high << 4) | v;
        high = -1;
      }
    }
    if (high >= 0) out[n++] = high << 4; // an odd final digit is followed by an implied 0
    this.pos = close + 1;
    return { kind: 'string', bytes: out.subarray(0, n), hex: true, start, end: this.pos };
  }

  private literalString(): PdfValue {
    const { buf } = this;
    const start = this.pos++;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      const c = buf[this.pos++];
      this.budget.spend(1);
      if (c === undefined) throw new PdfSyntaxError('unterminated string');
      if (c === 0x5c /* \ */) {
        const e = buf[this.pos++];
        if (e === undefined) throw new PdfSyntaxError('unterminated string');
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (simple[e] !== undefined) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && buf[this.pos]! >= 0x30 && buf[this.pos]! <= 0x37; k++)
            v = v * 8 + buf[this.pos++]! - 0x30;
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (buf[this.pos] === 0x0a) this.pos++; // line continuation
        } else if (e !== 0x0a) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else out.push(c);
    }
    return { kind: 'string', bytes: Buffer.from(out), hex: false, start, end: this.pos };
  }
}

/** A PDF text string: UTF-16BE or UTF-8 with a byte order mark, else PDFDocEncoding (≈ Latin-1). */
export function textOf(value: PdfValue | undefined): string | null {
  if (value?.kind !== 'string') return null;
  const b = value.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('latin1');
}

/** A PDF date (D:YYYYMMDDHHmmSSOHH'mm'), every part after the year optional. */
export function parsePdfDate(text: string | null): Date | null {
  if (!text || text.length > 64) return null;
  const m =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+\-Z])(?:(\d{2})'?(?:(\d{2})'?)?)?)?$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const n = (s: string | undefined, d: number): number => (s === undefined ? d : Number(s));
  const utc = Date.UTC(n(m[1], 0), n(m[2], 1) - 1, n(m[3], 1), n(m[4], 0), n(m[5], 0), n(m[6], 0));
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offset = sign * (n(m[8], 0) * 60 + n(m[9], 0)) * 60_000;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date;
}

interface FoundSignature {
  /** The signature dictionary, with the offsets of its `<<`…`>>` and of each value. */
  dict: PdfDict;
  /** The number of the indirect object holding the dictionary, when it is one. */
  objectNumber: number | null;
}

const BYTE_RANGE = Buffer.from('/ByteRange', 'latin1');

/** The dictionary that has a /ByteRange key at `keyAt`: parsed from the nearest `<<` before it that holds it. */
function enclosingDict(buf: Buffer, keyAt: number, key: string, budget: Budget): PdfDict | null {
  let from = keyAt;
  for (let tries = 0; tries < MAX_DICT_CANDIDATES; tries++) {
    const open = buf.lastIndexOf('<<', from - 1, 'latin1');
    if (open < 0) return null;
    from = open;
    const lexer = new Lexer(buf, budget);
    lexer.pos = open;
    try {
      const dict = lexer.dict(0);
      if (dict.entries.get(key)?.keyAt === keyAt) return dict;
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      // not the start of a dictionary holding the key: try further back
    }
  }
  return null;
}

/** "n g obj" right before `at`: the indirect object's number. */
function objectNumberBefore(buf: Buffer, at: number): number | null {
  const head = buf.toString('latin1', Math.max(0, at - 40), at);
  const m = /(\d{1,10})\s+\d{1,5}\s+obj\s*$/.exec(head);
  return m ? Number(m[1]) : null;
}

function findSignatures(buf: Buffer, budget: Budget): { found: FoundSignature[]; tooMany: boolean } {
  const found: FoundSignature[] = [];
  const starts = new Set<number>();
  let hits = 0;
  for (let at = buf.indexOf(BYTE_RANGE); at >= 0; at = buf.indexOf(BYTE_RANGE, at + 1)) {
    if (isRegular(buf[at + BYTE_RANGE.length])) continue; // /ByteRangeX is another name
    if (++hits > MAX_SIGNATURES) return { found, tooMany: true };
    const dict = enclosingDict(buf, at, 'ByteRange', budget);
    // Without /Contents it is no signature dictionary (e.g. the words in an uncompressed text stream).
    if (!dict || !dict.entries.has('Contents') || starts.has(dict.start)) continue;
    starts.add(dict.start);
    found.push({ dict, objectNumber: objectNumberBefore(buf, dict.start) });
  }
  return { found, tooMany: false };
}

/** /T of the fields whose /V references one of `objects`, by object number. */
function fieldNames(buf: Buffer, objects: Set<number>, budget: Budget): Map<number, string> {
  const names = new Map<number, string>();
  if (objects.size === 0) return names;
  let seen = 0;
  for (let at = buf.indexOf('/V', 0, 'latin1'); at >= 0; at = buf.indexOf('/V', at + 2, 'latin1')) {
    if (++seen > MAX_FIELD_REFERENCES) break;
    const next = buf[at + 2];
    if (next === undefined || !(WHITESPACE[next] || isDigit(next))) continue;
    const lexer = new Lexer(buf, budget);
    lexer.pos = at + 2;
    let value: PdfValue;
    try {
      value = lexer.value(MAX_NESTING);
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      continue;
    }
    if (value.kind !== 'ref' || !objects.has(value.num) || names.has(value.num)) continue;
    const field = enclosingDict(buf, at, 'V', budget);
    const name = textOf(field?.entries.get('T')?.value);
    if (name !== null) names.set(value.num, name);
  }
  return names;
}

/** A signature dictionary found, with the /T of the signature field whose /V names it (when found). */
export interface ScannedSignature {
  dict: PdfDict;
  fieldName?: string;
}

/**
 * The signature dictionaries of `pdf` in file order (the first revision's first), or why the file cannot be
 * scanned (no header, too many signature dictionaries, too much work for its size). Never throws.
 */
export function scanSignatures(pdf: Buffer): { signatures: ScannedSignature[] } | { malformed: string } {
  try {
    const header = pdf.indexOf('%PDF-', 0, 'latin1');
    if (header < 0 || header > 1024) return { malformed: 'no %PDF- header' };
    const budget = new Budget(8 * pdf.length + 1_000_000);
    const { found, tooMany } = findSignatures(pdf, budget);
    if (tooMany) return { malformed: 'too many signature dictionaries' };
    found.sort((x, y) => x.dict.start - y.dict.start);
    const objects = new Set(found.flatMap((f) => (f.objectNumber === null ? [] : [f.objectNumber])));
    let names = new Map<number, string>();
    try {
      names = fieldNames(pdf, objects, budget);
    } catch {
      // field names are a courtesy; the signatures are checked without them
    }
    return {
      signatures: found.map(({ dict, objectNumber }) => {
        const fieldName = objectNumber === null ? undefined : names.get(objectNumber);
        return fieldName === undefined ? { dict } : { dict, fieldName };
      }),
    };
  } catch (e) {
    return { malformed: (e as Error).message };
  }
}

/** The %%EOF closing the revision that contains `from`: offsets just past it, and past its end of line. */
export function revisionEnd(buf: Buffer, from: number): { eof: number; line: number } | null {
  const at = buf.indexOf('%%EOF', from, 'latin1');
  if (at < 0) return null;
  let line = at + 5;
  if (buf[line] === 0x0d) line++;
  if (buf[line] === 0x0a) line++;
  return { eof: at + 5, line };
}

export function onlyWhitespaceFrom(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (!WHITESPACE[buf[i]!]) return false;
  return true;
}

/** The DER element at the start of a /Contents string's bytes (the hex string is padded with zeros after it). */
export function leadingElement(bytes: Buffer): Buffer | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1]!;
  if (first === 0x80) {
    // BER indefinite length (streamed CMS): its end is an end-of-contents pair among the trailing zeros.
    let end = bytes.length;
    while (end > 2 && bytes[end - 1] === 0) end--;
    for (let extra = 1; extra <= 128 && end + extra <= bytes.length; extra++) {
      try {
        return parseDer(bytes.subarray(0, end + extra)).raw;
      } catch {
        // not yet the end
      }
    }
    return null;
  }
  let length: number;
  let header = 2;
  if (first < 0x80) length = first;
  else {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
    length = bytes.readUIntBE(2, count);
    header += count;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : null;
}
