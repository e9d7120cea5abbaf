import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from '../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../test/support/platform.js';
import { persons, totpAuthenticators } from '../modules/identity/schema.js';
import { verifyAuditChain } from '../platform/audit/index.js';
import { adminCommand } from './admin.js';

describe('cpdt admin (break-glass)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '1000' });
  });
  afterAll(async () => {
    await p.close();
  });

  /** Runs the command and returns its exit status and everything it printed. */
  async function run(...argv: string[]) {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const err = vi.spyOn(console, 'error').mockImplementation((s: string) => void out.push(s));
    try {
      return { status: await adminCommand(p, argv), text: out.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  it('creates the first administrator with a one-time password, who must then enrol a second factor', async () => {
    const created = await run('create', 'quantri.dau', '--name', 'Quản trị đầu tiên');
    expect(created.status).toBe(0);
    const password = /Initial password \(shown only now\): (\S+)/.exec(created.text)![1]!;
    const app = await testApp(p);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'quantri.dau', password },
    });
    expect(res.json()).toMatchObject({ pending: 'enrol' });
    await app.close();
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: true });
  });

  it('refuses a duplicate with a coded message, and changes nothing', async () => {
    const before = await p.db.select().from(persons);
    const again = await run('create', 'quantri.dau', '--name', 'Ai đó');
    expect(again.status).toBe(1);
    expect(again.text).toContain('IDENTITY_PERSON_USERNAME_DUPLICATE');
    expect(await p.db.select().from(persons)).toEqual(before);
    expect((await run('create', 'thieu-ten')).status).toBe(2);
  });

  it('unlocks a locked-out administrator and clears their second factors', async () => {
    const [admin] = await p.db.select().from(persons).where(eq(persons.username, 'quantri.dau'));
    await p.db
      .update(persons)
      .set({ failedAttempts: 5, lockedUntil: new Date(p.clock.now().getTime() + 600_000) })
      .where(eq(persons.id, admin!.id));
    await p.db
      .insert(totpAuthenticators)
      .values({ personId: admin!.id, secretEnc: 'v1.x', confirmedAt: p.clock.now() });
    const res = await run('unlock', 'quantri.dau', '--reset-mfa');
    expect(res.status).toBe(0);
    const [after] = await p.db.select().from(persons).where(eq(persons.id, admin!.id));
    expect(after).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect(
      await p.db.select().from(totpAuthenticators).where(eq(totpAuthenticators.personId, admin!.id)),
    ).toEqual([]);
    expect((await run('unlock', 'khong-co-ai')).text).toContain('IDENTITY_PERSON_NOT_FOUND');
  });
});
