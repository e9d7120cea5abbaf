import fs from 'node:fs';
import { CHROMIUM_PATH, chromiumInstalled } from './browser.js';
import { BUILD_WEB_COMMAND, WEB_INDEX } from './paths.js';

/** Runs once before the e2e files: say loudly when journeys cannot run, fail clearly when the app is not built. */
export default function setup(): void {
  if (!chromiumInstalled) {
    const line = '!'.repeat(72);
    console.warn(
      `\n${line}\n!!  CHROMIUM NOT INSTALLED — browser journeys skipped\n!!  (expected ${CHROMIUM_PATH}; install: apt-get install chromium)\n${line}\n`,
    );
    return;
  }
  if (!fs.existsSync(WEB_INDEX)) throw new Error(`The web app is not built. Run first: ${BUILD_WEB_COMMAND}`);
}
