// The real CPĐT server (createCpdtPlatform + createApp, every hook and plugin production runs), in its own
// process for bench/run.ts: PGlite in a temporary data folder, or PostgreSQL when DATABASE_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApp } from '../../src/app.js';
import { audit } from '../../src/platform/audit/index.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { rows, toNumber } from '../../src/platform/db/index.js';
import { auditContext } from '../../src/platform/http/index.js';
import type { Platform } from '../../src/platform/platform.js';
import { createCpdtPlatform } from '../../src/app.js';
import { serveBenchChild } from './child.js';

const BENCH_ACTION = 'bench.item.create';

/**
 * Why this route lives here and not in src/: a benchmark-only endpoint must never ship in production code,
 * and the only persisted route production has today (sign-in) is argon2-bound and rate limited by design,
 * so it measures password hashing, not the platform. This route is added to the app this benchmark built,
 * after createApp, so it runs behind every production hook (request id, locale, cookie, helmet, actor,
 * rate limit, metrics, error handler) and does what a module write does: a zod body validated by the
 * type provider, one transaction holding the insert and its hash-chained audit record, a zod-serialised
 * reply. Its table is created here with raw SQL and is not part of the migrations.
 */
const BenchItem = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(2000),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
});

const BenchItemCreated = z.object({
  id: z.string(),
  title: z.string(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  createdAt: z.string(),
});

async function createBenchTable(p: Platform): Promise<void> {
  await p.db.execute(sql`
    create table if not exists bench_items (
      id bigint generated always as identity primary key,
      title text not null,
      body text not null,
      priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
      created_at timestamptz not null default now()
    )`);
}

function registerBenchRoute(app: FastifyInstance, p: Platform): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/bench/echo',
    {
      schema: {
        hide: true,
        body: BenchItem,
        response: { 201: BenchItemCreated },
      },
    },
    async (request, reply) => {
      const item = request.body;
      const created = await p.db.transaction(async (tx) => {
        const [row] = await rows<{ id: unknown; created_at: unknown }>(
          tx,
          sql`insert into bench_items (title, body, priority)
              values (${item.title}, ${item.body}, ${item.priority})
              returning id, created_at`,
        );
        if (!row) throw new Error('insert returned no row');
        const id = String(toNumber(row.id));
        await audit(tx, auditContext(request), {
          action: BENCH_ACTION,
          objectType: 'bench_item',
          objectId: id,
          after: item,
        });
        const createdAt = row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at));
        return { id, title: item.title, priority: item.priority, createdAt: createdAt.toISOString() };
      });
      return reply.status(201).send(created);
    },
  );
}

const env = { ...process.env };
let tempDir: string | undefined;
if (!env['CPDT_DATA_DIR']) {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-bench-'));
  env['CPDT_DATA_DIR'] = tempDir;
}
const config = loadConfig({
  ...env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  // Enabled, as in production, but far above what one benchmark can send from one address.
  RATE_LIMIT_MAX: env['RATE_LIMIT_MAX'] ?? '1000000000',
});
const p = await createCpdtPlatform(config);
await createBenchTable(p);
const app = await createApp(p, { serveWeb: false, logger: false });
registerBenchRoute(app, p);
await app.listen({ port: 0, host: config.HOST });
p.jobs.start();

serveBenchChild(app.server.address(), {
  stats: async () => {
    const [items] = await rows<{ n: unknown }>(p.db, sql`select count(*) as n from bench_items`);
    const [audited] = await rows<{ n: unknown }>(
      p.db,
      sql`select count(*) as n from audit_log where action = ${BENCH_ACTION}`,
    );
    return { database: p.database.kind, items: toNumber(items?.n), audited: toNumber(audited?.n) };
  },
  stop: async () => {
    await app.close();
    await p.jobs.stop();
    await p.database.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  },
});
