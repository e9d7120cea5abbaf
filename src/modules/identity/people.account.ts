/**
 * An administrator's help with someone's account: unlock it after failed sign-ins, make them enrol their
 * second factor again, end all their sessions. Each is audited with the state before and after.
 */
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { announceSessionsEnded, type LogoutPlatform } from './oidc.logout.js';
import {
  agenciesOfPerson,
  personInScope,
  requireNotMorePrivileged,
  requirePeopleManager,
  type PeopleActor,
} from './people.access.js';
import type { PersonDetail, PersonSummary } from './people.model.js';
import { lockState, personDetail, personSummaries } from './people.view.js';
import { passkeys, persons, recoveryCodes, sessions, totpAuthenticators } from './schema.js';
import { agencyScope, inScope } from './scope.js';

/** Clears the failed-attempt count and the lock; anyone the actor reaches may be unlocked. */
export async function unlockPerson(tx: Executor, actor: PeopleActor, id: string): Promise<PersonDetail> {
  requirePeopleManager(actor);
  const person = await personInScope(tx, actor, id, { forUpdate: true });
  const [row] = await tx
    .update(persons)
    .set({ failedAttempts: 0, lockedUntil: null, updatedAt: actor.now })
    .where(eq(persons.id, person.id))
    .returning();
  await audit(tx, actor.audit, {
    action: 'identity.person.unlock',
    objectType: 'person',
    objectId: person.id,
    before: lockState(person, actor.now),
    after: lockState(row!, actor.now),
  });
  return personDetail(tx, row!, actor.now);
}

/**
 * Forgets the person's authenticator app, passkeys and recovery codes (a lost phone, a new key): at their
 * next sign-in they enrol again if their roles demand a second factor. Sessions are left to revoke-sessions.
 */
export async function resetPersonMfa(tx: Executor, actor: PeopleActor, id: string): Promise<PersonDetail> {
  requirePeopleManager(actor);
  const person = await personInScope(tx, actor, id, { forUpdate: true });
  await requireNotMorePrivileged(tx, actor, person);
  const totp = await tx
    .delete(totpAuthenticators)
    .where(eq(totpAuthenticators.personId, person.id))
    .returning({ personId: totpAuthenticators.personId });
  const keys = await tx
    .delete(passkeys)
    .where(eq(passkeys.personId, person.id))
    .returning({ id: passkeys.id, name: passkeys.name });
  const codes = await tx
    .delete(recoveryCodes)
    .where(eq(recoveryCodes.personId, person.id))
    .returning({ usedAt: recoveryCodes.usedAt });
  await tx.update(persons).set({ updatedAt: actor.now }).where(eq(persons.id, person.id));
  await audit(tx, actor.audit, {
    action: 'identity.person.resetMfa',
    objectType: 'person',
    objectId: person.id,
    before: {
      totp: totp.length > 0,
      passkeys: keys.map((k) => k.id).sort(),
      recoveryCodes: codes.length,
    },
    after: { totp: false, passkeys: [], recoveryCodes: 0 },
  });
  return personDetail(tx, person, actor.now);
}

/** Ends every open session of the person (all devices); answers how many were ended. */
export async function revokePersonSessions(
  tx: Executor,
  actor: PeopleActor,
  id: string,
  p: LogoutPlatform,
): Promise<{ revoked: number }> {
  requirePeopleManager(actor);
  const person = await personInScope(tx, actor, id);
  await requireNotMorePrivileged(tx, actor, person);
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: actor.now })
    .where(
      and(eq(sessions.personId, person.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, actor.now)),
    )
    .returning({ id: sessions.id });
  await announceSessionsEnded(tx, p, ended);
  await audit(tx, actor.audit, {
    action: 'identity.person.revokeSessions',
    objectType: 'person',
    objectId: person.id,
    after: { sessions: ended.map((s) => s.id).sort() },
  });
  return { revoked: ended.length };
}

export interface Lockout {
  person: PersonSummary;
  lockedUntil: string;
  failedAttempts: number;
}

/** Accounts locked right now, soonest to unlock first, within the actor's scope. */
export async function listLockouts(tx: Executor, actor: PeopleActor): Promise<Lockout[]> {
  requirePeopleManager(actor);
  const scope = await agencyScope(tx, actor);
  const locked = await tx
    .select()
    .from(persons)
    .where(gt(persons.lockedUntil, actor.now))
    .orderBy(asc(persons.lockedUntil), asc(persons.username));
  const visible: typeof locked = [];
  for (const row of locked)
    if (scope === null || inScope(scope, await agenciesOfPerson(tx, row))) visible.push(row);
  const summaries = await personSummaries(tx, visible, actor.now);
  return summaries.map((s, i) => ({
    person: s,
    lockedUntil: s.lock.lockedUntil!,
    failedAttempts: visible[i]!.failedAttempts,
  }));
}
