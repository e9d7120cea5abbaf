/**
 * Who may see and change whom in the people register. Every people service starts here.
 *
 * - Holders of identity.people.manage reach the people who hold a post in an agency within their scope
 *   (scope.ts); someone outside it is answered "not found", so their existence does not leak.
 * - Nobody grants, withdraws or puts into a role a permission they do not hold themselves, and nobody
 *   changes the account of a person holding permissions they lack (that would be a way to become them).
 * - Citizens and business representatives hold no post: only holders of identity.scope.all reach them.
 */
import { isUuid } from '../../platform/db/index.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { SYSTEM_CONTEXT, type AuditContext } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError, PlatformErrors } from '../../platform/errors/index.js';
import { PeopleErrors } from './people.errors.js';
import { Permissions } from './policy.js';
import { personAgencies, personRoles, persons, roles } from './schema.js';
import { agencyScope, inScope } from './scope.js';

export type PersonRow = typeof persons.$inferSelect;

/** Who asks, and when: routes build it from the request and the platform clock. */
export interface PeopleActor {
  personId: string;
  agencyId: string | null;
  permissions: ReadonlySet<string>;
  audit: AuditContext;
  now: Date;
}

export type Scope = ReadonlySet<string> | null;

/** The platform itself (demo seeding, imports) acting on the register: every permission, every agency. */
export function systemPeopleActor(now: Date = new Date()): PeopleActor {
  return {
    personId: '00000000-0000-4000-8000-000000000000',
    agencyId: null,
    permissions: new Set(Object.values(Permissions)),
    audit: SYSTEM_CONTEXT,
    now,
  };
}

export function requirePeopleManager(actor: PeopleActor): void {
  if (!actor.permissions.has(Permissions.managePeople))
    throw new AppError(PlatformErrors.FORBIDDEN, { permission: Permissions.managePeople });
}

export function reachesAllAgencies(actor: PeopleActor): boolean {
  return actor.permissions.has(Permissions.allAgencies);
}

/** Refuses `code` unless the actor holds identity.scope.all. */
export function requireAllAgencies(actor: PeopleActor, code: string): void {
  if (!reachesAllAgencies(actor)) throw new AppError(code);
}

export function scopeOf(tx: Executor, actor: PeopleActor): Promise<Scope> {
  return agencyScope(tx, actor);
}

/** The agencies a person works in: their posts, and the main agency (kept for accounts seeded without posts). */
export async function agenciesOfPerson(tx: Executor, person: PersonRow): Promise<string[]> {
  const posts = await tx
    .select({ agencyId: personAgencies.agencyId })
    .from(personAgencies)
    .where(eq(personAgencies.personId, person.id));
  const ids = new Set(posts.map((p) => p.agencyId));
  if (person.agencyId) ids.add(person.agencyId);
  return [...ids];
}

/** The person, if they exist and are within the actor's scope; IDENTITY_PERSON_NOT_FOUND otherwise. */
export async function personInScope(
  tx: Executor,
  actor: PeopleActor,
  id: unknown,
  options: { scope?: Scope; forUpdate?: boolean } = {},
): Promise<PersonRow> {
  const notFound = () => new AppError(PeopleErrors.IDENTITY_PERSON_NOT_FOUND, { id });
  if (!isUuid(id)) throw notFound();
  const query = tx.select().from(persons).where(eq(persons.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound();
  const scope = options.scope === undefined ? await scopeOf(tx, actor) : options.scope;
  if (scope !== null && !inScope(scope, await agenciesOfPerson(tx, row))) throw notFound();
  return row;
}

/** An agency the actor may place someone in (or take them out of). */
export function requireAgencyInScope(scope: Scope, agencyId: string): void {
  if (!inScope(scope, [agencyId]))
    throw new AppError(PeopleErrors.IDENTITY_PERSON_OUTSIDE_SCOPE, { agencyId });
}

/** Refuses a change of roles or role permissions that involves a permission the actor does not hold. */
export function requireHeld(actor: Pick<PeopleActor, 'permissions'>, permissions: Iterable<string>): void {
  const missing = [...new Set(permissions)].filter((p) => !actor.permissions.has(p)).sort();
  if (missing.length > 0) throw new AppError(PeopleErrors.IDENTITY_ROLE_ESCALATION, { missing });
}

/** Every permission the given roles grant. */
export async function permissionsOfRoles(tx: Executor, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const found = await tx
    .select({ permissions: roles.permissions })
    .from(roles)
    .where(inArray(roles.code, [...codes]));
  return found.flatMap((r) => r.permissions);
}

export async function rolesOfPerson(tx: Executor, personId: string): Promise<string[]> {
  const held = await tx
    .select({ code: personRoles.roleCode })
    .from(personRoles)
    .where(eq(personRoles.personId, personId))
    .orderBy(personRoles.roleCode);
  return held.map((r) => r.code);
}

/** Refuses to change the account of someone holding a permission the actor lacks. */
export async function requireNotMorePrivileged(
  tx: Executor,
  actor: PeopleActor,
  person: PersonRow,
): Promise<void> {
  if (person.id === actor.personId) return;
  const roleCodes = await rolesOfPerson(tx, person.id);
  const theirs = await permissionsOfRoles(tx, roleCodes);
  const missing = [...new Set(theirs)].filter((p) => !actor.permissions.has(p));
  if (missing.length > 0)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_MORE_PRIVILEGED, { personId: person.id });
  if (reachesAllAgencies(actor)) return;
  // Within one agency's scope, an administrator may not take over an account the baseline guards with MFA
  // (another administrator, a Government member: their roles may carry no permission at all), nor one that
  // also works in an agency outside the scope (they could then act for it).
  const guarded = roleCodes.length
    ? await tx
        .select({ code: roles.code })
        .from(roles)
        .where(and(inArray(roles.code, roleCodes), eq(roles.requiresMfa, true)))
    : [];
  const scope = await scopeOf(tx, actor);
  const outside = (await agenciesOfPerson(tx, person)).some((id) => scope !== null && !scope.has(id));
  if (guarded.length > 0 || outside)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_MORE_PRIVILEGED, { personId: person.id });
}

/** Serialises register writes that check uniqueness (usernames, personal IDs, enterprise codes). */
export async function lockRegister(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cpdt.identity.people'))`);
}
