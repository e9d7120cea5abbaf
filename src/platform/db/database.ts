import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { lockDataDir, type DirLock } from './lock.js';

/** The one database type every module uses; PGlite and PostgreSQL both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** A connection or an open transaction (a transaction is a PgDatabase too): what repositories accept. */
export type Executor = Db;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
  /** Embedded only: the whole data folder as a tarball (test templates). */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenOptions {
  /** postgres://… to use a server; otherwise PGlite. */
  url?: string | undefined;
  /** Data folder for PGlite; ignored for a server. */
  dataDir?: string;
  /** PGlite in memory (tests). */
  memory?: boolean;
  /** Restore PGlite from a data-dir tarball (tests start from a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // Dates and timestamps stay as returned; bigint counts are normalised in rows() callers via toNumber().
    pool.on('error', () => undefined); // idle client errors surface on next use
    const client = await pool.connect(); // fail fast with a clear error if the server is absent
    client.release();
    return { db: drizzlePg(pool) as unknown as Db, kind: 'postgres', close: () => pool.end() };
  }
  let lock: DirLock | undefined;
  let dir: string | undefined;
  if (!opts.memory) {
    if (!opts.dataDir) throw new Error('dataDir is required for the embedded database');
    lock = lockDataDir(opts.dataDir);
    dir = path.join(opts.dataDir, 'pg');
  }
  try {
    const client = await PGlite.create({
      ...(dir ? { dataDir: dir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      extensions: { unaccent },
    });
    return {
      db: drizzlePglite(client) as unknown as Db,
      kind: 'pglite',
      dumpDataDir: () => client.dumpDataDir('none'),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

/** Rows of a raw query, the same on both drivers. */
export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** PGlite returns numbers for count(*) and bigint, pg returns strings: normalise in one place. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  if (value == null) return 0;
  throw new TypeError(`Not a number: ${JSON.stringify(value)}`);
}
