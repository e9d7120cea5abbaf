import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, actorOf, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { changePassword } from './password.service.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import {
  actForAgency,
  listMySessions,
  revokeMySessions,
  sessionPerson,
  signIn,
  signOut,
} from './sessions.service.js';

const SessionView = z.object({
  person: z.object({
    id: z.string(),
    displayName: z.string(),
    username: z.string(),
    kind: z.string(),
    agencyId: z.string().nullable(),
  }),
  agency: z
    .object({ id: z.string(), code: z.string(), nameVi: z.string(), nameEn: z.string().nullable() })
    .nullable(),
  /** The person's posts: the agencies they may act for (POST /api/auth/session/agency switches). */
  posts: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      nameVi: z.string(),
      nameEn: z.string().nullable(),
      position: z.string().nullable(),
    }),
  ),
  permissions: z.array(z.string()),
  methods: z.array(z.string()),
  /** 'verify': give the second factor; 'enrol': set one up first. Nothing else works until then. */
  pending: z.enum(['verify', 'enrol']).nullable(),
});
const SessionList = z.array(
  z.object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    methods: z.array(z.string()),
    current: z.boolean(),
  }),
);

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
      config: { allowPendingMfa: true },
      schema: {
        tags: ['identity'],
        summary: 'Phiên đăng nhập hiện tại / Current session',
        response: { 200: SessionView },
      },
    },
    async (request) => {
      const a = actorOf(request);
      const who = await sessionPerson(p.db, a.personId, a.agencyId);
      return {
        person: { id: a.personId, displayName: a.displayName, agencyId: a.agencyId, ...who.person },
        agency: who.agency,
        posts: who.posts,
        permissions: [...a.permissions].sort(),
        methods: [...a.methods],
        pending: a.pending,
      };
    },
  );

  r.post(
    '/api/auth/session/agency',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Chọn cơ quan đang làm việc / Act for another of my agencies',
        body: z.object({ agencyId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await actForAgency(p, auditContext(request), actorOf(request), request.body.agencyId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/password',
    {
      onRequest: requireActor,
      config: { rateLimit: { max: p.config.SIGN_IN_RATE_LIMIT_MAX, timeWindow: 60_000 } },
      schema: {
        tags: ['identity'],
        summary: 'Đổi mật khẩu của tôi / Change my password',
        body: z.object({ current: z.string().max(200).optional(), next: z.string().min(1).max(200) }),
        response: { 200: z.object({ endedSessions: z.number() }) },
      },
    },
    async (request) => changePassword(p, auditContext(request), actorOf(request), request.body),
  );

  r.get(
    '/api/auth/sessions',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Các phiên đăng nhập của tôi / My sessions',
        response: { 200: SessionList },
      },
    },
    async (request) => {
      const a = actorOf(request);
      return listMySessions(p, a.personId, a.sessionId);
    },
  );

  r.delete(
    '/api/auth/sessions/:id',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Đăng xuất một phiên của tôi / End one of my sessions',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const a = actorOf(request);
      await revokeMySessions(p, auditContext(request), a.personId, { id: request.params.id });
      if (request.params.id === a.sessionId) clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/sessions/revoke-others',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Đăng xuất mọi phiên khác / End all my other sessions',
        response: { 200: z.object({ revoked: z.number() }) },
      },
    },
    async (request) => {
      const a = actorOf(request);
      return {
        revoked: await revokeMySessions(p, auditContext(request), a.personId, { othersThan: a.sessionId }),
      };
    },
  );
}
