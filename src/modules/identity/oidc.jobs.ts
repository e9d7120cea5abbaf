import type { Platform } from '../../platform/platform.js';
import { purgeExpiredOidcPayloads } from './oidc.adapter.js';

export const OIDC_PURGE_QUEUE = 'identity.oidc.purge';
const PURGE_EVERY_MS = 60 * 60_000;

/** Platforms whose job runner already knows the purge (an app built twice on one platform, in tests). */
const registered = new WeakSet<object>();

/** Hourly, across all processes: expired codes, tokens, sessions and interactions leave the database. */
export function registerOidcJobs(p: Platform): void {
  if (registered.has(p.jobs)) return;
  registered.add(p.jobs);
  p.jobs.register(OIDC_PURGE_QUEUE, async () => {
    const purged = await purgeExpiredOidcPayloads(p.db, p.clock.now());
    if (purged) p.logger.info({ purged }, 'expired OIDC provider rows purged');
  });
  p.jobs.every(OIDC_PURGE_QUEUE, PURGE_EVERY_MS);
}
