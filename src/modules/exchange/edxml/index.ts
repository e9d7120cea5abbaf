/**
 * edXML (QCVN 102:2016/BTTTT) envelopes of the national document interchange axis: parse, validate, build.
 *
 *   const { message, errors, warnings } = await parseEdxml(stream, { attachments: sink });
 *   if (errors.length) → refuse (reply StatusCode 02); warnings → accept, log.
 *   await buildEdxml(message, [{ meta, zipped: zipFile('a.pdf', pdfStream) }], (chunk) => out.write(chunk));
 *
 * The model keeps wire strings (dates "yyyy/MM/dd"); see dates.ts to read them. Attachments never sit in the
 * model: parse streams decoded ZIP bytes to a sink (or hashes them), build streams them in.
 */
export {
  BUSINESS_DOC_TYPES,
  EDXML_NS,
  PRIORITIES,
  STATUS_CODES,
  type AttachmentMeta,
  type Business,
  type DocumentCode,
  type DocumentType,
  type Edoc,
  type EdxmlMessage,
  type Extensions,
  type Manifest,
  type Organization,
  type OtherInfo,
  type Promulgation,
  type Receiver,
  type Reference,
  type Replacement,
  type ResponseFor,
  type Signer,
  type Staff,
  type StatusCode,
  type StatusMessage,
  type TraceHeader,
  type Wrapper,
  type WrapperExtensions,
  type XmlAttr,
  type XmlNode,
} from './model.js';
export {
  parseEdxml,
  parseEdxmlSync,
  severityOf,
  type AttachmentSink,
  type ParseOptions,
  type ParseResult,
} from './parse.js';
export type { ReaderLimits } from './reader.js';
export { buildEdxml, buildEdxmlToBuffer, type AttachmentContent, type OutputSink } from './build.js';
export { validateEdxml, normaliseStatusCode } from './validate.js';
export { fileAttachment, statusFor, type FileAttachment, type StatusReply } from './compose.js';
export {
  EDXML_ISSUES,
  EdxmlErrors,
  issueMessage,
  type EdxmlIssue,
  type EdxmlIssueCode,
  type IssueSeverity,
} from './issues.js';
export {
  collect,
  unzipFirst,
  zipFile,
  type UnzippedFile,
  type UnzipOptions,
  type ZipFileOptions,
} from './attachments.js';
export { base64Encode, Base64Decoder } from './base64.js';
export {
  formatEdxmlDate,
  formatEdxmlTimestamp,
  parseEdxmlDate,
  parseEdxmlTimestamp,
  readDate,
  type DateReading,
} from './dates.js';
