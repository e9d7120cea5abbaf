import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, chromiumInstalled } from './browser.js';
import { BUILD_WEB_COMMAND, WEB_INDEX } from './paths.js';
import { makeDataTemplate } from './server.js';

/**
 * Runs once before the e2e files: say loudly when journeys cannot run, fail clearly when the app is not built,
 * and install the demo once on the embedded database for the journeys to start from (server.ts).
 */
export default async function setup(project: TestProject): Promise<(() => void) | void> {
  project.provide('e2eDataTemplate', null);
  if (!chromiumInstalled) {
    const line = '!'.repeat(72);
    console.warn(
      `\n${line}\n!!  CHROMIUM NOT INSTALLED — browser journeys skipped\n!!  (expected ${CHROMIUM_PATH}; install: apt-get install chromium)\n${line}\n`,
    );
    return;
  }
  if (!fs.existsSync(WEB_INDEX)) throw new Error(`The web app is not built. Run first: ${BUILD_WEB_COMMAND}`);
  if (process.env['DATABASE_URL']) return; // each journey makes its own PostgreSQL database
  const template = await makeDataTemplate();
  project.provide('e2eDataTemplate', template);
  return () => fs.rmSync(template, { recursive: true, force: true });
}
