/**
 * Push, both ends. The hub tells a system that accepts push (its pushUrl) that its queue has something, with a
 * request signed like the systems' own (VXP headers, the system's secret), a few hundred milliseconds after the
 * first new delivery (several make one notice). The node checks the signature and starts a sync round. Push is an
 * optimisation: a lost notice only means the node's scheduled pull takes the delivery a little later.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { HubErrors } from './errors.js';
import { HUB_QUEUED } from './hub.service.js';
import { directory } from './hub.systems.js';
import { remoteHub } from './node.jobs.js';
import { kickSync } from './node.outbox.js';
import { ReplayCache, signVxpHeaders, verifyVxpRequest } from './vxp.auth.js';

const PUSH_DELAY_MS = 200;
export const NODE_PUSH_PATH = '/api/exchange/node/push';

export function startPusher(p: Platform): () => void {
  const waiting = new Map<string, NodeJS.Timeout>();
  const push = async (systemId: string) => {
    waiting.delete(systemId);
    const system = (await directory(p)).systems.get(systemId);
    if (!system?.pushUrl) return;
    try {
      const response = await fetch(system.pushUrl, {
        method: 'POST',
        headers: {
          ...signVxpHeaders(system.id, system.secret, { event: 'queued' }, p.clock.now()),
          'content-type': 'application/json',
        },
        body: '{}',
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) p.logger.warn({ systemId, status: response.status }, 'exchange push refused');
    } catch (e) {
      p.logger.warn({ systemId, err: (e as Error).message }, 'exchange push failed (the system will pull)');
    }
  };
  return p.events.subscribe(HUB_QUEUED, (e) => {
    for (const systemId of (e.data as { systems: string[] }).systems) {
      if (waiting.has(systemId)) continue;
      const timer = setTimeout(() => void push(systemId), PUSH_DELAY_MS);
      timer.unref();
      waiting.set(systemId, timer);
    }
  });
}

/** The node's end: a signed notice from its hub starts a sync round. */
export async function nodePushRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const remote = remoteHub(p);
  if (!remote) return;
  const replays = new ReplayCache();
  app.post(
    NODE_PUSH_PATH,
    { schema: { hide: true }, config: { rateLimit: false } },
    async (request, reply) => {
      const result = await verifyVxpRequest(
        request.headers,
        async (id) => (id === remote.systemId ? remote.secret : undefined),
        p.clock.now(),
        replays,
      );
      if (!result.ok) throw new AppError(HubErrors.EXCHANGE_AUTH_INVALID, { reason: result.failure });
      await kickSync(p.db, p);
      return reply.status(202).send({ status: 'OK', ErrorCode: '0', ErrorDesc: '' });
    },
  );
}
