import type { FastifyInstance } from 'fastify';
import type { CpdtModule } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { agendaRoutes } from './agenda.routes.js';
import { registerBallotJobs } from './ballots.jobs.js';
import { ballotsRoutes } from './ballots.routes.js';
import { decisionsRoutes } from './decisions.routes.js';
import { bodiesRoutes } from './bodies.routes.js';
import { seedCabinetDemo } from './demo.js';
import { discussionRoutes } from './discussion.routes.js';
import { liveRoutes } from './live.routes.js';
import { meetingsRoutes } from './meetings.routes.js';
import { minutesRoutes } from './minutes.routes.js';
import { papersRoutes } from './papers.routes.js';
import { pollsRoutes } from './polls.routes.js';
import { searchRoutes } from './search.routes.js';
import { registerTaskJobs } from './tasks.jobs.js';
import { tasksRoutes } from './tasks.routes.js';
import { registerViewerJobs } from './viewer.jobs.js';
import { viewerRoutes } from './viewer.routes.js';

/**
 * e-Cabinet: bodies and their rules, meetings, agenda and papers, the paper viewer, discussion and opinions
 * before the meeting, the live room, minutes, conclusion notices and their tasks, search and the dashboard.
 */
async function cabinetRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  await bodiesRoutes(app, p);
  await meetingsRoutes(app, p);
  await agendaRoutes(app, p);
  await papersRoutes(app, p);
  await viewerRoutes(app, p);
  await discussionRoutes(app, p);
  await liveRoutes(app, p);
  await minutesRoutes(app, p);
  await tasksRoutes(app, p);
  await searchRoutes(app, p);
  await pollsRoutes(app, p);
  await ballotsRoutes(app, p);
  await decisionsRoutes(app, p);
}

export const cabinetModule: CpdtModule = {
  name: 'cabinet',
  routes: cabinetRoutes,
  jobs: (p) => {
    registerViewerJobs(p);
    registerTaskJobs(p);
    registerBallotJobs(p);
  },
  seedDemo: seedCabinetDemo,
};

// What the exchange module dispatches as outgoing documents (conclusion notices, ballot results).
export { ballotSource, conclusionSource, type DispatchSource } from './dispatch.sources.js';
export { renderConclusionPdf, sealConclusionPdf } from './conclusions.pdf.js';
