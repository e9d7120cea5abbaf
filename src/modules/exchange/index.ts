import type { FastifyInstance } from 'fastify';
import type { CpdtModule } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { dispatchRoutes } from './dispatch.routes.js';
import { hubAdminRoutes } from './hub.admin.routes.js';
import { hubVxpRoutes } from './hub.vxp.routes.js';
import { seedExchangeDemo } from './node.demo.js';
import { registerNodeJobs } from './node.jobs.js';
import { nodeRoutes } from './node.routes.js';
import { nodePushRoutes, startPusher } from './push.js';

/**
 * Document exchange: the hub (the axis: connected systems, routing, per-recipient queues, the trace) when
 * EXCHANGE_HUB is on, and the agency node (incoming and outgoing documents, statuses) for the agencies in
 * exchange_node_agencies, talking to a remote hub (EXCHANGE_HUB_URL) or to its own.
 */
async function exchangeRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  if (p.config.EXCHANGE_HUB === 'on') {
    await hubVxpRoutes(app, p);
    await hubAdminRoutes(app, p);
    startPusher(p);
  }
  await nodeRoutes(app, p);
  await dispatchRoutes(app, p);
  await nodePushRoutes(app, p);
}

export const exchangeModule: CpdtModule = {
  name: 'exchange',
  routes: exchangeRoutes,
  jobs: registerNodeJobs,
  seedDemo: seedExchangeDemo,
};

export { composeOutbound } from './node.compose.js';
