import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from './schema.js';
import { errorCodeOf } from '../../../test/support/errors.js';
import { signedIn, TEST_PASSWORD, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';

describe('changing one’s own password', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  beforeAll(async () => {
    p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '1000' });
    app = await testApp(p);
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  const change = (cookie: string, payload: object) =>
    app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload });
  const signIn = (password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'doi-mat-khau', password } });

  it('needs the current password and the policy, then ends every other session', async () => {
    const here = await signedIn(app, p, 'doi-mat-khau', ['official']);
    const elsewhere = await signedIn(app, p, 'doi-mat-khau', ['official']);
    expect(errorCodeOf(await change(here, { current: 'sai-roi-1234', next: 'Mật-khẩu-mới-2026' }))).toBe(
      'IDENTITY_PASSWORD_CURRENT_WRONG',
    );
    expect(errorCodeOf(await change(here, { current: TEST_PASSWORD, next: 'ngan' }))).toBe(
      'IDENTITY_PERSON_PASSWORD_WEAK',
    );
    expect(errorCodeOf(await change(here, { current: TEST_PASSWORD, next: TEST_PASSWORD }))).toBe(
      'IDENTITY_PASSWORD_UNCHANGED',
    );
    expect((await signIn(TEST_PASSWORD)).statusCode).toBe(200); // nothing changed so far

    const ok = await change(here, { current: TEST_PASSWORD, next: 'Mật-khẩu-mới-2026' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ endedSessions: number }>().endedSessions).toBeGreaterThanOrEqual(2);
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie: here } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie: elsewhere } })).statusCode).toBe(
      401,
    );
    expect(errorCodeOf(await signIn(TEST_PASSWORD))).toBe('IDENTITY_BAD_CREDENTIALS');
    expect((await signIn('Mật-khẩu-mới-2026')).statusCode).toBe(200);
  });

  it('a password set by an administrator ends the person’s sessions; their own goes through the form above', async () => {
    const theirs = await signedIn(app, p, 'duoc-dat-lai', ['official']);
    const admin = await signedIn(app, p, 'quan-tri-dat-lai', ['admin']);
    const [person] = await p.db.select().from(persons).where(eq(persons.username, 'duoc-dat-lai'));
    const [me] = await p.db.select().from(persons).where(eq(persons.username, 'quan-tri-dat-lai'));
    const reset = await app.inject({
      method: 'PATCH',
      url: `/api/admin/people/${person!.id}`,
      headers: { cookie: admin },
      payload: { password: 'Mật-khẩu-tạm-thời-2026' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie: theirs } })).statusCode).toBe(
      401,
    );
    const own = await app.inject({
      method: 'PATCH',
      url: `/api/admin/people/${me!.id}`,
      headers: { cookie: admin },
      payload: { password: 'Mật-khẩu-tự-đặt-2026' },
    });
    expect(errorCodeOf(own)).toBe('IDENTITY_PERSON_MORE_PRIVILEGED');
  });
});
