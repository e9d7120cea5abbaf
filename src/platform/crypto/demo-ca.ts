/**
 * The deployment's demo certification authority — FOR DEVELOPMENT AND DEMONSTRATIONS ONLY.
 *
 * It lets a laptop install issue signing certificates (chứng thư số) to its demo people, so signatures can
 * be made and verified end to end without a licensed CA. Production uses certificates from licensed CAs
 * (tổ chức cung cấp dịch vụ chứng thực chữ ký số); which CAs a deployment trusts is configured in the trust
 * store, never by this file. Nothing signed under this CA has legal value.
 *
 * Layout under `<data dir>/ca/`: `ca.crt.pem` (self-signed root, ECDSA P-256, 10 years) and `ca.key.pem`
 * (its private key, encrypted PKCS#8 that `openssl pkey -passin` reads). The key must be backed up with the
 * data folder; losing it only means issuing new demo certificates.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { peculiar, type X509 } from './peculiar.js';
import type { SecretBox } from './secret-box.js';
import { EXTENDED_KEY_USAGES, parseCertificate, type CertificateInfo } from './x509.js';

export const CA_CERT_FILE = 'ca.crt.pem';
export const CA_KEY_FILE = 'ca.key.pem';
export const DEFAULT_CA_NAME = 'CPĐT Demo CA';
export const CA_YEARS = 10;
export const DEFAULT_CERTIFICATE_DAYS = 365;
export const MAX_CERTIFICATE_DAYS = 3650;
/** Backdated a little so a certificate issued now is valid on a device whose clock runs slightly behind. */
const BACKDATE_MS = 60_000;

export type DemoCaErrorReason =
  'notInitialised' | 'exists' | 'passphrase' | 'keyMismatch' | 'publicKey' | 'subject' | 'days';

/** A refusal from the demo CA; the CLI and services turn `reason` into a bilingual message. */
export class DemoCaError extends Error {
  constructor(
    readonly reason: DemoCaErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DemoCaError';
  }
}

export function demoCaDir(dataDir: string): string {
  return path.join(dataDir, 'ca');
}

export interface DemoCaPassphrase {
  passphrase: string;
  /** 'env': CPDT_CA_PASSPHRASE; 'derived': from the deployment key, so nobody has to keep one more secret. */
  source: 'env' | 'derived';
}

/** CPDT_CA_PASSPHRASE when set, otherwise a passphrase derived from the deployment key. */
export function demoCaPassphrase(fromEnv: string | undefined, secrets: SecretBox): DemoCaPassphrase {
  if (fromEnv) return { passphrase: fromEnv, source: 'env' };
  return { passphrase: secrets.derive('demo-ca').toString('base64url'), source: 'derived' };
}

/** The CA's certificate, if one was created (reading it needs no passphrase). */
export function readDemoCaCertificate(dir: string): CertificateInfo | null {
  try {
    return parseCertificate(fs.readFileSync(path.join(dir, CA_CERT_FILE), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export function demoCaExists(dir: string): boolean {
  return fs.existsSync(path.join(dir, CA_CERT_FILE)) && fs.existsSync(path.join(dir, CA_KEY_FILE));
}

/** 16 random bytes, first byte in 0x01..0x7f: positive and minimally encoded as a DER INTEGER. */
function randomSerial(): string {
  const bytes = crypto.randomBytes(16);
  // First byte 0x10–0x7F: positive (DER INTEGER) and a full 16 bytes, never shortened by a leading zero.
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return bytes.toString('hex');
}

const EC_HASH: Record<string, string> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' };
const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/** The WebCrypto algorithm to import a CA private key with and to sign certificates under it. */
function signingAlgorithmOf(key: crypto.KeyObject): {
  importAs: EcKeyImportParams | RsaHashedImportParams;
  sign: Algorithm | EcdsaParams;
} {
  if (key.asymmetricKeyType === 'ec') {
    const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? 'P-256';
    const hash = EC_HASH[curve] ?? 'SHA-256';
    return { importAs: { name: 'ECDSA', namedCurve: curve }, sign: { name: 'ECDSA', hash } };
  }
  if (key.asymmetricKeyType === 'rsa')
    return {
      importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      sign: { name: 'RSASSA-PKCS1-v1_5' },
    };
  throw new DemoCaError('keyMismatch', `Unsupported CA key type ${key.asymmetricKeyType ?? '?'}`);
}

export interface InitDemoCaOptions {
  passphrase: string;
  /** The CA's common name (default "CPĐT Demo CA"). */
  name?: string | undefined;
  /** Replace an existing CA; its files are kept beside the new ones with a `.replaced-<time>` suffix. */
  force?: boolean | undefined;
  now?: Date | undefined;
}

export interface InitDemoCaResult {
  certificate: CertificateInfo;
  /** Files of the previous CA, renamed (with --force). */
  replaced: string[];
}

/** Creates the self-signed root (ECDSA P-256, 10 years) and writes it with its encrypted key. */
export async function initDemoCa(dir: string, options: InitDemoCaOptions): Promise<InitDemoCaResult> {
  const certFile = path.join(dir, CA_CERT_FILE);
  const keyFile = path.join(dir, CA_KEY_FILE);
  const present = [certFile, keyFile].filter((f) => fs.existsSync(f));
  if (present.length > 0 && !options.force)
    throw new DemoCaError('exists', `A demo CA already exists in ${dir}`);
  if (!options.passphrase) throw new DemoCaError('passphrase', 'The CA key needs a passphrase');

  const now = options.now ?? new Date();
  const name = (options.name ?? DEFAULT_CA_NAME).normalize('NFC').trim() || DEFAULT_CA_NAME;
  const algorithm: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
  const keys = await crypto.webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_YEARS);
  const x509 = peculiar();
  const ski = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: new x509.Name([
      { C: [{ printableString: 'VN' }] },
      { O: [{ utf8String: 'CPĐT' }] },
      { OU: [{ utf8String: 'Chỉ dùng thử nghiệm / For development and demonstrations only' }] },
      { CN: [{ utf8String: name }] },
    ]),
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter,
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ski,
      new x509.AuthorityKeyIdentifierExtension(ski.keyId),
    ],
  });
  const pkcs8 = Buffer.from(await crypto.webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: options.passphrase,
  });

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const suffix = `.replaced-${now.toISOString().replace(/[:.]/g, '-')}`;
  const replaced = present.map((file) => {
    fs.renameSync(file, file + suffix);
    return file + suffix;
  });
  // Written beside, then renamed: a crash never leaves half a key.
  const tmp = `.${process.pid}.tmp`;
  fs.writeFileSync(keyFile + tmp, keyPem, { mode: 0o600 });
  fs.writeFileSync(certFile + tmp, cert.toString('pem') + '\n', { mode: 0o644 });
  fs.renameSync(keyFile + tmp, keyFile);
  fs.renameSync(certFile + tmp, certFile);
  return { certificate: parseCertificate(cert.toString('pem')), replaced };
}

/** Who a certificate is issued to. */
export interface CertificateSubject {
  /** CN: the person's name as they sign. */
  commonName: string;
  /** UID: the username in this deployment. */
  uid?: string | null | undefined;
  /** serialNumber (2.5.4.5): the personal identification number, when known. */
  serialNumber?: string | null | undefined;
  /** O: the agency the person works for. */
  organization?: string | null | undefined;
  /** Put in subjectAltName as rfc822Name, for S/MIME-style verifiers. */
  email?: string | null | undefined;
}

export interface IssueCertificateRequest {
  /** SubjectPublicKeyInfo (DER), or a public CryptoKey (e.g. of a non-extractable key pair from a browser). */
  publicKey: Uint8Array | CryptoKey;
  subject: CertificateSubject;
  /** Validity in days (default 365); never beyond the CA's own expiry. */
  days?: number | undefined;
  now?: Date | undefined;
}

export interface IssuedCertificate {
  pem: string;
  certificate: CertificateInfo;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]+$/;
const SUBJECT_TEXT_MAX = 200;

function subjectText(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (text.length > SUBJECT_TEXT_MAX) throw new DemoCaError('subject', `${field} is too long`);
  return text === '' ? null : text;
}

function subjectName(subject: CertificateSubject): X509.Name {
  const commonName = subjectText(subject.commonName, 'commonName');
  if (!commonName) throw new DemoCaError('subject', 'The subject needs a common name');
  const organization = subjectText(subject.organization, 'organization');
  const serialNumber = subjectText(subject.serialNumber, 'serialNumber');
  const uid = subjectText(subject.uid, 'uid');
  if (serialNumber && !PRINTABLE.test(serialNumber))
    throw new DemoCaError('subject', 'serialNumber must be printable ASCII');
  return new (peculiar().Name)([
    { C: [{ printableString: 'VN' }] },
    ...(organization ? [{ O: [{ utf8String: organization }] }] : []),
    { CN: [{ utf8String: commonName }] },
    ...(serialNumber ? [{ '2.5.4.5': [{ printableString: serialNumber }] }] : []),
    ...(uid ? [{ '0.9.2342.19200300.100.1.1': [{ utf8String: uid }] }] : []),
  ]);
}

/** Only keys a verifier in 2026 accepts for signatures: EC P-256/384/521, RSA ≥ 2048 bits, Ed25519. */
async function checkedSpki(publicKey: Uint8Array | CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  let spki: Buffer;
  let key: crypto.KeyObject;
  try {
    spki =
      publicKey instanceof Uint8Array
        ? Buffer.from(publicKey)
        : Buffer.from(await crypto.webcrypto.subtle.exportKey('spki', publicKey));
    key = crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch (cause) {
    throw new DemoCaError('publicKey', 'Not a public key (SubjectPublicKeyInfo)', { cause });
  }
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  const ok =
    (type === 'ec' && CURVES[details.namedCurve ?? ''] !== undefined) ||
    (type === 'rsa' && (details.modulusLength ?? 0) >= 2048) ||
    type === 'ed25519';
  if (!ok) throw new DemoCaError('publicKey', `Unsupported public key (${type ?? '?'})`);
  return new Uint8Array(spki);
}

/** The demo CA with its key unlocked, ready to issue end-entity signing certificates. */
export class DemoCa {
  private constructor(
    readonly certificate: CertificateInfo,
    private readonly cert: X509.X509Certificate,
    private readonly signingKey: CryptoKey,
    private readonly signingAlgorithm: Algorithm | EcdsaParams,
  ) {}

  /** Reads the CA from `dir`; DemoCaError when it is missing or the passphrase does not open its key. */
  static async load(dir: string, passphrase: string): Promise<DemoCa> {
    if (!demoCaExists(dir))
      throw new DemoCaError('notInitialised', `No demo CA in ${dir}: run \`cpdt ca init\``);
    const certPem = fs.readFileSync(path.join(dir, CA_CERT_FILE), 'utf8');
    let privateKey: crypto.KeyObject;
    try {
      privateKey = crypto.createPrivateKey({
        key: fs.readFileSync(path.join(dir, CA_KEY_FILE), 'utf8'),
        format: 'pem',
        passphrase,
      });
    } catch (cause) {
      throw new DemoCaError('passphrase', 'The passphrase does not open the CA key', { cause });
    }
    const certificate = parseCertificate(certPem);
    const publicOfKey = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const publicOfCert = new crypto.X509Certificate(certificate.der).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    if (!publicOfKey.equals(publicOfCert))
      throw new DemoCaError('keyMismatch', 'The CA key does not belong to the CA certificate');
    const { importAs, sign } = signingAlgorithmOf(privateKey);
    const signingKey = await crypto.webcrypto.subtle.importKey(
      'pkcs8',
      new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })),
      importAs,
      false,
      ['sign'],
    );
    const cert = new (peculiar().X509Certificate)(new Uint8Array(certificate.der));
    return new DemoCa(certificate, cert, signingKey, sign);
  }

  /**
   * An end-entity signing certificate for `publicKey`: keyUsage digitalSignature + nonRepudiation
   * (critical), extendedKeyUsage emailProtection + documentSigning, random 16-byte serial, subject and
   * authority key identifiers.
   */
  async issueCertificate(request: IssueCertificateRequest): Promise<IssuedCertificate> {
    const days = request.days ?? DEFAULT_CERTIFICATE_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_CERTIFICATE_DAYS)
      throw new DemoCaError('days', `Validity must be 1 to ${MAX_CERTIFICATE_DAYS} days`);
    const now = request.now ?? new Date();
    if (now.getTime() > this.certificate.notAfter.getTime())
      throw new DemoCaError('days', 'The demo CA itself has expired: run `cpdt ca init --force`');
    const x509 = peculiar();
    const spki = await checkedSpki(request.publicKey);
    const subject = subjectName(request.subject);
    const email = subjectText(request.subject.email, 'email');
    const notAfter = new Date(
      Math.min(now.getTime() + days * 86_400_000, this.certificate.notAfter.getTime()),
    );
    const authorityKeyId =
      this.certificate.subjectKeyIdentifier ??
      (await x509.AuthorityKeyIdentifierExtension.create(this.cert.publicKey)).keyId!;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject,
      issuer: this.cert.subjectName,
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter,
      publicKey: spki,
      signingKey: this.signingKey,
      signingAlgorithm: this.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([
          EXTENDED_KEY_USAGES.emailProtection,
          EXTENDED_KEY_USAGES.documentSigning,
        ]),
        await x509.SubjectKeyIdentifierExtension.create(spki),
        new x509.AuthorityKeyIdentifierExtension(authorityKeyId),
        ...(email ? [new x509.SubjectAlternativeNameExtension([{ type: 'email', value: email }])] : []),
      ],
    });
    const pem = cert.toString('pem') + '\n';
    return { pem, certificate: parseCertificate(pem) };
  }
}

/** A fresh ECDSA P-256 key pair for a person (the CLI's `ca issue`): SPKI for the CA, PKCS#8 PEM for them. */
export function generateSigningKeyPair(): { publicKey: Buffer; privateKeyPem: string } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
