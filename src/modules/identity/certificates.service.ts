/**
 * Signing certificates (chứng thư số) registered on people: uploaded by the person, or issued by the
 * deployment's demo CA (`cpdt ca issue`). Signatures (votes, ballots, documents) later look up a signer's
 * certificates here with activeCertificates().
 *
 * A certificate is accepted only if it parses, is valid now, may sign (key usage), is not a CA's, and is
 * not registered already (fingerprint, on anyone): otherwise a coded error and nothing is stored. Revoking
 * keeps the row (revoked_at), so signatures made before stay explainable.
 */
import { and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import {
  canSign,
  CertificateParseError,
  isIssuedBy,
  parseCertificate,
  validityAt,
  type CertificateInfo,
} from '../../platform/crypto/index.js';
import { type Executor, isUuid, rows } from '../../platform/db/index.js';
import { AppError, PlatformErrors } from '../../platform/errors/index.js';
import { CertificateErrors } from './certificates.errors.js';
import { Permissions } from './policy.js';
import { certificates, personAgencies, persons } from './schema.js';
import { agencyScope, inScope } from './scope.js';

export const CERTIFICATE_SOURCES = ['upload', 'ca'] as const;
export type CertificateSource = (typeof CERTIFICATE_SOURCES)[number];
export const CERTIFICATE_STATUSES = ['valid', 'expired', 'not_yet_valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const CERTIFICATE_LABEL_MAX = 100;
/** A PEM chain of a few certificates fits easily; anything larger is not a certificate upload. */
export const CERTIFICATE_PEM_MAX = 64 * 1024;

type CertificateRow = typeof certificates.$inferSelect;

export interface CertificateView {
  id: string;
  label: string | null;
  subject: string;
  subjectCommonName: string | null;
  issuer: string;
  issuerCommonName: string | null;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  status: CertificateStatus;
  /** SHA-256 of the certificate, lower-case hexadecimal. */
  fingerprint: string;
  keyUsage: string[];
  publicKeyAlgorithm: string;
  source: CertificateSource;
  /** Signed by this deployment's demo CA (as it is now): a development certificate, not a legal one. */
  issuedByDeploymentCa: boolean;
  createdAt: string;
  revokedAt: string | null;
}

/** A certificate a person may sign with at a given time. */
export interface ActiveCertificate {
  id: string;
  personId: string;
  fingerprint: string;
  serialNumber: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  keyUsage: string[];
  source: CertificateSource;
  pem: string;
}

/** Who asks for another person's certificates (an administrator). */
export interface CertificateActor {
  agencyId: string | null;
  permissions: ReadonlySet<string>;
}

export function certificateStatus(
  row: Pick<CertificateRow, 'notBefore' | 'notAfter' | 'revokedAt'>,
  at: Date,
): CertificateStatus {
  if (row.revokedAt !== null && row.revokedAt.getTime() <= at.getTime()) return 'revoked';
  return validityAt(row, at);
}

/** The view people and administrators see; `deploymentCa` is the demo CA's certificate (DER), if any. */
function certificateView(row: CertificateRow, at: Date, deploymentCa: Uint8Array | null): CertificateView {
  const info = parseCertificate(row.pem);
  return {
    id: row.id,
    label: row.label,
    subject: row.subject,
    subjectCommonName: info.subjectCommonName,
    issuer: row.issuer,
    issuerCommonName: info.issuerCommonName,
    serialNumber: row.serialNumber,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    status: certificateStatus(row, at),
    fingerprint: row.fingerprint,
    keyUsage: row.keyUsage,
    publicKeyAlgorithm: info.publicKey.description,
    source: row.source,
    issuedByDeploymentCa: deploymentCa !== null && isIssuedBy(info.der, deploymentCa),
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

function readable(pem: string): CertificateInfo {
  try {
    return parseCertificate(pem);
  } catch (e) {
    if (e instanceof CertificateParseError)
      throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_INVALID, { reason: e.reason });
    throw e;
  }
}

/** Refuses what cannot be a person's signing certificate today. */
function checkUsable(info: CertificateInfo, at: Date): void {
  const details = { notBefore: info.notBefore.toISOString(), notAfter: info.notAfter.toISOString() };
  switch (validityAt(info, at)) {
    case 'expired':
      throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_EXPIRED, details);
    case 'not_yet_valid':
      throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_NOT_YET_VALID, details);
    case 'valid':
      break;
  }
  if (info.ca) throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_CA);
  if (!canSign(info))
    throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_KEY_USAGE, { keyUsage: info.keyUsage });
}

function label(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (text.length > CERTIFICATE_LABEL_MAX)
    throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_LABEL_INVALID, { max: CERTIFICATE_LABEL_MAX });
  return text === '' ? null : text;
}

export interface RegisterOptions {
  label?: string | null | undefined;
  /** Now (the platform clock): the certificate must be valid at this instant. */
  at?: Date | undefined;
  /** The demo CA's certificate, to fill `issuedByDeploymentCa` in the answer. */
  deploymentCa?: Uint8Array | null | undefined;
}

/**
 * Registers `pem` (a certificate, or a chain whose first certificate is the person's) on `personId`, audited
 * in the caller's transaction. Coded errors: INVALID, EXPIRED, NOT_YET_VALID, CA, KEY_USAGE, DUPLICATE,
 * LABEL_INVALID, PERSON_NOT_FOUND. The caller has decided that the actor may do this for this person.
 */
export async function registerCertificate(
  tx: Executor,
  ctx: AuditContext,
  personId: string,
  pem: string,
  source: CertificateSource,
  options: RegisterOptions = {},
): Promise<CertificateView> {
  const at = options.at ?? new Date();
  const info = readable(pem);
  checkUsable(info, at);
  const name = label(options.label);
  if (!isUuid(personId)) throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_PERSON_NOT_FOUND);
  const [person] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, personId));
  if (!person) throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_PERSON_NOT_FOUND);
  // Two uploads of the same certificate at once: the second waits, then sees the first.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cpdt.certificate:${info.fingerprint}`}))`);
  const [existing] = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.fingerprint, info.fingerprint));
  if (existing)
    throw new AppError(CertificateErrors.IDENTITY_CERTIFICATE_DUPLICATE, { fingerprint: info.fingerprint });
  const [row] = await tx
    .insert(certificates)
    .values({
      personId,
      fingerprint: info.fingerprint,
      serialNumber: info.serialNumber,
      subject: info.subject,
      issuer: info.issuer,
      notBefore: info.notBefore,
      notAfter: info.notAfter,
      keyUsage: info.keyUsage ?? [],
      pem: info.pem,
      source,
      label: name,
      createdAt: at,
    })
    .returning();
  await audit(tx, ctx, {
    action: 'identity.certificate.register',
    objectType: 'certificate',
    objectId: row!.id,
    after: {
      personId,
      fingerprint: info.fingerprint,
      serialNumber: info.serialNumber,
      subject: info.subject,
      issuer: info.issuer,
      notAfter: info.notAfter.toISOString(),
      source,
      label: name,
    },
  });
  return certificateView(row!, at, options.deploymentCa ?? null);
}

/** The certificates `personId` may sign with at `at`: not revoked, within their validity; newest expiry first. */
export async function activeCertificates(
  tx: Executor,
  personId: string,
  at: Date,
): Promise<ActiveCertificate[]> {
  if (!isUuid(personId)) return [];
  const found = await tx
    .select()
    .from(certificates)
    .where(
      and(
        eq(certificates.personId, personId),
        isNull(certificates.revokedAt),
        lte(certificates.notBefore, at),
        gte(certificates.notAfter, at),
      ),
    )
    .orderBy(desc(certificates.notAfter), desc(certificates.createdAt));
  return found.map((r) => ({
    id: r.id,
    personId: r.personId,
    fingerprint: r.fingerprint,
    serialNumber: r.serialNumber,
    subject: r.subject,
    issuer: r.issuer,
    notBefore: r.notBefore,
    notAfter: r.notAfter,
    keyUsage: r.keyUsage,
    source: r.source,
    pem: r.pem,
  }));
}

async function certificatesOf(
  tx: Executor,
  personId: string,
  at: Date,
  deploymentCa: Uint8Array | null,
): Promise<CertificateView[]> {
  const found = await tx
    .select()
    .from(certificates)
    .where(eq(certificates.personId, personId))
    .orderBy(desc(certificates.createdAt), desc(certificates.id));
  return found.map((r) => certificateView(r, at, deploymentCa));
}

/** The signed-in person's own certificates, revoked and expired ones included. */
export function myCertificates(
  tx: Executor,
  personId: string,
  at: Date,
  deploymentCa: Uint8Array | null,
): Promise<CertificateView[]> {
  return certificatesOf(tx, personId, at, deploymentCa);
}

/**
 * Another person's certificates, for holders of identity.people.manage whose agency scope reaches one of the
 * person's agencies (posts and main agency); anyone else is answered "not found".
 */
export async function personCertificates(
  tx: Executor,
  actor: CertificateActor,
  personId: string,
  at: Date,
  deploymentCa: Uint8Array | null,
): Promise<CertificateView[]> {
  if (!actor.permissions.has(Permissions.managePeople))
    throw new AppError(PlatformErrors.FORBIDDEN, { permission: Permissions.managePeople });
  const notFound = () => new AppError(CertificateErrors.IDENTITY_CERTIFICATE_PERSON_NOT_FOUND);
  if (!isUuid(personId)) throw notFound();
  const [person] = await tx
    .select({ id: persons.id, agencyId: persons.agencyId })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) throw notFound();
  const scope = await agencyScope(tx, actor);
  if (scope !== null) {
    const posts = await tx
      .select({ agencyId: personAgencies.agencyId })
      .from(personAgencies)
      .where(eq(personAgencies.personId, personId));
    if (!inScope(scope, [person.agencyId, ...posts.map((p) => p.agencyId)])) throw notFound();
  }
  return certificatesOf(tx, personId, at, deploymentCa);
}

/**
 * Revokes one of the person's own certificates (keeps the row, sets revoked_at; audited). Another person's
 * certificate is "not found". Revoking a revoked certificate changes nothing.
 */
export async function revokeCertificate(
  tx: Executor,
  ctx: AuditContext,
  personId: string,
  certificateId: string,
  at: Date,
  deploymentCa: Uint8Array | null = null,
): Promise<CertificateView> {
  const notFound = () => new AppError(CertificateErrors.IDENTITY_CERTIFICATE_NOT_FOUND);
  if (!isUuid(certificateId)) throw notFound();
  const [row] = await tx
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, certificateId), eq(certificates.personId, personId)))
    .for('update');
  if (!row) throw notFound();
  if (row.revokedAt !== null) return certificateView(row, at, deploymentCa);
  const [updated] = await tx
    .update(certificates)
    .set({ revokedAt: at })
    .where(eq(certificates.id, row.id))
    .returning();
  await audit(tx, ctx, {
    action: 'identity.certificate.revoke',
    objectType: 'certificate',
    objectId: row.id,
    before: { revokedAt: null },
    after: { personId, fingerprint: row.fingerprint, revokedAt: at.toISOString() },
  });
  return certificateView(updated!, at, deploymentCa);
}

/** What a certificate issued to a person says about them (the CLI's `ca issue`). */
export interface CertificateHolder {
  personId: string;
  username: string;
  displayName: string;
  personalId: string | null;
  email: string | null;
  /** The main agency's name, for the certificate's O attribute. */
  agencyName: string | null;
}

export async function findCertificateHolder(
  tx: Executor,
  username: string,
): Promise<CertificateHolder | null> {
  const [found] = await rows<{
    id: string;
    username: string;
    display_name: string;
    personal_id: string | null;
    email: string | null;
    agency_name: string | null;
  }>(
    tx,
    sql`select p.id, p.username, p.display_name, p.personal_id, p.email, a.name_vi as agency_name
          from identity_persons p
          left join identity_agencies a on a.id::text = p.agency_id
         where p.username = ${username.trim().toLowerCase()}`,
  );
  if (!found) return null;
  return {
    personId: found.id,
    username: found.username,
    displayName: found.display_name,
    personalId: found.personal_id,
    email: found.email,
    agencyName: found.agency_name,
  };
}
