import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/db.js';
import { audit, auditFailure, verifyAuditChain } from './audit.js';

const ctx = { actorId: 'p1', agencyId: '000.00.00.G22', ip: '127.0.0.1', requestId: 'req-1' };

describe('audit log', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await testDatabase();
  });
  afterAll(() => d.close());

  it('chains records and verifies', async () => {
    for (let i = 0; i < 5; i++)
      await d.db.transaction((tx) =>
        audit(tx, ctx, { action: 'test.change', objectType: 'thing', objectId: String(i), after: { i } }),
      );
    await auditFailure(d.db, ctx, { action: 'test.change', detail: 'FORBIDDEN' });
    const r = await verifyAuditChain(d.db);
    expect(r).toEqual({ ok: true, checked: 6 });
  });

  it('a rolled-back change leaves no audit record', async () => {
    const before = await verifyAuditChain(d.db);
    await expect(
      d.db.transaction(async (tx) => {
        await audit(tx, ctx, { action: 'test.rollback' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await verifyAuditChain(d.db)).checked).toBe(before.checked);
  });

  it('names the first altered record', async () => {
    await d.db.execute(sql`update audit_log set object_id = 'forged' where object_id = '2'`);
    const r = await verifyAuditChain(d.db);
    expect(r.ok).toBe(false);
    expect(r.brokenAt?.reason).toBe('hash');
    expect(r.checked).toBe(2);
  });

  it('detects a removed record', async () => {
    const d2 = await testDatabase();
    try {
      for (let i = 0; i < 3; i++)
        await d2.db.transaction((tx) => audit(tx, ctx, { action: 'x', objectId: String(i) }));
      await d2.db.execute(sql`delete from audit_log where object_id = '1'`);
      const r = await verifyAuditChain(d2.db);
      expect(r).toMatchObject({ ok: false, checked: 1, brokenAt: { reason: 'link' } });
    } finally {
      await d2.close();
    }
  });
});
