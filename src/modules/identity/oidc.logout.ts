/**
 * When a CPĐT session ends (sign-out, a session ended from another device or by an administrator, a lock, a
 * disabled account), the systems the person signed in to through it are told: OpenID Connect Back-Channel
 * Logout 1.0. The OIDC sessions and grants bound to the ended session are revoked at once, in the caller's
 * transaction, and one durable job per system delivers the logout token, so the sign-out never waits on an
 * agency's server, a system that is down gets retries, and nothing is lost if CPĐT restarts.
 */
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type Provider from 'oidc-provider';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { GRANT_CONTEXT_MODEL } from './oidc.grant-context.js';
import { oidcClients, oidcPayloads, sessions } from './schema.js';

export const OIDC_LOGOUT_QUEUE = 'identity.oidc.backchannelLogout';
/** With the runner's back-off (5 s doubling, capped at 1 h) about two and a half hours of retries. */
const LOGOUT_MAX_ATTEMPTS = 12;

/** What the job needs to issue the token when it delivers (a logout token lives 2 minutes: issue it late). */
export interface LogoutJob {
  clientId: string;
  sub: string;
  sid: string;
}

/** The platform parts announcing needs: a job queue and the time. */
export type LogoutPlatform = Pick<Platform, 'jobs' | 'clock'>;

/** oidc-provider's record of a client in an OIDC session (lib/models/session.js). */
interface Authorization {
  sid?: string;
  grantId?: string;
}
interface SessionPayload {
  accountId?: string;
  authorizations?: Record<string, Authorization>;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The CPĐT sessions in `ended` have ended (or end in this transaction): revokes the OIDC sessions and
 * grants bound to them (access and refresh tokens, codes) and enqueues a back-channel logout for each
 * system that registered an address. Sessions are given by id (or as rows with an id); `{ personId }`
 * means every session of the person not already revoked (a disabled account). Call it in the transaction
 * that ends the sessions.
 */
export async function announceSessionsEnded(
  tx: Executor,
  p: LogoutPlatform,
  ended: readonly (string | { id: string })[] | { personId: string },
): Promise<void> {
  const sessionIds = (
    'personId' in ended
      ? await tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(and(eq(sessions.personId, ended.personId), isNull(sessions.revokedAt)))
      : ended
  ).map((s) => (typeof s === 'string' ? s : s.id));
  if (!sessionIds.length) return;
  // oidc.interaction.ts records, beside each grant, the CPĐT session it was given in.
  const grants = await tx
    .select({ id: oidcPayloads.id })
    .from(oidcPayloads)
    .where(
      and(
        eq(oidcPayloads.model, GRANT_CONTEXT_MODEL),
        inArray(sql`${oidcPayloads.payload} ->> 'sessionId'`, sessionIds),
      ),
    );
  const grantIds = grants.map((g) => g.id);
  if (!grantIds.length) return;
  const logouts = await endOidcSessions(tx, p, new Set(grantIds));
  // Tokens and codes carry their grant id, and so does the grant context; the grant itself is keyed by it.
  await tx
    .delete(oidcPayloads)
    .where(
      or(
        inArray(oidcPayloads.grantId, grantIds),
        and(eq(oidcPayloads.model, 'Grant'), inArray(oidcPayloads.id, grantIds)),
      ),
    );
  await enqueueLogouts(tx, p, logouts);
}

/**
 * Takes the authorizations holding these grants out of the provider's live sessions (deleting a session
 * left with none) and returns who to tell: the same browser may still hold systems signed in through
 * another, earlier CPĐT session, which are not this one's to end.
 */
async function endOidcSessions(
  tx: Executor,
  p: LogoutPlatform,
  grantIds: ReadonlySet<string>,
): Promise<LogoutJob[]> {
  const bound = await tx
    .select({ id: oidcPayloads.id, payload: oidcPayloads.payload })
    .from(oidcPayloads)
    .where(
      and(
        eq(oidcPayloads.model, 'Session'),
        or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, p.clock.now())),
        sql`exists (select 1 from jsonb_each(${oidcPayloads.payload} -> 'authorizations') a
                    where a.value ->> 'grantId' in (${list([...grantIds])}))`,
      ),
    )
    .for('update');
  const logouts: LogoutJob[] = [];
  for (const row of bound) {
    const session = row.payload as SessionPayload;
    const kept: Record<string, Authorization> = {};
    for (const [clientId, authorization] of Object.entries(session.authorizations ?? {})) {
      if (!authorization.grantId || !grantIds.has(authorization.grantId)) kept[clientId] = authorization;
      else if (session.accountId && authorization.sid)
        logouts.push({ clientId, sub: session.accountId, sid: authorization.sid });
    }
    const where = and(eq(oidcPayloads.model, 'Session'), eq(oidcPayloads.id, row.id));
    if (Object.keys(kept).length) {
      await tx
        .update(oidcPayloads)
        .set({ payload: { ...session, authorizations: kept } })
        .where(where);
    } else {
      await tx.delete(oidcPayloads).where(where);
    }
  }
  return logouts;
}

/** One job per system and OIDC session, for systems (still enabled) that registered a back-channel address. */
async function enqueueLogouts(tx: Executor, p: LogoutPlatform, logouts: LogoutJob[]): Promise<void> {
  if (!logouts.length) return;
  const clients = await tx
    .select({ clientId: oidcClients.clientId, metadata: oidcClients.metadata })
    .from(oidcClients)
    .where(
      and(
        inArray(oidcClients.clientId, [...new Set(logouts.map((l) => l.clientId))]),
        isNull(oidcClients.disabledAt),
      ),
    );
  const listening = new Set(
    clients
      .filter((c) => (c.metadata as { backchannel_logout_uri?: unknown }).backchannel_logout_uri)
      .map((c) => c.clientId),
  );
  for (const logout of logouts)
    if (listening.has(logout.clientId))
      await p.jobs.enqueue(tx, OIDC_LOGOUT_QUEUE, logout, {
        dedupeKey: `${OIDC_LOGOUT_QUEUE}:${logout.clientId}:${logout.sid}`,
        maxAttempts: LOGOUT_MAX_ATTEMPTS,
      });
}

/** oidc-provider 9's Client#backchannelLogout (lib/models/client.js), which its typings leave out. */
interface LogoutCapableClient {
  backchannelLogoutUri?: string | undefined;
  backchannelLogout(sub: string, sid: string): Promise<void>;
}

/** Platforms whose job runner already delivers logouts (an app built twice on one platform, in tests). */
const registered = new WeakSet<object>();

/**
 * Delivers a logout token with the provider's own machinery: signed like the system's ID tokens, with iss,
 * aud, iat, exp, jti, sub, sid and the back-channel logout event, POSTed as `logout_token`. A system that
 * does not answer 200 (or 204) within 2.5 seconds is tried again later; a disabled or deleted system, or
 * one that no longer has an address, is not.
 */
export function registerOidcLogoutJob(p: Platform, provider: Provider): void {
  if (registered.has(p.jobs)) return;
  registered.add(p.jobs);
  p.jobs.register<LogoutJob>(OIDC_LOGOUT_QUEUE, async ({ clientId, sub, sid }) => {
    const client = (await provider.Client.find(clientId)) as LogoutCapableClient | undefined;
    if (!client?.backchannelLogoutUri) return;
    await client.backchannelLogout(sub, sid);
    p.logger.info({ clientId, sid }, 'OIDC back-channel logout delivered');
  });
}
