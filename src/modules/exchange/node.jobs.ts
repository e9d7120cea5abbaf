/**
 * The node's background work: a sync round on the schedule (EXCHANGE_SYNC_MS) and whenever something is queued
 * (kickSync), against the remote hub (EXCHANGE_HUB_URL) or this deployment's own hub in process. With the
 * in-process hub the node's agencies are hosted by the `local` system, kept in step at every round.
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { isAppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { HUB_QUEUED } from './hub.service.js';
import { createSystem, hostAgencies } from './hub.systems.js';
import { ensureConfiguredAgencies, nodeAgencies } from './node.agencies.js';
import { kickSync, nodeHasHub, SYNC_QUEUE } from './node.outbox.js';
import { syncRunner } from './node.sync.js';
import { HttpHubClient, LOCAL_SYSTEM_ID, LocalHubClient, type HubClient } from './node.transport.js';
import { exchangeSystemAgencies, exchangeSystems } from './schema.js';

/** The node's credentials at a remote hub, or null when it uses the in-process hub. */
export function remoteHub(p: Platform): { url: string; systemId: string; secret: string } | null {
  const url = p.config.EXCHANGE_HUB_URL;
  if (!url) return null;
  const systemId = p.config.EXCHANGE_SYSTEM_ID;
  const secret =
    p.config.EXCHANGE_SYSTEM_SECRET ??
    (p.config.EXCHANGE_SYSTEM_SECRET_FILE
      ? fs.readFileSync(p.config.EXCHANGE_SYSTEM_SECRET_FILE, 'utf8').trim()
      : undefined);
  if (!systemId || !secret)
    throw new Error('EXCHANGE_HUB_URL needs EXCHANGE_SYSTEM_ID and EXCHANGE_SYSTEM_SECRET (or _FILE)');
  return { url, systemId, secret };
}

let warnedElsewhere = false;

/** The in-process hub hosts every node agency under the `local` system (registered on first use). */
async function ensureLocalSystem(p: Platform): Promise<void> {
  const agencies = await nodeAgencies(p.db);
  if (agencies.length === 0) return;
  const [system] = await p.db
    .select({ id: exchangeSystems.id })
    .from(exchangeSystems)
    .where(eq(exchangeSystems.id, LOCAL_SYSTEM_ID));
  const hosts = new Map(
    (
      await p.db
        .select({ code: exchangeSystemAgencies.agencyCode, systemId: exchangeSystemAgencies.systemId })
        .from(exchangeSystemAgencies)
    ).map((h) => [h.code, h.systemId]),
  );
  // A node agency another connected system hosts stays with that system: its mail goes there, not here.
  const elsewhere = agencies.filter((a) => (hosts.get(a.code) ?? LOCAL_SYSTEM_ID) !== LOCAL_SYSTEM_ID);
  if (elsewhere.length && !warnedElsewhere) {
    warnedElsewhere = true;
    p.logger.warn(
      { codes: elsewhere.map((a) => `${a.code} → ${hosts.get(a.code)}`) },
      'node agencies hosted by another system on this hub: this node does not receive their documents',
    );
  }
  const missing = agencies.map((a) => a.code).filter((c) => !hosts.has(c));
  if (system && missing.length === 0) return;
  await p.db
    .transaction(async (tx) => {
      if (!system)
        await createSystem(tx, p, {
          id: LOCAL_SYSTEM_ID,
          name: 'Điểm kết nối nội bộ / This deployment',
          agencyCodes: [],
        });
      if (missing.length) await hostAgencies(tx, LOCAL_SYSTEM_ID, missing);
    })
    .catch((e: unknown) => {
      // Two rounds starting together (a kick and the schedule, or two processes): the other one registered it.
      if (
        isAppError(e) &&
        (e.code === 'EXCHANGE_SYSTEM_EXISTS' || e.code === 'EXCHANGE_AGENCY_ALREADY_HOSTED')
      )
        return;
      throw e;
    });
}

export function registerNodeJobs(p: Platform): void {
  const remote = remoteHub(p);
  if (!nodeHasHub(p)) return; // no hub to talk to: not a node
  const client: HubClient = remote
    ? new HttpHubClient(remote.url, remote.systemId, remote.secret)
    : new LocalHubClient(p);
  let configured: Promise<unknown> | null = null;
  const round = syncRunner(p, () => client);
  p.jobs.register(SYNC_QUEUE, async () => {
    configured ??= ensureConfiguredAgencies(p).catch((e: unknown) => {
      configured = null;
      throw e;
    });
    await configured;
    if (!remote) await ensureLocalSystem(p);
    await round();
  });
  p.jobs.every(SYNC_QUEUE, p.config.EXCHANGE_SYNC_MS);
  if (!remote)
    p.events.subscribe(HUB_QUEUED, (e) => {
      if ((e.data as { systems: string[] }).systems.includes(LOCAL_SYSTEM_ID))
        void kickSync(p.db, p).catch(() => {});
    });
}
