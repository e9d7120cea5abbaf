/**
 * The system seal (con dấu hệ thống): the deployment's own signing key, which signs rosters, receipts,
 * checkpoints and result reports. docs/seal.md is the operator's guide.
 *
 * Production: the key is generated on a PKCS#11 token (HSM, USB token, SoftHSM2) and never leaves it
 * (CKA_SENSITIVE, not CKA_EXTRACTABLE); its certificate, issued by a CA to a CSR the token signed, is a PEM
 * file (SEAL_CERT_FILE, default `<data dir>/seal/seal.crt.pem`, the certificate then any intermediates).
 *
 * Embedded demo only (PKCS11_MODULE unset): the key is a passphrase-encrypted PKCS#8 file
 * `<data dir>/seal/seal.key.pem` and its certificate comes from the deployment's demo CA; both are created on
 * first use. A key in a file can be copied, so this is never for production, and the seal says so in the log.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Config } from '../config/index.js';
import {
  DemoCa,
  demoCaDir,
  demoCaExists,
  demoCaPassphrase,
  initDemoCa,
  MAX_CERTIFICATE_DAYS,
} from './demo-ca.js';
import { bool, explicit, nullValue, oid, seq, smallInt, tlv, TAG } from './der.js';
import { peculiar } from './peculiar.js';
import { isRecoverable, openToken, Pkcs11Error, type Token, type TokenKey } from './pkcs11.js';
import type { SecretBox } from './secret-box.js';
import type { Signer } from './signer.js';
import { certificateBlocks, parseCertificateDer, validityAt, type CertificateInfo } from './x509.js';

export const SEAL_DIR = 'seal';
export const SEAL_CERT_FILE = 'seal.crt.pem';
export const SEAL_KEY_FILE = 'seal.key.pem';
/** The seal certificate's subject when the demo CA issues it. */
export const DEMO_SEAL_NAME = 'Con dấu hệ thống CPĐT / CPĐT system seal';

export type SealErrorReason =
  | 'pin'
  | 'module'
  | 'token'
  | 'noKey'
  | 'keyExists'
  | 'unsupportedKey'
  | 'noCertificate'
  | 'certificate'
  | 'certificateMismatch';

/** A refusal about the seal; the CLI and the log turn `reason` into a bilingual message. */
export class SealError extends Error {
  constructor(
    readonly reason: SealErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SealError';
  }
}

/** The open seal: a Signer whose key stays on the token (or, demo only, in its file). */
export interface Seal extends Signer {
  readonly mode: 'pkcs11' | 'file';
  close(): Promise<void>;
}

export interface SealPaths {
  dir: string;
  certFile: string;
  /** The demo key file (only used without PKCS11_MODULE). */
  keyFile: string;
}

export function sealPaths(config: Config): SealPaths {
  const dir = path.join(config.dataDir, SEAL_DIR);
  return {
    dir,
    certFile: config.SEAL_CERT_FILE ? path.resolve(config.SEAL_CERT_FILE) : path.join(dir, SEAL_CERT_FILE),
    keyFile: path.join(dir, SEAL_KEY_FILE),
  };
}

export function sealMode(config: Config): 'pkcs11' | 'file' {
  return config.PKCS11_MODULE ? 'pkcs11' : 'file';
}

/** The passphrase of the demo key file: derived from the deployment key, like the demo CA's. */
function demoKeyPassphrase(secrets: SecretBox): string {
  return secrets.derive('demo-seal').toString('base64url');
}

/** PKCS11_PIN_FILE (first line) or PKCS11_PIN; never logged. */
function tokenPin(config: Config): string {
  if (config.PKCS11_PIN_FILE) {
    let text: string;
    try {
      text = fs.readFileSync(config.PKCS11_PIN_FILE, 'utf8');
    } catch (cause) {
      throw new SealError('pin', `Cannot read PKCS11_PIN_FILE ${config.PKCS11_PIN_FILE}`, { cause });
    }
    const pin = text.split(/\r?\n/)[0]!;
    if (!pin) throw new SealError('pin', `PKCS11_PIN_FILE ${config.PKCS11_PIN_FILE} is empty`);
    return pin;
  }
  if (config.PKCS11_PIN) return config.PKCS11_PIN;
  throw new SealError('pin', 'PKCS11_MODULE is set but neither PKCS11_PIN_FILE nor PKCS11_PIN');
}

function fromPkcs11(e: unknown): never {
  if (e instanceof Pkcs11Error) throw new SealError(e.reason, e.message, { cause: e });
  throw e;
}

function withToken<T>(config: Config, fn: (token: Token) => T): T {
  let token: Token;
  try {
    token = openToken({
      module: config.PKCS11_MODULE!,
      tokenLabel: config.PKCS11_TOKEN_LABEL,
      pin: tokenPin(config),
    });
  } catch (e) {
    fromPkcs11(e);
  }
  try {
    return fn(token);
  } catch (e) {
    fromPkcs11(e);
  } finally {
    token.close();
  }
}

/** The seal key, wherever it is: its public key and a way to sign. */
interface SealKey {
  publicKey: Buffer;
  keyType: 'EC' | 'RSA';
  description: string;
  sign(data: Buffer): Buffer;
  close(): void;
}

function tokenDescription(config: Config): string {
  return `PKCS#11 token "${config.PKCS11_TOKEN_LABEL}", key "${config.SEAL_KEY_LABEL}" (${config.PKCS11_MODULE})`;
}

function openTokenKey(config: Config): SealKey {
  let token: Token;
  try {
    token = openToken({
      module: config.PKCS11_MODULE!,
      tokenLabel: config.PKCS11_TOKEN_LABEL,
      pin: tokenPin(config),
    });
  } catch (e) {
    fromPkcs11(e);
  }
  let key: TokenKey;
  try {
    key = token.key(config.SEAL_KEY_LABEL);
  } catch (e) {
    token.close();
    fromPkcs11(e);
  }
  const publicKey = key.publicKey;
  return {
    publicKey,
    keyType: key.keyType,
    description: tokenDescription(config),
    sign: (data) => {
      try {
        return key.sign(data);
      } catch (e) {
        if (!isRecoverable(e)) throw e;
        // The session was lost (HSM restart, network HSM failover): log in again, find the same key, retry once.
        token.reconnect();
        const again = token.key(config.SEAL_KEY_LABEL);
        if (!again.publicKey.equals(publicKey))
          throw new SealError('certificateMismatch', 'The seal key changed on the token', { cause: e });
        key = again;
        return key.sign(data);
      }
    },
    close: () => token.close(),
  };
}

function readKeyFile(file: string, secrets: SecretBox): crypto.KeyObject {
  try {
    return crypto.createPrivateKey({
      key: fs.readFileSync(file, 'utf8'),
      format: 'pem',
      passphrase: demoKeyPassphrase(secrets),
    });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT')
      throw new SealError('noKey', `No seal key file ${file}`, { cause });
    throw new SealError('noKey', `The seal key file ${file} does not open with the deployment key`, {
      cause,
    });
  }
}

function fileKey(file: string, secrets: SecretBox): SealKey {
  const key = readKeyFile(file, secrets);
  const keyType = key.asymmetricKeyType === 'rsa' ? 'RSA' : key.asymmetricKeyType === 'ec' ? 'EC' : null;
  if (!keyType) throw new SealError('unsupportedKey', `Unsupported seal key type in ${file}`);
  return {
    publicKey: crypto.createPublicKey(key).export({ type: 'spki', format: 'der' }),
    keyType,
    description: `key file (demo only) ${file}`,
    sign: (data) => crypto.sign('sha256', data, keyType === 'EC' ? { key, dsaEncoding: 'der' } : key),
    close: () => undefined,
  };
}

function writeAtomically(file: string, contents: string, mode: number, exclusive = false): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (exclusive && fs.existsSync(file)) throw new SealError('keyExists', `${file} exists`);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents, { mode });
  fs.renameSync(tmp, file);
}

/** A new P-256 demo key file; SealError 'keyExists' when one is there. */
function createKeyFile(file: string, secrets: SecretBox): SealKey {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: demoKeyPassphrase(secrets),
  }) as string;
  writeAtomically(file, pem, 0o600, true);
  return fileKey(file, secrets);
}

interface SealCertificates {
  certificate: CertificateInfo;
  chain: CertificateInfo[];
}

function readCertificates(file: string): SealCertificates | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const [certificate, ...chain] = certificateBlocks(text).map(parseCertificateDer);
    return { certificate: certificate!, chain };
  } catch (cause) {
    throw new SealError('certificate', `${file} is not a readable certificate`, { cause });
  }
}

function spkiOf(certificate: CertificateInfo): Buffer {
  return new crypto.X509Certificate(certificate.der).publicKey.export({ type: 'spki', format: 'der' });
}

function writeCertificates(file: string, certs: SealCertificates, now: Date): string | null {
  let replaced: string | null = null;
  if (fs.existsSync(file)) {
    replaced = `${file}.replaced-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.copyFileSync(file, replaced);
  }
  writeAtomically(file, [certs.certificate, ...certs.chain].map((c) => c.pem).join(''), 0o644);
  return replaced;
}

/** The demo CA of this deployment, created when `create` and absent. */
async function demoCa(
  config: Config,
  secrets: SecretBox,
  now: Date,
  create: boolean,
): Promise<DemoCa | null> {
  const dir = demoCaDir(config.dataDir);
  const { passphrase } = demoCaPassphrase(config.CPDT_CA_PASSPHRASE, secrets);
  if (!demoCaExists(dir)) {
    if (!create) return null;
    await initDemoCa(dir, { passphrase, now });
  }
  return DemoCa.load(dir, passphrase);
}

async function issueFromDemoCa(ca: DemoCa, publicKey: Buffer, now: Date): Promise<SealCertificates> {
  const issued = await ca.issueCertificate({
    publicKey,
    subject: { commonName: DEMO_SEAL_NAME, organization: 'CPĐT' },
    days: MAX_CERTIFICATE_DAYS,
    now,
  });
  return { certificate: issued.certificate, chain: [] };
}

const warned = new Set<string>();

export const DEMO_SEAL_WARNING =
  'Con dấu hệ thống dùng khoá trong tệp: chỉ dành cho bản chạy thử nhúng, không dùng khi vận hành thật ' +
  '(đặt PKCS11_MODULE, xem docs/seal.md). / The system seal key is in a file: for the embedded demo only, ' +
  'never for production (set PKCS11_MODULE, see docs/seal.md).';

export interface OpenSealOptions {
  /** Where the demo warning goes (default: a pino logger at LOG_LEVEL). */
  logger?: { warn(obj: object, msg: string): void };
  /** The instant a demo certificate is issued at, when one is created (default: now). */
  now?: Date;
}

/**
 * Opens the seal. PKCS#11 (PKCS11_MODULE set): the key labelled SEAL_KEY_LABEL on the token, and its
 * certificate from SEAL_CERT_FILE, which must match it. Otherwise the demo key file, created with a demo-CA
 * certificate on first use, with a warning logged once per process.
 */
export async function openSeal(
  config: Config,
  secrets: SecretBox,
  options: OpenSealOptions = {},
): Promise<Seal> {
  const paths = sealPaths(config);
  const mode = sealMode(config);
  const now = options.now ?? new Date();
  let log: OpenSealOptions['logger'] | undefined = options.logger;
  const logger = () => (log ??= pino({ level: config.LOG_LEVEL }));
  let key: SealKey;
  let certs: SealCertificates | null;
  if (mode === 'pkcs11') {
    key = openTokenKey(config);
    try {
      certs = readCertificates(paths.certFile);
      if (!certs)
        throw new SealError(
          'noCertificate',
          `The seal has no certificate (${paths.certFile}): run \`cpdt seal csr\` and \`cpdt seal import-cert\``,
        );
    } catch (e) {
      key.close();
      throw e;
    }
  } else {
    if (!warned.has(paths.keyFile)) {
      warned.add(paths.keyFile);
      logger().warn({ keyFile: paths.keyFile }, DEMO_SEAL_WARNING);
    }
    key = fs.existsSync(paths.keyFile)
      ? fileKey(paths.keyFile, secrets)
      : createKeyFile(paths.keyFile, secrets);
    certs = readCertificates(paths.certFile);
    if (!certs) {
      const ca = await demoCa(config, secrets, now, true);
      certs = await issueFromDemoCa(ca!, key.publicKey, now);
      writeCertificates(paths.certFile, certs, now);
    }
  }
  if (!spkiOf(certs.certificate).equals(key.publicKey)) {
    key.close();
    throw new SealError(
      'certificateMismatch',
      `The seal certificate ${paths.certFile} is not the certificate of the seal key`,
    );
  }
  const certificate = certs.certificate;
  const daysLeft = Math.floor((certificate.notAfter.getTime() - now.getTime()) / 86_400_000);
  if (validityAt(certificate, now) !== 'valid')
    logger().warn(
      { certFile: paths.certFile, notBefore: certificate.notBefore, notAfter: certificate.notAfter },
      'Chứng thư con dấu hệ thống không còn hiệu lực: dấu mới sẽ không được chấp nhận (cpdt seal csr, import-cert). / ' +
        'The system seal certificate is not valid now: new seals will not verify (cpdt seal csr, import-cert).',
    );
  else if (daysLeft < 30)
    logger().warn(
      { certFile: paths.certFile, notAfter: certificate.notAfter },
      `Chứng thư con dấu hệ thống hết hạn sau ${daysLeft} ngày. / The system seal certificate expires in ${daysLeft} days.`,
    );
  let closed = false;
  return {
    mode,
    certificate: certs.certificate.der,
    chain: certs.chain.filter((c) => c.subject !== c.issuer).map((c) => c.der),
    keyAlgorithm: key.keyType,
    description: key.description,
    sign: async (data) => {
      if (closed) throw new Error('The seal is closed');
      return key.sign(data);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      key.close();
    },
  };
}

export interface InitSealResult {
  mode: 'pkcs11' | 'file';
  description: string;
  /** The certificate issued by the demo CA, or null when there is no demo CA (then: csr + import-cert). */
  certificate: CertificateInfo | null;
  certFile: string;
  /** A previous certificate file, kept under this name. */
  replacedCertificate: string | null;
  extractable: boolean | null;
  sensitive: boolean | null;
}

/**
 * Creates the seal key: on the token (P-256, sensitive, never extractable), or the demo key file. When the
 * demo CA exists (always, for the demo file: it is created), issues the seal's certificate from it.
 * SealError 'keyExists' when there is already a seal key.
 */
export async function initSeal(
  config: Config,
  secrets: SecretBox,
  options: { now?: Date } = {},
): Promise<InitSealResult> {
  const now = options.now ?? new Date();
  const paths = sealPaths(config);
  const mode = sealMode(config);
  let publicKey: Buffer;
  let description: string;
  let extractable: boolean | null = null;
  let sensitive: boolean | null = null;
  if (mode === 'pkcs11') {
    const key = withToken(config, (token) => token.generateKey(config.SEAL_KEY_LABEL));
    publicKey = key.publicKey;
    extractable = key.extractable;
    sensitive = key.sensitive;
    description = tokenDescription(config);
  } else {
    if (fs.existsSync(paths.keyFile))
      throw new SealError('keyExists', `A seal key file exists: ${paths.keyFile}`);
    const key = createKeyFile(paths.keyFile, secrets);
    publicKey = key.publicKey;
    description = key.description;
  }
  const ca = await demoCa(config, secrets, now, mode === 'file');
  let certificate: CertificateInfo | null = null;
  let replacedCertificate: string | null = null;
  if (ca) {
    const certs = await issueFromDemoCa(ca, publicKey, now);
    replacedCertificate = writeCertificates(paths.certFile, certs, now);
    certificate = certs.certificate;
  }
  return {
    mode,
    description,
    certificate,
    certFile: paths.certFile,
    replacedCertificate,
    extractable,
    sensitive,
  };
}

function openKey(config: Config, secrets: SecretBox): SealKey {
  return sealMode(config) === 'pkcs11' ? openTokenKey(config) : fileKey(sealPaths(config).keyFile, secrets);
}

export interface CsrSubject {
  /** CN (default: the demo seal's name). */
  commonName?: string | undefined;
  /** O: the agency operating the deployment. */
  organization?: string | undefined;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/** A PKCS#10 certificate request for the seal key, signed by the key itself (on the token). PEM. */
export function sealCsr(config: Config, secrets: SecretBox, subject: CsrSubject = {}): string {
  const key = openKey(config, secrets);
  try {
    const x509 = peculiar();
    const commonName = (subject.commonName ?? DEMO_SEAL_NAME).normalize('NFC').trim();
    const organization = subject.organization?.normalize('NFC').trim();
    const name = Buffer.from(
      new x509.Name([
        { C: [{ printableString: 'VN' }] },
        ...(organization ? [{ O: [{ utf8String: organization }] }] : []),
        { CN: [{ utf8String: commonName }] },
      ]).toArrayBuffer(),
    );
    // extensionRequest: keyUsage digitalSignature + nonRepudiation (critical), what a seal needs.
    const keyUsage = seq(
      oid('2.5.29.15'),
      bool(true),
      tlv(TAG.OCTET_STRING, tlv(TAG.BIT_STRING, Buffer.from([0x06, 0xc0]))),
    );
    const attributes = explicit(0, seq(oid('1.2.840.113549.1.9.14'), tlv(TAG.SET, seq(keyUsage))));
    const info = seq(smallInt(0), name, key.publicKey, attributes);
    const algorithm =
      key.keyType === 'EC' ? seq(oid(ECDSA_WITH_SHA256)) : seq(oid(SHA256_WITH_RSA), nullValue());
    const signature = key.sign(info);
    const der = seq(info, algorithm, tlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), signature])));
    const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
    return `-----BEGIN CERTIFICATE REQUEST-----\n${body}-----END CERTIFICATE REQUEST-----\n`;
  } finally {
    key.close();
  }
}

export interface ImportResult {
  certificate: CertificateInfo;
  chain: CertificateInfo[];
  certFile: string;
  replacedCertificate: string | null;
}

/**
 * Installs the seal's certificate issued by a CA (PEM or DER, with any intermediates in the same text) after
 * checking that it is the certificate of the seal key and may sign. SealError 'certificate' or
 * 'certificateMismatch'; nothing is written then.
 */
export function importSealCertificate(
  config: Config,
  secrets: SecretBox,
  input: string | Buffer,
  options: { now?: Date } = {},
): ImportResult {
  let certs: CertificateInfo[];
  try {
    certs = certificateBlocks(input).map(parseCertificateDer);
  } catch (cause) {
    throw new SealError('certificate', 'Not a readable X.509 certificate', { cause });
  }
  const key = openKey(config, secrets);
  let publicKey: Buffer;
  try {
    publicKey = key.publicKey;
  } finally {
    key.close();
  }
  const certificate = certs.find((c) => spkiOf(c).equals(publicKey));
  if (!certificate)
    throw new SealError('certificateMismatch', 'No certificate in the input is for the seal key');
  if (
    certificate.ca ||
    (certificate.keyUsage &&
      !certificate.keyUsage.some((u) => u === 'digitalSignature' || u === 'nonRepudiation'))
  )
    throw new SealError('certificate', 'The certificate may not sign (key usage)');
  const chain = certs.filter((c) => c !== certificate);
  const paths = sealPaths(config);
  const replacedCertificate = writeCertificates(
    paths.certFile,
    { certificate, chain },
    options.now ?? new Date(),
  );
  return { certificate, chain, certFile: paths.certFile, replacedCertificate };
}

export interface SealStatus {
  mode: 'pkcs11' | 'file';
  description: string;
  /** Does the key exist (and open)? */
  key:
    | { present: true; extractable: boolean | null; sensitive: boolean | null }
    | { present: false; problem: SealError };
  certFile: string;
  certificate: CertificateInfo | null;
  chain: CertificateInfo[];
  /** The certificate's public key is the seal key's (null when either is missing). */
  matches: boolean | null;
}

/** Where the seal key is and what its certificate says, without creating anything. */
export function sealStatus(config: Config, secrets: SecretBox): SealStatus {
  const mode = sealMode(config);
  const paths = sealPaths(config);
  let certs: SealCertificates | null = null;
  let certProblem: SealError | null = null;
  try {
    certs = readCertificates(paths.certFile);
  } catch (e) {
    if (!(e instanceof SealError)) throw e;
    certProblem = e;
  }
  let key: SealStatus['key'];
  let publicKey: Buffer | null = null;
  if (mode === 'pkcs11') {
    try {
      const found = withToken(config, (token) => token.key(config.SEAL_KEY_LABEL));
      publicKey = found.publicKey;
      key = { present: true, extractable: found.extractable, sensitive: found.sensitive };
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      key = { present: false, problem: e };
    }
  } else {
    try {
      const found = fileKey(paths.keyFile, secrets);
      publicKey = found.publicKey;
      key = { present: true, extractable: true, sensitive: false };
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      key = { present: false, problem: e };
    }
  }
  if (certProblem) throw certProblem;
  return {
    mode,
    description: mode === 'pkcs11' ? tokenDescription(config) : `key file (demo only) ${paths.keyFile}`,
    key,
    certFile: paths.certFile,
    certificate: certs?.certificate ?? null,
    chain: certs?.chain ?? [],
    matches: certs && publicKey ? spkiOf(certs.certificate).equals(publicKey) : null,
  };
}
