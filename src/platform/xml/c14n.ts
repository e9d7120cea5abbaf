/**
 * Streaming XML canonicalisation, fed with tokenizer events (events.ts), writing canonical bytes to a sink
 * (typically `hash.update`): Exclusive XML Canonicalization 1.0 (with an InclusiveNamespaces PrefixList) and
 * Canonical XML 1.0, both without comments — what XML signatures digest and sign.
 *
 * No tree is built: an element is written when its start tag arrives, so a 50 MB document is canonicalised in
 * constant memory. Text whose bytes are already canonical (`TextChunk.plain`: no `&`, `<`, `>`, CR) goes to
 * the sink as the document's own bytes, so megabytes of base64 cost a native hash update, not JS escaping.
 *
 * What is canonicalised: the whole document, or (with `apex`) the first element that matches and its
 * descendants — a subtree keeps the namespace context (and, for inclusive C14N, the `xml:*` attributes) of its
 * ancestors, which must then be fed too. `exclude` removes one element and its descendants (the
 * enveloped-signature transform removes ds:Signature).
 */
import type { StartElement, TextChunk, XmlAttribute, XmlHandler } from './events.js';
import { tokenize } from './tokenizer.js';

export const C14N_ALGORITHMS = {
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'exc-c14n': 'http://www.w3.org/2001/10/xml-exc-c14n#',
} as const;

export type C14nAlgorithm = keyof typeof C14N_ALGORITHMS;

export interface C14nOptions {
  algorithm: C14nAlgorithm;
  /**
   * Exclusive C14N only: the InclusiveNamespaces PrefixList — prefixes whose declarations are rendered as
   * inclusive C14N does, used or not; '#default' is the default namespace.
   */
  inclusivePrefixes?: readonly string[];
  /** Canonicalise only the first element for which this is true, and its descendants. */
  apex?: (e: StartElement) => boolean;
  /** Leave out the first element (inside what is canonicalised) for which this is true, and its descendants. */
  exclude?: (e: StartElement) => boolean;
}

/** Output chunks are valid only during the call (the buffer is reused): hash or copy them. */
export type C14nSink = (chunk: Buffer) => void;

/** Text at least this long is handed to the sink as its own chunk rather than copied into the batch buffer. */
const DIRECT_BYTES = 512;
const BATCH_BYTES = 16 * 1024;

/** Batches small writes into one buffer so the sink (a hash) is called per 16 KB, not per tag. */
class ByteBatch {
  private buffer = Buffer.allocUnsafe(BATCH_BYTES);
  private used = 0;

  constructor(private readonly sink: C14nSink) {}

  string(s: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 code unit.
    if (this.used + s.length * 3 > BATCH_BYTES) {
      this.flush();
      if (s.length * 3 > BATCH_BYTES) {
        this.sink(Buffer.from(s, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(s, this.used, 'utf8');
  }

  bytes(b: Buffer): void {
    if (b.length >= DIRECT_BYTES) {
      this.flush();
      this.sink(b);
      return;
    }
    if (this.used + b.length > BATCH_BYTES) this.flush();
    b.copy(this.buffer, this.used);
    this.used += b.length;
  }

  flush(): void {
    if (this.used === 0) return;
    // Reused after the call: the sink hashes or copies what it is given (C14nSink).
    this.sink(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_ESCAPE = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<"\t\n\r]/;
const ATTR_ESCAPE = /[&<"\t\n\r]/g;
const TEXT_REPLACEMENTS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const ATTR_REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/** Character data as C14N writes it (the text is decoded: references resolved, line ends normalised). */
export function escapeC14nText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_ESCAPE, (c) => TEXT_REPLACEMENTS[c]!) : s;
}

/** An attribute value as C14N writes it (the value is normalised). */
export function escapeC14nAttribute(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(ATTR_ESCAPE, (c) => ATTR_REPLACEMENTS[c]!) : s;
}

/** Code-point order (C14N sorts by UCS code points; JS `<` compares UTF-16 units, which differs above U+D7FF). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts after every BMP character.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function compareAttributes(a: XmlAttribute, b: XmlAttribute): number {
  return compareCodePoints(a.uri, b.uri) || compareCodePoints(a.local, b.local);
}

/** Namespace declarations: the default first, then by prefix. */
function compareDeclarations(a: readonly [string, string], b: readonly [string, string]): number {
  return compareCodePoints(a[0], b[0]);
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const LF = Buffer.from('\n');

/** `&`, `<` or `>` in the raw bytes: references to decode or characters to escape. */
function hasMarkupBytes(raw: Buffer): boolean {
  return raw.indexOf(0x26) >= 0 || raw.indexOf(0x3c) >= 0 || raw.indexOf(0x3e) >= 0;
}

/** Where the canonicaliser is relative to what it outputs. */
type Phase = 'before' | 'inside' | 'after';

/**
 * An XmlHandler that writes the canonical form of what it is fed. Feed the events, then call `end()` to flush.
 */
export class Canonicalizer implements XmlHandler {
  private readonly out: ByteBatch;
  private readonly exclusive: boolean;
  private readonly inclusivePrefixes: ReadonlySet<string>;
  private readonly apex: ((e: StartElement) => boolean) | undefined;
  private exclude: ((e: StartElement) => boolean) | undefined;
  private phase: Phase;
  /** Open elements seen (output or not). */
  private depth = 0;
  /** `depth` at the output apex's start (the document: 0, before the root). */
  private apexDepth = 0;
  /** `depth` inside the excluded element; -1 when not inside it. */
  private excludedDepth = -1;
  /**
   * The namespace declarations rendered on output ancestors, one map per output element (prefix → uri,
   * '' = default); `rendered[rendered.length - 1]` is what is in effect for the next child.
   */
  private readonly rendered: Map<string, string>[] = [];
  /** Inclusive C14N of a subtree: the xml:* attributes of the ancestors, nearest last, per ancestor depth. */
  private readonly xmlAttributes: XmlAttribute[][] = [];
  /** The qualified names of the open output elements, for their end tags. */
  private readonly openNames: string[] = [];

  constructor(sink: C14nSink, options: C14nOptions) {
    this.out = new ByteBatch(sink);
    this.exclusive = options.algorithm === 'exc-c14n';
    const prefixes = options.inclusivePrefixes ?? [];
    this.inclusivePrefixes = new Set(prefixes.map((p) => (p === '#default' ? '' : p)));
    this.apex = options.apex;
    this.exclude = options.exclude;
    this.phase = options.apex ? 'before' : 'inside';
  }

  /** True once the apex (or the document's root) has been closed. */
  get done(): boolean {
    return this.phase === 'after';
  }

  startElement(e: StartElement): void {
    this.depth++;
    if (this.excludedDepth >= 0) return;
    if (this.phase === 'before') {
      if (!this.apex!(e)) {
        // Inclusive C14N of a subtree carries the ancestors' xml:lang, xml:space… onto the apex.
        if (!this.exclusive) this.xmlAttributes.push(e.attributes.filter((a) => a.uri === XML_NS));
        return;
      }
      this.phase = 'inside';
      this.apexDepth = this.depth - 1;
    } else if (this.phase === 'after') return;
    if (this.exclude?.(e)) {
      this.excludedDepth = this.depth;
      this.exclude = undefined;
      return;
    }
    this.writeStart(e);
  }

  endElement(): void {
    const depth = this.depth--;
    if (this.excludedDepth >= 0) {
      if (depth === this.excludedDepth) this.excludedDepth = -1;
      return;
    }
    if (this.phase === 'before') {
      if (!this.exclusive) this.xmlAttributes.pop();
      return;
    }
    if (this.phase === 'after') return;
    this.rendered.pop();
    this.out.string(`</${this.openNames.pop()!}>`);
    if (depth === this.apexDepth + 1) this.phase = 'after';
  }

  text(t: TextChunk): void {
    // Text outside the document element (whitespace) is not part of the canonical form.
    if (this.phase !== 'inside' || this.excludedDepth >= 0 || this.depth === this.apexDepth) return;
    if (t.plain) this.out.bytes(t.raw);
    else if (!hasMarkupBytes(t.raw)) this.writeNormalisingLineEnds(t.raw);
    else this.out.string(escapeC14nText(t.text()));
  }

  /**
   * Text whose only non-canonical bytes are CRs (base64 with CRLF line ends, from Windows senders): its
   * decoded form is the raw bytes with CRLF and CR as LF, written in slices rather than through a JS string.
   * (The tokenizer holds a trailing CR back until it sees the next byte, so a CRLF is never split.)
   */
  private writeNormalisingLineEnds(raw: Buffer): void {
    let from = 0;
    for (let cr = raw.indexOf(0x0d); cr >= 0; cr = raw.indexOf(0x0d, from)) {
      if (cr > from) this.out.bytes(raw.subarray(from, cr));
      if (raw[cr + 1] === 0x0a) from = cr + 1;
      else {
        this.out.bytes(LF);
        from = cr + 1;
      }
    }
    if (from < raw.length) this.out.bytes(raw.subarray(from));
  }

  processingInstruction(target: string, data: string): void {
    if (this.excludedDepth >= 0) return;
    const value = data.replace(/^[ \t\r\n]+/, '');
    const pi = value ? `<?${target} ${value}?>` : `<?${target}?>`;
    if (this.phase === 'inside' && this.depth > this.apexDepth) this.out.string(pi);
    else if (!this.apex) {
      // Document level: a newline separates a PI from the document element (C14N §2.1).
      if (this.phase === 'inside') this.out.string(`${pi}\n`);
      else if (this.phase === 'after') this.out.string(`\n${pi}`);
    }
  }

  /** Flush what is batched to the sink. */
  end(): void {
    this.out.flush();
  }

  private writeStart(e: StartElement): void {
    const parent = this.rendered.length > 0 ? this.rendered[this.rendered.length - 1]! : undefined;
    const isApex = parent === undefined;
    const declarations = this.exclusive
      ? this.exclusiveDeclarations(e, parent)
      : this.inclusiveDeclarations(e, parent, isApex);
    let renderedHere = parent ?? new Map<string, string>();
    if (declarations.length > 0) {
      renderedHere = new Map(renderedHere);
      for (const [prefix, uri] of declarations) renderedHere.set(prefix, uri);
    }
    this.rendered.push(renderedHere);

    let attributes = e.attributes;
    if (isApex && !this.exclusive && this.xmlAttributes.length > 0) attributes = this.withInheritedXml(e);
    let tag = `<${e.qname}`;
    if (declarations.length > 1) declarations.sort(compareDeclarations);
    for (const [prefix, uri] of declarations)
      tag +=
        prefix === ''
          ? ` xmlns="${escapeC14nAttribute(uri)}"`
          : ` xmlns:${prefix}="${escapeC14nAttribute(uri)}"`;
    if (attributes.length > 1) attributes = [...attributes].sort(compareAttributes);
    for (const a of attributes) tag += ` ${a.qname}="${escapeC14nAttribute(a.value)}"`;
    this.out.string(`${tag}>`);
    this.openNames.push(e.qname);
  }

  /**
   * Canonical XML 1.0: every namespace in scope that the nearest output ancestor does not already have with
   * the same value; `xmlns=""` when the default namespace is undeclared here but was rendered non-empty above.
   */
  private inclusiveDeclarations(
    e: StartElement,
    parent: Map<string, string> | undefined,
    isApex: boolean,
  ): [string, string][] {
    // Same scope as the output parent: nothing new. (The output is always a contiguous subtree.)
    if (!isApex && e.namespaces.length === 0) return [];
    const out: [string, string][] = [];
    for (const [prefix, uri] of e.inScope) {
      if (prefix === 'xml') continue;
      if (uri === '') continue;
      if (parent?.get(prefix) !== uri) out.push([prefix, uri]);
    }
    if ((e.inScope.get('') ?? '') === '' && (parent?.get('') ?? '') !== '') out.push(['', '']);
    return out;
  }

  /**
   * Exclusive C14N: the namespaces the element visibly uses (its own prefix, its attributes' prefixes) and
   * the PrefixList's, unless the nearest output ancestor already rendered them with the same value.
   */
  private exclusiveDeclarations(
    e: StartElement,
    parent: Map<string, string> | undefined,
  ): [string, string][] {
    const out: [string, string][] = [];
    const consider = (prefix: string, uri: string): void => {
      if (prefix === 'xml') return;
      const above = parent?.get(prefix);
      if (uri === '') {
        // Only the default can be "undeclared": xmlns="" when a non-empty default was rendered above.
        if (prefix === '' && above !== undefined && above !== '' && !out.some((d) => d[0] === ''))
          out.push(['', '']);
        return;
      }
      if (above !== uri && !out.some((d) => d[0] === prefix)) out.push([prefix, uri]);
    };
    consider(e.prefix, e.uri);
    for (const a of e.attributes) if (a.prefix !== '') consider(a.prefix, a.uri);
    if (this.inclusivePrefixes.size > 0)
      for (const prefix of this.inclusivePrefixes) {
        const uri = e.inScope.get(prefix);
        if (uri !== undefined) consider(prefix, uri);
        else if (prefix === '') consider('', '');
      }
    return out;
  }

  /** The apex's attributes plus the nearest ancestor's value of each xml:* attribute it does not have. */
  private withInheritedXml(e: StartElement): XmlAttribute[] {
    const have = new Set(e.attributes.filter((a) => a.uri === XML_NS).map((a) => a.local));
    const extra: XmlAttribute[] = [];
    for (let i = this.xmlAttributes.length - 1; i >= 0; i--)
      for (const a of this.xmlAttributes[i]!)
        if (!have.has(a.local)) {
          have.add(a.local);
          extra.push(a);
        }
    return extra.length > 0 ? [...e.attributes, ...extra] : e.attributes;
  }
}

/** The canonical form of a whole document (or of `options.apex`) in one Buffer: for small documents and tests. */
export function canonicalize(input: Buffer | Iterable<Buffer>, options: C14nOptions): Buffer {
  const chunks: Buffer[] = [];
  const c = new Canonicalizer((b) => chunks.push(Buffer.from(b)), options);
  tokenize(input, c);
  c.end();
  return Buffer.concat(chunks);
}
