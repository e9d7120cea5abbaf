import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from the environment, validated once. README.md lists every variable;
 * keep the two in step.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  CPDT_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(300),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  SIGN_IN_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(10),
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  JOB_POLL_MS: z.coerce.number().int().positive().default(1000),
  JOB_CONCURRENCY: z.coerce.number().int().positive().default(4),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('CPĐT <no-reply@cpdt.local>'),
  SMPP_URL: z.string().optional(),
  SMPP_SOURCE_ADDR: z.string().default('CPDT'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: z
    .enum(['true', 'false', 'auto'])
    .default('auto')
    .transform((v) => v),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  TZ_DISPLAY: z.string().default('Asia/Ho_Chi_Minh'),
  /** 32 bytes, base64: encrypts secrets at rest. Required when several processes share one database. */
  CPDT_SECRET_KEY: z.string().optional(),
  /** Passphrase of the demo CA's key (`cpdt ca`); derived from the deployment key when unset. */
  CPDT_CA_PASSPHRASE: z.string().min(1).optional(),
  /**
   * The system seal's PKCS#11 token (docs/seal.md): the module (.so) of the HSM or SoftHSM2, the token's label,
   * its user PIN (PKCS11_PIN_FILE, a file holding it, is preferred). Unset module: the demo key file.
   */
  PKCS11_MODULE: z.string().min(1).optional(),
  PKCS11_TOKEN_LABEL: z.string().min(1).default('cpdt'),
  PKCS11_PIN: z.string().min(1).optional(),
  PKCS11_PIN_FILE: z.string().min(1).optional(),
  /** The seal key's CKA_LABEL on the token. */
  SEAL_KEY_LABEL: z.string().min(1).max(64).default('cpdt-seal'),
  /** The seal's certificate (PEM, then any intermediates); default <data dir>/seal/seal.crt.pem. */
  SEAL_CERT_FILE: z.string().min(1).optional(),
  /** Folder of trusted CA certificates (PEM/DER, *.crt *.pem *.cer *.der) and CRLs (*.crl); docs/pki.md. */
  PKI_TRUST_DIR: z.string().min(1).optional(),
  /** Ask the OCSP responder a certificate names (AIA) before trusting it: 'on' (default) or 'off'. */
  PKI_OCSP: z.enum(['on', 'off']).default('on'),
  /** 'true': a certificate whose CRL/OCSP cannot be reached is accepted (logged); default fail closed. */
  PKI_REVOCATION_SOFT_FAIL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Time-stamping authority (RFC 3161) for CAdES-T signatures; none when unset. */
  PKI_TSA_URL: z.string().url().optional(),
  /** Time limit for CRL, OCSP and TSA requests. */
  PKI_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Citizen sign-in through the national e-ID (VNeID): an upstream OpenID provider; docs/eid.md. */
  EID_ISSUER: z
    .string()
    .url()
    .refine((v) => /^https:/.test(v) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(v), {
      message: 'must be https (plain http only on localhost)',
    })
    .optional(),
  EID_CLIENT_ID: z.string().min(1).optional(),
  EID_CLIENT_SECRET: z.string().min(1).optional(),
  EID_PERSONAL_ID_CLAIM: z.string().min(1).default('personal_id'),
  EID_SCOPES: z.string().min(1).default('openid profile'),
  EID_PROVIDER_NAME: z.string().min(1).default('VNeID'),
  /** `cpdt start` without EID_ISSUER runs the local VNeID simulator on this port. */
  EID_SIMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** LibreOffice's command line (`soffice`), which converts DOCX papers to PDF for the viewer. */
  OFFICE_CONVERTER: z.string().min(1).default('soffice'),
  /** Document exchange (docs/exchange.md). This deployment serves the hub endpoints (the axis): on or off. */
  EXCHANGE_HUB: z.enum(['on', 'off']).default('on'),
  /** The hub's own agency code, written in its trace (the national axis is run by the Government Office). */
  EXCHANGE_HUB_CODE: z.string().min(1).default('000.00.00.G22'),
  /** Defaults for a newly registered system: largest envelope (bytes) and envelopes per minute. */
  EXCHANGE_MAX_ENVELOPE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  EXCHANGE_SENDS_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** Agency node: the agency codes whose documents office this deployment is, comma-separated; empty: no node. */
  EXCHANGE_AGENCIES: z.string().default(''),
  /** The hub the node talks to; unset: this deployment's own hub, in process. */
  EXCHANGE_HUB_URL: z.string().url().optional(),
  /** The node's system id and HMAC secret at that hub (EXCHANGE_SYSTEM_SECRET_FILE, a file holding it, preferred). */
  EXCHANGE_SYSTEM_ID: z.string().min(1).optional(),
  EXCHANGE_SYSTEM_SECRET: z.string().min(1).optional(),
  EXCHANGE_SYSTEM_SECRET_FILE: z.string().min(1).optional(),
  /** How often the node sends its outbox and pulls from the hub (a push from the hub starts a round at once). */
  EXCHANGE_SYNC_MS: z.coerce.number().int().positive().default(30_000),
  /** Sign outgoing envelopes with the seal (XML-DSig): on or off. */
  EXCHANGE_SIGN: z.enum(['on', 'off']).default('on'),
  /**
   * Shifts the platform clock by this many milliseconds: for drills and acceptance tests of deadlines,
   * reminders and escalations on a moved clock. Never set in production.
   */
  CPDT_CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration:\n${lines}`);
  }
  const merged = { ...parsed.data, ...overrides };
  return { ...merged, dataDir: path.resolve(merged.CPDT_DATA_DIR) };
}
