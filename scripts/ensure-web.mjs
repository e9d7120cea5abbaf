// Builds the web app when web/dist is missing or older than its sources, so `npm start` and the
// browser tests always serve the current UI without a separate build step.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isStale } from './freshness.mjs';

const root = path.resolve(import.meta.dirname, '..');
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public'].map((s) =>
  path.join(root, s),
);
if (isStale(path.join(root, 'web/dist/index.html'), sources)) {
  console.log('Đang dựng giao diện web / Building the web app…');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}
