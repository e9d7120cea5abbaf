// Bundles the server (src/ → dist/cli.mjs) with esbuild when the bundle is missing or stale. Running a
// bundle instead of transpiling on the fly takes start-up from seconds to well under one.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { isStale } from './freshness.mjs';

const root = path.resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = path.join(root, 'dist/cli.mjs');

export async function ensureServer() {
  if (!isStale(SERVER_BUNDLE, [path.join(root, 'src'), path.join(root, 'package.json')]))
    return SERVER_BUNDLE;
  const tmp = `${SERVER_BUNDLE}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  fs.renameSync(tmp, SERVER_BUNDLE); // atomic: a concurrent start never loads half a file
  return SERVER_BUNDLE;
}
