/**
 * The ZIP layer of edXML attachments: QCVN 102 carries each file as base64 of a ZIP archive holding it. Both
 * directions stream through fflate, so a node can store the original PDF without holding the archive, and
 * build an envelope without holding the file.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, Zip, ZipDeflate } from 'fflate';
import { AppError } from '../../../platform/errors/index.js';
import { EdxmlErrors } from './issues.js';

/** Compressed input is fed to the inflater in slices this big, so one push inflates to at most ~1 MB … 4 MB. */
const INFLATE_SLICE = 4096;
/** Uncompressed input slices for the deflater. */
const DEFLATE_SLICE = 256 * 1024;

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function* slices(
  data: Buffer | AsyncIterable<Buffer | Uint8Array>,
  size: number,
): AsyncIterable<Buffer> {
  const source: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer> = Buffer.isBuffer(data) ? [data] : data;
  for await (const chunk of source) {
    const b = asBuffer(chunk);
    for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
  }
}

export interface ZipFileOptions {
  /** DEFLATE level 0–9 (default 6). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Modification time written in the archive (default now); fix it for reproducible output. */
  mtime?: Date;
}

/** A ZIP archive holding one file, produced as the file streams in. */
export async function* zipFile(
  name: string,
  data: Buffer | AsyncIterable<Buffer | Uint8Array>,
  options: ZipFileOptions = {},
): AsyncIterable<Buffer> {
  const out: Buffer[] = [];
  // Set from fflate's callback (an object, so that control-flow narrowing does not assume it stays null).
  const state: { failure: Error | null } = { failure: null };
  const zip = new Zip((err, chunk) => {
    if (err) state.failure = err;
    else out.push(asBuffer(chunk));
  });
  const file = new ZipDeflate(name, { level: options.level ?? 6 });
  if (options.mtime) file.mtime = options.mtime;
  zip.add(file);
  for await (const piece of slices(data, DEFLATE_SLICE)) {
    file.push(piece, false);
    if (state.failure) throw state.failure;
    while (out.length) yield out.shift()!;
  }
  file.push(new Uint8Array(0), true);
  zip.end();
  if (state.failure) throw state.failure;
  while (out.length) yield out.shift()!;
}

export interface UnzippedFile {
  /** The file name as stored in the archive. */
  name: string;
  /** The file's bytes, decompressed as they are read. Read it once. */
  data: AsyncIterable<Buffer>;
}

export interface UnzipOptions {
  /** Refuse (EXCHANGE_ZIP_TOO_LARGE) when the file decompresses to more than this (default 1 GiB): zip bombs. */
  maxBytes?: number;
}

function zipInvalid(cause: unknown): AppError {
  return new AppError(EdxmlErrors.EXCHANGE_ZIP_INVALID, undefined, { cause });
}

/**
 * The first file of a ZIP archive, streamed: resolves once its name is known, or null when the archive holds
 * no file. A corrupt or truncated archive fails with EXCHANGE_ZIP_INVALID (possibly while `data` is read).
 */
export async function unzipFirst(
  zipped: Buffer | AsyncIterable<Buffer | Uint8Array>,
  options: UnzipOptions = {},
): Promise<UnzippedFile | null> {
  const maxBytes = options.maxBytes ?? 1024 * 1024 * 1024;
  const input = slices(zipped, INFLATE_SLICE)[Symbol.asyncIterator]();
  const queue: Buffer[] = [];
  let name: string | null = null;
  let finished = false;
  let total = 0;
  let failure: unknown = null;

  const unzip = new Unzip((file) => {
    if (name !== null) return; // only the first file is wanted; later ones are never started
    name = file.name;
    file.ondata = (err, chunk, final) => {
      if (err) failure = err;
      else {
        total += chunk.length;
        if (total > maxBytes) failure = new AppError(EdxmlErrors.EXCHANGE_ZIP_TOO_LARGE, { maxBytes });
        else if (chunk.length) queue.push(Buffer.from(chunk));
      }
      if (final) finished = true;
    };
    try {
      file.start();
    } catch (e) {
      failure = e; // a compression method other than stored or deflate
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);

  let inputDone = false;
  const pump = async (): Promise<void> => {
    const next = await input.next();
    try {
      if (next.done) {
        inputDone = true;
        unzip.push(new Uint8Array(0), true);
      } else unzip.push(next.value, false);
    } catch (e) {
      failure ??= e;
    }
    if (failure) throw failure instanceof AppError ? failure : zipInvalid(failure);
  };

  while (name === null && !inputDone) await pump();
  if (name === null) return null;

  async function* data(): AsyncIterable<Buffer> {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (finished) return;
      if (inputDone) throw zipInvalid(new Error('truncated archive'));
      await pump();
    }
  }
  return { name, data: data() };
}

/** Reads a whole stream into one Buffer (for small attachments and tests). */
export async function collect(data: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of data) parts.push(asBuffer(chunk));
  return Buffer.concat(parts);
}
