import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/platform/db/index.js';
import { PG_TEMPLATE_ENV, TEMPLATE_ENV } from './global-setup.js';

export interface TestDatabase extends Database {
  /** The connection URL when the test runs on a PostgreSQL server. */
  url: string | undefined;
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped again on close), so the same tests run on both.
 */
export async function testDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const template = process.env[TEMPLATE_ENV];
    if (template && fs.existsSync(template)) {
      const loadDataDir = new Blob([fs.readFileSync(template)]);
      return { ...(await openDatabase({ memory: true, loadDataDir })), url: undefined };
    }
    const database = await openDatabase({ memory: true });
    await migrate(database.db);
    return { ...database, url: undefined };
  }
  const name = `cpdt_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const template = process.env[PG_TEMPLATE_ENV];
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  if (!template) await migrate(database.db);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const onPostgres = () => Boolean(process.env['DATABASE_URL']);
