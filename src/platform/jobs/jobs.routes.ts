import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../audit/index.js';
import { AppError, PlatformErrors } from '../errors/index.js';
import { auditContext, requirePermission } from '../http/index.js';
import type { Platform } from '../platform.js';

const JobView = z.object({
  id: z.number(),
  queue: z.string(),
  state: z.enum(['queued', 'running', 'done', 'dead']),
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** Administrators see the durable job queue and put failed jobs back. */
export async function jobsRoutes(app: FastifyInstance, p: Platform, permission: string): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/admin/jobs',
    {
      onRequest: requirePermission(permission),
      schema: {
        tags: ['platform'],
        summary: 'Danh sách công việc nền / Background jobs',
        querystring: z.object({
          state: z.enum(['queued', 'running', 'done', 'dead']).optional(),
          queue: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            counts: z.object({ queued: z.number(), running: z.number(), done: z.number(), dead: z.number() }),
            jobs: z.array(JobView),
          }),
        },
      },
    },
    async (request) => {
      const list = await p.jobs.list(request.query);
      return {
        counts: await p.jobs.counts(),
        jobs: list.map((j) => ({
          id: j.id,
          queue: j.queue,
          state: j.state,
          attempts: j.attempts,
          maxAttempts: j.maxAttempts,
          runAt: j.runAt.toISOString(),
          lastError: j.lastError,
          createdAt: j.createdAt.toISOString(),
          finishedAt: j.finishedAt?.toISOString() ?? null,
        })),
      };
    },
  );
  r.post(
    '/api/admin/jobs/:id/retry',
    {
      onRequest: requirePermission(permission),
      schema: {
        tags: ['platform'],
        summary: 'Chạy lại công việc / Retry a job',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await p.db.transaction(async (tx) => {
        if (!(await p.jobs.retry(tx, request.params.id))) throw new AppError(PlatformErrors.NOT_FOUND);
        await audit(tx, auditContext(request), {
          action: 'platform.job.retry',
          objectType: 'job',
          objectId: String(request.params.id),
        });
      });
      return reply.status(204).send(null);
    },
  );
}
