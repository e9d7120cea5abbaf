import fs from 'node:fs';
import readline from 'node:readline';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { rows, toNumber, type Db, type Executor } from '../db/index.js';
import type { FileStore } from '../files/index.js';
import { quoteIdent, sequenceColumns, tablesInDependencyOrder } from './tables.js';

/**
 * Logical backups that work the same on PGlite and PostgreSQL (and move data between them):
 * gzip'd JSON lines — a header, table rows as JSON (to_jsonb, restored with jsonb_populate_recordset, so
 * every type round-trips), then the content-addressed files in chunks. At national scale, operators use
 * pg_dump and the object store's own replication instead (docs/operations.md).
 */
const FORMAT = 'cpdt-backup';
const VERSION = 1;
const ROWS_PER_LINE = 500;
const FILE_CHUNK = 1024 * 1024;

type Line =
  | {
      kind: 'header';
      format: string;
      version: number;
      createdAt: string;
      database: string;
      migrations: string[];
    }
  | { kind: 'rows'; table: string; rows: unknown[] }
  | { kind: 'file'; sha256: string; part: number; last: boolean; data: string }
  | { kind: 'end'; tables: Record<string, number>; files: number };

export interface BackupSummary {
  tables: Record<string, number>;
  files: number;
}

async function appliedMigrations(db: Executor): Promise<string[]> {
  return (await rows<{ tag: string }>(db, sql`select tag from cpdt_migrations order by tag`)).map(
    (r) => r.tag,
  );
}

export async function writeBackup(
  db: Db,
  kind: string,
  files: FileStore,
  file: string,
): Promise<BackupSummary> {
  const out = new PassThrough();
  const done = pipeline(out, createGzip(), fs.createWriteStream(file, { flags: 'wx' }));
  const write = async (line: Line) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise((r) => out.once('drain', r));
  };
  const summary: BackupSummary = { tables: {}, files: 0 };
  // One snapshot for all tables (repeatable read), so the backup is consistent while the server runs.
  await db.transaction(
    async (tx) => {
      await write({
        kind: 'header',
        format: FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        database: kind,
        migrations: await appliedMigrations(tx),
      });
      for (const table of await tablesInDependencyOrder(tx)) {
        let count = 0;
        let lastCtid: string | null = null;
        for (;;) {
          const page: { r: unknown; c: string }[] = await rows<{ r: unknown; c: string }>(
            tx,
            sql.raw(
              `select to_jsonb(t) as r, t.ctid::text as c from ${quoteIdent(table)} t ${
                lastCtid ? `where t.ctid > '${lastCtid}'::tid` : ''
              } order by t.ctid limit ${ROWS_PER_LINE}`,
            ),
          );
          if (!page.length) break;
          await write({ kind: 'rows', table, rows: page.map((p) => p.r) });
          count += page.length;
          lastCtid = page[page.length - 1]!.c;
        }
        summary.tables[table] = count;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  for await (const sha256 of files.list()) {
    let part = 0;
    let pending: Buffer | null = null;
    for await (const chunk of chunked(await files.open(sha256), FILE_CHUNK)) {
      if (pending)
        await write({ kind: 'file', sha256, part: part++, last: false, data: pending.toString('base64') });
      pending = chunk;
    }
    await write({
      kind: 'file',
      sha256,
      part,
      last: true,
      data: (pending ?? Buffer.alloc(0)).toString('base64'),
    });
    summary.files++;
  }
  await write({ kind: 'end', ...summary });
  out.end();
  await done;
  return summary;
}

async function* chunked(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let buf = Buffer.alloc(0);
  for await (const c of stream) {
    buf = Buffer.concat([buf, c as Buffer]);
    while (buf.length >= size) {
      yield buf.subarray(0, size);
      buf = buf.subarray(size);
    }
  }
  if (buf.length) yield buf;
}

export class BackupError extends Error {}

/** Restores into a freshly migrated, empty database; refuses anything else rather than merging. */
export async function readBackup(db: Db, files: FileStore, file: string): Promise<BackupSummary> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? undefined : (JSON.parse(first.value) as Line);
  if (!header || header.kind !== 'header' || header.format !== FORMAT)
    throw new BackupError(`${file} không phải bản sao lưu CPĐT / is not a CPĐT backup`);
  if (header.version !== VERSION)
    throw new BackupError(
      `Phiên bản sao lưu không được hỗ trợ / Unsupported backup version ${header.version}`,
    );
  const have = await appliedMigrations(db);
  const missing = header.migrations.filter((m) => !have.includes(m));
  if (missing.length)
    throw new BackupError(
      `Bản sao lưu cần phần mềm mới hơn / The backup needs newer software (migrations ${missing.join(', ')})`,
    );
  const summary: BackupSummary = { tables: {}, files: 0 };
  let end: Extract<Line, { kind: 'end' }> | undefined;
  let fileParts: Buffer[] = [];
  await db.transaction(async (tx) => {
    for (const table of await tablesInDependencyOrder(tx)) {
      const [row] = await rows<{ n: unknown }>(tx, sql.raw(`select count(*) as n from ${quoteIdent(table)}`));
      if (toNumber(row?.n) > 0)
        throw new BackupError(
          `Chỉ khôi phục vào cơ sở dữ liệu trống; bảng ${table} đã có dữ liệu / Restore needs an empty database; table ${table} has data`,
        );
    }
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = JSON.parse(next.value) as Line;
      switch (line.kind) {
        case 'rows':
          await tx.execute(
            sql`insert into ${sql.raw(quoteIdent(line.table))} select * from jsonb_populate_recordset(null::${sql.raw(
              quoteIdent(line.table),
            )}, ${JSON.stringify(line.rows)}::jsonb)`,
          );
          summary.tables[line.table] = (summary.tables[line.table] ?? 0) + line.rows.length;
          break;
        case 'file':
          fileParts.push(Buffer.from(line.data, 'base64'));
          if (line.last) {
            const stored = await files.put(Readable.from([Buffer.concat(fileParts)]), {
              maxBytes: Number.MAX_SAFE_INTEGER,
            });
            if (stored.sha256 !== line.sha256)
              throw new BackupError(
                `Tệp ${line.sha256} trong bản sao lưu bị hỏng / File ${line.sha256} is corrupt in the backup`,
              );
            fileParts = [];
            summary.files++;
          }
          break;
        case 'end':
          end = line;
          break;
        case 'header':
          throw new BackupError('Unexpected second header');
      }
    }
    if (!end) throw new BackupError('Bản sao lưu bị cắt cụt / The backup is truncated (no end marker)');
    for (const [table, n] of Object.entries(end.tables))
      if ((summary.tables[table] ?? 0) !== n)
        throw new BackupError(
          `Bản sao lưu bị hỏng, bảng ${table} / Corrupt backup, table ${table}: expected ${n} rows`,
        );
    if (summary.files !== end.files)
      throw new BackupError(`Bản sao lưu bị hỏng / Corrupt backup: expected ${end.files} files`);
    summary.tables = end.tables;
    for (const { table, column } of await sequenceColumns(tx))
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${quoteIdent(table)}', '${column}'), coalesce((select max(${quoteIdent(column)}) from ${quoteIdent(table)}), 0) + 1, false)`,
        ),
      );
  });
  return summary;
}
