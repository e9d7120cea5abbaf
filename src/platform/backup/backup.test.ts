import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { DEMO_ACCOUNTS, seedIdentityDemo } from '../../modules/identity/demo.js';
import { verifyAuditChain } from '../audit/index.js';
import { rows, type Db } from '../db/index.js';
import { readBackup, writeBackup, BackupError } from './backup.js';
import { tablesInDependencyOrder } from './tables.js';

async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await tablesInDependencyOrder(db))
    out[t] = (await rows<{ r: unknown }>(db, sql.raw(`select to_jsonb(x) as r from "${t}" x`)))
      .map((r) => JSON.stringify(r.r))
      .sort();
  return out;
}

describe('backup and restore', () => {
  let source: TestPlatform;
  let target: TestPlatform;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-backup-'));
  const file = path.join(dir, 'b.cpdt.gz');

  beforeAll(async () => {
    source = await testPlatform();
    target = await testPlatform();
  });
  afterAll(async () => {
    await source.close();
    await target.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips every row, the audit chain and the files', async () => {
    await seedIdentityDemo(source);
    await source.jobs.enqueue(
      source.db,
      'demo.queue',
      { text: 'Chính phủ điện tử', n: 1 },
      { dedupeKey: 'k1' },
    );
    const big = Buffer.alloc(2.5 * 1024 * 1024, 7); // spans several chunks
    const stored = await source.files.put(Readable.from([big]), { maxBytes: 10 * 1024 * 1024 });
    const summary = await writeBackup(source.db, source.database.kind, source.files, file);
    expect(summary.files).toBe(1);
    expect(summary.tables['identity_persons']).toBe(DEMO_ACCOUNTS.length);

    const restored = await readBackup(target.db, target.files, file);
    expect(restored).toEqual(summary);
    expect(await snapshot(target.db)).toEqual(await snapshot(source.db));
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
    expect(await target.files.size(stored.sha256)).toBe(big.length);
    // sequences moved past restored ids: a new job gets a fresh id
    const id = await target.jobs.enqueue(target.db, 'demo.queue', {}, {});
    const [max] = await rows<{ m: number }>(target.db, sql`select max(id)::int as m from jobs`);
    expect(id).toBe(max!.m);
  });

  it('refuses to restore over existing data and changes nothing', async () => {
    const before = await snapshot(target.db);
    await expect(readBackup(target.db, target.files, file)).rejects.toBeInstanceOf(BackupError);
    expect(await snapshot(target.db)).toEqual(before);
  });

  it('refuses a file that is not a backup', async () => {
    const bogus = path.join(dir, 'bogus.gz');
    fs.writeFileSync(bogus, (await import('node:zlib')).gzipSync('{"kind":"nope"}\n'));
    await expect(readBackup(target.db, target.files, bogus)).rejects.toThrow('not a CPĐT backup');
  });
});
