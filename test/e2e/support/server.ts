import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { freshPostgres, spawnCpdt } from '../../support/cpdt-process.js';
import { BUILD_WEB_COMMAND, WEB_INDEX } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data folder the demo was installed in once (global-setup.ts), or null on PostgreSQL. */
    e2eDataTemplate: string | null;
  }
}

/**
 * Installs the embedded database with the demo once, for every journey to start from a copy: each server
 * then starts in about two seconds instead of ten (migrations, keys and the demo already made).
 */
export async function makeDataTemplate(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-e2e-template-'));
  const server = await spawnCpdt({ dataDir, startupTimeoutMs: 120_000 });
  await server.stop();
  return dataDir;
}

/** Fills an empty data folder from the template, when there is one (journeys on PGlite). */
export function fromDataTemplate(dataDir: string): void {
  const template = inject('e2eDataTemplate');
  if (template) fs.cpSync(template, dataDir, { recursive: true });
}

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

/**
 * Starts the real server (`node bin/cpdt.mjs start`: migrate, seed the demo accounts, serve web/dist) as a
 * child process on a free port with a throw-away data folder. Builds nothing: web/dist must exist.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(WEB_INDEX))
    throw new Error(`The web app is not built (${WEB_INDEX} missing). Run: ${BUILD_WEB_COMMAND}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-e2e-'));
  const serverUrl = process.env['DATABASE_URL'];
  if (options.postgres && !serverUrl) throw new Error('startServer({ postgres: true }) needs DATABASE_URL');
  const database = options.postgres && serverUrl ? await freshPostgres(serverUrl, 'cpdt_e2e') : null;
  if (!database) fromDataTemplate(dataDir);
  const cleanUpData = async () => {
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const server = await spawnCpdt({
      dataDir,
      databaseUrl: database?.url,
      // Journeys sign in many times from one address; the sign-in rate limit has its own unit test.
      env: { SIGN_IN_RATE_LIMIT_MAX: '1000', ...options.env },
      startupTimeoutMs: options.startupTimeoutMs ?? 60_000,
    });
    return {
      url: server.url,
      dataDir,
      output: () => server.output(),
      stop: async () => {
        await server.stop();
        await cleanUpData();
      },
    };
  } catch (e) {
    await cleanUpData();
    throw e;
  }
}
