import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, actorOf, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { signIn, signOut } from './sessions.service.js';

const SessionView = z.object({
  person: z.object({ id: z.string(), displayName: z.string(), agencyId: z.string().nullable() }),
  permissions: z.array(z.string()),
});

export async function authRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/sign-in',
    {
      config: { rateLimit: { max: p.config.SIGN_IN_RATE_LIMIT_MAX, timeWindow: 60_000 } },
      schema: {
        tags: ['identity'],
        summary: 'Đăng nhập bằng mật khẩu / Password sign-in',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: {
          200: z.object({
            person: z.object({ id: z.string(), displayName: z.string() }),
            expiresAt: z.string(),
            pending: z.enum(['verify', 'enrol']).nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await signIn(p, auditContext(request), {
        ...request.body,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, request, p, result);
      return { person: result.person, expiresAt: result.expiresAt.toISOString(), pending: result.pending };
    },
  );

  r.post(
    '/api/auth/sign-out',
    {
      onRequest: requireActor,
      config: { allowPendingMfa: true },
      schema: { tags: ['identity'], summary: 'Đăng xuất / Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await signOut(p, auditContext(request), actorOf(request).sessionId);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/session',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Phiên đăng nhập hiện tại / Current session',
        response: { 200: SessionView },
      },
    },
    async (request) => {
      const a = actorOf(request);
      return {
        person: { id: a.personId, displayName: a.displayName, agencyId: a.agencyId },
        permissions: [...a.permissions].sort(),
      };
    },
  );
}
