import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import { errorSpec } from '../../platform/errors/index.js';
import type { Actor, ActorResolver } from '../../platform/http/index.js';
import { auditContext } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { OidcErrors } from './oidc.errors.js';
import { saveGrantContext } from './oidc.grant-context.js';
import { homeLink, page } from './oidc.pages.js';
import { interactionPath } from './oidc.provider.js';
import { sessions } from './schema.js';

/** Marks an interaction whose person was sent to sign in again (prompt=login, max_age): asked once only. */
const REAUTH_MARK = 'cpdtReauthRequested';

function expiredPage(reply: FastifyReply) {
  const spec = errorSpec(OidcErrors.IDENTITY_OIDC_INTERACTION_EXPIRED)!;
  return reply
    .status(spec.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      page({ vi: 'Yêu cầu đăng nhập đã hết hạn', en: 'The sign-in request has expired' }, [spec], homeLink),
    );
}

/** The sign-in page, which comes back here (a full page load) once the person, second factor included, is in. */
function signInUrl(uid: string, reauth: boolean): string {
  const query = new URLSearchParams({ next: interactionPath(uid) });
  if (reauth) query.set('reauth', '1');
  return `/sign-in?${query.toString()}`;
}

/**
 * Does this request want a sign-in newer than the CPĐT session? prompt=login asks for one made after the
 * request began; max_age for one no older than that many seconds.
 */
async function freshEnough(p: Platform, details: Interaction, actor: Actor): Promise<boolean> {
  const reasons = details.prompt.name === 'login' ? details.prompt.reasons : [];
  if (!reasons.includes('login_prompt') && !reasons.includes('max_age')) return true;
  const [session] = await p.db
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(eq(sessions.id, actor.sessionId));
  if (!session) return false;
  const signedInS = session.createdAt.getTime() / 1000;
  if (reasons.includes('login_prompt') && signedInS < details.iat) return false;
  const maxAge = Number(details.params['max_age']);
  if (reasons.includes('max_age') && Number.isFinite(maxAge))
    return p.clock.now().getTime() / 1000 - signedInS <= maxAge;
  return true;
}

/**
 * GET /oidc/interaction/:uid — where the provider sends a person it needs to know. A full CPĐT session
 * (second factor given) finishes the sign-in at once: the systems are first-party, registered by
 * administrators, so the requested scopes are granted without a consent screen, and the grant is recorded
 * and audited. Anyone else is sent to CPĐT's sign-in page, which brings them back here.
 */
export function oidcInteractionRoute(
  app: FastifyInstance,
  p: Platform,
  provider: Provider,
  resolveActor: ActorResolver,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `/oidc/interaction/:uid`,
    { schema: { hide: true, params: z.object({ uid: z.string().min(1).max(200) }) } },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      let details: Interaction;
      try {
        details = await provider.interactionDetails(request.raw, reply.raw);
      } catch {
        return expiredPage(reply);
      }
      if (details.uid !== request.params.uid) return expiredPage(reply);
      const actor = request.actor ?? (await resolveActor(request));
      request.actor = actor;
      const uid = details.uid;
      if (!actor || actor.pending !== null) return reply.redirect(signInUrl(uid, false), 303);
      if (!(await freshEnough(p, details, actor))) {
        if (details.result?.[REAUTH_MARK]) {
          const returnTo = await provider.interactionResult(
            request.raw,
            reply.raw,
            { error: 'login_required', error_description: 'a new sign-in was not completed' },
            { mergeWithLastSubmission: false },
          );
          return reply.redirect(returnTo, 303);
        }
        details.result = { [REAUTH_MARK]: true };
        await details.persist();
        return reply.redirect(signInUrl(uid, true), 303);
      }
      return reply.redirect(await completeLogin(p, provider, request, reply, details, actor), 303);
    },
  );
}

/** Grants what the system asked for, records the agency and methods behind it, audits; returns where to go. */
async function completeLogin(
  p: Platform,
  provider: Provider,
  request: FastifyRequest,
  reply: FastifyReply,
  details: Interaction,
  actor: Actor,
): Promise<string> {
  const clientId = String(details.params['client_id']);
  const scope = typeof details.params['scope'] === 'string' ? details.params['scope'] : 'openid';
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant =
    existing?.accountId === actor.personId && existing.clientId === clientId
      ? existing
      : new provider.Grant({ accountId: actor.personId, clientId });
  grant.addOIDCScope(scope);
  const grantId = await grant.save();
  const amr = [...actor.methods];
  await p.db.transaction(async (tx) => {
    await saveGrantContext(
      tx,
      grantId,
      { agencyId: actor.agencyId, amr, sessionId: actor.sessionId },
      grant.exp ? new Date(grant.exp * 1000) : null,
    );
    await audit(tx, auditContext(request), {
      action: 'identity.oidc.login',
      objectType: 'oidc_client',
      objectId: clientId,
      after: { grantId, scope, amr, agencyId: actor.agencyId },
    });
  });
  const [session] = await p.db
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(eq(sessions.id, actor.sessionId));
  const signedInAt = session?.createdAt ?? p.clock.now();
  return provider.interactionResult(
    request.raw,
    reply.raw,
    {
      login: { accountId: actor.personId, amr, ts: Math.floor(signedInAt.getTime() / 1000), remember: false },
      consent: { grantId },
    },
    { mergeWithLastSubmission: false },
  );
}
