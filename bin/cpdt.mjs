#!/usr/bin/env node
// The `cpdt` command: runs the bundled server, re-bundling first if the sources changed.
import { pathToFileURL } from 'node:url';
import { ensureServer } from '../scripts/ensure-server.mjs';

const bundle = await ensureServer();
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
