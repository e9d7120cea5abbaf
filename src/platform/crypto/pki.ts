/**
 * The deployment's PKI, handed to modules as `platform.pki`: which CAs it trusts, whether a signer's
 * certificate is good at a given instant (path, validity, key usage, revocation by CRL or OCSP), the system
 * seal, and RFC 3161 timestamps when a time-stamping authority is configured. docs/pki.md is the operator's
 * guide.
 */
import pino from 'pino';
import type { Config } from '../config/index.js';
import { demoCaDir } from './demo-ca.js';
import { PathValidator } from './path.js';
import { RevocationChecker } from './revocation.js';
import { openSeal } from './seal.js';
import type { SecretBox } from './secret-box.js';
import type { Signer } from './signer.js';
import { TrustStore } from './trust-store.js';
import { requestTimestamp } from './tsa.js';

export type PathFailure =
  'malformed' | 'untrusted' | 'expired' | 'not_yet_valid' | 'key_usage' | 'revoked' | 'revocation_unknown';

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
  validate(
    certificate: Buffer,
    at: Date,
    options?: { intermediates?: readonly Buffer[] },
  ): Promise<PathResult>;
  /** The system seal: signs rosters, receipts, checkpoints and result reports. */
  seal(): Promise<Signer>;
  /** An RFC 3161 timestamp token (DER) over `data` when a TSA is configured; null when none is. */
  timestamp(data: Buffer): Promise<Buffer | null>;
  close(): Promise<void>;
}

export interface PkiOptions {
  /** The platform's logger: soft-failed revocation checks and the seal's warnings go there. */
  logger?: pino.Logger;
  /** Told when a certificate is accepted although its revocation status was unknown (default: a warning log). */
  onSoftFail?: (detail: string) => void;
  fetch?: typeof fetch;
}

export function createPki(config: Config, secrets: SecretBox, options: PkiOptions = {}): Pki {
  let log: pino.Logger | undefined = options.logger;
  const store = new TrustStore(config.PKI_TRUST_DIR, demoCaDir(config.dataDir));
  const revocation = new RevocationChecker({
    ocsp: config.PKI_OCSP === 'on',
    timeoutMs: config.PKI_HTTP_TIMEOUT_MS,
    localCrls: () => store.current().crls,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const validator = new PathValidator({
    trust: (options) => store.current(options),
    revocation,
    softFail: config.PKI_REVOCATION_SOFT_FAIL,
    onSoftFail:
      options.onSoftFail ??
      ((detail) =>
        (log ??= pino({ level: config.LOG_LEVEL })).warn(
          { detail },
          'Chấp nhận chứng thư số dù không kiểm tra được thu hồi (PKI_REVOCATION_SOFT_FAIL) / ' +
            'Certificate accepted although its revocation status is unknown (PKI_REVOCATION_SOFT_FAIL)',
        )),
  });
  let seal: ReturnType<typeof openSeal> | null = null;
  return {
    trustAnchors: async () => [...store.current({ fresh: true }).anchors],
    validate: (certificate, at, opts) => validator.validate(certificate, at, opts),
    seal: () => {
      // Opened once, on first use; a failed opening is retried next time.
      seal ??= openSeal(config, secrets, options.logger ? { logger: options.logger } : {}).catch(
        (e: unknown) => {
          seal = null;
          throw e;
        },
      );
      return seal;
    },
    timestamp: async (data) => {
      if (!config.PKI_TSA_URL) return null;
      return requestTimestamp(data, {
        url: config.PKI_TSA_URL,
        timeoutMs: config.PKI_HTTP_TIMEOUT_MS,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    },
    close: async () => {
      const opened = seal;
      seal = null;
      if (opened) await (await opened.catch(() => null))?.close();
    },
  };
}
