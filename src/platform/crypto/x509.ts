/**
 * Reading X.509 certificates (chứng thư số): the fields people are shown and rules are checked against.
 * Node's X509Certificate (OpenSSL) does the strict parse, the fingerprint and the public key; @peculiar/x509
 * reads names and extensions, which Node does not expose. Input that is not exactly one DER certificate
 * per PEM block is refused with a CertificateParseError, never half-read.
 */
import crypto from 'node:crypto';
import { peculiar, type X509 } from './peculiar.js';

/** Key usage bits (RFC 5280 §4.2.1.3), in bit order. */
export const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

/** Extended key usages worth naming; others are shown as their OID. */
export const EXTENDED_KEY_USAGES = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  /** RFC 9336: signing documents (contracts, decisions) rather than e-mail. */
  documentSigning: '1.3.6.1.5.5.7.3.36',
} as const;

/** Name attributes @peculiar/x509 does not name itself but Vietnamese certificates carry. */
const EXTRA_NAMES = { serialNumber: '2.5.4.5', UID: '0.9.2342.19200300.100.1.1' };

export interface PublicKeyInfo {
  /** 'rsa', 'rsa-pss', 'ec', 'ed25519', … as Node names it; 'unknown' when Node cannot read the key. */
  type: string;
  /** RSA modulus size in bits. */
  bits: number | null;
  /** EC curve in WebCrypto terms (P-256) or as OpenSSL names it. */
  curve: string | null;
  /** For people: "ECDSA P-256", "RSA 3072". */
  description: string;
}

export interface CertificateInfo {
  der: Buffer;
  /** The certificate alone, re-encoded as PEM (64-character lines). */
  pem: string;
  /** RFC 4514-style, e.g. "CN=Nguyễn Văn A, O=Bộ Tư pháp, C=VN". */
  subject: string;
  subjectCommonName: string | null;
  issuer: string;
  issuerCommonName: string | null;
  /** Upper-case hexadecimal, as OpenSSL prints it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER encoding, lower-case hexadecimal: the certificate's identity. */
  fingerprint: string;
  /** null when the certificate has no key usage extension (any use allowed). */
  keyUsage: KeyUsage[] | null;
  /** Named when known (EXTENDED_KEY_USAGES), the OID otherwise; null when absent. */
  extendedKeyUsage: string[] | null;
  /** basicConstraints cA: a certification authority's certificate. */
  ca: boolean;
  subjectKeyIdentifier: string | null;
  authorityKeyIdentifier: string | null;
  publicKey: PublicKeyInfo;
}

export type CertificateParseReason = 'empty' | 'notCertificate' | 'malformed';

export class CertificateParseError extends Error {
  constructor(
    readonly reason: CertificateParseReason,
    options?: { cause?: unknown },
  ) {
    super(`Not a readable X.509 certificate (${reason})`, options);
    this.name = 'CertificateParseError';
  }
}

const PEM_BLOCK = /-----BEGIN (X509 )?CERTIFICATE-----([\s\S]*?)-----END \1?CERTIFICATE-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The DER certificates in a text: every PEM block in order, or bare base64 of one DER certificate. */
export function certificateBlocks(input: string | Uint8Array): Buffer[] {
  if (typeof input !== 'string') {
    const bytes = Buffer.from(input);
    if (bytes.length === 0) throw new CertificateParseError('empty');
    return bytes[0] === 0x30 ? [bytes] : certificateBlocks(bytes.toString('latin1'));
  }
  const text = input.trim();
  if (text === '') throw new CertificateParseError('empty');
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => decodeBase64(m[2]!));
  if (blocks.length > 0) return blocks;
  if (text.includes('-----BEGIN')) throw new CertificateParseError('notCertificate');
  return [decodeBase64(text)];
}

function decodeBase64(body: string): Buffer {
  const compact = body.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw new CertificateParseError('notCertificate');
  return Buffer.from(compact, 'base64');
}

/** The length of the outer DER element, so trailing bytes (two certificates glued together) are caught. */
function derElementLength(der: Buffer): number | null {
  if (der.length < 2 || der[0] !== 0x30) return null;
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || der.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + der[2 + i]!;
  return 2 + count + length;
}

export function toPem(der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`;
}

const CURVES: Record<string, string> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

function publicKeyInfo(cert: crypto.X509Certificate): PublicKeyInfo {
  let key: crypto.KeyObject;
  try {
    key = cert.publicKey;
  } catch {
    return { type: 'unknown', bits: null, curve: null, description: 'unknown' };
  }
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  const bits = details.modulusLength ?? null;
  const curve = details.namedCurve ? (CURVES[details.namedCurve] ?? details.namedCurve) : null;
  const description =
    type === 'ec'
      ? `ECDSA ${curve ?? ''}`.trim()
      : type.startsWith('rsa')
        ? `${type === 'rsa-pss' ? 'RSA-PSS' : 'RSA'} ${bits ?? ''}`.trim()
        : type === 'ed25519'
          ? 'Ed25519'
          : type === 'ed448'
            ? 'Ed448'
            : type.toUpperCase();
  return { type, bits, curve, description };
}

function names(name: X509.Name): { text: string; commonName: string | null } {
  const named = new (peculiar().Name)(name.toArrayBuffer(), EXTRA_NAMES);
  return { text: named.toString(), commonName: named.getField('CN')[0] ?? null };
}

function keyUsageOf(cert: X509.X509Certificate): KeyUsage[] | null {
  const ext = cert.getExtension(peculiar().KeyUsagesExtension);
  if (!ext) return null;
  return KEY_USAGES.filter((_, bit) => (ext.usages & (1 << bit)) !== 0);
}

function extendedKeyUsageOf(cert: X509.X509Certificate): string[] | null {
  const ext = cert.getExtension(peculiar().ExtendedKeyUsageExtension);
  if (!ext) return null;
  const known = Object.entries(EXTENDED_KEY_USAGES);
  return Array.from(
    ext.usages,
    (oid) => known.find(([, value]) => value === String(oid))?.[0] ?? String(oid),
  );
}

/** One DER certificate, fully read; CertificateParseError when it is anything else. */
export function parseCertificateDer(der: Buffer): CertificateInfo {
  if (derElementLength(der) !== der.length) throw new CertificateParseError('malformed');
  let node: crypto.X509Certificate;
  let cert: X509.X509Certificate;
  const x509 = peculiar();
  try {
    node = new crypto.X509Certificate(der);
    cert = new x509.X509Certificate(new Uint8Array(der));
  } catch (cause) {
    throw new CertificateParseError('malformed', { cause });
  }
  try {
    const subject = names(cert.subjectName);
    const issuer = names(cert.issuerName);
    return {
      der,
      pem: toPem(der),
      subject: subject.text,
      subjectCommonName: subject.commonName,
      issuer: issuer.text,
      issuerCommonName: issuer.commonName,
      serialNumber: node.serialNumber.toUpperCase(),
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      fingerprint: crypto.createHash('sha256').update(der).digest('hex'),
      keyUsage: keyUsageOf(cert),
      extendedKeyUsage: extendedKeyUsageOf(cert),
      ca: node.ca,
      subjectKeyIdentifier: cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? null,
      authorityKeyIdentifier: cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId ?? null,
      publicKey: publicKeyInfo(node),
    };
  } catch (cause) {
    throw new CertificateParseError('malformed', { cause });
  }
}

/** Every certificate in a PEM text (a chain: leaf first, as servers and CAs send them). */
export function parseCertificates(input: string | Uint8Array): CertificateInfo[] {
  return certificateBlocks(input).map(parseCertificateDer);
}

/** The first (leaf) certificate of a PEM text, a chain, bare base64 or DER bytes. */
export function parseCertificate(input: string | Uint8Array): CertificateInfo {
  return parseCertificateDer(certificateBlocks(input)[0]!);
}

export type ValidityState = 'valid' | 'expired' | 'not_yet_valid';

/** Valid from notBefore through notAfter, both included (RFC 5280 §4.1.2.5). */
export function validityAt(info: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, at: Date): ValidityState {
  if (at.getTime() < info.notBefore.getTime()) return 'not_yet_valid';
  if (at.getTime() > info.notAfter.getTime()) return 'expired';
  return 'valid';
}

/** May the key sign (documents, votes)? Yes without a key usage extension, or with either signing bit. */
export function canSign(info: Pick<CertificateInfo, 'keyUsage'>): boolean {
  return (
    info.keyUsage === null ||
    info.keyUsage.includes('digitalSignature') ||
    info.keyUsage.includes('nonRepudiation')
  );
}

/** True when `issuer` issued `cert`: names match and the signature verifies with the issuer's key. */
export function isIssuedBy(cert: Uint8Array, issuer: Uint8Array): boolean {
  try {
    const subject = new crypto.X509Certificate(cert);
    const authority = new crypto.X509Certificate(issuer);
    return subject.checkIssued(authority) && subject.verify(authority.publicKey);
  } catch {
    return false;
  }
}
