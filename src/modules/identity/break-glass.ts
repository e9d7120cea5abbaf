import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { systemPeopleActor } from './people.access.js';
import { resetPersonMfa, unlockPerson } from './people.account.js';
import { IdentityErrors } from './errors.js';
import { PeopleErrors } from './people.errors.js';
import { createPerson } from './people.service.js';
import { ensureBuiltinRoles } from './persons.service.js';
import { agencies, persons } from './schema.js';

/**
 * What an operator does from the server's shell when nobody can sign in as an administrator: create the
 * first one on a new install, or unlock / reset the second factor of one who is locked out. Each is audited
 * as the system, like any change.
 */

/** The system acting from the command line (the audit record says so). */
const cliActor = (p: Platform) => ({
  ...systemPeopleActor(p.clock.now()),
  audit: { ...SYSTEM_CONTEXT, requestId: 'cli' },
});

/** A one-time initial password (about 120 bits), to be changed by enrolment and first use. */
function initialPassword(): string {
  return crypto.randomBytes(15).toString('base64url');
}

export async function createAdministrator(
  p: Platform,
  input: {
    username: string;
    displayName: string;
    email?: string | undefined;
    agencyCode?: string | undefined;
  },
): Promise<{ id: string; password: string }> {
  const password = initialPassword();
  const actor = cliActor(p);
  const id = await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    const [agency] = input.agencyCode
      ? await tx
          .select({ id: agencies.id })
          .from(agencies)
          .where(and(eq(agencies.code, input.agencyCode), isNull(agencies.validTo)))
      : [];
    if (input.agencyCode && !agency)
      throw new AppError(IdentityErrors.IDENTITY_AGENCY_NOT_FOUND, { code: input.agencyCode });
    const person = await createPerson(tx, actor, {
      kind: 'official',
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      password,
      roles: ['admin', 'official'],
      posts: agency ? [{ agencyId: agency.id }] : [],
    });
    return person.id;
  });
  return { id, password };
}

async function personIdOf(p: Platform, username: string): Promise<string> {
  const [row] = await p.db
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.username, username.trim().toLowerCase()));
  if (!row) throw new AppError(PeopleErrors.IDENTITY_PERSON_NOT_FOUND, { username });
  return row.id;
}

/** Clears the lockout and, with `resetMfa`, the second factors, so the person enrols again at sign-in. */
export async function recoverAccount(p: Platform, username: string, resetMfa: boolean): Promise<void> {
  const id = await personIdOf(p, username);
  const actor = cliActor(p);
  await p.db.transaction(async (tx) => {
    await unlockPerson(tx, actor, id);
    if (resetMfa) await resetPersonMfa(tx, actor, id);
  });
}
