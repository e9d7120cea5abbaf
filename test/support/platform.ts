import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadConfig, type Config } from '../../src/platform/config/index.js';
import type { Platform } from '../../src/platform/platform.js';
import { createCpdtPlatform } from '../../src/app.js';
import { testDatabase } from './db.js';
import { provisionTestSeal, testSealEnv } from './softhsm.js';

export interface TestPlatform extends Platform {
  clock: ManualClock;
  close(): Promise<void>;
}

/** A whole platform on a throw-away database and data folder, with a clock the test moves. */
export async function testPlatform(
  env: Record<string, string> = {},
  start = new Date(),
): Promise<TestPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-test-'));
  const config: Config = loadConfig({
    CPDT_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '100000',
    ...testSealEnv(env),
    ...env,
  });
  const database = await testDatabase();
  const clock = new ManualClock(start);
  const p = await createCpdtPlatform(config, {
    database,
    clock,
    migrate: false,
    logger: pino({ level: 'silent' }),
  });
  provisionTestSeal(p, env);
  return {
    ...p,
    clock,
    close: async () => {
      await p.jobs.stop();
      await p.pki.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
