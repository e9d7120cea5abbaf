import { AppError } from '../../platform/errors/index.js';
import type { EidIdentity } from './eid.client.js';
import { EidErrors } from './eid.errors.js';
import { checkPersonalId } from './personal-id.js';

/** The citizen as CPĐT records them, read from the provider's claims. */
export interface EidCitizen {
  subject: string;
  personalId: string;
  displayName: string;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
}

const NAME_MAX = 200;
const PHONE = /^\+?[0-9 .()-]{6,30}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function birthDateOf(v: unknown): string | null {
  const s = text(v);
  if (!s || !DATE.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : s;
}

/**
 * Reads the claims CPĐT needs. The personal identification number must pass the same check as one typed
 * by an administrator (and agree with the birth date when the provider gives one); anything optional that
 * is malformed is dropped rather than stored.
 */
export function readEidCitizen(identity: EidIdentity, personalIdClaim: string, now: Date): EidCitizen {
  const raw = identity.claims[personalIdClaim];
  const personalId = typeof raw === 'number' ? String(raw) : text(raw);
  if (!personalId) throw new AppError(EidErrors.IDENTITY_EID_CLAIMS_MISSING, { claim: personalIdClaim });
  const birthDate = birthDateOf(identity.claims.birthdate);
  const check = checkPersonalId(personalId, now, birthDate);
  if (!check.ok) throw new AppError(EidErrors.IDENTITY_EID_PERSONAL_ID_INVALID, { problem: check.problem });
  const given = [text(identity.claims.family_name), text(identity.claims.given_name)].filter(Boolean);
  const name = text(identity.claims.name) ?? (given.length ? given.join(' ') : null);
  const phone = text(identity.claims.phone_number);
  const email = text(identity.claims.email)?.toLowerCase() ?? null;
  return {
    subject: identity.subject,
    personalId,
    displayName: (name ?? `cd${personalId}`).slice(0, NAME_MAX),
    birthDate,
    phone: phone && PHONE.test(phone) ? phone : null,
    email: email && EMAIL.test(email) ? email : null,
  };
}
