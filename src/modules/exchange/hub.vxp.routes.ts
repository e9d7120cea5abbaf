/**
 * The hub's API for connected systems, in the shape of the national axis client protocol (VXP, axis.md §3.4):
 * the same calls, the same signed headers, the same `{status, ErrorCode, ErrorDesc}` answers, so an e-office
 * system built on the VPCP SDK connects to a CPĐT hub by changing its endpoint. Errors keep their HTTP status
 * as well (4xx: do not retry as is; 429/5xx: retry later) and carry CPĐT's code in ErrorCode.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorSpec, isAppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { HubErrors } from './errors.js';
import { acceptEnvelope, acknowledge, fetchDelivery, listReceived, listSent } from './hub.service.js';
import { directory, type ConnectedSystem } from './hub.systems.js';
import { findClientCredentialsToken } from '../identity/oidc.provider.js';
import { bearerParams, bearerToken, ReplayCache, sameFileHash, verifyVxpRequest } from './vxp.auth.js';
import crypto from 'node:crypto';

export const VXP_PREFIX_PATH = '/api/exchange/vxp';

interface Caller {
  system: ConnectedSystem;
  params: Record<string, string>;
}

/** Envelopes per minute per system, in this process (a rolling one-minute window). */
class SendLimiter {
  private readonly windows = new Map<string, number[]>();
  take(systemId: string, perMinute: number, nowMs: number): boolean {
    const times = (this.windows.get(systemId) ?? []).filter((t) => nowMs - t < 60_000);
    if (times.length >= perMinute) {
      this.windows.set(systemId, times);
      return false;
    }
    times.push(nowMs);
    this.windows.set(systemId, times);
    return true;
  }
}

const ok = (extra: Record<string, unknown> = {}) => ({
  status: 'OK',
  ErrorCode: '0',
  ErrorDesc: '',
  ...extra,
});

export async function hubVxpRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const replays = new ReplayCache();
  const limiter = new SendLimiter();
  const callers = new WeakMap<FastifyRequest, Caller>();

  await app.register(async (vxp) => {
    // The envelope is the body, as bytes (the SDK sends application/octet-stream); its size is checked per system.
    const raw = (_req: FastifyRequest, body: Buffer, done: (err: Error | null, body?: Buffer) => void) =>
      done(null, body);
    const bodyLimit = p.config.EXCHANGE_MAX_ENVELOPE_BYTES;
    vxp.addContentTypeParser(
      ['application/octet-stream', 'application/xml', 'text/xml'],
      { parseAs: 'buffer', bodyLimit },
      raw,
    );

    vxp.addHook('onRequest', async (request) => {
      const dir = await directory(p);
      // A client credentials token of this deployment's provider, for the machine client bound to a system.
      const token = bearerToken(request.headers);
      if (token !== undefined) {
        const found = token ? await findClientCredentialsToken(p, token) : undefined;
        const systemId = found ? dir.byOidcClient.get(found.clientId) : undefined;
        const system = systemId ? dir.systems.get(systemId) : undefined;
        if (!system)
          throw new AppError(HubErrors.EXCHANGE_AUTH_INVALID, {
            reason: found ? 'unknown_system' : 'token',
          });
        const params = bearerParams(request.headers);
        if (params['systemid'] !== undefined && params['systemid'] !== system.id)
          throw new AppError(HubErrors.EXCHANGE_AUTH_INVALID, { reason: 'header_mismatch' });
        callers.set(request, { system, params: { ...params, systemid: system.id } });
        return;
      }
      const result = await verifyVxpRequest(
        request.headers,
        async (id) => dir.systems.get(id)?.secret ?? undefined,
        p.clock.now(),
        replays,
      );
      if (!result.ok)
        throw new AppError(
          result.failure === 'missing' ? HubErrors.EXCHANGE_AUTH_REQUIRED : HubErrors.EXCHANGE_AUTH_INVALID,
          { reason: result.failure },
        );
      callers.set(request, { system: dir.systems.get(result.systemId)!, params: result.params });
    });

    vxp.setErrorHandler((error, request, reply) => {
      if (isAppError(error)) {
        const spec = errorSpec(error.code);
        const message = request.locale === 'en' ? spec?.en : spec?.vi;
        return reply
          .status(error.status)
          .send({ status: 'FAIL', ErrorCode: error.code, ErrorDesc: message, details: error.details });
      }
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status === 413)
        return reply.status(413).send({
          status: 'FAIL',
          ErrorCode: HubErrors.EXCHANGE_ENVELOPE_TOO_LARGE,
          ErrorDesc: errorSpec(HubErrors.EXCHANGE_ENVELOPE_TOO_LARGE)?.vi,
        });
      request.log.error({ err: error }, 'hub request failed');
      return reply
        .status(status >= 400 && status < 500 ? status : 500)
        .send({ status: 'FAIL', ErrorCode: 'INTERNAL', ErrorDesc: 'Lỗi hệ thống / Internal error' });
    });

    const caller = (request: FastifyRequest): Caller => callers.get(request)!;
    const param = (c: Caller, name: string): string => {
      const v = c.params[name.toLowerCase()];
      if (!v) throw new AppError(HubErrors.EXCHANGE_PARAMETER_MISSING, { parameter: name });
      return v;
    };
    const hidden = { hide: true } as const; // documented in docs/exchange.md (the SDK's protocol, not OpenAPI-shaped)
    const noGlobalLimit = { rateLimit: false } as const; // per-system limits below

    vxp.post(
      `${VXP_PREFIX_PATH}/sendEdoc`,
      { schema: hidden, config: noGlobalLimit },
      async (request, reply) => {
        const c = caller(request);
        if (!limiter.take(c.system.id, c.system.sendsPerMinute, Date.now()))
          throw new AppError(HubErrors.EXCHANGE_RATE_LIMITED, { perMinute: c.system.sendsPerMinute });
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new AppError(HubErrors.EXCHANGE_PARAMETER_MISSING, { parameter: 'body' });
        const hash = crypto.createHash('sha256').update(body).digest();
        if (!sameFileHash(param(c, 'hash-file'), hash)) throw new AppError(HubErrors.EXCHANGE_HASH_MISMATCH);
        const result = await acceptEnvelope(p, c.system, body);
        return reply.status(result.duplicate ? 200 : 201).send(
          ok({
            DocId: result.messageId,
            duplicate: result.duplicate,
            deliveries: result.deliveries,
            warnings: result.warnings,
          }),
        );
      },
    );

    vxp.post(
      `${VXP_PREFIX_PATH}/getReceivedEdocList`,
      { schema: hidden, config: noGlobalLimit },
      async (request) => {
        const c = caller(request);
        const type = c.params['messagetype'];
        const items = await listReceived(p, c.system.id, {
          ...(type === 'edoc' || type === 'status' ? { messageType: type } : {}),
          ...(c.params['limit'] ? { limit: Number(c.params['limit']) || 200 } : {}),
        });
        return ok({
          data: items.map((i) => ({
            docId: i.docId,
            serviceType: 'eDoc',
            messageType: i.messageType,
            created_time: i.createdTime,
            updated_time: i.createdTime,
            from: i.from,
            to: i.to,
            status: 'processing',
            status_desc: '',
            messageId: i.messageId,
            documentId: i.documentId,
            businessCode: i.businessCode,
            size: i.size,
            sha256: i.sha256,
          })),
        });
      },
    );

    vxp.post(`${VXP_PREFIX_PATH}/getEdoc`, { schema: hidden, config: noGlobalLimit }, async (request) => {
      const c = caller(request);
      const { body } = await fetchDelivery(p, c.system.id, param(c, 'docid'));
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      return ok({ data: Buffer.concat(chunks).toString('base64') });
    });

    const download = async (request: FastifyRequest, reply: FastifyReply) => {
      const c = caller(request);
      const { sha256, body } = await fetchDelivery(p, c.system.id, param(c, 'docid'));
      return reply
        .header('content-type', 'application/octet-stream')
        .header('x-cpdt-sha256', sha256)
        .send(body);
    };
    vxp.get(`${VXP_PREFIX_PATH}/downloadEdoc`, { schema: hidden, config: noGlobalLimit }, download);
    vxp.post(`${VXP_PREFIX_PATH}/downloadEdoc`, { schema: hidden, config: noGlobalLimit }, download);

    vxp.post(
      `${VXP_PREFIX_PATH}/updateStatus`,
      { schema: hidden, config: noGlobalLimit },
      async (request) => {
        const c = caller(request);
        await acknowledge(p, c.system.id, param(c, 'docid'), param(c, 'status'), c.params['reason']);
        return ok();
      },
    );

    vxp.post(
      `${VXP_PREFIX_PATH}/getSentEdocList`,
      { schema: hidden, config: noGlobalLimit },
      async (request) => {
        const c = caller(request);
        const messageId = c.params['docid'];
        const uuid = messageId && /^[0-9a-f-]{36}$/i.test(messageId) ? messageId : undefined;
        if (messageId && !uuid) return ok({ data: [] });
        return ok({ data: await listSent(p, c.system.id, uuid ? { messageId: uuid } : {}) });
      },
    );

    vxp.get(
      `${VXP_PREFIX_PATH}/countReceiveEdoc`,
      { schema: hidden, config: noGlobalLimit },
      async (request) => {
        const c = caller(request);
        return ok({ count: (await listReceived(p, c.system.id, { limit: 1000 })).length });
      },
    );

    vxp.post(`${VXP_PREFIX_PATH}/getAgenciesList`, { schema: hidden, config: noGlobalLimit }, async () => {
      const dir = await directory(p);
      return ok({ data: [...dir.hostOf].map(([code, systemId]) => ({ code, systemId })) });
    });
  });
}
