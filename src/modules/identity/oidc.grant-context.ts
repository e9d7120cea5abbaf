import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { oidcPayloads } from './schema.js';

/**
 * What CPĐT knew when a person signed in to a system: the agency they acted for, how they proved who they
 * are, and which CPĐT session it was. Kept beside the provider's grant (same grant id, so revoking the grant
 * removes it) because the token endpoint and userinfo run without the person's browser session.
 */
export const GRANT_CONTEXT_MODEL = 'CpdtGrantContext';

export interface GrantContext {
  agencyId: string | null;
  amr: string[];
  sessionId: string;
}

export async function saveGrantContext(
  tx: Executor,
  grantId: string,
  context: GrantContext,
  expiresAt: Date | null,
): Promise<void> {
  const values = { payload: context, grantId, expiresAt };
  await tx
    .insert(oidcPayloads)
    .values({ model: GRANT_CONTEXT_MODEL, id: grantId, ...values })
    .onConflictDoUpdate({ target: [oidcPayloads.model, oidcPayloads.id], set: values });
}

export async function readGrantContext(
  db: Executor,
  grantId: string | undefined,
  now: Date,
): Promise<GrantContext | undefined> {
  if (!grantId) return undefined;
  const [row] = await db
    .select({ payload: oidcPayloads.payload })
    .from(oidcPayloads)
    .where(
      and(
        eq(oidcPayloads.model, GRANT_CONTEXT_MODEL),
        eq(oidcPayloads.id, grantId),
        or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, now)),
      ),
    );
  return row?.payload as GrantContext | undefined;
}
