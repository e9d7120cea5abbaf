import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.js';
import { requireActor } from '../http/guards.js';
import {
  CLOSE_FORBIDDEN_ORIGIN,
  CLOSE_UNAUTHENTICATED,
  keepAlive,
  originAllowed,
  SOCKET_OPEN,
  type WsSocket,
} from '../http/websocket.js';
import type { Platform } from '../platform.js';
import { NotifyErrors } from './errors.js';

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
      const socket = raw as unknown as WsSocket;
      if (!originAllowed(request, p.config.PUBLIC_URL)) return socket.close(CLOSE_FORBIDDEN_ORIGIN, 'origin');
      const actor = request.actor;
      if (!actor || actor.pending) return socket.close(CLOSE_UNAUTHENTICATED, 'unauthenticated');

      const unsubscribe = p.events.subscribe(actor.personId, (event) => {
        if (socket.readyState === SOCKET_OPEN)
          socket.send(JSON.stringify({ type: event.type, data: event.data }));
      });
      const stopPings = keepAlive(socket);
      const stop = () => {
        stopPings();
        unsubscribe();
      };
      socket.on('close', stop);
      socket.on('error', stop);
    },
  });
}
