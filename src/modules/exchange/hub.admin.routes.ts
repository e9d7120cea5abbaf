import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import { auditContext, auditedWriter, requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { Permissions } from '../identity/index.js';
import { HUB_QUEUED } from './hub.service.js';
import { createSystem, directory, listSystems } from './hub.systems.js';
import { DELIVERY_STATES, messageTrace, requeueDelivery, traffic } from './hub.traffic.js';

const TAGS = ['exchange'];

const SystemSchema = z.object({
  id: z.string(),
  name: z.string(),
  agencyCodes: z.array(z.string()),
  active: z.boolean(),
  maxEnvelopeBytes: z.number(),
  sendsPerMinute: z.number(),
  pushUrl: z.string().nullable(),
  oidcClientId: z.string().nullable(),
  createdAt: z.string(),
});

const DeliverySchema = z.object({
  seq: z.number(),
  addressedCode: z.string(),
  agencyCode: z.string(),
  systemId: z.string().nullable(),
  state: z.enum(DELIVERY_STATES),
  fetches: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  fetchedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
});

const MessageSchema = z.object({
  id: z.string(),
  kind: z.enum(['edoc', 'status']),
  senderSystem: z.string(),
  fromCode: z.string(),
  documentId: z.string(),
  businessCode: z.string(),
  subject: z.string().nullable(),
  notation: z.string().nullable(),
  size: z.number(),
  signature: z.string(),
  receivedAt: z.string(),
  deliveries: z.array(DeliverySchema),
});

/** The hub administrator: connected systems and the traffic (permission exchange.hub.manage). */
export async function hubAdminRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const write = auditedWriter(p.db);
  const guard = requirePermission(Permissions.manageHub);

  r.get(
    '/api/exchange/hub/systems',
    {
      onRequest: guard,
      schema: {
        tags: TAGS,
        summary: 'Hệ thống kết nối trục / Systems connected to the hub',
        response: { 200: z.object({ items: z.array(SystemSchema) }) },
      },
    },
    async () => ({ items: await listSystems(p.db) }),
  );

  r.post(
    '/api/exchange/hub/systems',
    {
      onRequest: guard,
      schema: {
        tags: TAGS,
        summary: 'Đăng ký hệ thống kết nối / Register a connected system',
        description:
          'Khoá bí mật HMAC chỉ hiển thị một lần. / The HMAC secret is shown once; the system signs every ' +
          'request with it (docs/exchange.md).',
        body: z.object({
          id: z.string().min(2).max(64),
          name: z.string().min(1).max(200),
          agencyCodes: z.array(z.string().max(40)).min(1).max(500),
          maxEnvelopeBytes: z.number().int().positive().optional(),
          sendsPerMinute: z.number().int().positive().max(100_000).optional(),
          pushUrl: z.string().url().max(500).nullable().optional(),
          oidcClientId: z
            .string()
            .max(200)
            .nullable()
            .optional()
            .describe(
              'Ứng dụng máy (OIDC) được dùng token client_credentials thay chữ ký HMAC / Machine OIDC client ' +
                'that may call with a client credentials Bearer token instead of the HMAC signature',
            ),
        }),
        response: { 201: z.object({ system: SystemSchema, secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await write(
        request,
        { action: 'exchange.system.create', objectType: 'exchange_system', objectId: request.body.id },
        async (tx) => {
          const result = await createSystem(tx, p, request.body);
          await audit(tx, auditContext(request), {
            action: 'exchange.system.create',
            objectType: 'exchange_system',
            objectId: result.system.id,
            after: { ...result.system },
          });
          return result;
        },
      );
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/exchange/hub/traffic',
    {
      onRequest: guard,
      schema: {
        tags: TAGS,
        summary: 'Lưu lượng qua trục / Hub traffic',
        querystring: z.object({
          state: z.enum(DELIVERY_STATES).optional(),
          system: z.string().max(64).optional(),
          q: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z.object({
            items: z.array(MessageSchema),
            total: z.number(),
            counts: z.object({
              queued: z.number(),
              done: z.number(),
              failed: z.number(),
              unroutable: z.number(),
            }),
          }),
        },
      },
    },
    async (request) => traffic(p.db, request.query),
  );

  r.get(
    '/api/exchange/hub/messages/:id',
    {
      onRequest: guard,
      schema: {
        tags: TAGS,
        summary: 'Một gói tin và hành trình của nó / One message and its trace',
        params: z.object({ id: z.string().max(64) }),
        response: {
          200: MessageSchema.extend({
            hops: z.array(
              z.object({
                at: z.string(),
                actor: z.string(),
                event: z.string(),
                agencyCode: z.string().nullable(),
                detail: z
                  .union([
                    z.object({ size: z.number(), signature: z.string(), warnings: z.number() }),
                    z.object({ system: z.string(), addressedCode: z.string().optional() }),
                    z.object({ successors: z.array(z.string()) }),
                    z.object({ reason: z.string() }),
                  ])
                  .nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => messageTrace(p.db, request.params.id),
  );

  r.post(
    '/api/exchange/hub/deliveries/:seq/requeue',
    {
      onRequest: guard,
      schema: {
        tags: TAGS,
        summary:
          'Chuyển lại một lượt chuyển bị lỗi hoặc chưa có nơi nhận / Requeue a failed or unroutable delivery',
        params: z.object({ seq: z.coerce.number().int().positive() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const seq = request.params.seq;
      const { hostOf } = await directory(p);
      const requeued = await write(
        request,
        { action: 'exchange.delivery.requeue', objectType: 'exchange_delivery', objectId: String(seq) },
        async (tx) => {
          const r = await requeueDelivery(tx, seq, p.clock.now(), request.actor!.personId, hostOf);
          await audit(tx, auditContext(request), {
            action: 'exchange.delivery.requeue',
            objectType: 'exchange_delivery',
            objectId: String(seq),
          });
          return r;
        },
      );
      // After commit, as for a new message: a pushing recipient (or the in-process node) hears at once.
      p.events.publish({
        type: 'exchange.hub.queued',
        audience: HUB_QUEUED,
        data: { systems: [requeued.systemId] },
      });
      return reply.status(204).send(null);
    },
  );
}
