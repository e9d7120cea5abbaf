/** Streaming XML: the tokenizer (bytes → events) and the writer (calls → bytes). */
export type {
  EndElement,
  StartElement,
  TextChunk,
  TokenizerLimits,
  XmlAttribute,
  XmlErrorReason,
  XmlHandler,
  XmlName,
} from './events.js';
export { XmlError } from './events.js';
export { XmlTokenizer, tokenize, tokenizeStream } from './tokenizer.js';
export { teeHandlers } from './tee.js';
export {
  XmlWriteError,
  XmlWriter,
  writeToBuffer,
  type XmlAttributes,
  type XmlNamespaces,
  type XmlWriteErrorReason,
  type XmlWriterOptions,
} from './writer.js';
export {
  Canonicalizer,
  canonicalize,
  C14N_ALGORITHMS,
  compareCodePoints,
  escapeC14nAttribute,
  escapeC14nText,
  type C14nAlgorithm,
  type C14nOptions,
  type C14nSink,
} from './c14n.js';
