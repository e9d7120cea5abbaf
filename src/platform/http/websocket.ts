/**
 * What every WebSocket route shares: the part of a `ws` socket it uses, the close codes, the origin check and
 * the keepalive. The `ws` package ships no types here, hence the small interface.
 */
import type { FastifyRequest } from 'fastify';

export interface WsSocket {
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'pong' | 'close' | 'error', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
}

export const SOCKET_OPEN = 1;
/** Often enough to keep proxies and load balancers (typically 60 s idle) from cutting the connection. */
export const PING_INTERVAL_MS = 25_000;
/** Close codes in the 4000 range mirror HTTP statuses, so the client knows not to reconnect blindly. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN_ORIGIN = 4403;
export const CLOSE_NOT_FOUND = 4404;
/** Too many messages, or too many sockets for one person (HTTP 429): reconnect later, with backoff. */
export const CLOSE_TOO_MANY = 4429;

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

/**
 * A protocol ping each interval; no pong since the last one means the peer is gone (a phone that lost its
 * network never sends a close), so it is terminated. Returns the function that stops the pings.
 */
export function keepAlive(socket: WsSocket): () => void {
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, PING_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
