import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditContext } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { oidcClientsRoutes } from './oidc-clients.routes.js';
import { oidcInteractionRoute } from './oidc.interaction.js';
import { registerOidcJobs } from './oidc.jobs.js';
import { registerOidcLogoutJob } from './oidc.logout.js';
import { attachRequestContext, createOidcProvider, OIDC_PREFIX } from './oidc.provider.js';
import { sessionActorResolver } from './sessions.service.js';

/** Provider routes that look at the person's CPĐT session: authorization (and its resume), sign-out. */
const NEEDS_ACTOR = new RegExp(`^${OIDC_PREFIX}/(auth|session/end)(/|\\?|$)`);

/**
 * OpenID Connect provider and the registry of its clients. The provider (a Koa app) answers its own
 * routes: each is a Fastify route that hands the raw request over, in a plugin whose body parser leaves
 * the body unread (the token endpoint parses its form itself). They are hidden from the OpenAPI document:
 * they are specified by OpenID Connect, not by CPĐT (docs/oidc.md).
 */
export async function oidcRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const provider = await createOidcProvider(p);
  const callback = provider.callback();
  const resolveActor = sessionActorResolver(p);
  registerOidcJobs(p);
  registerOidcLogoutJob(p, provider);

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
      if (NEEDS_ACTOR.test(request.url)) request.actor ??= await resolveActor(request);
      attachRequestContext(request.raw, { actor: request.actor, audit: auditContext(request) });
      reply.hijack();
      reply.raw.setHeader('x-request-id', request.id);
      try {
        await callback(request.raw, reply.raw);
      } catch (err) {
        request.log.error({ err }, 'OIDC provider failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500);
        reply.raw.end();
      }
    };
    const hidden = { schema: { hide: true } };
    scope.route({
      method: ['GET', 'POST', 'OPTIONS'],
      url: `${OIDC_PREFIX}/*`,
      ...hidden,
      handler: handOver,
    });
    scope.route({
      method: ['GET', 'OPTIONS'],
      url: '/.well-known/openid-configuration',
      ...hidden,
      handler: handOver,
    });
  });
  oidcInteractionRoute(app, p, provider, resolveActor);
  await oidcClientsRoutes(app, p);
}
