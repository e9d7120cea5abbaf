/**
 * The people register: officials (with their posts), citizens (by personal ID) and business
 * representatives. Every use case first checks who may reach whom (people.access.ts), validates all input
 * before touching a row, and writes one audit record with before/after in the caller's transaction.
 */
import { and, asc, count, eq, exists, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { containsText, toNumber, type Executor, isUuid } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { businessForNewPerson, checkRepresentativeRole, linkRepresentative } from './businesses.service.js';
import { announceSessionsEnded, type LogoutPlatform } from './oidc.logout.js';
import { hashPassword } from './passwords.js';
import {
  lockRegister,
  personInScope,
  reachesAllAgencies,
  requireAgencyInScope,
  requireHeld,
  permissionsOfRoles,
  requireNotMorePrivileged,
  requirePeopleManager,
  scopeOf,
  type PeopleActor,
  type PersonRow,
  type Scope,
} from './people.access.js';
import { PeopleErrors } from './people.errors.js';
import {
  DISPLAY_NAME_MAX,
  PEOPLE_LIST_LIMIT_MAX,
  PERSON_KINDS,
  ROLE_OF_KIND,
  type PersonDetail,
  type PersonKind,
  type PersonSummary,
  type RepresentativeRole,
} from './people.model.js';
import { changeMainAgency, checkPost, requireCurrentAgency, type PostInput } from './people.posts.js';
import { existingRoles, setRoles } from './people.roles.js';
import {
  checkEmail,
  checkLocale,
  checkPassword,
  checkPersonalIdentity,
  checkPhone,
  checkUsername,
  personInvalid,
  requiredText,
} from './people.validate.js';
import { personDetail, personSnapshot, personSummaries } from './people.view.js';
import { personAgencies, personRoles, persons, sessions } from './schema.js';

export interface PeopleQuery {
  q?: string | undefined;
  kind?: PersonKind | undefined;
  agencyId?: string | undefined;
  role?: string | undefined;
  locked?: boolean | undefined;
  active?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface NewPersonInput {
  kind: PersonKind;
  /** Citizens may leave it out: their personal ID becomes their username. */
  username?: string | undefined;
  displayName: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  locale?: string | undefined;
  active?: boolean | undefined;
  /** An initial password, or none (sign-in through e-ID, or a password set later). */
  password?: string | null | undefined;
  roles?: string[] | undefined;
  posts?: PostInput[] | undefined;
  /** One of `posts`; the first post by default. */
  mainAgencyId?: string | null | undefined;
  personalId?: string | null | undefined;
  birthDate?: string | null | undefined;
  /** A business representative's business, found by code (or created when a name is given). */
  business?:
    | {
        enterpriseCode: string;
        name?: string | null | undefined;
        address?: string | null | undefined;
        role?: RepresentativeRole | undefined;
      }
    | undefined;
}

export interface PersonChange {
  username?: string | undefined;
  displayName?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  locale?: string | undefined;
  active?: boolean | undefined;
  /** A new password; null removes it (sign-in by e-ID only). */
  password?: string | null | undefined;
  roles?: string[] | undefined;
  mainAgencyId?: string | undefined;
  personalId?: string | null | undefined;
  birthDate?: string | null | undefined;
}

const MAX_POSTS = 20;

/** Only the people the scope reaches: a post (or main agency) in one of its agencies. */
function scopeCondition(scope: Scope): SQL | undefined {
  if (scope === null) return undefined;
  const ids = [...scope];
  if (ids.length === 0) return sql`false`;
  return or(
    inArray(persons.agencyId, ids),
    exists(
      sql`(select 1 from ${personAgencies} where ${personAgencies.personId} = ${persons.id} and ${inArray(personAgencies.agencyId, ids)})`,
    ),
  );
}

export async function listPeople(
  tx: Executor,
  actor: PeopleActor,
  query: PeopleQuery,
): Promise<{ items: PersonSummary[]; total: number }> {
  requirePeopleManager(actor);
  const where: (SQL | undefined)[] = [scopeCondition(await scopeOf(tx, actor))];
  const q = query.q?.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (q)
    where.push(
      or(
        containsText(persons.displayName, q),
        containsText(persons.username, q),
        containsText(persons.email, q),
      ),
    );
  if (query.kind) where.push(eq(persons.kind, query.kind));
  if (query.active !== undefined) where.push(eq(persons.active, query.active));
  if (query.locked === true) where.push(gt(persons.lockedUntil, actor.now));
  if (query.locked === false)
    where.push(sql`(${persons.lockedUntil} is null or ${persons.lockedUntil} <= ${actor.now})`);
  if (query.agencyId !== undefined) {
    if (!isUuid(query.agencyId)) return { items: [], total: 0 };
    where.push(
      or(
        eq(persons.agencyId, query.agencyId),
        exists(
          sql`(select 1 from ${personAgencies} where ${personAgencies.personId} = ${persons.id} and ${personAgencies.agencyId} = ${query.agencyId})`,
        ),
      ),
    );
  }
  if (query.role)
    where.push(
      exists(
        sql`(select 1 from ${personRoles} where ${personRoles.personId} = ${persons.id} and ${personRoles.roleCode} = ${query.role})`,
      ),
    );
  const condition = and(...where);
  const rows = await tx
    .select()
    .from(persons)
    .where(condition)
    .orderBy(asc(sql`lower(${persons.displayName})`), asc(persons.username))
    .limit(Math.min(Math.max(query.limit ?? 50, 1), PEOPLE_LIST_LIMIT_MAX))
    .offset(Math.max(query.offset ?? 0, 0));
  const [total] = await tx.select({ n: count() }).from(persons).where(condition);
  return { items: await personSummaries(tx, rows, actor.now), total: toNumber(total?.n) };
}

export async function getPerson(tx: Executor, actor: PeopleActor, id: string): Promise<PersonDetail> {
  requirePeopleManager(actor);
  return personDetail(tx, await personInScope(tx, actor, id), actor.now);
}

async function requireUsernameFree(tx: Executor, username: string, except?: string): Promise<void> {
  const [taken] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.username, username));
  if (taken && taken.id !== except)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_USERNAME_DUPLICATE, { username });
}

async function requirePersonalIdFree(
  tx: Executor,
  personalId: string | null,
  except?: string,
): Promise<void> {
  if (personalId === null) return;
  const [taken] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.personalId, personalId));
  if (taken && taken.id !== except) throw new AppError(PeopleErrors.IDENTITY_PERSONAL_ID_DUPLICATE);
}

function checkBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw personInvalid(field, 'notBoolean');
  return value;
}

/** Creates a person of any kind, with their posts, roles and (for a representative) business. */
export async function createPerson(
  tx: Executor,
  actor: PeopleActor,
  input: NewPersonInput,
): Promise<PersonDetail> {
  requirePeopleManager(actor);
  if (typeof input !== 'object' || input === null) throw personInvalid('body', 'missing');
  const kind = PERSON_KINDS.find((k) => k === input.kind);
  if (!kind) throw personInvalid('kind', 'unknown');
  const identity = checkPersonalIdentity(input.personalId, input.birthDate, actor.now);
  if (kind === 'citizen' && identity.personalId === null)
    throw new AppError(PeopleErrors.IDENTITY_PERSONAL_ID_INVALID, { problem: 'required' });
  const username = checkUsername(input.username ?? (kind === 'citizen' ? identity.personalId : undefined));
  const displayName = requiredText(input.displayName, 'displayName', DISPLAY_NAME_MAX);
  const email = checkEmail(input.email);
  const phone = checkPhone(input.phone);
  const locale = checkLocale(input.locale ?? 'vi');
  const active = checkBoolean(input.active, 'active') ?? true;
  const password =
    input.password === undefined || input.password === null || input.password === ''
      ? null
      : checkPassword(input.password, username);
  if (input.posts !== undefined && !Array.isArray(input.posts)) throw personInvalid('posts', 'notList');
  const posts = (input.posts ?? []).map(checkPost);
  if (posts.length > MAX_POSTS) throw personInvalid('posts', 'tooMany');
  if (new Set(posts.map((p) => p.agencyId)).size !== posts.length) throw personInvalid('posts', 'duplicate');
  if (kind !== 'official' && posts.length > 0)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_KIND_MISMATCH, { kind, field: 'posts' });
  if (kind !== 'business' && input.business !== undefined)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_KIND_MISMATCH, { kind, field: 'business' });
  const mainAgencyId = input.mainAgencyId ? input.mainAgencyId.toLowerCase() : (posts[0]?.agencyId ?? null);
  if (mainAgencyId !== null && !posts.some((p) => p.agencyId === mainAgencyId))
    throw new AppError(PeopleErrors.IDENTITY_PERSON_MAIN_AGENCY_INVALID, { agencyId: input.mainAgencyId });
  const representativeRole = input.business ? checkRepresentativeRole(input.business.role ?? 'legal') : null;

  // Whom the actor may create: people with at least one post in their scope, and every post in it.
  const scope = await scopeOf(tx, actor);
  if (!reachesAllAgencies(actor) && posts.length === 0)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_OUTSIDE_SCOPE, { field: 'posts' });
  for (const p of posts) requireAgencyInScope(scope, p.agencyId);
  const roles = await existingRoles(tx, [...(input.roles ?? []), ROLE_OF_KIND[kind]]);
  requireHeld(actor, await permissionsOfRoles(tx, roles));
  for (const p of posts) await requireCurrentAgency(tx, p.agencyId);

  await lockRegister(tx);
  await requireUsernameFree(tx, username);
  await requirePersonalIdFree(tx, identity.personalId);
  const [row] = await tx
    .insert(persons)
    .values({
      kind,
      username,
      displayName,
      email,
      phone,
      locale,
      active,
      ...identity,
      agencyId: mainAgencyId,
      passwordHash: password === null ? null : await hashPassword(password),
      createdAt: actor.now,
      updatedAt: actor.now,
    })
    .returning();
  const person = row!;
  if (posts.length > 0)
    await tx.insert(personAgencies).values(posts.map((p) => ({ personId: person.id, ...p })));
  await tx.insert(personRoles).values(roles.map((roleCode) => ({ personId: person.id, roleCode })));
  if (input.business && representativeRole) {
    const businessId = await businessForNewPerson(tx, actor, input.business);
    await linkRepresentative(tx, person.id, businessId, {
      role: representativeRole,
      validFrom: null,
      validTo: null,
    });
  }
  await audit(tx, actor.audit, {
    action: 'identity.person.create',
    objectType: 'person',
    objectId: person.id,
    after: await personSnapshot(tx, person),
  });
  return personDetail(tx, person, actor.now);
}

/** Changes a person's account, identity, roles or main agency. */
export async function updatePerson(
  tx: Executor,
  actor: PeopleActor,
  id: string,
  input: PersonChange,
  p: LogoutPlatform,
): Promise<PersonDetail> {
  requirePeopleManager(actor);
  if (typeof input !== 'object' || input === null) throw personInvalid('body', 'missing');
  const scope = await scopeOf(tx, actor);
  const old: PersonRow = await personInScope(tx, actor, id, { scope, forUpdate: true });
  await requireNotMorePrivileged(tx, actor, old);

  const username = input.username === undefined ? old.username : checkUsername(input.username);
  const set: Partial<typeof persons.$inferInsert> = {};
  if (username !== old.username) set.username = username;
  if (input.displayName !== undefined)
    set.displayName = requiredText(input.displayName, 'displayName', DISPLAY_NAME_MAX);
  if (input.email !== undefined) set.email = checkEmail(input.email);
  if (input.phone !== undefined) set.phone = checkPhone(input.phone);
  if (input.locale !== undefined) set.locale = checkLocale(input.locale);
  const active = checkBoolean(input.active, 'active');
  if (active !== undefined) {
    if (active === false && old.id === actor.personId)
      throw new AppError(PeopleErrors.IDENTITY_PERSON_SELF, { field: 'active' });
    set.active = active;
  }
  if (input.personalId !== undefined || input.birthDate !== undefined) {
    const identity = checkPersonalIdentity(
      input.personalId === undefined ? old.personalId : input.personalId,
      input.birthDate === undefined ? old.birthDate : input.birthDate,
      actor.now,
    );
    if (old.kind === 'citizen' && identity.personalId === null)
      throw new AppError(PeopleErrors.IDENTITY_PERSONAL_ID_INVALID, { problem: 'required' });
    Object.assign(set, identity);
  }
  // One's own password is changed with the current one (POST /api/auth/password), not from here.
  if (input.password !== undefined && old.id === actor.personId)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_MORE_PRIVILEGED, { personId: old.id, field: 'password' });
  if (input.password !== undefined)
    set.passwordHash =
      input.password === null || input.password === ''
        ? null
        : await hashPassword(checkPassword(input.password, username));
  const roles = input.roles === undefined ? undefined : await existingRoles(tx, input.roles);

  const before = await personSnapshot(tx, old);
  await lockRegister(tx);
  if (set.username !== undefined) await requireUsernameFree(tx, username, old.id);
  if (set.personalId !== undefined && set.personalId !== old.personalId)
    await requirePersonalIdFree(tx, set.personalId ?? null, old.id);
  if (input.mainAgencyId !== undefined) await changeMainAgency(tx, actor, scope, old, input.mainAgencyId);
  if (roles !== undefined) await setRoles(tx, actor, old.id, roles);
  const [row] = await tx
    .update(persons)
    .set({ ...set, updatedAt: actor.now })
    .where(eq(persons.id, old.id))
    .returning();
  if ((old.active && set.active === false) || input.password !== undefined) {
    // A disabled account's sessions end for good (they must not come back if it is enabled again); a password
    // set by an administrator ends them too (whoever knew the old one is out).
    await announceSessionsEnded(tx, p, { personId: old.id });
    await tx
      .update(sessions)
      .set({ revokedAt: actor.now })
      .where(and(eq(sessions.personId, old.id), isNull(sessions.revokedAt)));
  }
  const after = await personSnapshot(tx, row!);
  await audit(tx, actor.audit, {
    action: 'identity.person.update',
    objectType: 'person',
    objectId: old.id,
    before,
    after: { ...after, passwordChanged: input.password !== undefined },
  });
  return personDetail(tx, row!, actor.now);
}
