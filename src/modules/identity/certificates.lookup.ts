import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { isUuid } from '../../platform/db/index.js';
import { certificates } from './schema.js';

/** A registered certificate as evidence needs it: whose it is, its fingerprint and the certificate itself. */
export interface CertificateRecord {
  id: string;
  personId: string;
  /** SHA-256 of the DER certificate, lower-case hex. */
  fingerprint: string;
  pem: string;
  revokedAt: Date | null;
}

/**
 * Certificates by id, revoked and expired ones included (an evidence export names who signed long after the
 * fact); unknown or malformed ids are left out.
 */
export async function certificatesById(
  tx: Executor,
  ids: readonly string[],
): Promise<Map<string, CertificateRecord>> {
  const wanted = [...new Set(ids)].filter((id) => isUuid(id));
  if (!wanted.length) return new Map();
  const rows = await tx
    .select({
      id: certificates.id,
      personId: certificates.personId,
      fingerprint: certificates.fingerprint,
      pem: certificates.pem,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .where(inArray(certificates.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Registered certificates by SHA-256 fingerprint (hex, lower case); unknown ones are left out. */
export async function certificatesByFingerprint(
  tx: Executor,
  fingerprints: readonly string[],
): Promise<Map<string, CertificateRecord>> {
  const wanted = [...new Set(fingerprints)].filter((f) => /^[0-9a-f]{64}$/.test(f));
  if (!wanted.length) return new Map();
  const rows = await tx
    .select({
      id: certificates.id,
      personId: certificates.personId,
      fingerprint: certificates.fingerprint,
      pem: certificates.pem,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .where(inArray(certificates.fingerprint, wanted));
  return new Map(rows.map((r) => [r.fingerprint, r]));
}
