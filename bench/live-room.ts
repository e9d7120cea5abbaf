// `npm run bench` (after the HTTP runs), or alone: node bin/run-ts.mjs bench/live-room.ts
//
// The live meeting room under load: LIVE_CLIENTS (default 1,000) WebSocket clients connected to one meeting,
// the office running it with LIVE_ACTIONS (default 50) actions one after the other (taking up the two agenda
// items in turn: each closes a discussion span and opens one). For each action: the time from sending the
// POST to the last client receiving a snapshot at or after the action's sequence. The server runs in its own
// process (bench/servers/live-room.ts); the clients share this one. Results go to
// bench/results/live-room-<pglite|postgres>.json. Environment:
//   DATABASE_URL   run on this PostgreSQL server (in a fresh database, dropped afterwards)
//
// Benchmarks report, they do not assert timing: the exit code is non-zero only when clients failed to connect
// or an action's change never reached every client.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUN_TS = path.join(ROOT, 'bin/run-ts.mjs');
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const CLIENTS = Number(process.env['LIVE_CLIENTS'] ?? 1000);
const ACTIONS = Number(process.env['LIVE_ACTIONS'] ?? 50);
const WARMUP_ACTIONS = 5;
const DELIVERY_TIMEOUT_MS = 15_000;
const CONNECT_BATCH = 50;

/** The part of the `ws` client used here (the package ships no types). */
interface WsClient {
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (e: Error) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  close(): void;
}
type WsConstructor = new (url: string, options: { headers: Record<string, string> }) => WsClient;
const WebSocket = createRequire(import.meta.url)('ws') as WsConstructor;

interface Seeded {
  database: string;
  seats: number;
  guests: number;
  meetingId: string;
  items: string[];
  actor: string;
  clients: { token: string; view: 'chair' | 'participant' }[];
}

// ---------------------------------------------------------------------------------------------------------
// The server child (protocol in bench/servers/child.ts)

class Child {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Record<string, unknown>) => void>();
  private constructor(
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
  }

  static start(env: NodeJS.ProcessEnv): Promise<Child> {
    const proc = spawn(process.execPath, [RUN_TS, path.join(ROOT, 'bench/servers/live-room.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error('the live-room server did not report its port within 180 s'));
      }, 180_000);
      proc.once('exit', (code) => reject(new Error(`the live-room server exited (code ${code})`)));
      readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
        try {
          const port = (JSON.parse(line) as { port?: unknown }).port;
          if (typeof port === 'number') {
            clearTimeout(timer);
            resolve(new Child(proc, port));
            return;
          }
        } catch {
          // not the port line
        }
        process.stderr.write(`[live-room] ${line}\n`);
      });
    });
  }

  request(
    cmd: 'sample' | 'stats' | 'stop',
    extra: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.proc.send({ id, cmd, ...extra });
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 20_000);
    await this.request('stop').catch(() => this.proc.kill('SIGKILL'));
    await exited;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Clients

/** One connected client: the time each sequence first reached it (a later snapshot covers earlier ones). */
class Client {
  seq = -1;
  bytes = 0;
  private waiter: { seq: number; resolve: (at: number) => void } | null = null;

  constructor(readonly socket: WsClient) {
    socket.on('message', (data) => {
      const at = performance.now();
      const text = data.toString('utf8');
      // The sequence is near the start of a snapshot message: read it without parsing the whole state.
      const i = text.indexOf('"seq":');
      if (!text.startsWith('{"type":"snapshot"') || i < 0) return;
      const seq = parseInt(text.slice(i + 6, i + 20), 10);
      if (seq <= this.seq) return;
      this.seq = seq;
      this.bytes = data.length;
      if (this.waiter && seq >= this.waiter.seq) {
        this.waiter.resolve(at);
        this.waiter = null;
      }
    });
  }

  /** When this client has (or gets) a snapshot at or after `seq`. */
  reached(seq: number): Promise<number> {
    if (this.seq >= seq) return Promise.resolve(0);
    return new Promise((resolve) => {
      this.waiter = { seq, resolve };
    });
  }
}

function connect(url: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie: `cpdt_session=${token}` } });
    const client = new Client(socket);
    socket.on('open', () => resolve(client));
    socket.on('error', reject);
    socket.on('close', (code) => reject(new Error(`closed with ${code}`)));
  });
}

// ---------------------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function prepareDatabase(): Promise<{
  kind: 'pglite' | 'postgres';
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) return { kind: 'pglite', env: { DATABASE_URL: '' }, drop: async () => {} };
  const name = `cpdt_bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function main(): Promise<number> {
  const database = await prepareDatabase();
  const started = Date.now();
  const child = await Child.start({ ...process.env, ...database.env, LIVE_SESSIONS: String(CLIENTS) });
  const clients: Client[] = [];
  try {
    const seeded = (await child.request('stats')) as unknown as Seeded;
    process.stderr.write(`… live room: server ready in ${Date.now() - started} ms on ${seeded.database}\n`);
    const base = `127.0.0.1:${child.port}/api/cabinet/meetings/${seeded.meetingId}/live`;

    const connectStart = performance.now();
    for (let i = 0; i < seeded.clients.length; i += CONNECT_BATCH)
      clients.push(
        ...(await Promise.all(
          seeded.clients.slice(i, i + CONNECT_BATCH).map((c) => connect(`ws://${base}`, c.token)),
        )),
      );
    // Every client has its catch-up snapshot before the actions start.
    await Promise.all(clients.map((c) => c.reached(0)));
    const connectMs = performance.now() - connectStart;
    process.stderr.write(
      `… ${clients.length} clients connected and caught up in ${round(connectMs, 0)} ms\n`,
    );

    const act = async (i: number) => {
      const item = seeded.items[i % seeded.items.length]!;
      const t0 = performance.now();
      const res = await fetch(`http://${base}/item/${item}/start`, {
        method: 'POST',
        headers: { cookie: `cpdt_session=${seeded.actor}` },
      });
      const answered = performance.now();
      if (!res.ok) throw new Error(`action ${i}: HTTP ${res.status} ${await res.text()}`);
      const { seq } = (await res.json()) as { seq: number };
      const arrivals = await Promise.race([
        Promise.all(clients.map((c) => c.reached(seq))),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), DELIVERY_TIMEOUT_MS)),
      ]);
      if (!arrivals) throw new Error(`action ${i}: seq ${seq} did not reach every client`);
      const last = Math.max(answered, ...arrivals);
      return { lastClientMs: last - t0, answerMs: answered - t0 };
    };

    for (let i = 0; i < WARMUP_ACTIONS; i++) await act(i);
    await child.request('sample', { reset: true });
    const lastClient: number[] = [];
    const answers: number[] = [];
    for (let i = 0; i < ACTIONS; i++) {
      const r = await act(WARMUP_ACTIONS + i);
      lastClient.push(r.lastClientMs);
      answers.push(r.answerMs);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const sample = await child.request('sample');
    const sorted = [...lastClient].sort((a, b) => a - b);
    const sortedAnswers = [...answers].sort((a, b) => a - b);
    const result = {
      benchmark: 'live-room',
      date: new Date().toISOString(),
      database: database.kind,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
      clients: clients.length,
      clientViews: {
        chair: seeded.clients.filter((c) => c.view === 'chair').length,
        participant: seeded.clients.filter((c) => c.view === 'participant').length,
      },
      seats: seeded.seats,
      guests: seeded.guests,
      actions: ACTIONS,
      warmupActions: WARMUP_ACTIONS,
      action: 'POST …/live/item/:itemId/start (the two items in turn), one at a time',
      snapshotBytes: clients[0]?.bytes ?? 0,
      connectAndCatchUpMs: round(connectMs, 0),
      actionToLastClientMs: {
        p50: round(percentile(sorted, 50)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1] ?? NaN),
        mean: round(sorted.reduce((n, x) => n + x, 0) / Math.max(1, sorted.length)),
      },
      actionAnswerMs: {
        p50: round(percentile(sortedAnswers, 50)),
        p99: round(percentile(sortedAnswers, 99)),
      },
      aimP99Ms: 250,
      serverPeakRssMB: round(Number(sample['peakRssBytes']) / (1024 * 1024)),
      serverCpuMsPerAction: round(
        (Number(sample['cpuUserMicros']) + Number(sample['cpuSystemMicros'])) / 1000 / ACTIONS,
      ),
      note:
        'Clients run in one process beside the server on the same machine (they share its cores); the time ' +
        'includes decoding each message in the client process. Sessions are spread over the 30 seats and 170 ' +
        'invited guests (about five devices each; the room allows ten per person) plus office screens; the ' +
        'snapshot is built once per audience and sent as one string.',
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `live-room-${database.kind}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `live room (${database.kind}): ${clients.length} clients, ${ACTIONS} actions; action → last client ` +
        `p50 ${result.actionToLastClientMs.p50} ms, p99 ${result.actionToLastClientMs.p99} ms, ` +
        `max ${result.actionToLastClientMs.max} ms (aim p99 < 250 ms); snapshot ${result.snapshotBytes} B`,
    );
    console.log(`written to ${path.relative(ROOT, file)}`);
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    return 1;
  } finally {
    for (const c of clients) c.socket.close();
    await child.stop();
    await database.drop();
  }
}

process.exitCode = await main();
