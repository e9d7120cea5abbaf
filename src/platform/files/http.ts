import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, PlatformErrors } from '../errors/index.js';
import type { FileStore, PutOptions, StoredFile } from './store.js';

export interface ReceivedFile extends StoredFile {
  /** The name the client gave: for display only, never for the type or the storage path. */
  filename: string;
}

/**
 * Upload routes live in their own context with the multipart parser, so its per-request hooks do not
 * run on every other route. `maxBytes` is the largest part the parser will stream (FILE_MAX_BYTES).
 */
export async function uploadRoutes(
  app: FastifyInstance,
  maxBytes: number,
  routes: (scope: FastifyInstance) => Promise<void> | void,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 20 } });
    await routes(scope);
  });
}

/**
 * Streams the one file of a multipart request into the store: never buffered whole, stopped at
 * `maxBytes`, typed by its content. Modules call this from their upload routes after authorising.
 */
export async function receiveFile(
  request: FastifyRequest,
  store: FileStore,
  opts: PutOptions,
): Promise<ReceivedFile> {
  if (!request.isMultipart())
    throw new AppError(PlatformErrors.UNSUPPORTED_MEDIA_TYPE, { expected: 'multipart/form-data' });
  // One byte more than allowed, so the store sees the excess and refuses instead of keeping a truncated file.
  const part = await request.file({ limits: { fileSize: opts.maxBytes + 1, files: 1 } });
  if (!part) throw new AppError(PlatformErrors.VALIDATION_FAILED, { reason: 'no file in the request' });
  const stored = await store.put(part.file, opts);
  return { ...stored, filename: part.filename.normalize('NFC').slice(0, 255) };
}

/** RFC 6266/5987: Vietnamese file names survive the header, with an ASCII fallback for old clients. */
export function contentDisposition(filename: string, kind: 'inline' | 'attachment' = 'attachment'): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Streams a stored file to the client with its detected type; the caller has authorised the object. */
export async function sendStoredFile(
  reply: FastifyReply,
  store: FileStore,
  file: { sha256: string; mediaType: string; filename: string },
  kind: 'inline' | 'attachment' = 'attachment',
): Promise<FastifyReply> {
  const stream = await store.open(file.sha256);
  return reply
    .header('content-type', file.mediaType)
    .header('content-length', String(await store.size(file.sha256)))
    .header('content-disposition', contentDisposition(file.filename, kind))
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${file.sha256}"`)
    .send(stream);
}
