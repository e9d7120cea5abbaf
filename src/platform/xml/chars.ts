/**
 * Byte-level character rules of XML 1.0 (5th edition) for UTF-8 input: which bytes are ordinary, UTF-8
 * sequence validation (with the Char production), names, and references. Shared by the tokenizer and the
 * writer so both agree on what XML allows.
 */
import { XmlError } from './events.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * 0 for a byte that needs no attention inside text: tab, LF and printable ASCII other than & < >. Everything
 * else (CR, controls, markup characters, any byte of a multi-byte UTF-8 sequence) is 1. One table load per
 * byte keeps the base64 hot loop short.
 */
export const TEXT_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(256).fill(1);
  for (let c = 0x20; c <= 0x7f; c++) t[c] = 0;
  t[0x09] = 0;
  t[0x0a] = 0;
  t[0x26] = 1; // &
  t[0x3c] = 1; // <
  t[0x3e] = 1; // >
  return t;
})();

/** ASCII name characters: 1 = may start a name, 2 = may only continue one, 0 = not a name character. */
export const NAME_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0x41; c <= 0x5a; c++) t[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = 1;
  t[0x3a] = 1; // :
  t[0x5f] = 1; // _
  for (let c = 0x30; c <= 0x39; c++) t[c] = 2;
  t[0x2d] = 2; // -
  t[0x2e] = 2; // .
  return t;
})();

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
/** The Name production of XML 1.0 5th edition. */
// Code-point ranges that include combining marks on purpose (the `u` flag makes them ranges, not sequences).
// eslint-disable-next-line no-misleading-character-class
export const NAME_RE = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
/** A namespace-well-formed QName: at most one colon, with something on both sides. */
export const QNAME_RE = new RegExp(
  `^[${NAME_START.replace(':', '')}][${NAME_CHAR.replace(':', '')}]*(?::[${NAME_START.replace(':', '')}][${NAME_CHAR.replace(':', '')}]*)?$`,
  'u',
);
/** Any character outside the Char production (lone surrogates included, thanks to the `u` flag). */
export const NOT_CHAR_RE = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function isXmlChar(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0xd7ff) ||
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Length of the UTF-8 sequence whose first byte (≥ 0x80) is at `j`, checking the continuation bytes, overlong
 * forms, surrogates and the two non-characters XML excludes (U+FFFE, U+FFFF). Returns -1 when the sequence is a
 * valid prefix cut by `end` (the caller may hold those bytes back until the next chunk).
 */
export function utf8SeqLen(b: Buffer, j: number, end: number, base: number): number {
  const c = b[j]!;
  if (c < 0xc2 || c > 0xf4) throw badUtf8(base + j);
  if (j + 1 >= end) return -1;
  const c1 = b[j + 1]!;
  if ((c1 & 0xc0) !== 0x80) throw badUtf8(base + j);
  if (c < 0xe0) return 2;
  if (c < 0xf0) {
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0)) throw badUtf8(base + j);
    if (j + 2 >= end) return -1;
    const c2 = b[j + 2]!;
    if ((c2 & 0xc0) !== 0x80) throw badUtf8(base + j);
    if (c === 0xef && c1 === 0xbf && c2 >= 0xbe) {
      throw new XmlError('malformed', 'U+FFFE/U+FFFF is not an XML character', base + j);
    }
    return 3;
  }
  if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) throw badUtf8(base + j);
  if (j + 2 >= end) return -1;
  if ((b[j + 2]! & 0xc0) !== 0x80) throw badUtf8(base + j);
  if (j + 3 >= end) return -1;
  if ((b[j + 3]! & 0xc0) !== 0x80) throw badUtf8(base + j);
  return 4;
}

function badUtf8(offset: number): XmlError {
  return new XmlError('encoding', 'invalid UTF-8', offset);
}

export function badChar(offset: number): XmlError {
  return new XmlError('malformed', 'character not allowed in XML', offset);
}

/**
 * Checks that [s, e) is complete, valid UTF-8 of XML characters. Returns true when it is all ASCII (so a
 * latin1 decode is exact and cheaper than UTF-8).
 */
export function checkChars(b: Buffer, s: number, e: number, base: number): boolean {
  let ascii = true;
  for (let j = s; j < e;) {
    const c = b[j]!;
    if (c < 0x80) {
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) throw badChar(base + j);
      j++;
      continue;
    }
    ascii = false;
    const n = utf8SeqLen(b, j, e, base);
    if (n < 0) throw badUtf8(base + j);
    j += n;
  }
  return ascii;
}

/** The name in [s, e): validated against Name, decoded. */
export function decodeName(b: Buffer, s: number, e: number, base: number): string {
  if (s === e) throw new XmlError('malformed', 'name expected', base + s);
  let ascii = true;
  for (let j = s; j < e; j++) {
    const c = b[j]!;
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    const k = NAME_CLASS[c]!;
    if (k === 0 || (j === s && k === 2)) throw new XmlError('malformed', 'invalid name', base + j);
  }
  if (ascii) return b.toString('latin1', s, e);
  checkChars(b, s, e, base);
  const name = b.toString('utf8', s, e);
  if (!NAME_RE.test(name)) throw new XmlError('malformed', 'invalid name', base + s);
  return name;
}

const NAME_CACHE: (string | undefined)[] = new Array<string | undefined>(4096);

/**
 * The already validated ASCII name in [s, e), whose hash the caller computed while scanning it: documents
 * repeat a few dozen names thousands of times, and comparing bytes with a cached string is cheaper than
 * allocating a new one each time.
 */
export function asciiName(b: Buffer, s: number, e: number, hash: number): string {
  const slot = hash & 4095;
  const hit = NAME_CACHE[slot];
  const len = e - s;
  if (hit !== undefined && hit.length === len) {
    let k = 0;
    while (k < len && hit.charCodeAt(k) === b[s + k]) k++;
    if (k === len) return hit;
  }
  const name = b.toString('latin1', s, e);
  if (len <= 64) NAME_CACHE[slot] = name;
  return name;
}

/** Index just after the run of name bytes starting at `s` (ASCII name bytes and any non-ASCII byte). */
export function nameEnd(b: Buffer, s: number, e: number): number {
  let j = s;
  while (j < e) {
    const c = b[j]!;
    if (c < 0x80 && NAME_CLASS[c] === 0) break;
    j++;
  }
  return j;
}

/**
 * For ASCII bytes [s, e): throws on a control character other than tab, LF and CR; returns whether a CR occurs.
 * Reads four bytes at a time (SWAR: `(x - 0x20…) & ~x & 0x80…` is non-zero exactly when some byte is below
 * 0x20), because a byte loop in JS is several times slower than this on a long base64 run.
 */
export function asciiControls(b: Buffer, s: number, e: number, base: number): boolean {
  let cr = false;
  let j = s;
  const head = Math.min(e, s + ((4 - ((b.byteOffset + s) & 3)) & 3));
  for (; j < head; j++) if (b[j]! < 0x20) cr = control(b, j, base) || cr;
  const words = (e - j) >> 2;
  if (words > 0) {
    const w = new Int32Array(b.buffer, b.byteOffset + j, words);
    for (let k = 0; k < words; k++) {
      const x = w[k]!;
      if (((x - 0x20202020) & ~x & 0x80808080) !== 0) {
        const at = j + 4 * k;
        for (let m = at; m < at + 4; m++) if (b[m]! < 0x20) cr = control(b, m, base) || cr;
      }
    }
    j += words * 4;
  }
  for (; j < e; j++) if (b[j]! < 0x20) cr = control(b, j, base) || cr;
  return cr;
}

/** A byte below 0x20: true for CR, nothing for tab/LF, an error for the others. */
function control(b: Buffer, j: number, base: number): boolean {
  const c = b[j]!;
  if (c === 0x0d) return true;
  if (c !== 0x09 && c !== 0x0a) throw badChar(base + j);
  return false;
}

export function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['apos', "'"],
  ['quot', '"'],
]);

/**
 * Validates the reference starting with `&` at `s`. Returns the index after its `;`, or -1 when [s, end) is a
 * valid but unfinished prefix (more bytes may complete it).
 */
export function checkReference(b: Buffer, s: number, end: number, base: number): number {
  let j = s + 1;
  if (j >= end) return -1;
  if (b[j] === 0x23) {
    j++;
    if (j >= end) return -1;
    const hex = b[j] === 0x78;
    if (hex) j++;
    const digits = j;
    let cp = 0;
    for (; j < end; j++) {
      const c = b[j]!;
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (hex && c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (hex && c >= 0x41 && c <= 0x46) d = c - 0x37;
      else break;
      // Leading zeros are legal: keep the value capped instead of overflowing.
      cp = Math.min(cp * (hex ? 16 : 10) + d, 0x110000);
    }
    if (j >= end) return -1;
    if (b[j] !== 0x3b || j === digits) throw badReference(base + s);
    if (!isXmlChar(cp))
      throw new XmlError('malformed', 'character reference to a non-XML character', base + s);
    return j + 1;
  }
  for (; j < end && j - s <= 5; j++) {
    const c = b[j]!;
    if (c === 0x3b) {
      if (!PREDEFINED.has(b.toString('latin1', s + 1, j))) {
        throw new XmlError('malformed', 'undeclared entity (only the five predefined ones exist)', base + s);
      }
      return j + 1;
    }
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a))) throw badReference(base + s);
  }
  if (j >= end && j - s <= 5) return -1;
  throw badReference(base + s);
}

function badReference(offset: number): XmlError {
  return new XmlError('malformed', 'malformed reference', offset);
}

/** Replacement of an already validated reference match (&#…; &#x…; &name;). */
export function referenceValue(ref: string): string {
  if (ref.charCodeAt(1) === 0x23) {
    const hex = ref.charCodeAt(2) === 0x78;
    return String.fromCodePoint(parseInt(ref.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
  }
  return PREDEFINED.get(ref.slice(1, -1))!;
}

const TEXT_DECODE_RE = /\r\n?|&[^;]*;/g;
const CR_RE = /\r\n?/g;

/** Character data of validated raw text: references decoded, line ends normalised. */
export function decodeText(raw: string, cdata: boolean): string {
  if (cdata) return raw.replace(CR_RE, '\n');
  if (!raw.includes('\r')) return decodeReferences(raw);
  return raw.replace(TEXT_DECODE_RE, (m) => (m.charCodeAt(0) === 0x0d ? '\n' : referenceValue(m)));
}

/** Validated text whose only special characters are references: spliced without a regex callback per match. */
function decodeReferences(raw: string): string {
  let out = '';
  let last = 0;
  for (let a = raw.indexOf('&'); a >= 0; a = raw.indexOf('&', last)) {
    const semi = raw.indexOf(';', a);
    out += raw.slice(last, a) + referenceValue(raw.slice(a, semi + 1));
    last = semi + 1;
  }
  return last === 0 ? raw : out + raw.slice(last);
}

const TAB_LF_CR = /[\t\n\r]/;

const ATTR_DECODE_RE = /\r\n|[\r\n\t]|&[^;]*;/g;

/** Attribute value of validated raw text: references decoded, then XML 1.0 §3.3.3 normalisation for CDATA. */
export function decodeAttribute(raw: string): string {
  if (!TAB_LF_CR.test(raw)) return decodeReferences(raw);
  return raw.replace(ATTR_DECODE_RE, (m) => (m.charCodeAt(0) === 0x26 ? referenceValue(m) : ' '));
}
