import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { backupRoutes } from './platform/backup/backup.routes.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { createHttpApp, registerHealth, registerMetrics } from './platform/http/index.js';
import { jobsRoutes } from './platform/jobs/jobs.routes.js';
import { notifyRoutes } from './platform/notify/index.js';
import type { CpdtModule } from './platform/module.js';
import { createPlatform, type Platform, type PlatformOptions } from './platform/platform.js';
import type { Config } from './platform/config/index.js';
import { PROJECT_ROOT } from './platform/paths.js';
import { cabinetModule } from './modules/cabinet/index.js';
import { exchangeModule } from './modules/exchange/index.js';
import {
  findPersonContact,
  identityModule,
  Permissions,
  sessionActorResolver,
} from './modules/identity/index.js';

/** The platform wired to this deployment's modules: the one way the CLI, tests and benchmarks build it. */
export function createCpdtPlatform(
  config: Config,
  opts: Omit<PlatformOptions, 'contacts'> = {},
): Promise<Platform> {
  return createPlatform(config, { ...opts, contacts: findPersonContact });
}

/** The composition root: which modules this platform runs. Add a module here and nowhere else. */
export const MODULES: readonly CpdtModule[] = [identityModule, cabinetModule, exchangeModule];

export const WEB_DIST = path.join(PROJECT_ROOT, 'web/dist');

export interface CreateAppOptions {
  /** Serve the built web app (production); API tests leave it out. */
  serveWeb?: boolean;
  logger?: boolean | object;
}

export async function createApp(p: Platform, opts: CreateAppOptions = {}): Promise<FastifyInstance> {
  const webBuilt = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  const app = await createHttpApp({
    config: p.config,
    resolveActor: sessionActorResolver(p),
    webRoot: opts.serveWeb !== false && webBuilt ? WEB_DIST : undefined,
    ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
  });
  registerHealth(app, p.database);
  registerMetrics(app);
  await jobsRoutes(app, p, Permissions.adminJobs);
  await calendarRoutes(app, p, Permissions.adminCalendar);
  await backupRoutes(app, p, Permissions.adminBackup);
  await notifyRoutes(app, p, { outboxPermission: Permissions.adminOutbox });
  for (const m of MODULES) {
    m.jobs?.(p);
    if (m.routes) await m.routes(app, p);
  }
  return app;
}
