/**
 * Secretaries (thư ký) acting on behalf of a principal, usually a Government member. A delegate prepares,
 * drafts and reads for the principal but never signs as them: other modules ask delegationsOf() or
 * isDelegateOf() and still record the delegate as the one who acted. A revoked delegation keeps its row.
 */
import { dayInVietnam } from '../../platform/calendar/index.js';
import { isUuid } from '../../platform/db/index.js';
import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import {
  personInScope,
  requireNotMorePrivileged,
  requirePeopleManager,
  scopeOf,
  type PeopleActor,
} from './people.access.js';
import { PeopleErrors } from './people.errors.js';
import { SECRETARY_ROLE, type DelegationView, type PersonBrief } from './people.model.js';
import { withdrawLapsedRoles } from './derived-roles.js';
import { grantRole } from './people.roles.js';
import { checkPeriod } from './people.validate.js';
import { covers } from './people.view.js';
import { delegations, persons } from './schema.js';

export interface NewDelegation {
  principalId: string;
  delegateId: string;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
}

export interface Principal extends PersonBrief {
  delegationId: string;
  validFrom: string;
  validTo: string | null;
}

type DelegationRow = typeof delegations.$inferSelect;

/** The day `at` falls on in Vietnam, or `at` itself when given as YYYY-MM-DD. */
const dayOf = (at: Date | string): string => (typeof at === 'string' ? at : dayInVietnam(at));

/** Delegations in force on `day`: started, not ended, not revoked. */
function inForce(day: string) {
  return and(
    isNull(delegations.revokedAt),
    lte(delegations.validFrom, day),
    or(isNull(delegations.validTo), gte(delegations.validTo, day)),
  );
}

/** The principals a delegate acts for on the day of `at` (active accounts only). */
export async function delegationsOf(
  tx: Executor,
  delegateId: string,
  at: Date | string,
): Promise<Principal[]> {
  if (!isUuid(delegateId)) return [];
  const found = await tx
    .select({
      id: persons.id,
      username: persons.username,
      displayName: persons.displayName,
      delegationId: delegations.id,
      validFrom: delegations.validFrom,
      validTo: delegations.validTo,
    })
    .from(delegations)
    .innerJoin(persons, eq(persons.id, delegations.principalId))
    .where(and(eq(delegations.delegateId, delegateId), eq(persons.active, true), inForce(dayOf(at))))
    .orderBy(asc(persons.displayName), asc(delegations.validFrom));
  return found;
}

/**
 * The secretaries acting for any of `principalIds` on the day of `at` (active accounts only, each once): who
 * else must hear of the principals' work.
 */
export async function delegatesOf(
  tx: Executor,
  principalIds: string | readonly string[],
  at: Date | string,
): Promise<PersonBrief[]> {
  const ids = (typeof principalIds === 'string' ? [principalIds] : principalIds).filter(isUuid);
  if (!ids.length) return [];
  return tx
    .selectDistinct({ id: persons.id, username: persons.username, displayName: persons.displayName })
    .from(delegations)
    .innerJoin(persons, eq(persons.id, delegations.delegateId))
    .where(and(inArray(delegations.principalId, ids), eq(persons.active, true), inForce(dayOf(at))))
    .orderBy(asc(persons.displayName), asc(persons.id));
}

/** Whether `delegateId` may act on behalf of `principalId` on the day of `at`. */
export async function isDelegateOf(
  tx: Executor,
  delegateId: string,
  principalId: string,
  at: Date | string,
): Promise<boolean> {
  return (await delegationsOf(tx, delegateId, at)).some((p) => p.id === principalId);
}

async function view(tx: Executor, row: DelegationRow, now: Date): Promise<DelegationView> {
  const brief = async (id: string): Promise<PersonBrief> => {
    const [p] = await tx
      .select({ id: persons.id, username: persons.username, displayName: persons.displayName })
      .from(persons)
      .where(eq(persons.id, id));
    return p!;
  };
  return {
    id: row.id,
    principal: await brief(row.principalId),
    delegate: await brief(row.delegateId),
    validFrom: row.validFrom,
    validTo: row.validTo,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    current: row.revokedAt === null && covers(row, dayInVietnam(now)),
  };
}

/** Both people must be officials within the actor's scope; the delegate gets the secretary role. */
export async function createDelegation(
  tx: Executor,
  actor: PeopleActor,
  input: NewDelegation,
): Promise<DelegationView> {
  requirePeopleManager(actor);
  if (typeof input !== 'object' || input === null)
    throw new AppError(PeopleErrors.IDENTITY_DELEGATION_INVALID, { reason: 'missing' });
  const period = checkPeriod(input.validFrom, input.validTo, actor.now);
  const scope = await scopeOf(tx, actor);
  const principal = await personInScope(tx, actor, input.principalId, { scope });
  const delegate = await personInScope(tx, actor, input.delegateId, { scope, forUpdate: true });
  if (principal.id === delegate.id)
    throw new AppError(PeopleErrors.IDENTITY_DELEGATION_INVALID, { reason: 'self' });
  if (principal.kind !== 'official' || delegate.kind !== 'official')
    throw new AppError(PeopleErrors.IDENTITY_DELEGATION_INVALID, { reason: 'notOfficial' });
  // Nobody makes themselves someone's secretary, and acting for a guarded principal (a Government member)
  // is granted only by whoever could manage that principal.
  if (delegate.id === actor.personId)
    throw new AppError(PeopleErrors.IDENTITY_DELEGATION_INVALID, { reason: 'self' });
  await requireNotMorePrivileged(tx, actor, delegate);
  await requireNotMorePrivileged(tx, actor, principal);
  const [clash] = await tx
    .select({ id: delegations.id })
    .from(delegations)
    .where(
      and(
        eq(delegations.principalId, principal.id),
        eq(delegations.delegateId, delegate.id),
        isNull(delegations.revokedAt),
        period.validTo === null ? undefined : lte(delegations.validFrom, period.validTo),
        or(isNull(delegations.validTo), gte(delegations.validTo, period.validFrom)),
      ),
    )
    .limit(1);
  if (clash) throw new AppError(PeopleErrors.IDENTITY_DELEGATION_DUPLICATE, { delegationId: clash.id });
  const [row] = await tx
    .insert(delegations)
    .values({ principalId: principal.id, delegateId: delegate.id, ...period, createdAt: actor.now })
    .returning();
  const roleGiven = await grantRole(tx, delegate.id, SECRETARY_ROLE);
  const after = await view(tx, row!, actor.now);
  await audit(tx, actor.audit, {
    action: 'identity.delegation.create',
    objectType: 'delegation',
    objectId: row!.id,
    after: { ...after, roleGiven },
  });
  return after;
}

/** Revokes a delegation the actor can see both sides of; revoking twice is refused as not found. */
export async function revokeDelegation(
  tx: Executor,
  actor: PeopleActor,
  id: string,
): Promise<DelegationView> {
  requirePeopleManager(actor);
  const notFound = () => new AppError(PeopleErrors.IDENTITY_DELEGATION_NOT_FOUND, { id });
  if (!isUuid(id)) throw notFound();
  const [row] = await tx.select().from(delegations).where(eq(delegations.id, id)).for('update');
  if (!row || row.revokedAt !== null) throw notFound();
  const scope = await scopeOf(tx, actor);
  try {
    await personInScope(tx, actor, row.principalId, { scope });
    await personInScope(tx, actor, row.delegateId, { scope });
  } catch {
    throw notFound();
  }
  const before = await view(tx, row, actor.now);
  const [revoked] = await tx
    .update(delegations)
    .set({ revokedAt: actor.now })
    .where(eq(delegations.id, row.id))
    .returning();
  const after = await view(tx, revoked!, actor.now);
  await audit(tx, actor.audit, {
    action: 'identity.delegation.revoke',
    objectType: 'delegation',
    objectId: row.id,
    before,
    after,
  });
  await withdrawLapsedRoles(tx, actor.audit, actor.now, row.delegateId);
  return after;
}
