/** How the register shows a person: a summary for lists, everything about them for their page. */
import { dayInVietnam } from '../../platform/calendar/index.js';
import { and, asc, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { toNumber, type Executor, isUuid } from '../../platform/db/index.js';
import { mfaStatus } from './mfa.status.js';
import type { PersonRow } from './people.access.js';
import type {
  AgencyBrief,
  DelegationView,
  LockState,
  MemberTermView,
  PersonDetail,
  PersonSummary,
} from './people.model.js';
import {
  agencies,
  businesses,
  businessRepresentatives,
  delegations,
  governmentMembers,
  passkeys,
  personAgencies,
  personRoles,
  persons,
  recoveryCodes,
  roles,
  totpAuthenticators,
} from './schema.js';

export function lockState(row: Pick<PersonRow, 'failedAttempts' | 'lockedUntil'>, now: Date): LockState {
  const locked = row.lockedUntil !== null && row.lockedUntil > now;
  return {
    failedAttempts: row.failedAttempts,
    lockedUntil: locked ? row.lockedUntil!.toISOString() : null,
    locked,
  };
}

/** Whether a dated period covers `day` (YYYY-MM-DD). */
export function covers(period: { validFrom: string | null; validTo: string | null }, day: string): boolean {
  return (
    (period.validFrom === null || period.validFrom <= day) &&
    (period.validTo === null || period.validTo >= day)
  );
}

async function agencyBriefs(
  tx: Executor,
  ids: readonly (string | null)[],
): Promise<Map<string, AgencyBrief>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return new Map();
  const found = await tx
    .select({ id: agencies.id, code: agencies.code, nameVi: agencies.nameVi })
    .from(agencies)
    .where(inArray(agencies.id, wanted));
  return new Map(found.map((a) => [a.id, a]));
}

/** List rows: the main agency and role codes fetched for the whole page at once. */
export async function personSummaries(tx: Executor, rows: PersonRow[], now: Date): Promise<PersonSummary[]> {
  if (rows.length === 0) return [];
  const briefs = await agencyBriefs(
    tx,
    rows.map((r) => r.agencyId),
  );
  const held = await tx
    .select({ personId: personRoles.personId, code: personRoles.roleCode })
    .from(personRoles)
    .where(
      inArray(
        personRoles.personId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(personRoles.roleCode));
  const rolesOf = new Map<string, string[]>();
  for (const h of held) rolesOf.set(h.personId, [...(rolesOf.get(h.personId) ?? []), h.code]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    username: r.username,
    displayName: r.displayName,
    email: r.email,
    phone: r.phone,
    active: r.active,
    agency: (r.agencyId && briefs.get(r.agencyId)) || null,
    roles: rolesOf.get(r.id) ?? [],
    lock: lockState(r, now),
  }));
}

async function delegationViews(tx: Executor, side: 'principal' | 'delegate', personId: string, day: string) {
  const principal = alias(persons, 'principal');
  const delegate = alias(persons, 'delegate');
  const found = await tx
    .select({
      d: delegations,
      principal: { id: principal.id, username: principal.username, displayName: principal.displayName },
      delegate: { id: delegate.id, username: delegate.username, displayName: delegate.displayName },
    })
    .from(delegations)
    .innerJoin(principal, eq(principal.id, delegations.principalId))
    .innerJoin(delegate, eq(delegate.id, delegations.delegateId))
    .where(eq(side === 'principal' ? delegations.principalId : delegations.delegateId, personId))
    .orderBy(asc(delegations.validFrom), asc(delegations.createdAt));
  return found.map((f): DelegationView => ({
    id: f.d.id,
    principal: f.principal,
    delegate: f.delegate,
    validFrom: f.d.validFrom,
    validTo: f.d.validTo,
    revokedAt: f.d.revokedAt?.toISOString() ?? null,
    current: f.d.revokedAt === null && covers(f.d, day),
  }));
}

export async function personDetail(tx: Executor, row: PersonRow, now: Date): Promise<PersonDetail> {
  const day = dayInVietnam(now);
  const [summary] = await personSummaries(tx, [row], now);
  const posts = await tx
    .select({
      agency: { id: agencies.id, code: agencies.code, nameVi: agencies.nameVi, validTo: agencies.validTo },
      position: personAgencies.position,
      positionEn: personAgencies.positionEn,
    })
    .from(personAgencies)
    .innerJoin(agencies, eq(agencies.id, personAgencies.agencyId))
    .where(eq(personAgencies.personId, row.id))
    .orderBy(asc(personAgencies.createdAt), asc(agencies.code));
  const held = await tx
    .select({ code: roles.code, nameVi: roles.nameVi, nameEn: roles.nameEn, requiresMfa: roles.requiresMfa })
    .from(personRoles)
    .innerJoin(roles, eq(roles.code, personRoles.roleCode))
    .where(eq(personRoles.personId, row.id))
    .orderBy(asc(roles.code));
  const terms = await tx
    .select()
    .from(governmentMembers)
    .where(eq(governmentMembers.personId, row.id))
    .orderBy(asc(governmentMembers.validFrom));
  const termAgencies = await agencyBriefs(
    tx,
    terms.map((t) => t.agencyId),
  );
  const represented = await tx
    .select({
      business: { id: businesses.id, enterpriseCode: businesses.enterpriseCode, name: businesses.name },
      role: businessRepresentatives.role,
      validFrom: businessRepresentatives.validFrom,
      validTo: businessRepresentatives.validTo,
    })
    .from(businessRepresentatives)
    .innerJoin(businesses, eq(businesses.id, businessRepresentatives.businessId))
    .where(eq(businessRepresentatives.personId, row.id))
    .orderBy(asc(businesses.name));
  const [totp] = await tx
    .select({ personId: totpAuthenticators.personId })
    .from(totpAuthenticators)
    .where(and(eq(totpAuthenticators.personId, row.id), isNotNull(totpAuthenticators.confirmedAt)));
  const [keys] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.personId, row.id));
  const [codes] = await tx
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, row.id), isNull(recoveryCodes.usedAt)));
  const status = await mfaStatus(tx, row.id, day);
  return {
    ...summary!,
    locale: row.locale,
    personalId: row.personalId,
    birthDate: row.birthDate,
    hasPassword: row.passwordHash !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    posts: posts.map((p) => ({ ...p, main: p.agency.id === row.agencyId })),
    roles: held,
    memberTerms: terms.map((t): MemberTermView => ({
      id: t.id,
      office: t.office,
      agency: (t.agencyId && termAgencies.get(t.agencyId)) || null,
      titleVi: t.titleVi,
      titleEn: t.titleEn,
      validFrom: t.validFrom,
      validTo: t.validTo,
      current: covers(t, day),
    })),
    actsFor: await delegationViews(tx, 'delegate', row.id, day),
    delegates: await delegationViews(tx, 'principal', row.id, day),
    businesses: represented,
    mfa: {
      totp: Boolean(totp),
      passkeys: toNumber(keys?.n),
      recoveryCodesLeft: toNumber(codes?.n),
      required: status.required,
    },
  };
}

/** What an audit record keeps of a person: no secrets (only whether a password is set). */
export async function personSnapshot(tx: Executor, row: PersonRow) {
  const held = await tx
    .select({ code: personRoles.roleCode })
    .from(personRoles)
    .where(eq(personRoles.personId, row.id))
    .orderBy(asc(personRoles.roleCode));
  const posts = await tx
    .select({ agencyId: personAgencies.agencyId, position: personAgencies.position })
    .from(personAgencies)
    .where(eq(personAgencies.personId, row.id))
    .orderBy(asc(personAgencies.agencyId));
  return {
    kind: row.kind,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    active: row.active,
    agencyId: row.agencyId,
    personalId: row.personalId,
    birthDate: row.birthDate,
    hasPassword: row.passwordHash !== null,
    roles: held.map((h) => h.code),
    posts,
  };
}
