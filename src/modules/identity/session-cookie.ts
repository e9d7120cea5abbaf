import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { SESSION_COOKIE } from './sessions.service.js';

/**
 * The session cookie: HttpOnly, SameSite=Lax (a redirect back from the national e-ID or into an OIDC
 * interaction is a top-level cross-site navigation and must carry it; state-changing API calls are JSON
 * POSTs, which a cross-site form cannot send), Secure behind HTTPS.
 */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  p: Platform,
  session: { token: string; expiresAt: Date },
): void {
  const secure =
    p.config.COOKIE_SECURE === 'auto' ? request.protocol === 'https' : p.config.COOKIE_SECURE === 'true';
  void reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
