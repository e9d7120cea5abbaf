/**
 * The events of the streaming XML tokenizer (tokenizer.ts): what edXML parsing, canonicalisation (c14n.ts) and
 * XML signatures (platform/crypto/xmldsig.ts) consume. The tokenizer reads UTF-8 bytes in chunks of any size and
 * never holds a whole text node: a long text (a base64 attachment of 50 MB) arrives as many `text` events, each a
 * slice of the document's own bytes, so it can be hashed, decoded or copied without a second copy in memory.
 *
 * Offsets are byte offsets in the whole input (not the chunk), so a consumer can also copy a token verbatim.
 */

/** A qualified name with its namespace resolved from the declarations in scope. */
export interface XmlName {
  /** As written: `edXML:From`, `From`, `xml:lang`. */
  qname: string;
  /** '' when unprefixed. */
  prefix: string;
  local: string;
  /** The namespace URI; '' for none (an unprefixed attribute is never in the default namespace). */
  uri: string;
}

export interface XmlAttribute extends XmlName {
  /** The value with entity and character references decoded and attribute-value normalisation applied. */
  value: string;
}

export interface StartElement extends XmlName {
  /** In document order; namespace declarations (`xmlns`, `xmlns:p`) are NOT here but in `namespaces`. */
  attributes: XmlAttribute[];
  /** The declarations made on this element, in document order: [prefix ('' = default), uri]. */
  namespaces: [prefix: string, uri: string][];
  /** Every prefix in scope here (after this element's declarations) → uri; '' is the default namespace. */
  inScope: ReadonlyMap<string, string>;
  /** `<a/>`: an endElement event follows at once. */
  selfClosing: boolean;
  /** Depth of this element: the document element is 0. */
  depth: number;
  /** Byte offsets of the start tag `<…>` in the input: [start, end). */
  start: number;
  end: number;
}

export interface EndElement extends XmlName {
  depth: number;
  /** Byte offsets of the end tag (for a self-closing element both are the start tag's end). */
  start: number;
  end: number;
}

/** A piece of character data: text between tags, or one CDATA section (or a piece of a long one). */
export interface TextChunk {
  /**
   * The bytes as they are in the document (references NOT decoded; for CDATA the content without the
   * `<![CDATA[` `]]>` markers). Valid only during the handler call: copy it (Buffer.from) to keep it.
   */
  raw: Buffer;
  cdata: boolean;
  /**
   * True when `raw` contains no `&`, `<`, `>` or carriage return: then the decoded text IS `raw` (UTF-8) and
   * its canonical form (C14N escapes &, <, >, #xD) is `raw` too, so it can be hashed or copied as is.
   */
  plain: boolean;
  /** The character data (references decoded, line ends normalised to \n). */
  text(): string;
  /** True when the text is only XML whitespace (space, tab, CR, LF). */
  whitespace: boolean;
  start: number;
  end: number;
}

export interface XmlHandler {
  startElement?(e: StartElement): void;
  endElement?(e: EndElement): void;
  text?(t: TextChunk): void;
  comment?(text: string, start: number, end: number): void;
  processingInstruction?(target: string, data: string, start: number, end: number): void;
  /** The XML declaration (`<?xml version="1.0" encoding="UTF-8"?>`), if any. */
  declaration?(attributes: { version?: string; encoding?: string; standalone?: string }): void;
}

/** Why the tokenizer refused the input; `offset` is the byte offset of the problem. */
export type XmlErrorReason =
  | 'malformed' // not well-formed XML (bad syntax, mismatched tags, text outside the root, …)
  | 'doctype' // a DOCTYPE / DTD: refused outright (no entity expansion, no external fetches: XXE-safe)
  | 'namespace' // an undeclared prefix, a bad namespace declaration
  | 'encoding' // not UTF-8 (declared other than UTF-8, or invalid UTF-8 bytes)
  | 'limit'; // a configured limit hit (depth, attributes, name or attribute-value length)

export class XmlError extends Error {
  constructor(
    readonly reason: XmlErrorReason,
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (byte ${offset})`);
    this.name = 'XmlError';
  }
}

export interface TokenizerLimits {
  /** Element nesting depth (default 256). */
  maxDepth?: number;
  /** Attributes per element (default 256). */
  maxAttributes?: number;
  /** Length in bytes of a name, an attribute value, a comment or a PI (default 1 MiB); text is unlimited. */
  maxTokenBytes?: number;
}
