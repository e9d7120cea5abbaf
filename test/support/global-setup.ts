import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrate, openDatabase, readMigrations } from '../../src/platform/db/index.js';
import { PROJECT_ROOT } from '../../src/platform/paths.js';

/**
 * PGlite start-up (initdb) and migrations take seconds; every test file needs a fresh database. Build one
 * migrated data folder per set of migrations, once per run, and let each test file load a copy of it.
 */
export const TEMPLATE_ENV = 'CPDT_TEST_PGLITE_TEMPLATE';
/** On a PostgreSQL server: the migrated template database each test file's database is copied from. */
export const PG_TEMPLATE_ENV = 'CPDT_TEST_PG_TEMPLATE';

export default async function setup(): Promise<void> {
  const key = readMigrations()
    .map((m) => m.hash.slice(0, 8))
    .join('-');
  const serverUrl = process.env['DATABASE_URL'];
  if (serverUrl) {
    process.env[PG_TEMPLATE_ENV] = await pgTemplate(serverUrl, key);
    return;
  }
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

/**
 * A migrated database named after the migrations' hashes, made once per server and set of migrations:
 * CREATE DATABASE … TEMPLATE copies it in a fraction of the time migrating each test file's database takes.
 */
async function pgTemplate(serverUrl: string, key: string): Promise<string> {
  const name = `cpdt_tmpl_${crypto.createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return name;
    // Built under another name and renamed when complete: a run cut short never leaves a half-made template.
    const building = `${name}_${crypto.randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${building}`);
    const url = new URL(serverUrl);
    url.pathname = `/${building}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 1 });
    await migrate(database.db);
    await database.close();
    try {
      await admin.query(`alter database ${building} rename to ${name}`);
    } catch (e) {
      // Another run made it meanwhile: use theirs.
      await admin.query(`drop database if exists ${building} with (force)`);
      const again = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (!again.rowCount) throw e;
    }
    return name;
  } finally {
    await admin.end();
  }
}
