import type { FastifyRequest } from 'fastify';

/**
 * Browsers send cookies on a WebSocket handshake from any page, so a page on another origin must not be
 * able to open a socket with the person's session (cross-site WebSocket hijacking).
 */
export function originAllowed(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser
  try {
    const host = new URL(origin).host;
    return host === request.headers.host || (publicUrl !== undefined && host === new URL(publicUrl).host);
  } catch {
    return false;
  }
}
