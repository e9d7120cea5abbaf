import crypto from 'node:crypto';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock/index.js';
import { rows, toNumber, type Db, type Executor } from '../db/index.js';
import { jobs, type JobState } from './schema.js';

export interface JobInfo {
  id: number;
  queue: string;
  attempts: number;
}
export type JobHandler<P = unknown> = (payload: P, job: JobInfo) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  /** Enqueue at most once per key (idempotent producers, periodic schedules). */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface JobsOptions {
  pollMs?: number;
  concurrency?: number;
  /** How long a claimed job is ours; after that a crashed runner's job is taken by another. */
  leaseMs?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  clock?: Clock;
}

interface Schedule {
  queue: string;
  everyMs: number;
}

/** Exponential back-off with jitter, capped at one hour. */
export function backoffMs(attempts: number): number {
  const base = Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Durable job runner over the `jobs` table. At-least-once: a job runs again only if its runner died
 * before marking it done, so handlers are written to be idempotent. Several processes may run it.
 */
export class Jobs {
  readonly workerId = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules: Schedule[] = [];
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private started = false;
  private wakeRequested = false;
  private ticking: Promise<void> | undefined;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly db: Db,
    private readonly opts: JobsOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 1000;
    this.concurrency = opts.concurrency ?? 4;
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.clock = opts.clock ?? systemClock;
  }

  register<P>(queue: string, handler: JobHandler<P>): void {
    if (this.handlers.has(queue)) throw new Error(`Job queue ${queue} registered twice`);
    this.handlers.set(queue, handler as JobHandler);
  }

  /** Runs `queue` once per period across all processes (the period number is the dedupe key). */
  every(queue: string, everyMs: number): void {
    this.schedules.push({ queue, everyMs });
  }

  /** Enqueue inside the caller's transaction: the job exists if and only if the change committed. */
  async enqueue(
    exec: Executor,
    queue: string,
    payload: unknown,
    o: EnqueueOptions = {},
  ): Promise<number | null> {
    const inserted = await exec
      .insert(jobs)
      .values({
        queue,
        payload: payload ?? {}, // the column is NOT NULL; "no payload" is an empty object
        runAt: o.runAt ?? this.clock.now(),
        maxAttempts: o.maxAttempts ?? 8,
        dedupeKey: o.dedupeKey ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    if (inserted.length) this.wake();
    return inserted[0]?.id ?? null;
  }

  /**
   * Asks for one run of `queue` soon, unless one is already waiting to start: requests in a burst make one run,
   * and a request while a run is under way makes another after it (a dedupe key would swallow it). Inside a
   * transaction the job exists only if the change commits, and the waiting run it joins is locked until then,
   * so that run cannot start before the change is visible to it. Two processes asking at once may make two runs.
   */
  async nudge(exec: Executor, queue: string): Promise<void> {
    const waiting = await rows<{ id: number }>(
      exec,
      sql`select id from jobs where queue = ${queue} and state = 'queued' limit 1 for update`,
    );
    if (waiting.length) return;
    await this.enqueue(exec, queue, null, { maxAttempts: 1 });
  }

  start(): void {
    this.stopping = false;
    this.started = true;
    this.schedule(0);
  }

  /** Stop claiming new work and wait for jobs in flight (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.running]);
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wakeRequested = false;
      this.ticking = this.tick()
        .then(() => undefined)
        .catch((e: unknown) => this.opts.logger?.error({ err: e }, 'job tick failed'))
        .finally(() => {
          this.ticking = undefined;
          this.schedule(this.wakeRequested ? 0 : this.pollMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** A job enqueued now should not wait a whole poll interval. */
  private wake(): void {
    if (!this.started) return;
    if (this.ticking) this.wakeRequested = true;
    else this.schedule(5);
  }

  /** One pass: enqueue due schedules, claim what is due, run it. Returns how many jobs ran. */
  async tick(): Promise<number> {
    if (this.stopping) return 0;
    await this.enqueueSchedules();
    const free = this.concurrency - this.running.size;
    if (free <= 0) return 0;
    const claimed = await this.claim(free);
    const runs = claimed.map((job) => this.run(job));
    await Promise.all(runs);
    return claimed.length;
  }

  /** Runs every due job until none is left (tests, CLI). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.tick();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  private async enqueueSchedules(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const s of this.schedules) {
      const period = Math.floor(now / s.everyMs);
      await this.enqueue(this.db, s.queue, null, { dedupeKey: `${s.queue}@${period}`, maxAttempts: 1 });
    }
  }

  private async claim(limit: number): Promise<(typeof jobs.$inferSelect)[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const queues = [...this.handlers.keys()];
    if (!queues.length) return [];
    const claimed = await rows<{ id: number | string }>(
      this.db,
      sql`update jobs set state = 'running', attempts = attempts + 1, locked_by = ${this.workerId},
            locked_until = ${leaseUntil.toISOString()}, updated_at = ${now.toISOString()}
          where id in (
            select id from jobs
            where queue in (${sql.join(
              queues.map((q) => sql`${q}`),
              sql`, `,
            )})
              and ((state = 'queued' and run_at <= ${now.toISOString()})
                or (state = 'running' and locked_until < ${now.toISOString()}))
            order by run_at, id
            limit ${limit}
            for update skip locked)
          returning id`,
    );
    if (!claimed.length) return [];
    return this.db
      .select()
      .from(jobs)
      .where(
        sql`${jobs.id} in (${sql.join(
          claimed.map((c) => sql`${toNumber(c.id)}`),
          sql`, `,
        )})`,
      );
  }

  private run(job: typeof jobs.$inferSelect): Promise<void> {
    const handler = this.handlers.get(job.queue);
    const p = (async () => {
      try {
        if (!handler) throw new Error(`No handler for ${job.queue}`);
        await handler(job.payload, { id: job.id, queue: job.queue, attempts: job.attempts });
        await this.finish(job.id, { state: 'done', finishedAt: this.clock.now(), lastError: null });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const dead = job.attempts >= job.maxAttempts;
        this.opts.logger?.warn(
          { jobId: job.id, queue: job.queue, attempts: job.attempts, err: message },
          'job failed',
        );
        await this.finish(job.id, {
          state: dead ? 'dead' : 'queued',
          runAt: new Date(this.clock.now().getTime() + backoffMs(job.attempts)),
          lastError: message.slice(0, 2000),
          ...(dead ? { finishedAt: this.clock.now() } : {}),
        });
      }
    })();
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** Only the runner that still holds the lease may settle the job. */
  private async finish(id: number, set: Partial<typeof jobs.$inferInsert>): Promise<void> {
    await this.db
      .update(jobs)
      .set({ ...set, lockedBy: null, lockedUntil: null, updatedAt: this.clock.now() })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, this.workerId)));
  }

  async list(filter: { state?: JobState; queue?: string; limit?: number } = {}) {
    const where: SQL[] = [];
    if (filter.state) where.push(eq(jobs.state, filter.state));
    if (filter.queue) where.push(eq(jobs.queue, filter.queue));
    return this.db
      .select()
      .from(jobs)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(jobs.id))
      .limit(filter.limit ?? 100);
  }

  async counts(): Promise<Record<JobState, number>> {
    const result = await rows<{ state: JobState; n: unknown }>(
      this.db,
      sql`select state, count(*) as n from jobs group by state`,
    );
    const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
    for (const r of result) counts[r.state] = toNumber(r.n);
    return counts;
  }

  /** An administrator puts a dead (or waiting) job back to run now. */
  async retry(exec: Executor, id: number): Promise<boolean> {
    const updated = await exec
      .update(jobs)
      .set({
        state: 'queued',
        runAt: this.clock.now(),
        attempts: 0,
        lastError: null,
        updatedAt: this.clock.now(),
      })
      .where(and(eq(jobs.id, id), sql`${jobs.state} in ('dead', 'queued')`))
      .returning({ id: jobs.id });
    if (updated.length) this.wake();
    return updated.length > 0;
  }
}
