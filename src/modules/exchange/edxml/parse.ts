/**
 * parseEdxml: bytes in, message + coded issues out. Streams: the input is tokenized chunk by chunk, attachment
 * content is decoded as it passes and handed to the caller's sink (awaited: back-pressure), so a 50 MB envelope
 * never sits in memory. Never throws for bad input — a broken envelope is a result with errors; it throws only
 * when the input stream itself fails.
 */
import {
  teeHandlers,
  XmlError,
  XmlTokenizer,
  type TokenizerLimits,
  type XmlHandler,
} from '../../../platform/xml/index.js';
import { EDXML_ISSUES, type EdxmlIssue, type EdxmlIssueCode } from './issues.js';
import type { EdxmlMessage } from './model.js';
import { EdxmlReader, type AttachmentSink, type ReaderLimits } from './reader.js';
import { validateEdxml } from './validate.js';

export type { AttachmentSink } from './reader.js';

export interface ParseOptions {
  /** Where attachment content goes; without it each attachment is only measured and hashed (SHA-256). */
  attachments?: AttachmentSink;
  limits?: ReaderLimits & { tokenizer?: TokenizerLimits };
  /** Warnings to treat as errors (a hub may refuse non-ZIP attachments, for instance). */
  escalate?: readonly EdxmlIssueCode[];
}

export interface ParseResult {
  /** null only when errors make the envelope unreadable (not XML, wrong root, no MessageHeader …). */
  message: EdxmlMessage | null;
  errors: EdxmlIssue[];
  warnings: EdxmlIssue[];
}

/** The tokenizer is fed at most this much at a time, which bounds the decoded bytes waiting for the sink. */
const FEED = 1024 * 1024;

async function* feed(input: Buffer | AsyncIterable<Buffer | Uint8Array>): AsyncIterable<Buffer> {
  const source: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer> = Buffer.isBuffer(input)
    ? [input]
    : input;
  for await (const chunk of source) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (b.length <= FEED) yield b;
    else for (let i = 0; i < b.length; i += FEED) yield b.subarray(i, i + FEED);
  }
}

class SinkFailure extends Error {}

/** Runs the sink calls the reader queued, in order, awaiting each. */
async function flush(reader: EdxmlReader): Promise<void> {
  const ops = reader.ops.splice(0);
  for (const op of ops) {
    try {
      if (op.op === 'write') await op.writer.write(op.chunk);
      else {
        reader.open.delete(op.writer);
        await op.writer.end();
      }
    } catch (e) {
      throw new SinkFailure(e instanceof Error ? e.message : String(e), { cause: e });
    }
  }
}

/** Parses and validates an edXML envelope (edoc or status). */
export async function parseEdxml(
  input: Buffer | AsyncIterable<Buffer | Uint8Array>,
  options: ParseOptions = {},
): Promise<ParseResult> {
  const reader = new EdxmlReader(options.attachments, options.limits);
  const tokenizer = new XmlTokenizer(reader, options.limits?.tokenizer);
  try {
    for await (const chunk of feed(input)) {
      tokenizer.write(chunk);
      if (reader.fatal) break;
      await flush(reader);
    }
    if (!reader.fatal) {
      tokenizer.end();
      await flush(reader);
    }
  } catch (e) {
    if (e instanceof XmlError) reader.stop('EDXML_NOT_XML', '', `${e.reason}: ${e.message}`);
    else if (e instanceof SinkFailure) reader.stop('EDXML_SINK_FAILED', '', e.message);
    else {
      // The input stream itself failed: not a finding about the envelope. Let the sinks discard, then rethrow.
      reader.ops.length = 0;
      await abortSinks(reader);
      throw e;
    }
  }
  if (reader.fatal) {
    reader.ops.length = 0;
    await abortSinks(reader);
  }
  return finish(reader, options.escalate ?? []);
}

/**
 * The synchronous form for a whole envelope already in memory (CLI, benchmarks, small messages): attachments
 * are only measured and hashed. Same result as parseEdxml without a sink. `alongside` reads the same pass (the
 * hub verifies the signature with it); it sees the whole document only when the result has no fatal error.
 */
export function parseEdxmlSync(
  input: Buffer,
  options: Omit<ParseOptions, 'attachments'> & { alongside?: XmlHandler } = {},
): ParseResult {
  const reader = new EdxmlReader(undefined, options.limits);
  const tokenizer = new XmlTokenizer(
    options.alongside ? teeHandlers(reader, options.alongside) : reader,
    options.limits?.tokenizer,
  );
  try {
    tokenizer.write(input);
    if (!reader.fatal) tokenizer.end();
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    reader.stop('EDXML_NOT_XML', '', `${e.reason}: ${e.message}`);
  }
  return finish(reader, options.escalate ?? []);
}

/** Sinks whose content started are told the parse failed, so they can discard what they stored. */
async function abortSinks(reader: EdxmlReader): Promise<void> {
  const reason = new Error('edXML parse failed');
  for (const w of reader.open) {
    try {
      await (w.abort ? w.abort(reason) : w.end());
    } catch {
      // The parse already failed; a failing clean-up adds nothing the caller can act on.
    }
  }
  reader.open.clear();
}

function finish(reader: EdxmlReader, escalate: readonly EdxmlIssueCode[]): ParseResult {
  let message: EdxmlMessage | null = null;
  if (!reader.fatal) {
    if (!reader.complete) reader.issue('EDXML_STRUCTURE', missingLayer(reader));
    else {
      message = reader.message();
      if (!message) reader.issue('EDXML_UNKNOWN_KIND', 'MessageHeader');
    }
  }
  const issues = message ? [...reader.issues, ...validateEdxml(message)] : reader.issues;
  const errors: EdxmlIssue[] = [];
  const warnings: EdxmlIssue[] = [];
  for (const i of issues) {
    if (i.severity === 'warning' && escalate.includes(i.code)) i.severity = 'error';
    (i.severity === 'error' ? errors : warnings).push(i);
  }
  // A message with errors is still returned when it could be read: the caller needs its From and ids to reply 02.
  return { message, errors, warnings };
}

function missingLayer(reader: EdxmlReader): string {
  const seen = reader.accumulated.seen;
  if (!seen.has('edXMLEnvelope')) return 'edXMLEnvelope';
  if (!seen.has('edXMLHeader')) return 'edXMLEnvelope/edXMLHeader';
  return 'edXMLHeader/MessageHeader';
}

/** The default severity of a code (for callers that build their own issues). */
export function severityOf(code: EdxmlIssueCode): 'error' | 'warning' {
  return EDXML_ISSUES[code].severity;
}
