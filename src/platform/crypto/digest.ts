import crypto from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Digest of a value's canonical JSON: used for audit before/after and signed payload references. */
export function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
