import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.js';
import { requireActor } from '../http/guards.js';
import { originAllowed } from '../http/ws-origin.js';
import type { Platform } from '../platform.js';
import { NotifyErrors } from './errors.js';

/** The part of a `ws` WebSocket this route uses (the package ships no types here). */
interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'pong' | 'close' | 'error', listener: () => void): void;
}

const OPEN = 1;
/** Often enough to keep proxies and load balancers (typically 60 s idle) from cutting the connection. */
export const PING_INTERVAL_MS = 25_000;
/** Close codes in the 4000 range mirror HTTP statuses, so the client knows not to reconnect blindly. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN_ORIGIN = 4403;

/**
 * GET /api/events: the signed-in person's live events (`notify.inapp`, and whatever else is addressed to
 * them on the event bus) as JSON `{type, data}`. The session was resolved by the usual onRequest hook.
 */
export async function eventsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  // Another module may have registered the plugin already; it is global (fastify-plugin).
  if (!app.hasDecorator('websocketServer')) await app.register(websocket, { options: { maxPayload: 4096 } });

  app.route({
    method: 'GET',
    url: '/api/events',
    schema: {
      tags: ['notify'],
      summary: 'Sự kiện trực tiếp (WebSocket) / Live events (WebSocket)',
      description:
        'Nâng cấp lên WebSocket; máy chủ gửi {type, data}. Đóng với mã 4401 khi chưa đăng nhập. / ' +
        'Upgrade to a WebSocket; the server sends {type, data}. Closed with code 4401 when not signed in.',
    },
    // A plain HTTP request gets a coded answer rather than the plugin's bare 404.
    handler: async (request) => {
      await requireActor(request);
      throw new AppError(NotifyErrors.NOTIFY_UPGRADE_REQUIRED);
    },
    wsHandler: (raw, request) => {
      const socket = raw as unknown as LiveSocket;
      if (!originAllowed(request, p.config.PUBLIC_URL)) return socket.close(CLOSE_FORBIDDEN_ORIGIN, 'origin');
      const actor = request.actor;
      if (!actor || actor.pending) return socket.close(CLOSE_UNAUTHENTICATED, 'unauthenticated');

      const unsubscribe = p.events.subscribe(actor.personId, (event) => {
        if (socket.readyState === OPEN) socket.send(JSON.stringify({ type: event.type, data: event.data }));
      });
      // Keepalive: a protocol ping each interval; no pong since the last one means the peer is gone.
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
      const stop = () => {
        clearInterval(timer);
        unsubscribe();
      };
      socket.on('close', stop);
      socket.on('error', stop);
    },
  });
}
