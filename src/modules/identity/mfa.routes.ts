import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { actorOf, auditContext, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  confirmTotp,
  mfaSummary,
  regenerateRecoveryCodes,
  removePasskey,
  removeTotp,
  startTotp,
  verifySecondFactor,
} from './mfa.service.js';
import {
  authenticateWithPasskey,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  relyingParty,
} from './passkeys.service.js';
import { setSessionCookie } from './session-cookie.js';

const tags = ['identity'];
/** Routes that settle a second factor still owed (the guard lets a pending session through to them). */
const pendingOk = { allowPendingMfa: true };

const MfaSummaryView = z.object({
  totp: z.boolean(),
  passkeys: z.array(
    z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() }),
  ),
  recoveryCodesLeft: z.number(),
  required: z.boolean(),
});
const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
// WebAuthn JSON is checked by @simplewebauthn; here only its outline, so a malformed body is a coded 400.
const WebAuthnResponse = z.looseObject({ id: z.string().min(1).max(1024), type: z.literal('public-key') });
const SignedIn = z.object({
  person: z.object({ id: z.string(), displayName: z.string() }),
  expiresAt: z.string(),
});

/** WebAuthn option types are interfaces without an index signature; on the wire they are plain JSON. */
const jsonOptions = (r: { challengeId: string; options: object }) => ({
  challengeId: r.challengeId,
  options: r.options as Record<string, unknown>,
});

/** Sets the replaced session token after a second factor settles the session. */
function renewCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  p: Platform,
  session: { token: string; expiresAt: Date } | null,
) {
  if (session) setSessionCookie(reply, request, p, session);
}

export async function mfaRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signInLimit = { rateLimit: { max: p.config.SIGN_IN_RATE_LIMIT_MAX, timeWindow: 60_000 } };

  r.get(
    '/api/auth/mfa',
    {
      onRequest: requireActor,
      config: pendingOk,
      schema: {
        tags,
        summary: 'Các yếu tố xác thực của tôi / My second factors',
        response: { 200: MfaSummaryView },
      },
    },
    async (request) => mfaSummary(p.db, actorOf(request).personId, p.clock.now()),
  );

  r.post(
    '/api/auth/mfa/totp/setup',
    {
      onRequest: requireActor,
      config: pendingOk,
      schema: {
        tags,
        summary: 'Bắt đầu thiết lập ứng dụng OTP / Start authenticator app set-up',
        response: { 200: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }) },
      },
    },
    async (request) => startTotp(p, auditContext(request), actorOf(request)),
  );

  r.post(
    '/api/auth/mfa/totp/confirm',
    {
      onRequest: requireActor,
      config: { ...pendingOk, ...signInLimit },
      schema: {
        tags,
        summary: 'Xác nhận ứng dụng OTP bằng mã đầu tiên / Confirm the authenticator with its first code',
        body: z.object({ code: z.string().min(1).max(20) }),
        response: { 200: RecoveryCodes },
      },
    },
    async (request, reply) => {
      const result = await confirmTotp(p, auditContext(request), actorOf(request), request.body.code);
      renewCookie(reply, request, p, result.session);
      return { recoveryCodes: result.recoveryCodes };
    },
  );

  r.delete(
    '/api/auth/mfa/totp',
    {
      onRequest: requireActor,
      schema: {
        tags,
        summary: 'Gỡ ứng dụng OTP / Remove the authenticator app',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeTotp(p, auditContext(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/mfa/verify',
    {
      onRequest: requireActor,
      config: { ...pendingOk, ...signInLimit },
      schema: {
        tags,
        summary:
          'Xác thực bước hai bằng mã OTP hoặc mã khôi phục / Second step with a code or a recovery code',
        body: z
          .object({ code: z.string().max(20).optional(), recoveryCode: z.string().max(40).optional() })
          .refine((b) => Boolean(b.code) !== Boolean(b.recoveryCode), 'code or recoveryCode'),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const session = await verifySecondFactor(p, auditContext(request), actorOf(request), request.body);
      renewCookie(reply, request, p, session);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/mfa/recovery-codes',
    {
      onRequest: requireActor,
      schema: {
        tags,
        summary: 'Tạo lại mã khôi phục / New recovery codes',
        response: { 200: RecoveryCodes },
      },
    },
    async (request) => ({
      recoveryCodes: await regenerateRecoveryCodes(p, auditContext(request), actorOf(request)),
    }),
  );

  r.post(
    '/api/auth/passkeys/register/options',
    {
      onRequest: requireActor,
      config: pendingOk,
      schema: {
        tags,
        summary: 'Tham số đăng ký khoá truy cập / Passkey registration options',
        response: { 200: z.object({ challengeId: z.string(), options: z.looseObject({}) }) },
      },
    },
    async (request) =>
      jsonOptions(await passkeyRegistrationOptions(p, actorOf(request), relyingParty(p, request))),
  );

  r.post(
    '/api/auth/passkeys/register',
    {
      onRequest: requireActor,
      config: pendingOk,
      schema: {
        tags,
        summary: 'Đăng ký khoá truy cập / Register a passkey',
        body: z.object({
          challengeId: z.string().min(1).max(100),
          name: z.string().trim().min(1).max(80),
          response: WebAuthnResponse,
        }),
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const result = await registerPasskey(p, auditContext(request), actorOf(request), {
        ...request.body,
        response: request.body.response as unknown as RegistrationResponseJSON,
      });
      renewCookie(reply, request, p, result.session);
      return { id: result.id };
    },
  );

  r.delete(
    '/api/auth/passkeys/:id',
    {
      onRequest: requireActor,
      schema: {
        tags,
        summary: 'Gỡ khoá truy cập / Remove a passkey',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removePasskey(p, auditContext(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // Public: a passkey is also a way to sign in from nothing (passwordless), so no session is needed here.
  r.post(
    '/api/auth/passkeys/authenticate/options',
    {
      config: signInLimit,
      schema: {
        tags,
        summary: 'Tham số đăng nhập bằng khoá truy cập / Passkey sign-in options',
        response: { 200: z.object({ challengeId: z.string(), options: z.looseObject({}) }) },
      },
    },
    async (request) =>
      jsonOptions(await passkeyAuthenticationOptions(p, request.actor, relyingParty(p, request))),
  );

  r.post(
    '/api/auth/passkeys/authenticate',
    {
      config: signInLimit,
      schema: {
        tags,
        summary:
          'Đăng nhập hoặc xác thực bước hai bằng khoá truy cập / Sign in or second step with a passkey',
        body: z.object({ challengeId: z.string().min(1).max(100), response: WebAuthnResponse }),
        response: { 200: SignedIn },
      },
    },
    async (request, reply) => {
      const result = await authenticateWithPasskey(p, auditContext(request), request.actor, {
        challengeId: request.body.challengeId,
        response: request.body.response as unknown as AuthenticationResponseJSON,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, request, p, result);
      return { person: result.person, expiresAt: result.expiresAt.toISOString() };
    },
  );
}
