import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError, PlatformErrors } from '../errors/index.js';
import { sniffMediaType } from './sniff.js';
import type { FileStore, PutOptions, StoredFile } from './store.js';

const SNIFF_BYTES = 4100;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Runs a file operation that needs `file`'s folder, making the folder only when it is missing: on a busy store
 * the folders exist, and a mkdir per file would cost a system call each.
 */
async function withFolder<T>(file: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await fsp.mkdir(path.dirname(file), { recursive: true });
    return op();
  }
}

/**
 * Files under <root>/ab/cd/<sha256>. Content streams to a temporary file while it is hashed and
 * measured; only complete, accepted content is renamed into place, so a reader never sees half a file
 * and the same content is stored once.
 */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError(PlatformErrors.NOT_FOUND);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Readable, opts: PutOptions): Promise<StoredFile> {
    const tmp = path.join(this.root, 'tmp', crypto.randomUUID());
    const hash = crypto.createHash('sha256');
    let size = 0;
    const head: Buffer[] = [];
    let headBytes = 0;
    let placed = false;
    // Written through one handle and synced before it closes: fewer calls than a stream to a path, then a
    // reopen to sync (on some hosts each call costs more than hashing the chunk).
    const fh = await withFolder(tmp, () => fsp.open(tmp, 'wx'));
    try {
      try {
        for await (const chunk of content as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > opts.maxBytes)
            throw new AppError(PlatformErrors.PAYLOAD_TOO_LARGE, { maxBytes: opts.maxBytes });
          if (headBytes < SNIFF_BYTES) {
            head.push(chunk);
            headBytes += chunk.length;
          }
          hash.update(chunk);
          await fh.write(chunk);
        }
        await fh.sync(); // durable before we acknowledge it
      } finally {
        await fh.close();
      }
      const mediaType = await sniffMediaType(Buffer.concat(head).subarray(0, SNIFF_BYTES));
      if (opts.accept && !opts.accept.includes(mediaType))
        throw new AppError(PlatformErrors.UNSUPPORTED_MEDIA_TYPE, {
          detected: mediaType,
          accepted: opts.accept,
        });
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await withFolder(final, () => fsp.rename(tmp, final));
      placed = true;
      return { sha256, size, mediaType };
    } finally {
      if (!placed) await fsp.rm(tmp, { force: true });
    }
  }

  async open(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    try {
      await fsp.access(file);
    } catch {
      throw new AppError(PlatformErrors.NOT_FOUND);
    }
    return fs.createReadStream(file);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fsp.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async size(sha256: string): Promise<number> {
    try {
      return (await fsp.stat(this.pathOf(sha256))).size;
    } catch {
      throw new AppError(PlatformErrors.NOT_FOUND);
    }
  }

  /** Every stored address (backup). */
  async *list(): AsyncGenerator<string> {
    let tops: string[];
    try {
      tops = await fsp.readdir(this.root);
    } catch {
      return;
    }
    for (const a of tops.filter((d) => /^[0-9a-f]{2}$/.test(d)).sort())
      for (const b of (await fsp.readdir(path.join(this.root, a))).sort())
        for (const f of (await fsp.readdir(path.join(this.root, a, b))).sort()) if (SHA256.test(f)) yield f;
  }
}
