/**
 * The deployment's PKI, handed to modules as `platform.pki`: which CAs it trusts, whether a signer's
 * certificate is good at a given instant (path, validity, key usage, revocation by CRL or OCSP), the system
 * seal, and RFC 3161 timestamps when a time-stamping authority is configured.
 *
 * STUB — being filled in (issue 5): trust-store.ts, path.ts, revocation.ts, tsa.ts, seal.ts.
 */
import type { Config } from '../config/index.js';
import type { SecretBox } from './secret-box.js';
import type { Signer } from './signer.js';

export type PathFailure =
  | 'malformed'
  | 'untrusted'
  | 'expired'
  | 'not_yet_valid'
  | 'key_usage'
  | 'revoked'
  | 'revocation_unknown';

export type PathResult =
  | {
      ok: true;
      /** Leaf first, ending with the trust anchor (DER). */
      chain: Buffer[];
      /** How revocation was checked: a CRL, an OCSP response, or not at all (no CRL/OCSP location in the certificate). */
      revocation: 'crl' | 'ocsp' | 'none';
    }
  | { ok: false; reason: PathFailure; detail?: string };

export interface Pki {
  /** Trust anchors (DER): the configured CA certificates, plus the demo CA's when it exists. */
  trustAnchors(): Promise<Buffer[]>;
  /** Is `certificate` (DER) good for signing at `at`: a path to a trust anchor, valid, may sign, not revoked. */
  validate(certificate: Buffer, at: Date, options?: { intermediates?: readonly Buffer[] }): Promise<PathResult>;
  /** The system seal: signs rosters, receipts, checkpoints and result reports. */
  seal(): Promise<Signer>;
  /** An RFC 3161 timestamp token (DER) over `data` when a TSA is configured; null when none is. */
  timestamp(data: Buffer): Promise<Buffer | null>;
  close(): Promise<void>;
}

export function createPki(_config: Config, _secrets: SecretBox): Pki {
  const todo = (): never => {
    throw new Error('pki: not implemented yet');
  };
  return {
    trustAnchors: async () => todo(),
    validate: async () => todo(),
    seal: async () => todo(),
    timestamp: async () => todo(),
    close: async () => {},
  };
}
