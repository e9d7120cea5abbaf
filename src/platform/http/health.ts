import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/index.js';

const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
});

/**
 * Liveness and database reachability for load balancers. The database probe runs at most once a
 * second however often the route is hit, so health checks never load the database.
 */
export function registerHealth(app: FastifyInstance, database: Database): void {
  let checkedAt = 0;
  let healthy: Promise<boolean> = Promise.resolve(true);
  const probe = () => {
    const now = Date.now();
    if (now - checkedAt >= 1000) {
      checkedAt = now;
      healthy = database.db.execute(sql`select 1`).then(
        () => true,
        () => false,
      );
    }
    return healthy;
  };
  app.get(
    '/api/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['platform'],
        summary: 'Tình trạng hệ thống / Service health',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const ok = await probe();
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database: database.kind });
    },
  );
}
