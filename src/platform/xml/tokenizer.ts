/**
 * A push tokenizer for XML 1.0 + Namespaces over UTF-8 bytes, without DTDs (a DOCTYPE is refused: XXE-safe).
 *
 * Built for edXML envelopes with base64 attachments of tens of MB at hundreds per second: the input is never
 * joined into one string, text is handed out as slices of the caller's chunks (a 50 MB text becomes one `text`
 * event per chunk), the next `<` is found with native Buffer.indexOf, and only the bytes of a markup token
 * (tag, comment, PI) that straddles a chunk boundary are copied. Events: see events.ts.
 */
import { isAscii } from 'node:buffer';
import {
  NAME_CLASS,
  NAME_RE,
  TEXT_CLASS,
  asciiControls,
  asciiName,
  XMLNS_NS,
  XML_NS,
  badChar,
  checkChars,
  checkReference,
  decodeAttribute,
  decodeName,
  decodeText,
  isSpace,
  nameEnd,
  utf8SeqLen,
} from './chars.js';
import {
  XmlError,
  type EndElement,
  type StartElement,
  type TextChunk,
  type TokenizerLimits,
  type XmlAttribute,
  type XmlHandler,
} from './events.js';

// Where the tokenizer is in the document.
const S_START = 0; // nothing read yet (byte order mark, declaration)
const S_PROLOG = 1; // before the root element
const S_CONTENT = 2; // inside the root element
const S_CDATA = 3; // inside a CDATA section
const S_EPILOG = 4; // after the root element

// What the held-back bytes (`pend`) are.
const P_NONE = 0;
const P_RAW = 1; // a few bytes (partial UTF-8 char, CR, `]]`, `<!` …): joined with the next chunk
const P_SCAN = 2; // an unfinished token whose end is searched in the next chunks without rescanning

// Kinds of token whose end `scanEnd` finds.
const K_STAG = 1;
const K_ETAG = 2;
const K_COMMENT = 3;
const K_PI = 4;
const K_REF = 5;

const CDATA_OPEN = Buffer.from('<![CDATA[', 'latin1');
const CDATA_CLOSE = Buffer.from(']]>', 'latin1');
const DOCTYPE = Buffer.from('<!DOCTYPE', 'latin1');
const DASH_DASH = Buffer.from('--', 'latin1');
/** From this length on, text is first checked with native ASCII/indexOf searches. */
const LONG_TEXT = 64;
const EMPTY_SCOPE: ReadonlyMap<string, string> = new Map();

interface OpenElement {
  qname: string;
  prefix: string;
  local: string;
  uri: string;
  scope: ReadonlyMap<string, string>;
  /** UTF-8 bytes of a non-ASCII qname (end tags are matched on bytes); null when ASCII. */
  bytes: Buffer | null;
}

class Text implements TextChunk {
  constructor(
    private readonly b: Buffer,
    private readonly s: number,
    private readonly e: number,
    readonly cdata: boolean,
    readonly plain: boolean,
    readonly whitespace: boolean,
    readonly start: number,
    readonly end: number,
  ) {}

  /** Made on demand: many consumers skip whitespace or only want text(), and a Buffer view is not free. */
  get raw(): Buffer {
    return this.b.subarray(this.s, this.e);
  }

  text(): string {
    const s = this.b.toString('utf8', this.s, this.e);
    return this.plain ? s : decodeText(s, this.cdata);
  }
}

export class XmlTokenizer {
  private readonly h: XmlHandler;
  private readonly maxDepth: number;
  private readonly maxAttributes: number;
  private readonly maxToken: number;

  private state = S_START;
  /** Stream offset of the next chunk's first byte. */
  private total = 0;
  /** Stream offset of byte 0 of the buffer being processed. */
  private base = 0;
  private docStart = 0;
  private rootSeen = false;
  private readonly stack: OpenElement[] = [];

  private pend: Buffer | null = null;
  private pendLen = 0;
  private pendKind = P_NONE;
  private pendOffset = 0;

  private scanKind = 0;
  private scanQuote = 0;
  private scanRun = 0;
  /** End of the name read by `name()`. */
  private nameAt = 0;

  /** Set by `text`/`cdataText` for the run just scanned. */
  private tPlain = true;
  private tWs = true;
  private tRef = false;

  private failed: Error | null = null;
  private ended = false;
  /** True while a handler runs: its exceptions are the caller's and pass through unwrapped. */
  private inHandler = false;

  constructor(handler: XmlHandler, limits?: TokenizerLimits) {
    this.h = handler;
    this.maxDepth = limits?.maxDepth ?? 256;
    this.maxAttributes = limits?.maxAttributes ?? 256;
    this.maxToken = limits?.maxTokenBytes ?? 1024 * 1024;
  }

  write(chunk: Buffer): void {
    if (this.failed) throw this.failed;
    if (this.ended) throw this.fail(new XmlError('malformed', 'write after end', this.total));
    try {
      this.feed(chunk);
    } catch (e) {
      throw this.fail(e);
    }
  }

  /** Declares the input complete: throws if the document is truncated or has no root element. */
  end(): void {
    if (this.failed) throw this.failed;
    if (this.ended) return;
    this.ended = true;
    try {
      this.finish();
    } catch (e) {
      throw this.fail(e);
    }
  }

  private fail(e: unknown): Error {
    const err =
      e instanceof XmlError || (this.inHandler && e instanceof Error)
        ? e
        : this.inHandler
          ? new Error(String(e))
          : new XmlError(
              'malformed',
              `tokenizer failure: ${e instanceof Error ? e.message : String(e)}`,
              this.base,
            );
    this.failed = err;
    return err;
  }

  private feed(chunk: Buffer): void {
    const off = this.total;
    this.total += chunk.length;
    if (chunk.length === 0) return;
    if (this.pendKind === P_SCAN) {
      const k = this.scanEnd(chunk, 0);
      if (k < 0) {
        this.append(chunk, chunk.length);
        this.checkPendLimit();
        return;
      }
      this.append(chunk, k);
      const at = this.pendOffset;
      // The held token is now complete, so this run consumes all of it and holds nothing back.
      this.run(this.takePend(), 0, at, false);
      this.run(chunk, k, off, false);
    } else if (this.pendKind === P_RAW) {
      const at = this.pendOffset;
      this.run(Buffer.concat([this.takePend(), chunk]), 0, at, false);
    } else {
      this.run(chunk, 0, off, false);
    }
  }

  private finish(): void {
    // Held bytes are parsed as the end of the input, so the error is the one a single-chunk run reports.
    if (this.pendKind !== P_NONE) {
      const at = this.pendOffset;
      this.run(this.takePend(), 0, at, true);
    } else if (this.state === S_START) {
      this.run(Buffer.alloc(0), 0, this.total, true);
    }
    if (this.state === S_CDATA) throw new XmlError('malformed', 'unterminated CDATA section', this.total);
    if (this.stack.length > 0) {
      throw new XmlError(
        'malformed',
        `unexpected end of input: <${this.stack.at(-1)!.qname}> not closed`,
        this.total,
      );
    }
    if (!this.rootSeen) throw new XmlError('malformed', 'no root element', this.total);
  }

  // ---- held-back bytes ----

  private hold(b: Buffer, from: number, kind: number): void {
    const len = b.length - from;
    this.pend = Buffer.allocUnsafe(Math.max(64, len * 2));
    b.copy(this.pend, 0, from);
    this.pendLen = len;
    this.pendKind = kind;
    this.pendOffset = this.base + from;
  }

  private append(b: Buffer, end: number): void {
    const pend = this.pend!;
    if (this.pendLen + end > pend.length) {
      // Doubling keeps a long token arriving in tiny chunks linear, not quadratic.
      const bigger = Buffer.allocUnsafe(Math.max(pend.length * 2, this.pendLen + end));
      pend.copy(bigger, 0, 0, this.pendLen);
      this.pend = bigger;
    }
    b.copy(this.pend!, this.pendLen, 0, end);
    this.pendLen += end;
  }

  /** The held bytes; the buffer is then forgotten (never reused: handlers may have seen slices of it). */
  private takePend(): Buffer {
    const p = this.pend!.subarray(0, this.pendLen);
    this.pend = null;
    this.pendLen = 0;
    this.pendKind = P_NONE;
    return p;
  }

  private checkPendLimit(): void {
    const max = this.scanKind === K_STAG ? this.maxToken * 2 : this.maxToken + 16;
    if (this.pendLen > max) throw new XmlError('limit', 'markup token too long', this.pendOffset);
  }

  /**
   * Index just after the end of the token of kind `scanKind` in b[from…], or -1; the quote/dash state is kept
   * in fields so the search resumes in the next chunk where it stopped.
   */
  private scanEnd(b: Buffer, from: number): number {
    const n = b.length;
    switch (this.scanKind) {
      case K_ETAG: {
        const k = b.indexOf(0x3e, from);
        return k < 0 ? -1 : k + 1;
      }
      case K_STAG: {
        let q = this.scanQuote;
        let j = from;
        while (j < n) {
          if (q !== 0) {
            const k = b.indexOf(q, j);
            if (k < 0) break;
            q = 0;
            j = k + 1;
            continue;
          }
          const c = b[j]!;
          if (c === 0x3e) {
            this.scanQuote = 0;
            return j + 1;
          }
          if (c === 0x22 || c === 0x27) q = c;
          j++;
        }
        this.scanQuote = q;
        return -1;
      }
      case K_COMMENT:
      case K_PI: {
        // Comment: `-->` (run = dashes just seen); PI: `?>` (run = 1 after a `?`).
        const mark = this.scanKind === K_COMMENT ? 0x2d : 0x3f;
        const need = this.scanKind === K_COMMENT ? 2 : 1;
        let run = this.scanRun;
        for (let j = from; j < n; j++) {
          const c = b[j]!;
          if (c === 0x3e && run >= need) return j + 1;
          run = c === mark ? run + 1 : 0;
        }
        this.scanRun = run;
        return -1;
      }
      case K_REF: {
        // A reference ends at its `;`, or at the first byte that cannot be part of one (then it is malformed).
        for (let j = from; j < n; j++) {
          const c = b[j]!;
          if (!(
            (c >= 0x30 && c <= 0x39) ||
            (c >= 0x41 && c <= 0x5a) ||
            (c >= 0x61 && c <= 0x7a) ||
            c === 0x23
          )) {
            return j + 1;
          }
        }
        return -1;
      }
      default:
        throw new Error('unknown scan kind');
    }
  }

  // ---- the main loop ----

  private run(b: Buffer, i: number, off: number, final: boolean): void {
    this.base = off;
    const n = b.length;
    if (this.state === S_START) {
      if (n - i < 3 && !final) {
        this.hold(b, i, P_RAW);
        return;
      }
      if (b[i] === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf) i += 3;
      else if ((b[i] === 0xfe && b[i + 1] === 0xff) || (b[i] === 0xff && b[i + 1] === 0xfe)) {
        throw new XmlError('encoding', 'UTF-16 input: only UTF-8 is accepted', off + i);
      }
      this.docStart = off + i;
      this.state = S_PROLOG;
    }
    while (i < n) {
      if (this.state === S_CDATA) {
        i = this.cdata(b, i, final);
        if (i < 0) return;
        continue;
      }
      const lt = b.indexOf(0x3c, i);
      const te = lt < 0 ? n : lt;
      if (te > i) {
        const stop = this.text(b, i, te, lt < 0 && !final);
        if (stop < te) {
          this.hold(b, stop, this.tRef ? P_SCAN : P_RAW);
          if (this.tRef) this.scanKind = K_REF;
          return;
        }
      }
      if (lt < 0) return;
      i = this.markup(b, lt, final);
      if (i < 0) return;
    }
  }

  /**
   * Character data in [s, e): validated, then handed out (inside the root) or refused unless whitespace
   * (outside). When `atEnd` (more bytes may follow), a partial UTF-8 char, reference, trailing CR or `]`/`]]`
   * is held back: returns where the emitted part stops.
   */
  private text(b: Buffer, s: number, e: number, atEnd: boolean): number {
    const base = this.base;
    let plain = true;
    let j = s;
    for (; j < e; j++) {
      const c = b[j]!;
      if (c === 0x0d) plain = false;
      else if (c !== 0x20 && c !== 0x0a && c !== 0x09) break;
    }
    const wsEnd = j;
    if (wsEnd < e && this.state !== S_CONTENT) {
      throw new XmlError('malformed', 'text outside the root element', base + wsEnd);
    }
    let stop = -1;
    this.tRef = false;
    if (e - j >= LONG_TEXT && isAscii(b.subarray(j, e))) {
      // Long ASCII text (base64): native searches and a word-at-a-time control check instead of a byte loop.
      // On any error the byte loop below runs instead, so the error reported is the first in document order.
      try {
        const fast = this.asciiText(b, j, e, atEnd);
        if (fast >= 0) {
          plain &&= this.tPlain;
          stop = fast;
          j = e;
        }
      } catch (err) {
        if (!(err instanceof XmlError)) throw err;
        this.tRef = false;
      }
    }
    const T = TEXT_CLASS;
    for (; j < e; j++) {
      const c = b[j]!;
      if (T[c] === 0) continue;
      if (c >= 0x80) {
        const len = utf8SeqLen(b, j, e, base);
        if (len < 0) {
          if (!atEnd) throw new XmlError('encoding', 'invalid UTF-8', base + j);
          stop = j;
          break;
        }
        j += len - 1;
      } else if (c === 0x26) {
        plain = false;
        const r = checkReference(b, j, e, base);
        if (r < 0) {
          if (!atEnd) throw new XmlError('malformed', 'malformed reference', base + j);
          this.tRef = true;
          stop = j;
          break;
        }
        j = r - 1;
      } else if (c === 0x3e) {
        plain = false;
        if (j - 2 >= s && b[j - 1] === 0x5d && b[j - 2] === 0x5d) {
          throw new XmlError('malformed', "']]>' is not allowed in text", base + j - 2);
        }
      } else if (c === 0x0d) {
        plain = false;
      } else {
        throw badChar(base + j);
      }
    }
    if (stop < 0) stop = atEnd ? heldTail(b, s, e) : e;
    if (stop > s && this.state === S_CONTENT) {
      const ws = wsEnd >= stop;
      if (this.h.text) {
        const t = new Text(b, s, stop, false, plain, ws, base + s, base + stop);
        this.inHandler = true;
        this.h.text(t);
        this.inHandler = false;
      }
    }
    return stop;
  }

  /**
   * [j, e) is ASCII: checks it with native searches. Returns the stop (as `text`) and sets tPlain/tRef; -1 when
   * it cannot decide (then the byte loop does the work).
   */
  private asciiText(b: Buffer, j: number, e: number, atEnd: boolean): number {
    const base = this.base;
    const sub = b.subarray(j, e);
    let plain = !asciiControls(b, j, e, base);
    let stop = -1;
    for (let a = sub.indexOf(0x26); a >= 0;) {
      plain = false;
      const r = checkReference(b, j + a, e, base);
      if (r < 0) {
        if (!atEnd) throw new XmlError('malformed', 'malformed reference', base + j + a);
        this.tRef = true;
        stop = j + a;
        break;
      }
      a = sub.indexOf(0x26, r - j);
    }
    if (sub.indexOf(0x3e) >= 0) {
      plain = false;
      const bad = sub.indexOf(CDATA_CLOSE);
      if (bad >= 0) throw new XmlError('malformed', "']]>' is not allowed in text", base + j + bad);
    }
    this.tPlain = plain;
    return stop >= 0 ? stop : atEnd ? heldTail(b, j, e) : e;
  }

  /** Inside a CDATA section: hands out its content up to `]]>` (or up to the held-back tail of the buffer). */
  private cdata(b: Buffer, i: number, final: boolean): number {
    const close = b.indexOf(CDATA_CLOSE, i);
    const e = close < 0 ? b.length : close;
    const atEnd = close < 0 && !final;
    const base = this.base;
    let plain = true;
    let stop = -1;
    let wsEnd = i;
    while (wsEnd < e && isSpace(b[wsEnd])) wsEnd++;
    for (let j = i; j < e; j++) {
      const c = b[j]!;
      if (TEXT_CLASS[c] === 0) continue;
      if (c >= 0x80) {
        const len = utf8SeqLen(b, j, e, base);
        if (len < 0) {
          if (!atEnd) throw new XmlError('encoding', 'invalid UTF-8', base + j);
          stop = j;
          break;
        }
        j += len - 1;
      } else if (c === 0x26 || c === 0x3c || c === 0x3e) {
        plain = false;
      } else if (c === 0x0d) {
        plain = false;
      } else {
        throw badChar(base + j);
      }
    }
    if (stop < 0) stop = atEnd ? heldTail(b, i, e) : e;
    if (stop > i && this.h.text) {
      const t = new Text(b, i, stop, true, plain, wsEnd >= stop, base + i, base + stop);
      this.inHandler = true;
      this.h.text(t);
      this.inHandler = false;
    }
    if (close < 0) {
      if (final) throw new XmlError('malformed', 'unterminated CDATA section', base + b.length);
      if (stop < b.length) this.hold(b, stop, P_RAW);
      return -1;
    }
    this.state = S_CONTENT;
    return close + 3;
  }

  /** Markup starting with `<` at lt: returns the index after it, or -1 when it continues in the next chunk. */
  private markup(b: Buffer, lt: number, final: boolean): number {
    const n = b.length;
    if (lt + 1 >= n) return this.needMore(b, lt, final);
    const c1 = b[lt + 1];
    if (c1 === 0x21) {
      if (lt + 2 >= n) return this.needMore(b, lt, final);
      const c2 = b[lt + 2];
      if (c2 === 0x2d) {
        if (lt + 3 >= n) return this.needMore(b, lt, final);
        if (b[lt + 3] !== 0x2d) throw new XmlError('malformed', "'<!-' is not a comment", this.base + lt);
        this.scanKind = K_COMMENT;
        this.scanRun = 0;
        const e = this.scanEnd(b, lt + 4);
        if (e < 0) return this.holdToken(b, lt, final);
        this.comment(b, lt, e);
        return e;
      }
      const word = c2 === 0x5b ? CDATA_OPEN : c2 === 0x44 ? DOCTYPE : null;
      if (word === null) throw new XmlError('malformed', "unknown '<!' markup", this.base + lt);
      for (let k = 3; k < word.length; k++) {
        if (lt + k >= n) return this.needMore(b, lt, final);
        if (b[lt + k] !== word[k]) throw new XmlError('malformed', "unknown '<!' markup", this.base + lt);
      }
      if (word === DOCTYPE) {
        throw new XmlError(
          'doctype',
          'DOCTYPE is not accepted (no DTDs, no external entities)',
          this.base + lt,
        );
      }
      if (this.state !== S_CONTENT) {
        throw new XmlError('malformed', 'CDATA section outside the root element', this.base + lt);
      }
      this.state = S_CDATA;
      return lt + CDATA_OPEN.length;
    }
    if (c1 === 0x3f) {
      this.scanKind = K_PI;
      this.scanRun = 0;
      const e = this.scanEnd(b, lt + 2);
      if (e < 0) return this.holdToken(b, lt, final);
      this.pi(b, lt, e);
      return e;
    }
    // Tags are parsed optimistically in one pass; only when the buffer ends inside one is its end searched
    // (with the resumable scanner) so that the next chunks complete it without being parsed twice.
    if (c1 === 0x2f) {
      const e = this.endTag(b, lt);
      if (e >= 0) return e;
      this.scanKind = K_ETAG;
      this.scanEnd(b, lt + 2);
      return this.holdToken(b, lt, final);
    }
    const e = this.startTag(b, lt);
    if (e >= 0) return e;
    this.scanKind = K_STAG;
    this.scanQuote = 0;
    if (this.scanEnd(b, lt + 1) >= 0) throw new Error('start tag parser and scanner disagree');
    return this.holdToken(b, lt, final);
  }

  private needMore(b: Buffer, lt: number, final: boolean): number {
    if (final) throw new XmlError('malformed', 'unexpected end of input inside markup', this.base + lt);
    this.hold(b, lt, P_RAW);
    return -1;
  }

  private holdToken(b: Buffer, lt: number, final: boolean): number {
    if (final) throw new XmlError('malformed', 'unexpected end of input inside markup', this.base + lt);
    this.hold(b, lt, P_SCAN);
    this.checkPendLimit();
    return -1;
  }

  // ---- tokens ----

  /**
   * Reads the name starting at s and sets `nameAt` to its end. Returns null when the buffer ends inside it (the
   * name may continue in the next chunk).
   */
  private name(b: Buffer, s: number): string | null {
    const n = b.length;
    let h = 0;
    let j = s;
    for (; j < n; j++) {
      const c = b[j]!;
      if (c >= 0x80) break;
      const k = NAME_CLASS[c]!;
      if (k === 0) break;
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (j < n && b[j]! >= 0x80) {
      // Rare non-ASCII name: validated against the full Name production.
      j = nameEnd(b, s, n);
      if (j >= n) return null;
      this.nameAt = j;
      if (j - s > this.maxToken) throw new XmlError('limit', 'name too long', this.base + s);
      return decodeName(b, s, j, this.base);
    }
    if (j >= n) return null;
    if (j === s) throw new XmlError('malformed', 'name expected', this.base + s);
    if (NAME_CLASS[b[s]!] === 2) throw new XmlError('malformed', 'invalid name', this.base + s);
    if (j - s > this.maxToken) throw new XmlError('limit', 'name too long', this.base + s);
    this.nameAt = j;
    return asciiName(b, s, j, h);
  }

  /** The start tag at p, when complete in b: returns the index after it, or -1 when b ends inside it. */
  private startTag(b: Buffer, p: number): number {
    const base = this.base;
    const n = b.length;
    if (this.state === S_EPILOG) throw new XmlError('malformed', 'more than one root element', base + p);
    const qname = this.name(b, p + 1);
    if (qname === null) return -1;
    const ascii = this.nameAt - p - 1 === qname.length;
    let j = this.nameAt;
    let selfClosing = false;
    let names: string[] | null = null;
    let values: string[] | null = null;
    for (;;) {
      const ws = j;
      while (isSpace(b[j])) j++;
      if (j >= n) return -1;
      const c = b[j];
      if (c === 0x3e) break;
      if (c === 0x2f) {
        if (j + 1 >= n) return -1;
        if (b[j + 1] !== 0x3e) throw new XmlError('malformed', "'/>' expected", base + j);
        selfClosing = true;
        j++;
        break;
      }
      if (j === ws) throw new XmlError('malformed', 'whitespace expected before an attribute', base + j);
      const aname = this.name(b, j);
      if (aname === null) return -1;
      j = this.nameAt;
      while (isSpace(b[j])) j++;
      if (j >= n) return -1;
      if (b[j] !== 0x3d) throw new XmlError('malformed', "'=' expected after an attribute name", base + j);
      j++;
      while (isSpace(b[j])) j++;
      if (j >= n) return -1;
      const q = b[j]!;
      if (q !== 0x22 && q !== 0x27)
        throw new XmlError('malformed', 'quoted attribute value expected', base + j);
      const ve = b.indexOf(q, j + 1);
      if (ve < 0) {
        if (n - j > this.maxToken) throw new XmlError('limit', 'attribute value too long', base + j);
        return -1;
      }
      if (names === null || values === null) {
        names = [];
        values = [];
      }
      if (names.length >= this.maxAttributes) throw new XmlError('limit', 'too many attributes', base + j);
      names.push(aname);
      values.push(this.attrValue(b, j + 1, ve));
      j = ve + 1;
    }
    const e = j + 1;

    const depth = this.stack.length;
    if (depth >= this.maxDepth) throw new XmlError('limit', 'elements nested too deeply', base + p);
    const parentScope = depth > 0 ? this.stack[depth - 1]!.scope : EMPTY_SCOPE;
    let scope = parentScope;
    const namespaces: [string, string][] = [];
    const attributes: XmlAttribute[] = [];
    if (names !== null && values !== null) {
      const count = names.length;
      if (count > 1) checkDuplicates(names, base + p);
      for (let k = 0; k < count; k++) {
        const name = names[k]!;
        if (!isDeclaration(name)) continue;
        const prefix = name.length === 5 ? '' : name.slice(6);
        const uri = values[k]!;
        checkDeclaration(prefix, uri, base + p);
        // xmlns:xml="…XML namespace" is legal but changes nothing: the xml prefix is bound for good.
        if (prefix === 'xml') continue;
        if (scope === parentScope) scope = new Map(parentScope);
        const m = scope as Map<string, string>;
        if (uri === '') m.delete('');
        else m.set(prefix, uri);
        namespaces.push([prefix, uri]);
      }
      let prefixed = 0;
      for (let k = 0; k < count; k++) {
        const name = names[k]!;
        if (isDeclaration(name)) continue;
        const split = splitQName(name, base + p);
        if (split === null) {
          attributes.push({ qname: name, prefix: '', local: name, uri: '', value: values[k]! });
          continue;
        }
        prefixed++;
        const uri = namespaceOf(split[0], scope, base + p);
        attributes.push({ qname: name, prefix: split[0], local: split[1], uri, value: values[k]! });
      }
      if (prefixed > 0 && attributes.length > 1) checkExpandedDuplicates(attributes, base + p);
    }
    const split = splitQName(qname, base + p);
    let prefix = '';
    let local = qname;
    let uri: string;
    if (split === null) uri = scope.get('') ?? '';
    else {
      prefix = split[0];
      local = split[1];
      if (prefix === 'xmlns')
        throw new XmlError('namespace', 'an element cannot use the xmlns prefix', base + p);
      uri = namespaceOf(prefix, scope, base + p);
    }

    if (this.state === S_PROLOG) {
      this.state = S_CONTENT;
      this.rootSeen = true;
    }
    if (this.h.startElement) {
      const ev: StartElement = {
        qname,
        prefix,
        local,
        uri,
        attributes,
        namespaces,
        inScope: scope,
        selfClosing,
        depth,
        start: base + p,
        end: base + e,
      };
      this.inHandler = true;
      this.h.startElement(ev);
      this.inHandler = false;
    }
    if (selfClosing) {
      if (depth === 0) this.state = S_EPILOG;
      this.emitEnd(qname, prefix, local, uri, depth, base + e, base + e);
    } else {
      this.stack.push({ qname, prefix, local, uri, scope, bytes: ascii ? null : Buffer.from(qname, 'utf8') });
    }
    return e;
  }

  private attrValue(b: Buffer, s: number, e: number): string {
    const base = this.base;
    if (e - s > this.maxToken) throw new XmlError('limit', 'attribute value too long', base + s);
    let j = s;
    for (; j < e; j++) {
      const c = b[j]!;
      if (c < 0x20 || c > 0x7f || c === 0x26 || c === 0x3c) break;
    }
    if (j === e) return b.toString('latin1', s, e);
    const lt = b.indexOf(0x3c, s);
    if (lt >= 0 && lt < e) throw new XmlError('malformed', "'<' in an attribute value", base + lt);
    const ascii = checkChars(b, s, e, base);
    for (let a = b.indexOf(0x26, s); a >= 0 && a < e; a = b.indexOf(0x26, a + 1)) {
      if (checkReference(b, a, e, base) < 0) throw new XmlError('malformed', 'malformed reference', base + a);
    }
    return decodeAttribute(b.toString(ascii ? 'latin1' : 'utf8', s, e));
  }

  /** The end tag at p, matched against the open element: returns the index after it, or -1 when incomplete. */
  private endTag(b: Buffer, p: number): number {
    const base = this.base;
    const n = b.length;
    const top = this.stack.at(-1);
    if (top === undefined) throw new XmlError('malformed', 'end tag without a start tag', base + p);
    const s = p + 2;
    const want = top.bytes;
    const len = want === null ? top.qname.length : want.length;
    for (let k = 0; k < len; k++) {
      if (s + k >= n) return -1;
      if (b[s + k] !== (want === null ? top.qname.charCodeAt(k) : want[k])) throw this.mismatch(top, p);
    }
    let j = s + len;
    if (j >= n) return -1;
    const c = b[j]!;
    if (c >= 0x80 || NAME_CLASS[c] !== 0) throw this.mismatch(top, p);
    while (isSpace(b[j])) j++;
    if (j >= n) return -1;
    if (b[j] !== 0x3e) throw new XmlError('malformed', 'malformed end tag', base + p);
    this.stack.pop();
    const depth = this.stack.length;
    if (depth === 0) this.state = S_EPILOG;
    this.emitEnd(top.qname, top.prefix, top.local, top.uri, depth, base + p, base + j + 1);
    return j + 1;
  }

  private mismatch(top: OpenElement, p: number): XmlError {
    return new XmlError('malformed', `mismatched end tag: </${top.qname}> expected`, this.base + p);
  }

  private emitEnd(
    qname: string,
    prefix: string,
    local: string,
    uri: string,
    depth: number,
    start: number,
    end: number,
  ) {
    if (!this.h.endElement) return;
    const ev: EndElement = { qname, prefix, local, uri, depth, start, end };
    this.inHandler = true;
    this.h.endElement(ev);
    this.inHandler = false;
  }

  private comment(b: Buffer, p: number, e: number): void {
    const base = this.base;
    const s = p + 4;
    const ce = e - 3;
    if (ce - s > this.maxToken) throw new XmlError('limit', 'comment too long', base + p);
    const dd = b.indexOf(DASH_DASH, s);
    if (dd >= 0 && dd < ce) throw new XmlError('malformed', "'--' is not allowed in a comment", base + dd);
    checkChars(b, s, ce, base);
    if (this.h.comment) {
      const text = b.toString('utf8', s, ce);
      this.inHandler = true;
      this.h.comment(text, base + p, base + e);
      this.inHandler = false;
    }
  }

  private pi(b: Buffer, p: number, e: number): void {
    const base = this.base;
    const de = e - 2;
    if (de - p > this.maxToken) throw new XmlError('limit', 'processing instruction too long', base + p);
    const tn = nameEnd(b, p + 2, de);
    const target = decodeName(b, p + 2, tn, base);
    if (target.toLowerCase() === 'xml') {
      if (target !== 'xml' || base + p !== this.docStart) {
        throw new XmlError('malformed', 'the XML declaration is only allowed at the very start', base + p);
      }
      this.declaration(b, tn, de);
      return;
    }
    if (target.includes(':'))
      throw new XmlError('namespace', 'a colon in a processing instruction target', base + p);
    let j = tn;
    if (j < de) {
      if (!isSpace(b[j]))
        throw new XmlError('malformed', 'whitespace expected after the PI target', base + j);
      while (j < de && isSpace(b[j])) j++;
    }
    checkChars(b, j, de, base);
    if (this.h.processingInstruction) {
      const data = b.toString('utf8', j, de);
      this.inHandler = true;
      this.h.processingInstruction(target, data, base + p, base + e);
      this.inHandler = false;
    }
  }

  /** `<?xml version="1.x" encoding="UTF-8" standalone="yes|no"?>`, pseudo-attributes in this order. */
  private declaration(b: Buffer, s: number, e: number): void {
    const base = this.base;
    const order = ['version', 'encoding', 'standalone'] as const;
    const found: { version?: string; encoding?: string; standalone?: string } = {};
    let next = 0;
    let j = s;
    for (;;) {
      const ws = j;
      while (j < e && isSpace(b[j])) j++;
      if (j >= e) break;
      if (j === ws) throw new XmlError('malformed', 'malformed XML declaration', base + j);
      const ne = nameEnd(b, j, e);
      const name = b.toString('latin1', j, ne);
      const k = (order as readonly string[]).indexOf(name, next);
      if (k < 0 || (next === 0 && k !== 0))
        throw new XmlError('malformed', 'malformed XML declaration', base + j);
      j = ne;
      while (j < e && isSpace(b[j])) j++;
      if (b[j] !== 0x3d) throw new XmlError('malformed', 'malformed XML declaration', base + j);
      j++;
      while (j < e && isSpace(b[j])) j++;
      const q = b[j];
      const ve = q === 0x22 || q === 0x27 ? b.indexOf(q, j + 1) : -1;
      if (ve < 0 || ve >= e) throw new XmlError('malformed', 'malformed XML declaration', base + j);
      const value = b.toString('latin1', j + 1, ve);
      const key = order[k]!;
      if (key === 'version' && !/^1\.[0-9]+$/.test(value)) {
        throw new XmlError('malformed', 'unsupported XML version', base + j);
      }
      if (key === 'encoding') {
        if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value))
          throw new XmlError('malformed', 'bad encoding name', base + j);
        if (value.toUpperCase() !== 'UTF-8') {
          throw new XmlError('encoding', `encoding ${value} is not accepted: only UTF-8`, base + j);
        }
      }
      if (key === 'standalone' && value !== 'yes' && value !== 'no') {
        throw new XmlError('malformed', "standalone must be 'yes' or 'no'", base + j);
      }
      found[key] = value;
      next = k + 1;
      j = ve + 1;
    }
    if (found.version === undefined)
      throw new XmlError('malformed', 'XML declaration without version', base + s);
    if (this.h.declaration) {
      this.inHandler = true;
      this.h.declaration(found);
      this.inHandler = false;
    }
  }
}

/**
 * Where the text [s, e) that ends a chunk must stop so the next chunk can complete what it started: a CR (a
 * CRLF must become one LF) and a `]` or `]]` (a `]]>` must be seen whole).
 */
function heldTail(b: Buffer, s: number, e: number): number {
  const last = b[e - 1];
  if (last === 0x0d) return e - 1;
  if (last !== 0x5d) return e;
  return e - 2 >= s && b[e - 2] === 0x5d ? e - 2 : e - 1;
}

function checkDuplicates(names: readonly string[], offset: number): void {
  if (names.length < 16) {
    for (let a = 1; a < names.length; a++) {
      for (let c = 0; c < a; c++) {
        if (names[a] === names[c]) throw duplicate(names[a]!, offset);
      }
    }
    return;
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw duplicate(n, offset);
    seen.add(n);
  }
}

/** Namespaces in XML §6.3: no two attributes with the same namespace URI and local name. */
function checkExpandedDuplicates(attributes: readonly XmlAttribute[], offset: number): void {
  const seen = new Set<string>();
  for (const a of attributes) {
    const key = `${a.uri}\u0000${a.local}`;
    if (seen.has(key))
      throw new XmlError('namespace', `attribute {${a.uri}}${a.local} appears twice`, offset);
    seen.add(key);
  }
}

function duplicate(name: string, offset: number): XmlError {
  return new XmlError('malformed', `duplicate attribute ${name}`, offset);
}

function checkDeclaration(prefix: string, uri: string, offset: number): void {
  if (prefix !== '' && !isNcName(prefix))
    throw new XmlError('namespace', `bad namespace prefix '${prefix}'`, offset);
  if (prefix === 'xmlns') throw new XmlError('namespace', 'the xmlns prefix cannot be declared', offset);
  if (prefix === 'xml') {
    if (uri !== XML_NS)
      throw new XmlError('namespace', 'the xml prefix is bound to the XML namespace', offset);
    return;
  }
  if (uri === XML_NS || uri === XMLNS_NS) {
    throw new XmlError('namespace', `namespace ${uri} cannot be bound to another prefix`, offset);
  }
  if (prefix !== '' && uri === '') {
    throw new XmlError('namespace', `prefix '${prefix}' cannot be undeclared in XML 1.0`, offset);
  }
}

function isDeclaration(name: string): boolean {
  return name.charCodeAt(0) === 0x78 && (name === 'xmlns' || name.startsWith('xmlns:'));
}

/** QName → [prefix, local] (null when unprefixed), checked once per distinct name. */
const qnames = new Map<string, readonly [string, string] | null>();

function splitQName(qname: string, offset: number): readonly [string, string] | null {
  const hit = qnames.get(qname);
  if (hit !== undefined) return hit;
  const ci = qname.indexOf(':');
  let split: readonly [string, string] | null = null;
  if (ci >= 0) {
    const prefix = qname.slice(0, ci);
    const local = qname.slice(ci + 1);
    if (!isNcName(prefix) || !isNcName(local))
      throw new XmlError('namespace', `'${qname}' is not a QName`, offset);
    split = [prefix, local];
  }
  // Names come from documents: bound the cache so hostile input cannot grow it without end.
  if (qnames.size >= 4096) qnames.clear();
  qnames.set(qname, split);
  return split;
}

function namespaceOf(prefix: string, scope: ReadonlyMap<string, string>, offset: number): string {
  const uri = prefix === 'xml' ? XML_NS : scope.get(prefix);
  if (uri === undefined) throw new XmlError('namespace', `undeclared namespace prefix '${prefix}'`, offset);
  return uri;
}

function isNcName(s: string): boolean {
  if (s === '' || s.includes(':')) return false;
  const c = s.charCodeAt(0);
  return c < 0x80 ? NAME_CLASS[c] === 1 : NAME_RE.test(s);
}

/** Tokenizes a whole document given as one buffer or as chunks; throws XmlError. */
export function tokenize(
  input: Buffer | Iterable<Buffer>,
  handler: XmlHandler,
  limits?: TokenizerLimits,
): void {
  const t = new XmlTokenizer(handler, limits);
  if (Buffer.isBuffer(input)) t.write(input);
  else for (const chunk of input) t.write(chunk);
  t.end();
}

/** Tokenizes a stream (a file or HTTP body read in chunks) without holding it in memory. */
export async function tokenizeStream(
  input: AsyncIterable<Buffer | Uint8Array>,
  handler: XmlHandler,
  limits?: TokenizerLimits,
): Promise<void> {
  const t = new XmlTokenizer(handler, limits);
  for await (const chunk of input) {
    t.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  t.end();
}
