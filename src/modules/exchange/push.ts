/**
 * Push, both ends. The hub tells a system that accepts push (its pushUrl) that its queue has something, with a
 * request signed like the systems' own (VXP headers, the system's secret), a few hundred milliseconds after the
 * first new delivery (several make one notice). The node checks the signature and starts a sync round. A notice
 * that fails (the node is down, restarting, answers an error) is tried again after 2, 10 and 60 seconds unless a
 * newer one is on its way. Push is an optimisation: a notice given up on only means the node's scheduled pull
 * takes the delivery a little later; nothing is lost, the deliveries wait in the queue.
 */
import crypto from 'node:crypto';
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
/** Waits before trying a failed notice again; after the last, the system's scheduled pull takes over. */
export const PUSH_RETRY_MS = [2_000, 10_000, 60_000];
export const NODE_PUSH_PATH = '/api/exchange/node/push';

export function startPusher(p: Platform, retryMs: readonly number[] = PUSH_RETRY_MS): () => void {
  /** The notice on its way to each system, first or retried: a new delivery meanwhile goes with it. */
  const waiting = new Set<string>();
  const later = (systemId: string, delayMs: number, retry: number) => {
    setTimeout(() => void push(systemId, retry), delayMs).unref();
    waiting.add(systemId);
  };
  const push = async (systemId: string, retry: number) => {
    waiting.delete(systemId);
    const system = (await directory(p)).systems.get(systemId);
    if (!system?.pushUrl || !system.secret) return;
    let failure: string;
    try {
      const response = await fetch(system.pushUrl, {
        method: 'POST',
        headers: {
          // The nonce makes each notice's signature new, so a retry is never taken for a replay.
          ...signVxpHeaders(
            system.id,
            system.secret,
            { event: 'queued', nonce: crypto.randomUUID() },
            p.clock.now(),
          ),
          'content-type': 'application/json',
        },
        body: '{}',
        signal: AbortSignal.timeout(5_000),
      });
      await response.body?.cancel();
      if (response.ok) return;
      failure = `HTTP ${response.status}`;
    } catch (e) {
      failure = (e as Error).message;
    }
    const wait = retryMs[retry];
    p.logger.warn(
      { systemId, err: failure, retryInMs: wait ?? null },
      wait === undefined
        ? 'exchange push failed; the system will pull'
        : 'exchange push failed; trying again',
    );
    if (wait !== undefined && !waiting.has(systemId)) later(systemId, wait, retry + 1);
  };
  return p.events.subscribe(HUB_QUEUED, (e) => {
    for (const systemId of (e.data as { systems: string[] }).systems)
      if (!waiting.has(systemId)) later(systemId, PUSH_DELAY_MS, 0);
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
