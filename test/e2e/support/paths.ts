import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const WEB_INDEX = path.join(REPO_ROOT, 'web/dist/index.html');
/** Screenshots land here (git-ignored) for people to look at. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, '.tmp/e2e');
export const BUILD_WEB_COMMAND = 'npx vite build --config web/vite.config.ts';
