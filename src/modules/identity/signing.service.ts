/**
 * Device signing keys: a person's browser makes a non-extractable ECDSA P-256 key pair (WebCrypto), proves it
 * holds the private key by signing a one-time challenge, and the deployment's demo CA issues a certificate for
 * the public key, registered on the person (source 'ca'). Signatures are then made in the browser over the
 * bytes prepareSignature returns. Without a demo CA (production), people sign with their own certificate on a
 * USB token through the local signing agent (docs/signing-agent.md), after registering that certificate.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  DemoCa,
  DemoCaError,
  demoCaDir,
  demoCaExists,
  demoCaPassphrase,
} from '../../platform/crypto/index.js';
import { type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  activeCertificates,
  CERTIFICATE_LABEL_MAX,
  findCertificateHolder,
  registerCertificate,
  type CertificateSource,
  type CertificateView,
} from './certificates.service.js';
import { consumeChallenge, saveChallenge } from './challenges.js';
import { certificates, persons } from './schema.js';
import { SignatureErrors } from './signatures.errors.js';

export const SIGNING_CHALLENGE_PURPOSE = 'signing.key';
const CHALLENGE_MS = 5 * 60_000;
const CHALLENGE_BYTES = 32;
/** Device certificates are short-lived compared with a token's: a lost phone stops mattering within a year. */
export const DEVICE_CERTIFICATE_DAYS = 365;

export interface SigningChallenge {
  challengeId: string;
  /** Base64 of the random bytes to sign (ECDSA P-256, SHA-256, IEEE P1363). */
  challenge: string;
  expiresAt: string;
}

export interface SigningKeyView {
  id: string;
  label: string | null;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the certificate (DER), lower-case hexadecimal. */
  fingerprint: string;
  source: CertificateSource;
  /** The certificate itself, base64 DER (the agent's certificates are matched on the fingerprint). */
  certificate: string;
}

/** A one-time challenge for `personId` to sign with the new device key. */
export async function signingChallenge(tx: Executor, personId: string, now: Date): Promise<SigningChallenge> {
  const challenge = crypto.randomBytes(CHALLENGE_BYTES).toString('base64');
  const challengeId = await saveChallenge(tx, {
    purpose: SIGNING_CHALLENGE_PURPOSE,
    personId,
    data: { challenge },
    now,
    ttlMs: CHALLENGE_MS,
  });
  return { challengeId, challenge, expiresAt: new Date(now.getTime() + CHALLENGE_MS).toISOString() };
}

/** The demo CA with its key unlocked, loaded once per change of its files (loading derives a key: slow). */
const caCache = new Map<string, { stamp: string; ca: Promise<DemoCa> }>();

function deploymentCa(p: Pick<Platform, 'config' | 'secrets'>): Promise<DemoCa> {
  const dir = demoCaDir(p.config.dataDir);
  if (!demoCaExists(dir)) throw new AppError(SignatureErrors.IDENTITY_SIGNING_NO_CA);
  const { passphrase } = demoCaPassphrase(p.config.CPDT_CA_PASSPHRASE, p.secrets);
  const stamp = [CA_CERT_FILE, CA_KEY_FILE]
    .map((f) => fs.statSync(path.join(dir, f)).mtimeMs)
    .concat([passphrase.length])
    .join(':');
  const cached = caCache.get(dir);
  if (cached?.stamp === stamp) return cached.ca;
  const ca = DemoCa.load(dir, passphrase);
  caCache.set(dir, { stamp, ca });
  ca.catch(() => caCache.delete(dir));
  return ca;
}

function decode(value: string): Buffer {
  return Buffer.from(value, /[-_]/.test(value) ? 'base64url' : 'base64');
}

/** An ECDSA P-256 SubjectPublicKeyInfo, or a coded refusal. */
function p256Key(spki: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: decode(spki), format: 'der', type: 'spki' });
  } catch {
    throw new AppError(SignatureErrors.IDENTITY_SIGNING_KEY_INVALID);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new AppError(SignatureErrors.IDENTITY_SIGNING_KEY_INVALID, {
      keyType: key.asymmetricKeyType ?? null,
    });
  return key;
}

export interface EnrolSigningKeyInput {
  challengeId: string;
  /** Base64 SPKI of the device's ECDSA P-256 public key. */
  publicKey: string;
  /** Base64 IEEE-P1363 ECDSA/SHA-256 signature over the challenge bytes. */
  proof: string;
  label?: string | null | undefined;
}

/**
 * Issues a certificate from the demo CA for the device key of `personId` and registers it on them, audited in
 * the caller's transaction. Coded: SIGNING_CHALLENGE_INVALID, SIGNING_KEY_INVALID, SIGNING_PROOF_INVALID,
 * SIGNING_NO_CA; the certificate registry's own codes.
 */
export async function enrolSigningKey(
  tx: Executor,
  p: Pick<Platform, 'config' | 'secrets'>,
  ctx: AuditContext,
  personId: string,
  input: EnrolSigningKeyInput,
  now: Date,
): Promise<CertificateView> {
  const challenge = await consumeChallenge<{ challenge: string }>(
    tx,
    input.challengeId,
    SIGNING_CHALLENGE_PURPOSE,
    now,
  );
  if (!challenge || challenge.personId !== personId)
    throw new AppError(SignatureErrors.IDENTITY_SIGNING_CHALLENGE_INVALID);
  const key = p256Key(input.publicKey);
  const proof = decode(input.proof);
  let proven: boolean;
  try {
    proven = crypto.verify(
      'sha256',
      Buffer.from(challenge.data.challenge, 'base64'),
      { key, dsaEncoding: proof.length === 64 ? 'ieee-p1363' : 'der' },
      proof,
    );
  } catch {
    proven = false;
  }
  if (!proven) throw new AppError(SignatureErrors.IDENTITY_SIGNING_PROOF_INVALID);

  const ca = await deploymentCa(p);
  const [person] = await tx
    .select({ username: persons.username })
    .from(persons)
    .where(eq(persons.id, personId));
  const holder = person ? await findCertificateHolder(tx, person.username) : null;
  if (!holder) throw new AppError(SignatureErrors.IDENTITY_SIGNATURE_CERTIFICATE_NOT_FOUND);
  let pem: string;
  try {
    ({ pem } = await ca.issueCertificate({
      publicKey: new Uint8Array(key.export({ type: 'spki', format: 'der' })),
      subject: {
        commonName: holder.displayName,
        uid: holder.username,
        serialNumber: holder.personalId,
        organization: holder.agencyName,
        email: holder.email,
      },
      days: DEVICE_CERTIFICATE_DAYS,
      now,
    }));
  } catch (e) {
    if (e instanceof DemoCaError && e.reason === 'publicKey')
      throw new AppError(SignatureErrors.IDENTITY_SIGNING_KEY_INVALID);
    if (e instanceof DemoCaError)
      throw new AppError(SignatureErrors.IDENTITY_SIGNING_NO_CA, { reason: e.reason });
    throw e;
  }
  const label =
    (input.label ?? '').trim().slice(0, CERTIFICATE_LABEL_MAX) || 'Khoá ký trên thiết bị / Device key';
  const view = await registerCertificate(tx, ctx, personId, pem, 'ca', {
    label,
    at: now,
    deploymentCa: ca.certificate.der,
  });
  await audit(tx, ctx, {
    action: 'identity.signing-key.enrol',
    objectType: 'certificate',
    objectId: view.id,
    after: { personId, fingerprint: view.fingerprint, notAfter: view.notAfter, label },
  });
  return view;
}

/** The person's certificates they may sign with now, for the signing dialog and the signing page. */
export async function signingKeys(tx: Executor, personId: string, now: Date): Promise<SigningKeyView[]> {
  const active = await activeCertificates(tx, personId, now);
  const labels = new Map(
    active.length === 0
      ? []
      : (
          await tx
            .select({ id: certificates.id, label: certificates.label })
            .from(certificates)
            .where(
              inArray(
                certificates.id,
                active.map((c) => c.id),
              ),
            )
        ).map((r) => [r.id, r.label]),
  );
  return active.map((c) => ({
    id: c.id,
    label: labels.get(c.id) ?? null,
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    fingerprint: c.fingerprint,
    source: c.source,
    certificate: new crypto.X509Certificate(c.pem).raw.toString('base64'),
  }));
}
