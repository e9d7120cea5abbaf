import type { Readable } from 'node:stream';

export interface StoredFile {
  /** SHA-256 of the content, hex: the file's address. */
  sha256: string;
  size: number;
  /** Media type detected from the content's magic bytes, not from the name. */
  mediaType: string;
}

export interface PutOptions {
  maxBytes: number;
  /** Accepted media types (detected by content). Omit to accept any. */
  accept?: readonly string[];
}

/**
 * Content-addressed file storage. The local disk implementation is the embedded default;
 * an S3-compatible store implements the same interface at scale.
 */
export interface FileStore {
  put(content: Readable, opts: PutOptions): Promise<StoredFile>;
  open(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  size(sha256: string): Promise<number>;
  /** Every stored address, for backups and integrity checks. */
  list(): AsyncIterable<string>;
}
