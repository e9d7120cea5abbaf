import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { totpCode, totpStep } from '../../src/modules/identity/totp.js';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit/index.js';
import { openDatabase, rows } from '../../src/platform/db/index.js';
import { freshPostgres, spawnCpdt } from '../support/cpdt-process.js';

/**
 * "Nothing acknowledged is lost": 200 concurrent writes, the server is killed with SIGKILL while they are
 * in flight, and every write that got a 2xx must be in the database afterwards, with the audit chain intact.
 * The write is a real route: an administrator's test notification (notification rows, a delivery job and an
 * audit record in one transaction).
 */
describe('kill -9 during concurrent writes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-crash-'));
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged write', async () => {
    const serverUrl = process.env['DATABASE_URL'];
    const database = serverUrl ? await freshPostgres(serverUrl, 'cpdt_crash') : undefined;
    drop = database?.drop;
    const env = { RATE_LIMIT_MAX: '100000', JOB_POLL_MS: '60000' };
    const server = await spawnCpdt({ dataDir, databaseUrl: database?.url, env });

    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = await enrolTotp(server.url, signIn.headers.get('set-cookie')!.split(';')[0]!);

    const acknowledged: string[] = [];
    let failed = 0;
    let killed: Promise<void> | undefined;
    const write = async () => {
      try {
        const res = await fetch(`${server.url}/api/admin/notifications/test`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ channels: ['inapp'] }),
        });
        if (res.status >= 200 && res.status < 300) {
          const body = (await res.json()) as { messages: { id: string }[] };
          acknowledged.push(...body.messages.map((m) => m.id));
          if (acknowledged.length >= 40) killed ??= server.kill9(); // mid-flight
        } else failed++;
      } catch {
        failed++; // connection reset by the kill: never acknowledged, may or may not be stored
      }
    };
    await Promise.all(Array.from({ length: 200 }, write));
    await (killed ?? server.kill9());
    expect(server.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(failed).toBeGreaterThan(0); // the kill really interrupted writes in flight

    // Open the same data after the crash (the stale lock is taken over) and look for every acknowledged id.
    const db = await openDatabase(database ? { url: database.url } : { dataDir });
    try {
      const stored = new Set(
        (await rows<{ id: string }>(db.db, sql`select id::text as id from notifications`)).map((r) => r.id),
      );
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
    } finally {
      await db.close();
    }
  }, 180_000);
});

/** The demo administrator must set up a second factor before anything else: do it as an app would. */
async function enrolTotp(url: string, cookie: string): Promise<string> {
  const post = (path: string, body?: object) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const { secret } = (await (await post('/api/auth/mfa/totp/setup')).json()) as { secret: string };
  const confirmed = await post('/api/auth/mfa/totp/confirm', {
    code: totpCode(secret, totpStep(new Date())),
  });
  expect(confirmed.status).toBe(200);
  return confirmed.headers.get('set-cookie')!.split(';')[0]!;
}
