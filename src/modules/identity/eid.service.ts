import { and, eq, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import type { EidCitizen } from './eid.claims.js';
import { EidErrors, EidRefusal } from './eid.errors.js';
import { lockRegister } from './people.access.js';
import { ensureBuiltinRoles } from './persons.service.js';
import { externalIdentities, personRoles, persons } from './schema.js';
import { pendingAfterFirstFactor, startSession } from './sessions.service.js';

export interface EidSignIn {
  /** The provider's issuer identifier: external identities are keyed by (issuer, subject). */
  provider: string;
  citizen: EidCitizen;
  ip: string | null;
  userAgent?: string | undefined;
}

export interface EidSignInResult {
  token: string;
  expiresAt: Date;
  sessionId: string;
  personId: string;
  /** What this sign-in did besides opening a session. */
  outcome: 'known' | 'linked' | 'created';
}

type Person = Pick<typeof persons.$inferSelect, 'id' | 'active' | 'agencyId'>;
const personColumns = {
  id: persons.id,
  active: persons.active,
  agencyId: persons.agencyId,
  kind: persons.kind,
};

const CITIZEN_ROLE = 'citizen';

/** A citizen met for the first time: an account with no password (they sign in through the e-ID). */
async function createCitizen(tx: Executor, ctx: AuditContext, c: EidCitizen): Promise<Person> {
  const username = `cd${c.personalId}`;
  await lockRegister(tx); // the same uniqueness checks as an administrator creating someone, serialised alike
  const [taken] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.username, username));
  if (taken) throw new AppError(EidErrors.IDENTITY_EID_ACCOUNT_CONFLICT);
  await ensureBuiltinRoles(tx); // the citizen role exists even on a deployment never seeded
  const [created] = await tx
    .insert(persons)
    .values({
      username,
      displayName: c.displayName,
      kind: 'citizen',
      personalId: c.personalId,
      birthDate: c.birthDate,
      phone: c.phone,
      email: c.email,
      passwordHash: null,
      agencyId: null,
    })
    .returning(personColumns);
  const person = created!;
  await tx.insert(personRoles).values({ personId: person.id, roleCode: CITIZEN_ROLE });
  await audit(
    tx,
    { ...ctx, actorId: person.id },
    {
      action: 'identity.person.create',
      objectType: 'person',
      objectId: person.id,
      detail: 'eid',
      after: { username, displayName: c.displayName, kind: 'citizen', roles: [CITIZEN_ROLE] },
    },
  );
  return person;
}

/**
 * Signs a citizen in with what the national e-ID vouched for, in one transaction: the person already
 * linked to this (provider, subject); else the person holding this personal ID, who gets linked; else a
 * new citizen, created and linked. A disabled account is refused and nothing is linked. The session
 * then owes whatever second factor the person's roles demand, as after a password.
 */
export async function signInWithEid(
  p: Platform,
  ctx: AuditContext,
  input: EidSignIn,
): Promise<EidSignInResult> {
  const { citizen, provider } = input;
  return p.db.transaction(async (tx) => {
    const now = p.clock.now();
    // Two first sign-ins of the same citizen at once must not create two accounts.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cpdt.eid:${citizen.personalId}`}))`);
    let outcome: EidSignInResult['outcome'] = 'known';
    const [linked] = await tx
      .select(personColumns)
      .from(externalIdentities)
      .innerJoin(persons, eq(persons.id, externalIdentities.personId))
      .where(and(eq(externalIdentities.provider, provider), eq(externalIdentities.subject, citizen.subject)));
    let person: Person | undefined = linked;
    if (!person) {
      const [holder] = await tx
        .select(personColumns)
        .from(persons)
        .where(eq(persons.personalId, citizen.personalId));
      if (holder && !holder.active) throw new EidRefusal(EidErrors.IDENTITY_EID_ACCOUNT_DISABLED, holder.id);
      // Only a citizen account links itself by personal ID: an official's (an administrator's) account must
      // not pass to whoever the e-ID vouches for because someone typed a number into it.
      if (holder && holder.kind !== 'citizen')
        throw new EidRefusal(EidErrors.IDENTITY_EID_OFFICIAL_ACCOUNT, holder.id);
      person = holder ?? (await createCitizen(tx, ctx, citizen));
      outcome = holder ? 'linked' : 'created';
      await tx
        .insert(externalIdentities)
        .values({ provider, subject: citizen.subject, personId: person.id, createdAt: now });
      await audit(
        tx,
        { ...ctx, actorId: person.id, agencyId: person.agencyId },
        {
          action: 'identity.eid.link',
          objectType: 'person',
          objectId: person.id,
          detail: outcome,
          after: { provider, subject: citizen.subject },
        },
      );
    }
    if (!person.active) throw new EidRefusal(EidErrors.IDENTITY_EID_ACCOUNT_DISABLED, person.id);
    await tx
      .update(externalIdentities)
      .set({ lastSignInAt: now })
      .where(and(eq(externalIdentities.provider, provider), eq(externalIdentities.subject, citizen.subject)));
    const pending = await pendingAfterFirstFactor(tx, person.id, now);
    const session = await startSession(tx, p, {
      personId: person.id,
      agencyId: null,
      methods: ['eid'],
      pending,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await audit(
      tx,
      { ...ctx, actorId: person.id, agencyId: person.agencyId },
      {
        action: 'identity.signIn',
        objectType: 'session',
        objectId: session.sessionId,
        detail: 'eid',
        after: { methods: ['eid'], pending },
      },
    );
    return { ...session, personId: person.id, outcome };
  });
}
