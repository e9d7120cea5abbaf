// `npm run bench`: HTTP throughput of CPĐT beside a bare Fastify hello-world, written to bench/results/; then
// the live meeting room under 1,000 WebSocket clients (bench/live-room.ts, in its own process), and signed votes
// accepted per second (bench/votes.ts), edXML envelope signatures beside xmlsec1 (bench/xmldsig.ts), and envelopes
// accepted by the exchange hub per second (bench/exchange-hub.ts).
//
// Each server runs in its own child process (its RSS is its own, and the load generator does not share its
// event loop), one at a time so they never compete for CPU. Environment:
//   BENCH_DURATION  seconds measured per run (default 10), after a 2 s warm-up that is not counted
//   DATABASE_URL    run CPĐT on this PostgreSQL server (in a fresh database, dropped afterwards);
//                   without it CPĐT runs on PGlite in a temporary data folder
//
// Benchmarks report, they do not assert timing: the exit code is non-zero only when a run saw errors or
// non-2xx answers, or the persisted writes do not add up; a low health/bare ratio prints a warning.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUN_TS = path.join(ROOT, 'bin/run-ts.mjs');
const RESULTS_DIR = path.join(ROOT, 'bench/results');

const CONNECTIONS = 50;
const PIPELINING = 1;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = positiveNumber(process.env['BENCH_DURATION'], 10);
const HEALTH_FLOOR = 0.5; // the acceptance: health at least half the bare Fastify rate

const MB = 1024 * 1024;

function positiveNumber(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`BENCH_DURATION must be a positive number, got "${raw}"`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// Child servers (protocol in bench/servers/child.ts)

interface Sample {
  peakRssBytes: number;
  rssBytes: number;
  /** Server CPU time (user + system) since the previous reset. */
  cpuMicros: number;
}

class ServerChild {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Record<string, unknown>) => void>();
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly proc: ChildProcess,
    readonly port: number,
  ) {
    proc.on('message', (raw: unknown) => {
      const msg = raw as { id?: number } & Record<string, unknown>;
      const resolve = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (msg.id !== undefined && resolve) {
        this.pending.delete(msg.id);
        resolve(msg);
      }
    });
    proc.on('exit', () => {
      this.exited = true;
      for (const resolve of this.pending.values())
        resolve({ error: `${name} server exited while a request was pending` });
      this.pending.clear();
    });
  }

  static start(
    name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    timeoutMs = 120_000,
  ): Promise<ServerChild> {
    const proc = spawn(process.execPath, [RUN_TS, path.join(ROOT, script)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`${name} server did not report its port within ${timeoutMs} ms`));
      }, timeoutMs);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(timer);
        reject(new Error(`${name} server exited before listening (code ${code}, signal ${signal})`));
      };
      proc.once('exit', onExit);
      const lines = readline.createInterface({ input: proc.stdout! });
      let announced = false;
      lines.on('line', (line) => {
        if (announced) {
          process.stderr.write(`[${name}] ${line}\n`);
          return;
        }
        let port: unknown;
        try {
          port = (JSON.parse(line) as { port?: unknown }).port;
        } catch {
          port = undefined;
        }
        if (typeof port !== 'number') {
          process.stderr.write(`[${name}] ${line}\n`);
          return;
        }
        announced = true;
        clearTimeout(timer);
        proc.off('exit', onExit);
        resolve(new ServerChild(name, proc, port));
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  request(
    cmd: 'sample' | 'stats' | 'stop',
    extra: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error(`${this.name} server has exited`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => {
        if (typeof reply['error'] === 'string') reject(new Error(`${this.name}: ${reply['error']}`));
        else resolve(reply);
      });
      this.proc.send({ id, cmd, ...extra });
    });
  }

  async sample(reset: boolean): Promise<Sample> {
    const reply = await this.request('sample', { reset });
    return {
      peakRssBytes: Number(reply['peakRssBytes']),
      rssBytes: Number(reply['rssBytes']),
      cpuMicros: Number(reply['cpuUserMicros']) + Number(reply['cpuSystemMicros']),
    };
  }

  /** Graceful stop; killed if it does not exit in time. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    try {
      await this.request('stop');
    } catch {
      this.proc.kill('SIGKILL');
    }
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Runs

interface RunSpec {
  name: string;
  server: 'bare' | 'cpdt';
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface RunResult {
  name: string;
  server: 'bare' | 'cpdt';
  method: 'GET' | 'POST';
  path: string;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  requests: number;
  responses2xx: number;
  warmupResponses2xx: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  peakRssMB: number;
  /** Server CPU time per answered request, warm-up included (the CPU sample spans both). */
  serverCpuMicrosPerRequest: number;
  durationSeconds: number;
}

function statusCounts(r: Result): Record<string, number> {
  return Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
}

async function measure(child: ServerChild, spec: RunSpec): Promise<RunResult> {
  await child.sample(true);
  process.stderr.write(
    `… ${spec.name}: ${WARMUP_SECONDS} s warm-up + ${DURATION_SECONDS} s, ${CONNECTIONS} connections\n`,
  );
  const result = await autocannon({
    url: child.url + spec.path,
    method: spec.method,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    duration: DURATION_SECONDS,
    warmup: { connections: CONNECTIONS, duration: WARMUP_SECONDS },
  });
  const { peakRssBytes, cpuMicros } = await child.sample(true);
  const warmup = result.warmup;
  return {
    name: spec.name,
    server: spec.server,
    method: spec.method,
    path: spec.path,
    requestsPerSecond: round(result.requests.average, 1),
    latencyMs: {
      mean: round(result.latency.average, 2),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    requests: result.requests.total,
    responses2xx: result['2xx'],
    warmupResponses2xx: warmup?.['2xx'] ?? 0,
    // The warm-up's failures count too: a run that failed while warming up is not a clean run.
    errors: result.errors + (warmup?.errors ?? 0),
    timeouts: result.timeouts + (warmup?.timeouts ?? 0),
    non2xx: result.non2xx + (warmup?.non2xx ?? 0),
    statusCodes: statusCounts(result),
    peakRssMB: round(peakRssBytes / MB, 1),
    serverCpuMicrosPerRequest: round(
      cpuMicros / Math.max(1, result.requests.total + (warmup?.requests.total ?? 0)),
      1,
    ),
    durationSeconds: result.duration,
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// ---------------------------------------------------------------------------------------------------------
// The database CPĐT runs on

interface BenchDatabase {
  kind: 'pglite' | 'postgres';
  env: NodeJS.ProcessEnv;
  /** Where it is, for the report, without credentials. */
  where: string;
  drop(): Promise<void>;
}

async function prepareDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-bench-'));
    return {
      kind: 'pglite',
      env: { CPDT_DATA_DIR: dir, DATABASE_URL: '' },
      where: 'PGlite in a temporary data folder',
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  // A fresh database on the server, like the tests do: the benchmark's rows never land in a real one.
  const name = `cpdt_bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]
    ?.server_version;
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    where: `PostgreSQL ${version ?? '?'} at ${url.hostname}:${url.port || '5432'} (database ${name})`,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

function gitCommit(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

function packageVersion(name: string): string | null {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
    ) as {
      version?: string;
    };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}

function printTable(runs: RunResult[], idle: Record<string, number>): void {
  const header = [
    'run',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'non-2xx',
    'peak RSS MB',
    'idle RSS MB',
    'server CPU µs/req',
  ];
  const body = runs.map((r) => [
    r.name,
    r.requestsPerSecond.toFixed(0),
    String(r.latencyMs.p50),
    String(r.latencyMs.p99),
    String(r.errors + r.timeouts),
    String(r.non2xx),
    r.peakRssMB.toFixed(1),
    (idle[r.server] ?? 0).toFixed(1),
    r.serverCpuMicrosPerRequest.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

const POST_BODY = JSON.stringify({
  title: 'Báo cáo tình hình kinh tế – xã hội tháng 6 và 6 tháng đầu năm',
  body:
    'Đề nghị các Bộ, cơ quan ngang Bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương ' +
    'rà soát, cho ý kiến về dự thảo Nghị quyết phiên họp Chính phủ thường kỳ; gửi Văn phòng Chính phủ ' +
    'trước ngày 25 tháng 6. Trân trọng cảm ơn sự phối hợp của Quý cơ quan.',
  priority: 'high',
});

const RUNS: RunSpec[] = [
  { name: 'bare GET /', server: 'bare', method: 'GET', path: '/' },
  { name: 'cpdt GET /api/health', server: 'cpdt', method: 'GET', path: '/api/health' },
  {
    name: 'cpdt POST /api/bench/echo',
    server: 'cpdt',
    method: 'POST',
    path: '/api/bench/echo',
    headers: { 'content-type': 'application/json; charset=utf-8', 'accept-language': 'vi' },
    body: POST_BODY,
  },
];

async function main(): Promise<number> {
  const loadAtStart = os.loadavg();
  const database = await prepareDatabase();
  const children: ServerChild[] = [];
  // Ctrl-C: the children get the signal too; still drop the benchmark's database.
  process.once('SIGINT', () => {
    for (const c of children) c.kill();
    void database.drop().finally(() => process.exit(130));
  });
  const runs: RunResult[] = [];
  const idleRssMB: Record<string, number> = {};
  const failures: string[] = [];
  let persisted: Record<string, unknown> = {};
  try {
    for (const server of ['bare', 'cpdt'] as const) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...(server === 'cpdt' ? database.env : {}),
      };
      const started = Date.now();
      const child = await ServerChild.start(server, `bench/servers/${server}.ts`, env);
      children.push(child);
      process.stderr.write(`${server} server listening on ${child.url} after ${Date.now() - started} ms\n`);
      idleRssMB[server] = round((await child.sample(true)).rssBytes / MB, 1);
      for (const spec of RUNS.filter((r) => r.server === server)) runs.push(await measure(child, spec));
      if (server === 'cpdt') persisted = await child.request('stats');
      await child.stop();
    }
  } finally {
    for (const c of children) c.kill();
    await database.drop();
  }

  for (const r of runs) {
    if (r.errors + r.timeouts > 0) failures.push(`${r.name}: ${r.errors} errors, ${r.timeouts} timeouts`);
    if (r.non2xx > 0)
      failures.push(`${r.name}: ${r.non2xx} non-2xx answers ${JSON.stringify(r.statusCodes)}`);
  }
  const post = runs.find((r) => r.method === 'POST');
  const acknowledged = post ? post.responses2xx + post.warmupResponses2xx : 0;
  const items = Number(persisted['items']);
  const audited = Number(persisted['audited']);
  if (post && !(items >= acknowledged && items === audited))
    failures.push(
      `persisted writes do not add up: ${acknowledged} acknowledged, ${items} rows, ${audited} audit records`,
    );

  const bare = runs.find((r) => r.server === 'bare');
  const health = runs.find((r) => r.path === '/api/health');
  const ratio = bare && health ? round(health.requestsPerSecond / bare.requestsPerSecond, 3) : null;
  // The same comparison by server CPU per request: what the ratio would be if the server were the only
  // bottleneck (on a small machine the load generator caps the bare server's rate).
  const cpuRatio =
    bare && health ? round(bare.serverCpuMicrosPerRequest / health.serverCpuMicrosPerRequest, 3) : null;

  const cpus = os.cpus();
  const report = {
    benchmark: 'http',
    database: database.kind,
    databaseDetail: database.where,
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', count: cpus.length },
    memoryTotalMB: Math.round(os.totalmem() / MB),
    versions: { fastify: packageVersion('fastify'), autocannon: packageVersion('autocannon') },
    git: gitCommit(),
    // Other work on the machine skews every figure; the load average says how busy it was.
    loadAverage: {
      atStart: loadAtStart.map((l) => round(l, 2)),
      atEnd: os.loadavg().map((l) => round(l, 2)),
    },
    settings: {
      connections: CONNECTIONS,
      pipelining: PIPELINING,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds: DURATION_SECONDS,
      loadGenerator: 'autocannon, in the parent process; each server in its own child process',
    },
    runs,
    idleRssMB,
    healthToBareRatio: ratio,
    healthToBareCpuRatio: cpuRatio,
    persisted: { acknowledged, items, audited },
    ok: failures.length === 0,
    failures,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `http-${database.kind}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log();
  console.log(
    `CPĐT HTTP benchmark — ${database.where}; node ${process.version}; ${report.cpu.count} × ${report.cpu.model}`,
  );
  console.log(
    `${CONNECTIONS} connections, pipelining ${PIPELINING}, ${WARMUP_SECONDS} s warm-up + ${DURATION_SECONDS} s measured`,
  );
  if (loadAtStart[0]! > cpus.length * 0.5)
    console.log(
      `note: load average ${loadAtStart[0]!.toFixed(1)} on ${cpus.length} CPUs at start: the machine was busy, figures are noisy`,
    );
  console.log();
  printTable(runs, idleRssMB);
  console.log();
  if (post)
    console.log(`persisted: ${items} rows, ${audited} audit records (${acknowledged} acknowledged 201s)`);
  if (ratio !== null) {
    console.log(
      `health / bare = ${ratio.toFixed(3)} by requests/s; ${cpuRatio?.toFixed(3)} by server CPU per request`,
    );
    if (ratio < HEALTH_FLOOR)
      console.warn(`WARNING: /api/health reaches less than ${HEALTH_FLOOR} × the bare Fastify rate`);
  }
  console.log(`results: ${path.relative(ROOT, file)}`);
  for (const f of failures) console.error(`FAILED: ${f}`);
  return failures.length === 0 ? 0 : 1;
}

const httpExit = await main();
const liveRoom = spawnSync(process.execPath, [RUN_TS, path.join(ROOT, 'bench/live-room.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
});
// Signed votes accepted per second beside raw ECDSA P-256 verifications (bench/votes.ts, in its own process).
const votesRun = spawnSync(process.execPath, [RUN_TS, path.join(ROOT, 'bench/votes.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
});
// Enveloped XML signatures on edXML envelopes beside xmlsec1 on the same files (bench/xmldsig.ts).
const xmldsigRun = spawnSync(process.execPath, [RUN_TS, path.join(ROOT, 'bench/xmldsig.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
});
// Envelopes accepted by the exchange hub per second, xmlsec1 on the same envelope beside it (bench/exchange-hub.ts).
const hubRun = spawnSync(process.execPath, [RUN_TS, path.join(ROOT, 'bench/exchange-hub.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exitCode =
  httpExit ||
  (liveRoom.status ?? 1) ||
  (votesRun.status ?? 1) ||
  (xmldsigRun.status ?? 1) ||
  (hubRun.status ?? 1);
