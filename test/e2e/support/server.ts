import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BUILD_WEB_COMMAND, REPO_ROOT, WEB_INDEX } from './paths.js';

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Run on a fresh database on the PostgreSQL server named by DATABASE_URL instead of embedded PGlite. */
  postgres?: boolean;
  /** Extra environment for the server (e.g. lower rate limits). */
  env?: Record<string, string>;
  startupTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A new, empty database on the DATABASE_URL server; returns its URL and how to drop it. */
async function freshPostgres(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cpdt_e2e_${crypto.randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `cpdt exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`,
      );
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`cpdt did not become healthy within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts the real server (`node bin/cpdt.mjs start`: migrate, seed the demo accounts, serve web/dist) as a
 * child process on a free port with a throw-away data folder. Builds nothing: web/dist must exist.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(WEB_INDEX))
    throw new Error(`The web app is not built (${WEB_INDEX} missing). Run: ${BUILD_WEB_COMMAND}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-e2e-'));
  const { DATABASE_URL: serverUrl, ...inherited } = process.env;
  if (options.postgres && !serverUrl) throw new Error('startServer({ postgres: true }) needs DATABASE_URL');
  const database = options.postgres && serverUrl ? await freshPostgres(serverUrl) : null;

  const child = spawn(process.execPath, ['bin/cpdt.mjs', 'start'], {
    cwd: REPO_ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      CPDT_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;

  const cleanUp = async () => {
    await stopChild(child);
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, output, options.startupTimeoutMs ?? 60_000);
  } catch (e) {
    await cleanUp();
    throw e;
  }
  return { url, dataDir, output, stop: cleanUp };
}
