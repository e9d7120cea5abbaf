/**
 * A person's signature over a module's canonical JSON payload (a vote, a ballot answer, a ratification), in two
 * steps so the private key never leaves the person's device or token:
 *
 * 1. prepareSignature: the server picks the person's certificate and returns `toBeSigned`, the DER of the CMS
 *    signed attributes (contentType, signingTime, messageDigest = SHA-256 of the payload, ESS
 *    signingCertificateV2) — CAdES-BES, exactly the bytes the browser's WebCrypto key or the signing agent signs.
 * 2. completeSignature: the server checks the certificate (the person's, not revoked, valid, trusted by the
 *    deployment's PKI at that instant), that `toBeSigned` is about this payload and this certificate and was made
 *    just now, and the signature; then assembles a detached CMS SignedData (.p7s) that `openssl cms -verify`
 *    accepts. It writes nothing: the calling module stores what it needs in its own transaction.
 */
import crypto from 'node:crypto';
import { and, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import {
  assembleSignedData,
  CmsError,
  ecdsaP1363ToDer,
  readSignedAttributes,
  signedAttributes,
  validityAt,
} from '../../platform/crypto/index.js';
import { type Executor, isUuid } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { activeCertificates } from './certificates.service.js';
import { certificates } from './schema.js';
import { SignatureErrors } from './signatures.errors.js';

/** How far a signature's signingTime may be from the instant it is completed. */
export const SIGNING_TIME_TOLERANCE_MS = 10 * 60_000;

export interface PreparedSignature {
  certificateId: string;
  /** SHA-256 of the payload (UTF-8), lower-case hexadecimal: what the person is shown. */
  payloadSha256: string;
  /** Base64 of the DER SET OF signed attributes: the exact bytes to sign (ECDSA/RSA with SHA-256). */
  toBeSigned: string;
  /** ISO instant written into the signed attributes. */
  signingTime: string;
}

export interface CompletedSignature {
  /** Detached CMS SignedData (DER, .p7s) over the payload's UTF-8 bytes. */
  cms: Buffer;
  certificateId: string;
  certificateDer: Buffer;
  signingTime: Date;
}

export interface PrepareSignatureInput {
  personId: string;
  /** The canonical JSON the person signs (its UTF-8 bytes are the CMS content). */
  payload: string;
  /** One of the person's certificates; default: their active certificate with the latest expiry. */
  certificateId?: string | null | undefined;
  at: Date;
}

export interface CompleteSignatureInput {
  personId: string;
  payload: string;
  /** Base64 DER signed attributes, as prepareSignature returned them. */
  toBeSigned: string;
  /** Base64: ECDSA as IEEE P1363 (r‖s, what WebCrypto returns) or DER Ecdsa-Sig-Value; RSA PKCS#1 v1.5. */
  signature: string;
  certificateId: string;
  at: Date;
}

/** What a certificate row never changes once stored: its bytes and key, parsed once per process. */
interface ParsedCertificate {
  der: Buffer;
  fingerprint: Buffer;
  key: crypto.KeyObject;
  /** ECDSA: bytes in a P1363 signature (2 × field size); 0 for RSA. */
  p1363Length: number;
  type: 'ec' | 'rsa';
}

const PARSED_MAX = 20_000;
const parsedCache = new Map<string, ParsedCertificate>();

const P1363_LENGTH: Record<string, number> = { prime256v1: 64, secp384r1: 96, secp521r1: 132 };

function parsedOf(id: string, pem: string): ParsedCertificate {
  const hit = parsedCache.get(id);
  if (hit) return hit;
  const cert = new crypto.X509Certificate(pem);
  const key = cert.publicKey;
  const keyType = key.asymmetricKeyType;
  if (keyType !== 'ec' && keyType !== 'rsa')
    throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_CERTIFICATE_UNTRUSTED, {
      reason: 'key_type',
      keyType,
    });
  const parsed: ParsedCertificate = {
    der: cert.raw,
    fingerprint: crypto.createHash('sha256').update(cert.raw).digest(),
    key,
    p1363Length: keyType === 'ec' ? (P1363_LENGTH[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? 0) : 0,
    type: keyType,
  };
  if (parsedCache.size >= PARSED_MAX) parsedCache.clear();
  parsedCache.set(id, parsed);
  return parsed;
}

function base64(value: string, field: string): Buffer {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(value) || value.length === 0)
    throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_MALFORMED, { field });
  return Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
}

/**
 * The bytes `personId` signs for `payload` with one of their certificates. Coded errors: NO_CERTIFICATE (none
 * active), CERTIFICATE_NOT_FOUND (the one named is not theirs), CERTIFICATE_REVOKED, CERTIFICATE_EXPIRED.
 */
export async function prepareSignature(
  tx: Executor,
  input: PrepareSignatureInput,
): Promise<PreparedSignature> {
  let chosen: { id: string; pem: string };
  if (input.certificateId) {
    chosen = await ownCertificate(tx, input.personId, input.certificateId, input.at);
  } else {
    const [first] = await activeCertificates(tx, input.personId, input.at);
    if (!first) throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_NO_CERTIFICATE);
    chosen = first;
  }
  const parsed = parsedOf(chosen.id, chosen.pem);
  const contentSha256 = crypto.createHash('sha256').update(input.payload, 'utf8').digest();
  const attributes = signedAttributes({
    contentSha256,
    signingTime: input.at,
    signerCertificate: parsed.der,
  });
  return {
    certificateId: chosen.id,
    payloadSha256: contentSha256.toString('hex'),
    toBeSigned: attributes.toString('base64'),
    signingTime: input.at.toISOString(),
  };
}

/** The person's certificate `certificateId`, usable at `at` as far as identity knows (revocation, dates). */
async function ownCertificate(
  tx: Executor,
  personId: string,
  certificateId: string,
  at: Date,
): Promise<{ id: string; pem: string }> {
  const [own] = await ownCertificates(tx, [{ personId, certificateId, at }]);
  if (own instanceof AppError) throw own;
  return own!;
}

/**
 * ownCertificate for several requests in one query (the vote group commit verifies a batch at once): per
 * request the certificate or the coded refusal. The PEM is read only when a certificate is not parsed yet.
 */
async function ownCertificates(
  tx: Executor,
  requests: readonly { personId: string; certificateId: string; at: Date }[],
): Promise<({ id: string; pem: string } | AppError)[]> {
  const notFound = (certificateId: string) =>
    new AppError(SignatureErrors.IDENTITY_SIGNATURE_CERTIFICATE_NOT_FOUND, { certificateId });
  const ids = [
    ...new Set(
      requests.filter((r) => isUuid(r.certificateId) && isUuid(r.personId)).map((r) => r.certificateId),
    ),
  ];
  const needPem = ids.some((id) => !parsedCache.has(id));
  const rows = ids.length
    ? await tx
        .select({
          id: certificates.id,
          personId: certificates.personId,
          notBefore: certificates.notBefore,
          notAfter: certificates.notAfter,
          revokedAt: certificates.revokedAt,
          ...(needPem ? { pem: certificates.pem } : {}),
        })
        .from(certificates)
        .where(ids.length === 1 ? eq(certificates.id, ids[0]!) : inArray(certificates.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return requests.map(({ personId, certificateId, at }) => {
    const row = isUuid(personId) ? byId.get(certificateId) : undefined;
    if (!row || row.personId !== personId) return notFound(certificateId);
    if (row.revokedAt !== null && row.revokedAt.getTime() <= at.getTime())
      return new AppError(SignatureErrors.IDENTITY_SIGNATURE_CERTIFICATE_REVOKED, {
        certificateId,
        revokedAt: row.revokedAt.toISOString(),
      });
    if (validityAt(row, at) !== 'valid')
      return new AppError(SignatureErrors.IDENTITY_SIGNATURE_CERTIFICATE_EXPIRED, {
        certificateId,
        notBefore: row.notBefore.toISOString(),
        notAfter: row.notAfter.toISOString(),
      });
    return { id: row.id, pem: (row as { pem?: string }).pem ?? '' };
  });
}

/** crypto.verify that answers false, not an exception, for a signature it cannot even parse. */
function verifies(
  toBeSigned: Buffer,
  key: crypto.KeyObject | crypto.VerifyKeyObjectInput,
  signature: Buffer,
): boolean {
  try {
    return crypto.verify('sha256', toBeSigned, key, signature);
  } catch {
    return false;
  }
}

/** The signature as CMS carries it (DER for ECDSA), checked against `toBeSigned` with the certificate's key. */
function checkedSignature(parsed: ParsedCertificate, toBeSigned: Buffer, signature: Buffer): Buffer {
  if (parsed.type === 'rsa') {
    if (verifies(toBeSigned, parsed.key, signature)) return signature;
  } else {
    // IEEE P1363 (r‖s, fixed length, what WebCrypto and PKCS#11 return) or DER (what CMS carries).
    if (
      signature.length === parsed.p1363Length &&
      verifies(toBeSigned, { key: parsed.key, dsaEncoding: 'ieee-p1363' }, signature)
    )
      return ecdsaP1363ToDer(signature);
    if (signature[0] === 0x30 && verifies(toBeSigned, { key: parsed.key, dsaEncoding: 'der' }, signature))
      return signature;
  }
  throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_BAD_SIGNATURE);
}

/**
 * Checks a person's signature over `payload` and returns it as a detached CMS. In order: the certificate is
 * the person's and not revoked (CERTIFICATE_NOT_FOUND, CERTIFICATE_REVOKED), within its validity at `at`
 * (CERTIFICATE_EXPIRED), good for the deployment's PKI at `at` (CERTIFICATE_UNTRUSTED, _REVOKED, _EXPIRED),
 * `toBeSigned` is about this payload and certificate (MALFORMED, DIGEST_MISMATCH) and was made within 10 minutes
 * of `at` (STALE), the signature verifies (BAD_SIGNATURE). Writes nothing.
 */
export async function completeSignature(
  tx: Executor,
  p: Pick<Platform, 'pki'>,
  input: CompleteSignatureInput,
): Promise<CompletedSignature> {
  const [result] = await completeSignatures(tx, p, [input]);
  if (result instanceof Error) throw result;
  return result!;
}

/**
 * completeSignature for several signatures at once, with one database read for all their certificates: per
 * input the completed signature or its coded refusal (never a throw for one bad input). The meeting room's vote
 * group commit verifies its batches this way.
 */
export async function completeSignatures(
  tx: Executor,
  p: Pick<Platform, 'pki'>,
  inputs: readonly CompleteSignatureInput[],
): Promise<(CompletedSignature | Error)[]> {
  const owned = await ownCertificates(tx, inputs);
  // A certificate forgotten between the look-up and now (the cache was cleared): read its PEM after all.
  const forgotten = owned.filter(
    (o): o is { id: string; pem: string } => !(o instanceof AppError) && !o.pem && !parsedCache.has(o.id),
  );
  if (forgotten.length) {
    const rows = await tx
      .select({ id: certificates.id, pem: certificates.pem })
      .from(certificates)
      .where(inArray(certificates.id, [...new Set(forgotten.map((o) => o.id))]));
    const pems = new Map(rows.map((r) => [r.id, r.pem]));
    for (const o of forgotten) o.pem = pems.get(o.id) ?? '';
  }
  return Promise.all(
    inputs.map(async (input, i) => {
      const own = owned[i]!;
      if (own instanceof AppError) return own;
      try {
        return await checkSignature(p, input, own);
      } catch (e) {
        if (e instanceof Error) return e;
        throw e;
      }
    }),
  );
}

/** The checks after the certificate row: path, signed attributes, freshness, signature; then the CMS. */
async function checkSignature(
  p: Pick<Platform, 'pki'>,
  input: CompleteSignatureInput,
  own: { id: string; pem: string },
): Promise<CompletedSignature> {
  const parsed = parsedOf(own.id, own.pem);

  const path = await p.pki.validate(parsed.der, input.at);
  if (!path.ok) {
    const details = { certificateId: own.id, reason: path.reason };
    switch (path.reason) {
      case 'revoked':
        throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_CERTIFICATE_REVOKED, details);
      case 'expired':
      case 'not_yet_valid':
        throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_CERTIFICATE_EXPIRED, details);
      case 'malformed':
      case 'untrusted':
      case 'key_usage':
      case 'revocation_unknown':
        throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_CERTIFICATE_UNTRUSTED, details);
    }
  }

  const toBeSigned = base64(input.toBeSigned, 'toBeSigned');
  const signature = base64(input.signature, 'signature');
  let attributes: ReturnType<typeof readSignedAttributes>;
  try {
    attributes = readSignedAttributes(toBeSigned);
  } catch (e) {
    if (e instanceof CmsError)
      throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_MALFORMED, { field: 'toBeSigned' });
    throw e;
  }
  const contentSha256 = crypto.createHash('sha256').update(input.payload, 'utf8').digest();
  if (!attributes.contentSha256.equals(contentSha256))
    throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_DIGEST_MISMATCH, {
      expected: contentSha256.toString('hex'),
      signed: attributes.contentSha256.toString('hex'),
    });
  if (
    attributes.signingCertificateSha256 !== null &&
    !attributes.signingCertificateSha256.equals(parsed.fingerprint)
  )
    throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_DIGEST_MISMATCH, {
      attribute: 'signingCertificate',
    });
  const signingTime = attributes.signingTime;
  if (
    signingTime === null ||
    Math.abs(signingTime.getTime() - input.at.getTime()) > SIGNING_TIME_TOLERANCE_MS
  )
    throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_STALE, {
      signingTime: signingTime?.toISOString() ?? null,
      at: input.at.toISOString(),
    });

  const der = checkedSignature(parsed, toBeSigned, signature);
  const chain = path.chain.slice(1, -1);
  const cms = assembleSignedData({
    signedAttributes: toBeSigned,
    signature: der,
    signerCertificate: parsed.der,
    chain,
  });
  return { cms, certificateId: own.id, certificateDer: parsed.der, signingTime };
}

/** For tests and operators: forget parsed certificates (they never change, so this is only about memory). */
export function clearSignatureCaches(): void {
  parsedCache.clear();
}

/**
 * Checks ahead of time the certificates these people may sign with (not revoked, valid at `at`), so that their
 * first signature does not wait while the path is built and revocation asked: a poll warms its roster when it
 * opens, and the room votes at once. The PKI keeps a good answer for at most a minute and never keeps a failure,
 * so every signature is still checked at signing time. Best effort: returns how many were found good.
 */
export async function warmSigningCertificates(
  db: Executor,
  p: Pick<Platform, 'pki'>,
  personIds: readonly string[],
  at: Date,
): Promise<number> {
  const wanted = [...new Set(personIds)].filter((id) => isUuid(id));
  if (!wanted.length) return 0;
  const rows = await db
    .select({ id: certificates.id, pem: certificates.pem })
    .from(certificates)
    .where(
      and(
        inArray(certificates.personId, wanted),
        isNull(certificates.revokedAt),
        lte(certificates.notBefore, at),
        gte(certificates.notAfter, at),
      ),
    );
  let good = 0;
  for (const row of rows) {
    try {
      if ((await p.pki.validate(parsedOf(row.id, row.pem).der, at)).ok) good++;
    } catch {
      // An unreadable certificate is refused, with its code, when someone signs with it.
    }
  }
  return good;
}
