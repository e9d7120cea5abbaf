import type { FastifyInstance } from 'fastify';
import type { CpdtModule } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { agendaRoutes } from './agenda.routes.js';
import { bodiesRoutes } from './bodies.routes.js';
import { seedCabinetDemo } from './demo.js';
import { meetingsRoutes } from './meetings.routes.js';
import { papersRoutes } from './papers.routes.js';

/** e-Cabinet: bodies and their rules, meetings, agenda and papers (more to come: live room, minutes, tasks). */
async function cabinetRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  await bodiesRoutes(app, p);
  await meetingsRoutes(app, p);
  await agendaRoutes(app, p);
  await papersRoutes(app, p);
}

export const cabinetModule: CpdtModule = {
  name: 'cabinet',
  routes: cabinetRoutes,
  seedDemo: seedCabinetDemo,
};
