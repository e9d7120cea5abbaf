import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../audit/index.js';
import { actorOf, auditContext, requireActor, requirePermission } from '../http/index.js';
import type { Platform } from '../platform.js';
import { eventsRoutes } from './events.routes.js';
import { CHANNELS, NOTIFICATION_STATES } from './schema.js';
import { PlatformTemplates } from './templates.js';

export interface NotifyRouteOptions {
  /** Reads the outbox (identity's Permissions.adminOutbox); the platform kernel does not name roles. */
  outboxPermission: string;
  /** Sends a test message to oneself; the outbox permission unless told otherwise. */
  testPermission?: string;
}

const Channel = z.enum(CHANNELS);
const State = z.enum(NOTIFICATION_STATES);

const OutboxMessage = z.object({
  id: z.string(),
  channel: Channel,
  address: z.string().nullable(),
  recipientName: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  state: State,
  attempts: z.number(),
  lastError: z.string().nullable(),
  template: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const InboxItem = z.object({
  id: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** Outbox for administrators, the signed-in person's in-app messages, a test send, and the live event socket. */
export async function notifyRoutes(
  app: FastifyInstance,
  p: Platform,
  opts: NotifyRouteOptions,
): Promise<void> {
  await eventsRoutes(app, p);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/admin/outbox',
    {
      onRequest: requirePermission(opts.outboxPermission),
      schema: {
        tags: ['notify'],
        summary: 'Hộp thư đi: thư, tin nhắn đã gửi và chờ gửi / Outbox: messages sent and waiting',
        querystring: z.object({
          channel: Channel.optional(),
          state: State.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ messages: z.array(OutboxMessage) }) },
      },
    },
    async (request) => {
      const rows = await p.notify.outbox(request.query);
      return {
        messages: rows.map((m) => ({
          id: m.id,
          channel: m.channel,
          address: m.address,
          recipientName: m.recipientName,
          subject: m.subject,
          body: m.body,
          state: m.state,
          attempts: m.attempts,
          lastError: m.lastError,
          template: m.template,
          createdAt: m.createdAt.toISOString(),
          sentAt: m.sentAt?.toISOString() ?? null,
        })),
      };
    },
  );

  r.get(
    '/api/notifications/mine',
    {
      onRequest: requireActor,
      schema: {
        tags: ['notify'],
        summary: 'Thông báo của tôi / My notifications',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(InboxItem), unread: z.number() }) },
      },
    },
    async (request) => {
      const page = await p.notify.inbox(actorOf(request).personId, request.query.limit);
      return {
        items: page.items.map((i) => ({
          id: i.id,
          subject: i.subject,
          body: i.body,
          createdAt: i.createdAt.toISOString(),
          readAt: i.readAt?.toISOString() ?? null,
        })),
        unread: page.unread,
      };
    },
  );

  r.post(
    '/api/notifications/:id/read',
    {
      onRequest: requireActor,
      schema: {
        tags: ['notify'],
        summary: 'Đánh dấu đã đọc / Mark as read',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await p.db.transaction((tx) =>
        p.notify.markRead(tx, auditContext(request), actorOf(request).personId, request.params.id),
      );
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/admin/notifications/test',
    {
      onRequest: requirePermission(opts.testPermission ?? opts.outboxPermission),
      schema: {
        tags: ['notify'],
        summary: 'Gửi thông báo kiểm tra cho chính mình / Send a test message to yourself',
        body: z.object({ channels: z.array(Channel).min(1).max(CHANNELS.length) }),
        response: {
          202: z.object({ messages: z.array(z.object({ id: z.string(), channel: Channel, state: State })) }),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ctx = auditContext(request);
      const sent = await p.db.transaction(async (tx) => {
        const result = await p.notify.send(
          tx,
          {
            to: { personId: actor.personId },
            channels: request.body.channels,
            template: PlatformTemplates.test,
            params: { name: actor.displayName },
          },
          ctx,
        );
        await audit(tx, ctx, {
          action: 'notify.test.send',
          objectType: 'person',
          objectId: actor.personId,
          after: { channels: request.body.channels, ids: result.map((m) => m.id) },
        });
        return result;
      });
      return reply
        .status(202)
        .send({ messages: sent.map(({ id, channel, state }) => ({ id, channel, state })) });
    },
  );
}
