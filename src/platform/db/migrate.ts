import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import { sql } from 'drizzle-orm';
import { rows, type Db } from './database.js';

/**
 * Applies the SQL files that drizzle-kit generated into migrations/, in journal order, each once.
 * One transaction and one advisory lock, so several processes starting together on PostgreSQL
 * do not race; an applied file whose content changed is refused (migrations are append-only).
 */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');

interface JournalEntry {
  idx: number;
  tag: string;
}

export interface MigrationFile {
  tag: string;
  hash: string;
  statements: string[];
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      const text = fs.readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8');
      return {
        tag: e.tag,
        hash: crypto.createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cpdt.migrate'))`);
    await tx.execute(sql`create table if not exists cpdt_migrations (
      tag text primary key, hash text not null, applied_at timestamptz not null default now())`);
    const done = new Map(
      (await rows<{ tag: string; hash: string }>(tx, sql`select tag, hash from cpdt_migrations`)).map((r) => [
        r.tag,
        r.hash,
      ]),
    );
    const applied: string[] = [];
    for (const file of files) {
      const previous = done.get(file.tag);
      if (previous !== undefined) {
        if (previous !== file.hash)
          throw new Error(
            `Migration ${file.tag} was changed after it was applied; add a new migration instead.`,
          );
        continue;
      }
      for (const statement of file.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into cpdt_migrations (tag, hash) values (${file.tag}, ${file.hash})`);
      applied.push(file.tag);
    }
    return applied;
  });
}
