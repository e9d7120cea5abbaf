/**
 * A streaming XML writer: the one way this code base produces XML. Every name is checked, every value escaped,
 * the nesting and the namespace prefixes are tracked, so what it writes is always well-formed, namespace-
 * well-formed UTF-8 that the tokenizer (and xmllint, xmlsec1) accept. Output goes to a sink in ~64 KB chunks,
 * so a 50 MB base64 attachment passes through without one big string.
 */
import { NOT_CHAR_RE, QNAME_RE, XMLNS_NS, XML_NS } from './chars.js';

export type XmlWriteErrorReason = 'char' | 'name' | 'namespace' | 'structure';

/** A programming error (or unchecked input) that would have produced XML that is not well-formed. */
export class XmlWriteError extends Error {
  constructor(
    readonly reason: XmlWriteErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'XmlWriteError';
  }
}

export interface XmlWriterOptions {
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` and a newline first (default true). */
  declaration?: boolean;
}

export type XmlAttributes = readonly (readonly [string, string])[];
export type XmlNamespaces = readonly (readonly [prefix: string, uri: string])[];

const CHUNK = 64 * 1024;
/** A string this long or shorter that does not fit starts a new chunk rather than being split. */
const SMALL = 4 * 1024;
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<"\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

function escapeText(value: string): string {
  return TEXT_SPECIAL.test(value) ? value.replace(/[&<>\r]/g, (c) => ESCAPES[c]!) : value;
}

function escapeAttribute(value: string): string {
  return ATTR_SPECIAL.test(value) ? value.replace(/[&<"\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}

function checkChars(value: string, what: string): void {
  const bad = NOT_CHAR_RE.exec(value);
  if (bad) {
    const cp = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new XmlWriteError('char', `${what}: U+${cp} is not allowed in XML 1.0`);
  }
}

function prefixOf(qname: string): string {
  const ci = qname.indexOf(':');
  return ci < 0 ? '' : qname.slice(0, ci);
}

export class XmlWriter {
  private buf = Buffer.allocUnsafe(CHUNK);
  private len = 0;
  private readonly open: string[] = [];
  /** Prefixes declared on each open element (null: none), to refuse a prefix used out of scope. */
  private readonly declared: (readonly string[] | null)[] = [];
  /** The last start tag is still open (`<a x="1"` without `>`): an end() now writes `/>`. */
  private tagOpen = false;
  private rootDone = false;
  private finished = false;

  constructor(
    private readonly sink: (chunk: Buffer) => void,
    options?: XmlWriterOptions,
  ) {
    if (options?.declaration !== false) this.put(DECLARATION);
  }

  start(qname: string, attributes: XmlAttributes = [], namespaces: XmlNamespaces = []): this {
    this.usable();
    if (this.open.length === 0 && this.rootDone)
      throw new XmlWriteError('structure', 'only one root element');
    if (!QNAME_RE.test(qname)) throw new XmlWriteError('name', `'${qname}' is not a valid element name`);
    let tag = `<${qname}`;
    let prefixes: string[] | null = null;
    for (const [prefix, uri] of namespaces) {
      if (prefix !== '' && (!QNAME_RE.test(prefix) || prefix.includes(':'))) {
        throw new XmlWriteError('name', `'${prefix}' is not a valid namespace prefix`);
      }
      if (prefix === 'xml' || prefix === 'xmlns') {
        throw new XmlWriteError('namespace', `the ${prefix} prefix cannot be declared`);
      }
      if (uri === XML_NS || uri === XMLNS_NS)
        throw new XmlWriteError('namespace', `${uri} cannot be declared`);
      if (prefix !== '' && uri === '') throw new XmlWriteError('namespace', `prefix '${prefix}' needs a URI`);
      if (prefixes?.includes(prefix))
        throw new XmlWriteError('namespace', `prefix '${prefix}' declared twice`);
      checkChars(uri, 'namespace URI');
      (prefixes ??= []).push(prefix);
      tag +=
        prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
    }
    this.declared.push(prefixes);
    this.open.push(qname);
    try {
      this.checkPrefix(prefixOf(qname), qname);
      for (let i = 0; i < attributes.length; i++) {
        const [name, value] = attributes[i]!;
        if (!QNAME_RE.test(name)) throw new XmlWriteError('name', `'${name}' is not a valid attribute name`);
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          throw new XmlWriteError(
            'namespace',
            `declare namespaces with the namespaces argument, not '${name}'`,
          );
        }
        for (let k = 0; k < i; k++) {
          if (attributes[k]![0] === name)
            throw new XmlWriteError('structure', `attribute '${name}' given twice`);
        }
        this.checkPrefix(prefixOf(name), name);
        checkChars(value, `attribute ${name}`);
        tag += ` ${name}="${escapeAttribute(value)}"`;
      }
    } catch (e) {
      this.open.pop();
      this.declared.pop();
      throw e;
    }
    this.closeTag();
    this.put(tag);
    this.tagOpen = true;
    return this;
  }

  /** Character data, escaped (& < > and CR as &#xD; so it survives a parser's line-end normalisation). */
  text(value: string): this {
    this.usable();
    if (this.open.length === 0) throw new XmlWriteError('structure', 'text outside the root element');
    if (value === '') return this;
    checkChars(value, 'text');
    this.closeTag();
    this.put(escapeText(value));
    return this;
  }

  /**
   * Trusted character data written as is (base64, digits): only checked for what would turn it into markup
   * (`<`, `&`, `]]>`), not escaped and not character-checked. Buffers are copied into the output chunks.
   */
  raw(bytes: Buffer | string): this {
    this.usable();
    if (this.open.length === 0) throw new XmlWriteError('structure', 'text outside the root element');
    if (bytes.indexOf('<') >= 0 || bytes.indexOf('&') >= 0 || bytes.indexOf(']]>') >= 0) {
      throw new XmlWriteError('char', "raw text must not contain '<', '&' or ']]>'");
    }
    if (bytes.length === 0) return this;
    this.closeTag();
    if (typeof bytes === 'string') this.put(bytes);
    else this.putBytes(bytes);
    return this;
  }

  /** Closes the innermost open element (`<a/>` when nothing was written inside it). */
  end(): this {
    this.usable();
    const qname = this.open.pop();
    if (qname === undefined) throw new XmlWriteError('structure', 'end() without an open element');
    this.declared.pop();
    if (this.tagOpen) {
      this.put('/>');
      this.tagOpen = false;
    } else {
      this.put(`</${qname}>`);
    }
    if (this.open.length === 0) this.rootDone = true;
    return this;
  }

  /** start + text + end; null/undefined (and '') give an empty element. */
  element(qname: string, text: string | null | undefined, attributes?: XmlAttributes): this {
    this.start(qname, attributes);
    if (text !== null && text !== undefined) this.text(text);
    return this.end();
  }

  /** Flushes the rest to the sink; throws if elements are still open or nothing was written. */
  finish(): void {
    this.usable();
    if (this.open.length > 0) {
      throw new XmlWriteError('structure', `finish() with <${this.open.at(-1)!}> still open`);
    }
    if (!this.rootDone) throw new XmlWriteError('structure', 'finish() without a root element');
    this.finished = true;
    this.flush();
  }

  private usable(): void {
    if (this.finished) throw new XmlWriteError('structure', 'the writer is finished');
  }

  private checkPrefix(prefix: string, qname: string): void {
    if (prefix === '' || prefix === 'xml') return;
    if (prefix === 'xmlns') throw new XmlWriteError('namespace', `'${qname}': the xmlns prefix is reserved`);
    for (let i = this.declared.length - 1; i >= 0; i--) {
      if (this.declared[i]?.includes(prefix)) return;
    }
    throw new XmlWriteError('namespace', `'${qname}': prefix '${prefix}' is not declared`);
  }

  private closeTag(): void {
    if (!this.tagOpen) return;
    this.tagOpen = false;
    this.put('>');
  }

  private put(s: string): void {
    const room = CHUNK - this.len;
    // A UTF-16 code unit is at most 3 UTF-8 bytes: the common case needs no measuring.
    if (s.length * 3 <= room) {
      this.len += this.buf.write(s, this.len, 'utf8');
      return;
    }
    const n = Buffer.byteLength(s, 'utf8');
    if (n <= room) {
      this.len += this.buf.write(s, this.len, 'utf8');
    } else if (n <= SMALL) {
      this.flush();
      this.len += this.buf.write(s, this.len, 'utf8');
    } else {
      // Long text fills the current chunk to the brim, so chunks stay ~64 KB whatever the writes.
      this.putBytes(Buffer.from(s, 'utf8'));
    }
  }

  private putBytes(b: Buffer): void {
    let from = 0;
    while (from < b.length) {
      const n = Math.min(b.length - from, CHUNK - this.len);
      b.copy(this.buf, this.len, from, from + n);
      this.len += n;
      from += n;
      if (this.len === CHUNK) this.flush();
    }
  }

  private flush(): void {
    if (this.len === 0) return;
    const out = this.buf.subarray(0, this.len);
    // A fresh buffer each time: the sink may keep the chunk it was given.
    this.buf = this.finished ? Buffer.alloc(0) : Buffer.allocUnsafe(CHUNK);
    this.len = 0;
    this.sink(out);
  }
}

/** Builds a whole (small) document in memory. */
export function writeToBuffer(build: (w: XmlWriter) => void, options?: XmlWriterOptions): Buffer {
  const chunks: Buffer[] = [];
  const w = new XmlWriter((c) => chunks.push(c), options);
  build(w);
  w.finish();
  // Copied even when it is one chunk: a small document should not pin a 64 KB buffer.
  return Buffer.concat(chunks);
}
