import { and, eq, isNull, ne } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Actor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { MfaErrors } from './mfa.errors.js';
import { announceSessionsEnded } from './oidc.logout.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { checkPassword } from './people.validate.js';
import { persons, sessions } from './schema.js';

/**
 * A person changes their own password: the current one proves it is them (a session left open is not
 * enough), the new one follows the same policy as an administrator's, and every other session ends.
 * A person without a password (signed up through the national e-ID) sets a first one with their session.
 */
export async function changePassword(
  p: Platform,
  ctx: AuditContext,
  actor: Actor,
  input: { current?: string | undefined; next: string },
): Promise<{ endedSessions: number }> {
  const [person] = await p.db.select().from(persons).where(eq(persons.id, actor.personId));
  if (!person) throw new AppError(MfaErrors.IDENTITY_SESSION_NOT_FOUND);
  if (person.passwordHash && !(await verifyPassword(person.passwordHash, input.current ?? ''))) {
    await p.db.transaction((tx) =>
      audit(tx, ctx, {
        action: 'identity.password.change',
        objectType: 'person',
        objectId: person.id,
        outcome: 'failure',
        detail: MfaErrors.IDENTITY_PASSWORD_CURRENT_WRONG,
      }),
    );
    throw new AppError(MfaErrors.IDENTITY_PASSWORD_CURRENT_WRONG);
  }
  const next = checkPassword(input.next, person.username);
  if (input.current && input.current === next) throw new AppError(MfaErrors.IDENTITY_PASSWORD_UNCHANGED);
  const hash = await hashPassword(next);
  return p.db.transaction(async (tx) => {
    await tx
      .update(persons)
      .set({ passwordHash: hash, updatedAt: p.clock.now() })
      .where(eq(persons.id, person.id));
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: p.clock.now() })
      .where(
        and(eq(sessions.personId, person.id), ne(sessions.id, actor.sessionId), isNull(sessions.revokedAt)),
      )
      .returning({ id: sessions.id });
    await announceSessionsEnded(tx, p, ended);
    await audit(tx, ctx, {
      action: 'identity.password.change',
      objectType: 'person',
      objectId: person.id,
      after: { endedSessions: ended.length },
    });
    return { endedSessions: ended.length };
  });
}
