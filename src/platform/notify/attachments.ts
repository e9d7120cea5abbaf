import { AppError } from '../errors/index.js';
import { NotifyErrors } from './errors.js';
import type { StoredAttachment } from './schema.js';

/** A file to send with an e-mail; content as bytes or base64. */
export interface AttachmentInput {
  filename: string;
  /** e.g. 'text/calendar; method=REQUEST; charset=UTF-8' for a meeting invitation */
  contentType: string;
  content: Buffer | string;
}

/** Rows stay small enough to read and relays accept the mail: 10 MiB of files per message. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const FILENAME = /^[^/\\]{1,200}$/;
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;[\x20-\x7e]*)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks each file and stores it as base64; a bad file rejects the whole send (nothing half-stored). */
export function storeAttachments(files: readonly AttachmentInput[]): StoredAttachment[] {
  let total = 0;
  return files.map((f, index) => {
    const bad = (reason: string) => new AppError(NotifyErrors.NOTIFY_BAD_ATTACHMENT, { index, reason });
    if (!FILENAME.test(f.filename) || hasControl(f.filename) || /^\.+$/.test(f.filename))
      throw bad('filename');
    if (f.contentType.length > 200 || !CONTENT_TYPE.test(f.contentType)) throw bad('contentType');
    let content: string;
    if (Buffer.isBuffer(f.content)) content = f.content.toString('base64');
    else {
      content = f.content.replace(/\s+/g, '');
      if (content.length % 4 !== 0 || !BASE64.test(content)) throw bad('content');
    }
    total += Buffer.byteLength(content, 'base64');
    if (total > MAX_ATTACHMENT_BYTES) throw bad('size');
    return { filename: f.filename, contentType: f.contentType, content };
  });
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20 || s.charCodeAt(i) === 0x7f) return true;
  return false;
}
