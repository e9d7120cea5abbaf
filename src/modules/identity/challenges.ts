import crypto from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { challenges } from './schema.js';

/** Stores a short-lived challenge (a WebAuthn ceremony, an e-ID redirect) and returns its random id. */
export async function saveChallenge(
  tx: Executor,
  input: { purpose: string; personId: string | null; data: unknown; now: Date; ttlMs: number },
): Promise<string> {
  const id = crypto.randomBytes(24).toString('base64url');
  // Expired ones are swept here rather than by a job: they are few, and each ceremony starts with this call.
  await tx.delete(challenges).where(lt(challenges.expiresAt, input.now));
  await tx.insert(challenges).values({
    id,
    purpose: input.purpose,
    personId: input.personId,
    data: input.data,
    expiresAt: new Date(input.now.getTime() + input.ttlMs),
  });
  return id;
}

/** Takes a live challenge out of the table: it answers once, then never again (no replay). */
export async function consumeChallenge<T>(
  tx: Executor,
  id: string,
  purpose: string,
  now: Date,
): Promise<{ personId: string | null; data: T } | null> {
  const [row] = await tx
    .delete(challenges)
    .where(and(eq(challenges.id, id), eq(challenges.purpose, purpose), gt(challenges.expiresAt, now)))
    .returning({ personId: challenges.personId, data: challenges.data });
  return row ? { personId: row.personId, data: row.data as T } : null;
}
