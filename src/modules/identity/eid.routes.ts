import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditFailure, type AuditContext } from '../../platform/audit/index.js';
import { AppError, isAppError, PlatformErrors } from '../../platform/errors/index.js';
import { auditContext, publicOrigin } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { consumeChallenge, saveChallenge } from './challenges.js';
import { readEidCitizen } from './eid.claims.js';
import { EidClient, eidSettings } from './eid.client.js';
import { EidErrors, EidRefusal } from './eid.errors.js';
import { signInWithEid } from './eid.service.js';
import { setSessionCookie } from './session-cookie.js';

/** Binds an e-ID attempt to the browser that started it (login CSRF): holds the challenge id only. */
export const EID_COOKIE = 'cpdt_eid';
const COOKIE_PATH = '/api/auth/eid';
const CHALLENGE_TTL_MS = 10 * 60_000;
const CALLBACK_PATH = '/api/auth/eid/callback';
const SIGN_IN_PAGE = '/sign-in';
/** A same-site path: one leading slash (not `//` or `/\`, which browsers read as another host), printable ASCII. */
const SAME_SITE_PATH = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;

interface EidChallenge {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  redirectUri: string;
}

const wantsJson = (request: FastifyRequest) => {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/** Where the provider sends the browser back: the public address when set, else the one the browser used. */
function redirectUri(p: Platform, request: FastifyRequest): string {
  return `${publicOrigin(p.config, request)}${CALLBACK_PATH}`;
}

function cookieOptions(p: Platform, request: FastifyRequest) {
  const secure =
    p.config.COOKIE_SECURE === 'auto' ? request.protocol === 'https' : p.config.COOKIE_SECURE === 'true';
  return { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure };
}

/**
 * Citizen sign-in through the national e-ID (VNeID or any standard OpenID provider): start sends the
 * browser to the provider, callback checks its answer and opens a session. These routes are public by
 * nature and answer with redirects; a failure is audited and lands on the sign-in page with its code
 * (`/sign-in?eidError=CODE`), or as a JSON error to a caller that asks for JSON.
 */
export async function eidRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const settings = eidSettings(p.config);
  const client = settings ? new EidClient(settings) : null;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { max: p.config.SIGN_IN_RATE_LIMIT_MAX, timeWindow: 60_000 };
  /** A browser held back by the rate limit lands on the sign-in page too; anything else is a JSON error. */
  const errorHandler = (
    error: Error & { statusCode?: number },
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    if (error.statusCode !== 429 || wantsJson(request)) throw error; // to the platform's error handler
    void reply.redirect(`${SIGN_IN_PAGE}?eidError=${PlatformErrors.RATE_LIMITED}`, 302);
  };

  /** Audits the refusal, then sends the browser to the sign-in page with the code (or answers JSON). */
  const refuse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: AuditContext,
    e: unknown,
    next?: string,
  ) => {
    const error = isAppError(e) ? e : new AppError(PlatformErrors.INTERNAL, undefined, { cause: e });
    if (!isAppError(e)) request.log.error({ err: e }, 'e-ID sign-in failed');
    else if (error.code === EidErrors.IDENTITY_EID_PROVIDER_ERROR)
      request.log.warn({ err: error.cause }, 'e-ID provider error');
    await auditFailure(p.db, ctx, {
      action: 'identity.signIn',
      detail: error.code,
      ...(e instanceof EidRefusal ? { objectType: 'person', objectId: e.personId } : {}),
    });
    if (wantsJson(request)) throw error;
    const query = new URLSearchParams({ eidError: error.code });
    if (next && next !== '/') query.set('next', next);
    return reply.redirect(`${SIGN_IN_PAGE}?${query}`, 302);
  };

  r.get(
    '/api/auth/eid',
    {
      schema: {
        tags: ['identity'],
        summary: 'Đăng nhập bằng định danh điện tử có bật không / Is e-ID sign-in enabled',
        response: { 200: z.object({ enabled: z.boolean(), providerName: z.string() }) },
      },
    },
    async () => ({ enabled: client !== null, providerName: p.config.EID_PROVIDER_NAME }),
  );

  r.get(
    '/api/auth/eid/start',
    {
      config: { rateLimit },
      errorHandler,
      schema: {
        tags: ['identity'],
        summary: 'Bắt đầu đăng nhập bằng định danh điện tử / Start e-ID sign-in (302 to the provider)',
        querystring: z.object({
          next: z
            .string()
            .max(2000)
            .optional()
            .describe('Trang quay về sau khi đăng nhập / Path to return to'),
        }),
      },
    },
    async (request, reply) => {
      const ctx = auditContext(request);
      const next = request.query.next || '/';
      try {
        if (!client) throw new AppError(EidErrors.IDENTITY_EID_NOT_CONFIGURED);
        if (!SAME_SITE_PATH.test(next)) throw new AppError(EidErrors.IDENTITY_EID_NEXT_INVALID);
        const uri = redirectUri(p, request);
        const authorization = await client.authorization(uri);
        const data: EidChallenge = {
          state: authorization.state,
          nonce: authorization.nonce,
          codeVerifier: authorization.codeVerifier,
          next,
          redirectUri: uri,
        };
        const id = await p.db.transaction((tx) =>
          saveChallenge(tx, {
            purpose: 'eid',
            personId: null,
            data,
            now: p.clock.now(),
            ttlMs: CHALLENGE_TTL_MS,
          }),
        );
        void reply.setCookie(EID_COOKIE, id, {
          ...cookieOptions(p, request),
          maxAge: CHALLENGE_TTL_MS / 1000,
        });
        return reply.redirect(authorization.url.href, 302);
      } catch (e) {
        return refuse(request, reply, ctx, e, SAME_SITE_PATH.test(next) ? next : undefined);
      }
    },
  );

  r.get(
    CALLBACK_PATH,
    {
      config: { rateLimit },
      errorHandler,
      schema: {
        tags: ['identity'],
        summary: 'Cổng định danh điện tử chuyển về / Return from the e-ID provider (302 into CPĐT)',
        querystring: z.object({
          code: z.string().max(4096).optional(),
          state: z.string().max(512).optional(),
          iss: z.string().max(2048).optional(),
          error: z.string().max(256).optional(),
          error_description: z.string().max(2048).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = auditContext(request);
      const cookieId = request.cookies[EID_COOKIE];
      void reply.clearCookie(EID_COOKIE, cookieOptions(p, request));
      let next: string | undefined;
      try {
        if (!client) throw new AppError(EidErrors.IDENTITY_EID_NOT_CONFIGURED);
        const { state, error } = request.query;
        // Consumed once whatever happens next: a replayed or forged answer finds nothing.
        const challenge =
          cookieId && state
            ? await p.db.transaction((tx) =>
                consumeChallenge<EidChallenge>(tx, cookieId, 'eid', p.clock.now()),
              )
            : null;
        if (!challenge || !state || !sameText(challenge.data.state, state))
          throw new AppError(EidErrors.IDENTITY_EID_STATE_INVALID);
        const data = challenge.data;
        next = data.next;
        if (error)
          throw new AppError(
            error === 'access_denied'
              ? EidErrors.IDENTITY_EID_CANCELLED
              : EidErrors.IDENTITY_EID_PROVIDER_ERROR,
          );
        // openid-client checks the answer against the redirect URI sent, whatever proxy rewrote the URL.
        const callbackUrl = new URL(data.redirectUri);
        callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
        const identity = await client.complete(callbackUrl, data);
        const citizen = readEidCitizen(identity, client.settings.personalIdClaim, p.clock.now());
        const session = await signInWithEid(p, ctx, {
          provider: client.settings.issuer,
          citizen,
          ip: ctx.ip,
          userAgent: request.headers['user-agent'],
        });
        setSessionCookie(reply, request, p, session);
        return reply.redirect(data.next, 302);
      } catch (e) {
        return refuse(request, reply, ctx, e, next);
      }
    },
  );
}
