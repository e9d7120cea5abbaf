import fs from 'node:fs';
import path from 'node:path';
import { migrate, openDatabase, readMigrations } from '../../src/platform/db/index.js';
import { PROJECT_ROOT } from '../../src/platform/paths.js';

/**
 * PGlite start-up (initdb) and migrations take seconds; every test file needs a fresh database. Build one
 * migrated data folder per set of migrations, once per run, and let each test file load a copy of it.
 */
export const TEMPLATE_ENV = 'CPDT_TEST_PGLITE_TEMPLATE';

export default async function setup(): Promise<void> {
  if (process.env['DATABASE_URL']) return;
  const key = readMigrations()
    .map((m) => m.hash.slice(0, 8))
    .join('-');
  const dir = path.join(PROJECT_ROOT, '.tmp');
  const file = path.join(dir, `pglite-template-${key.length > 80 ? key.slice(-80) : key}.tar`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const database = await openDatabase({ memory: true });
    await migrate(database.db);
    const dump = await database.dumpDataDir!();
    fs.writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${file}.tmp`, file);
    await database.close();
  }
  process.env[TEMPLATE_ENV] = file;
}
