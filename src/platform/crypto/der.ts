/**
 * A small, strict-enough ASN.1 DER writer and BER reader for the PKI code (CMS, OCSP, RFC 3161, CRLs).
 *
 * Signatures are made over exact bytes, so the writer is ours: every byte it emits is chosen here, never
 * re-encoded by a library. The reader keeps each element's raw bytes (`raw`), so a signed structure can be
 * verified over what was actually signed. It accepts BER indefinite lengths (some signing tools stream their
 * CMS) but refuses anything that runs past its parent or leaves trailing bytes.
 */

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** Tag classes as they appear in the top two bits of the identifier octet. */
export const UNIVERSAL = 0;
export const APPLICATION = 1;
export const CONTEXT = 2;
export const PRIVATE = 3;

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export interface Node {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  /** Tag number within its class. */
  number: number;
  /** The whole element, identifier and length included. */
  raw: Buffer;
  /** The contents octets (for indefinite lengths: without the end-of-contents marker). */
  content: Buffer;
  /** Children of a constructed element. */
  children: Node[];
}

const MAX_DEPTH = 48;

function readNode(buf: Buffer, offset: number, end: number, depth: number): Node {
  if (depth > MAX_DEPTH) throw new DerError('too deeply nested');
  let pos = offset;
  if (pos >= end) throw new DerError('truncated');
  const id = buf[pos++]!;
  const cls = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let number = id & 0x1f;
  if (number === 0x1f) {
    number = 0;
    for (let i = 0; ; i++) {
      if (pos >= end || i > 4) throw new DerError('bad tag');
      const b = buf[pos++]!;
      number = number * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= end) throw new DerError('truncated');
  const first = buf[pos++]!;
  if (first === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive');
    const children: Node[] = [];
    const contentStart = pos;
    for (;;) {
      if (pos + 2 > end) throw new DerError('unterminated indefinite length');
      if (buf[pos] === 0 && buf[pos + 1] === 0) break;
      const child = readNode(buf, pos, end, depth + 1);
      children.push(child);
      pos += child.raw.length;
    }
    const content = buf.subarray(contentStart, pos);
    pos += 2;
    return { cls, constructed, number, raw: buf.subarray(offset, pos), content, children };
  }
  let length: number;
  if (first < 0x80) length = first;
  else {
    const count = first & 0x7f;
    if (count > 4) throw new DerError('length too long');
    length = 0;
    for (let i = 0; i < count; i++) {
      if (pos >= end) throw new DerError('truncated');
      length = length * 256 + buf[pos++]!;
    }
  }
  const contentEnd = pos + length;
  if (contentEnd > end) throw new DerError('length runs past the end');
  const content = buf.subarray(pos, contentEnd);
  const children: Node[] = [];
  if (constructed) {
    let p = pos;
    while (p < contentEnd) {
      const child = readNode(buf, p, contentEnd, depth + 1);
      children.push(child);
      p += child.raw.length;
    }
  }
  return { cls, constructed, number, raw: buf.subarray(offset, contentEnd), content, children };
}

/** Parses exactly one element filling `input`; DerError on anything else. */
export function parseDer(input: Uint8Array): Node {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const node = readNode(buf, 0, buf.length, 0);
  if (node.raw.length !== buf.length) throw new DerError('trailing bytes');
  return node;
}

/** Is `node` the universal tag `tag` (as its identifier byte, e.g. TAG.SEQUENCE)? */
export function isTag(node: Node | undefined, tag: number): node is Node {
  if (!node || node.cls !== UNIVERSAL) return false;
  return (node.number | (node.constructed ? 0x20 : 0)) === tag;
}

/** Is `node` context-specific [n]? */
export function isContext(node: Node | undefined, n: number): node is Node {
  return node !== undefined && node.cls === CONTEXT && node.number === n;
}

/** The child at `index`, required to be universal `tag`. */
export function expect(node: Node | undefined, tag: number, what: string): Node {
  if (!isTag(node, tag)) throw new DerError(`expected ${what}`);
  return node;
}

export function readOid(node: Node | undefined): string {
  const n = expect(node, TAG.OID, 'an OBJECT IDENTIFIER');
  const bytes = n.content;
  if (bytes.length === 0) throw new DerError('empty OID');
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('OID arc too large');
    if ((b & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        parts.push(first, value - first * 40);
      } else parts.push(value);
      value = 0;
    }
  }
  if ((bytes[bytes.length - 1]! & 0x80) !== 0) throw new DerError('truncated OID');
  return parts.join('.');
}

/** An INTEGER's contents octets (two's complement, as encoded). */
export function readIntegerBytes(node: Node | undefined): Buffer {
  const n = expect(node, TAG.INTEGER, 'an INTEGER');
  if (n.content.length === 0) throw new DerError('empty INTEGER');
  return n.content;
}

/** A small non-negative INTEGER or ENUMERATED as a number. */
export function readSmallInt(node: Node | undefined): number {
  if (!node || node.cls !== UNIVERSAL || (node.number !== 2 && node.number !== 10))
    throw new DerError('expected an INTEGER');
  if (node.content.length === 0 || node.content.length > 6) throw new DerError('INTEGER out of range');
  let v = 0;
  for (const b of node.content) v = v * 256 + b;
  if ((node.content[0]! & 0x80) !== 0) throw new DerError('negative INTEGER');
  return v;
}

/** The contents of an OCTET STRING (primitive or, in BER, constructed from pieces). */
export function readOctets(node: Node | undefined): Buffer {
  if (!node || node.cls !== UNIVERSAL || node.number !== 4) throw new DerError('expected an OCTET STRING');
  if (!node.constructed) return node.content;
  return Buffer.concat(node.children.map(readOctets));
}

/** A BIT STRING's bytes (the unused-bits count must be 0 for keys and signatures). */
export function readBitString(node: Node | undefined): Buffer {
  const n = expect(node, TAG.BIT_STRING, 'a BIT STRING');
  if (n.content.length === 0) throw new DerError('empty BIT STRING');
  return n.content.subarray(1);
}

/** UTCTime or GeneralizedTime (UTC, "Z") as a Date. */
export function readTime(node: Node | undefined): Date {
  if (!node || node.cls !== UNIVERSAL || (node.number !== 23 && node.number !== 24))
    throw new DerError('expected a time');
  const text = node.content.toString('latin1');
  const m =
    node.number === 23
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/.exec(text);
  if (!m) throw new DerError('bad time');
  let year = Number(m[1]);
  if (node.number === 23) year += year < 50 ? 2000 : 1900;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms),
  );
  if (Number.isNaN(date.getTime())) throw new DerError('bad time');
  return date;
}

// ---------------------------------------------------------------------------------------------- writing

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One element: identifier byte `tag` (class, constructed bit and number < 31) and its contents. */
export function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const seq = (...items: Buffer[]): Buffer => tlv(TAG.SEQUENCE, ...items);

/** SET OF in DER order (elements sorted by their encodings). */
export function setOf(...items: Buffer[]): Buffer {
  return tlv(TAG.SET, ...[...items].sort((a, b) => Buffer.compare(a, b)));
}

/** [n] EXPLICIT (constructed) around already-encoded elements. */
export const explicit = (n: number, ...items: Buffer[]): Buffer => tlv(0xa0 | n, ...items);

/** Re-tags an encoded element as [n] IMPLICIT, keeping its contents (and constructed bit). */
export function implicit(n: number, element: Buffer): Buffer {
  const node = parseDer(element);
  return tlv((node.constructed ? 0xa0 : 0x80) | n, node.content);
}

export function oid(dotted: string): Buffer {
  // Callers encode the same few constant OIDs over and over (every CMS signature): encode each once.
  const hit = oidCache.get(dotted);
  if (hit) return Buffer.from(hit);
  const encoded = encodeOid(dotted);
  if (oidCache.size >= OID_CACHE_MAX) oidCache.clear();
  oidCache.set(dotted, encoded);
  return Buffer.from(encoded);
}

const OID_CACHE_MAX = 512;
const oidCache = new Map<string, Buffer>();

function encodeOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new DerError(`bad OID ${dotted}`);
    return Number(a);
  });
  if (arcs.length < 2) throw new DerError(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (v: number): void => {
    const bytes = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) bytes.unshift(0x80 | (x & 0x7f));
    out.push(...bytes);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(TAG.OID, Buffer.from(out));
}

/** INTEGER from unsigned big-endian magnitude bytes (minimal, with a 0x00 when the top bit is set). */
export function uint(magnitude: Buffer): Buffer {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  let bytes = magnitude.subarray(i);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if ((bytes[0]! & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG.INTEGER, bytes);
}

export const smallInt = (n: number): Buffer => {
  const bytes: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return uint(Buffer.from(bytes.length ? bytes : [0]));
};

export const octets = (bytes: Buffer): Buffer => tlv(TAG.OCTET_STRING, bytes);
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
export const bool = (v: boolean): Buffer => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** UTCTime for 1950–2049 (as RFC 5280/5652 require), GeneralizedTime otherwise; whole seconds. */
export function time(date: Date): Buffer {
  const y = date.getUTCFullYear();
  const rest =
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    'Z';
  if (y >= 1950 && y < 2050) return tlv(TAG.UTC_TIME, Buffer.from(pad(y % 100) + rest, 'latin1'));
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(pad(y, 4) + rest, 'latin1'));
}

export function generalizedTime(date: Date): Buffer {
  const text =
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    'Z';
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(text, 'latin1'));
}

// ------------------------------------------------------------------------------------- certificates

/** The parts of a certificate the PKI code needs, with their raw encodings. */
export interface CertificateParts {
  tbs: Node;
  /** INTEGER contents octets. */
  serial: Buffer;
  /** Raw Name encodings. */
  issuer: Buffer;
  subject: Buffer;
  /** Raw SubjectPublicKeyInfo. */
  spki: Buffer;
  /** The subjectPublicKey BIT STRING's bytes (for OCSP key hashes). */
  publicKeyBits: Buffer;
  /** Extensions by OID: critical flag and the extnValue OCTET STRING contents. */
  extensions: Map<string, { critical: boolean; value: Buffer }>;
  notBefore: Date;
  notAfter: Date;
}

export function certificateParts(der: Uint8Array): CertificateParts {
  const cert = expect(parseDer(der), TAG.SEQUENCE, 'Certificate');
  const tbs = expect(cert.children[0], TAG.SEQUENCE, 'TBSCertificate');
  let i = 0;
  if (isContext(tbs.children[0], 0)) i++;
  const serial = readIntegerBytes(tbs.children[i++]);
  expect(tbs.children[i++], TAG.SEQUENCE, 'signature algorithm');
  const issuer = expect(tbs.children[i++], TAG.SEQUENCE, 'issuer').raw;
  const validity = expect(tbs.children[i++], TAG.SEQUENCE, 'validity');
  const subject = expect(tbs.children[i++], TAG.SEQUENCE, 'subject').raw;
  const spkiNode = expect(tbs.children[i++], TAG.SEQUENCE, 'SubjectPublicKeyInfo');
  const extensions = new Map<string, { critical: boolean; value: Buffer }>();
  for (const child of tbs.children.slice(i)) {
    if (!isContext(child, 3)) continue;
    const list = expect(child.children[0], TAG.SEQUENCE, 'Extensions');
    for (const ext of list.children) {
      const parts = expect(ext, TAG.SEQUENCE, 'Extension').children;
      const critical = isTag(parts[1], TAG.BOOLEAN) ? parts[1].content[0] !== 0 : false;
      const value = readOctets(parts[parts.length - 1]);
      extensions.set(readOid(parts[0]), { critical, value });
    }
  }
  return {
    tbs,
    serial,
    issuer,
    subject,
    spki: spkiNode.raw,
    publicKeyBits: readBitString(spkiNode.children[1]),
    extensions,
    notBefore: readTime(validity.children[0]),
    notAfter: readTime(validity.children[1]),
  };
}
