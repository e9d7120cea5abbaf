import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CpdtRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * One `cpdt …` command as an operator types it (node bin/cpdt.mjs in a child process), its output read back.
 * The child gets this process's environment without the database, CA passphrase, seal and token settings, so
 * `env` alone says which data folder, token and key it uses.
 */
export function runCpdt(args: string[], env: Record<string, string>): Promise<CpdtRun> {
  const { DATABASE_URL: _db, CPDT_CA_PASSPHRASE: _ca, ...inherited } = process.env;
  for (const key of Object.keys(inherited))
    if (key.startsWith('PKCS11_') || key.startsWith('SEAL_')) delete inherited[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/cpdt.mjs', ...args], {
      cwd: REPO_ROOT,
      env: { ...inherited, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A real `cpdt` server process (bin/cpdt.mjs), as an operator would run it. */
export interface CpdtProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** SIGTERM (graceful), then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
  /** kill -9: no shutdown code runs at all. */
  kill9(): Promise<void>;
}

export async function freePort(): Promise<number> {
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
export async function freshPostgres(
  serverUrl: string,
  prefix = 'cpdt_proc',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
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

export interface SpawnOptions {
  dataDir: string;
  /** Use this PostgreSQL database instead of the embedded one. */
  databaseUrl?: string | undefined;
  env?: Record<string, string>;
  command?: 'start' | 'serve';
  startupTimeoutMs?: number;
  /** A fixed port (a restarted server keeps its address); a free one otherwise. */
  port?: number;
}

/** Starts `node bin/cpdt.mjs start` on a free port and waits until /api/health answers. */
export async function spawnCpdt(o: SpawnOptions): Promise<CpdtProcess> {
  const port = o.port ?? (await freePort());
  // Each server's own VNeID simulator (demo mode), so servers started side by side do not compete for one.
  const eidPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['bin/cpdt.mjs', o.command ?? 'start'], {
    cwd: REPO_ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      CPDT_DATA_DIR: o.dataDir,
      LOG_LEVEL: 'warn',
      EID_SIMULATOR_PORT: String(eidPort),
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited(child);
    clearTimeout(timer);
  };
  const kill9 = async () => {
    child.kill('SIGKILL');
    await exited(child);
  };
  try {
    await waitForHealth(url, child, output, o.startupTimeoutMs ?? 60_000);
  } catch (e) {
    await kill9();
    throw e;
  }
  return { url, child, output, stop, kill9 };
}
