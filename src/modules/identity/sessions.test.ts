import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, TEST_PASSWORD } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog, verifyAuditChain } from '../../platform/audit/index.js';
import { and, eq } from 'drizzle-orm';
import { agencies, personAgencies, persons } from './schema.js';

describe('password sign-in and sessions', () => {
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
  const signIn = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });

  it('signs in, shows the session with permissions, and signs out', async () => {
    const cookie = await signedIn(app, p, 'quantri', ['admin']);
    const session = await app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().permissions).toContain('platform.jobs.manage');
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } })).statusCode,
    ).toBe(204);
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    await signedIn(app, p, 'cookie', []);
    const res = await signIn('cookie', TEST_PASSWORD);
    const c = res.cookies.find((x) => x.name === 'cpdt_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax'); // top-level returns from the e-ID and into OIDC must carry it
  });

  it('locks the account after five wrong passwords and audits every attempt', async () => {
    await signedIn(app, p, 'lockme', []);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await signIn('lockme', 'wrong-password')).json().error.code);
    expect(codes).toEqual([...Array(4).fill('IDENTITY_BAD_CREDENTIALS'), 'IDENTITY_ACCOUNT_LOCKED']);
    const locked = await signIn('lockme', TEST_PASSWORD); // even the right password is refused while locked
    expect(locked.statusCode).toBe(423);
    const until = new Date(locked.json().error.details.lockedUntil as string);
    expect(until.getTime() - p.clock.now().getTime()).toBeCloseTo(15 * 60_000, -4);
    p.clock.advance(16 * 60_000);
    expect((await signIn('lockme', TEST_PASSWORD)).statusCode).toBe(200);
    const attempts = await p.db.select().from(auditLog).where(eq(auditLog.action, 'identity.signIn'));
    const mine = attempts.filter(
      (a) => a.actorId === attempts.find((x) => x.objectType === 'person')?.actorId,
    );
    expect(mine.filter((a) => a.outcome === 'failure').length).toBeGreaterThanOrEqual(6);
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: true });
  });

  it('audits unknown usernames without revealing that they do not exist', async () => {
    const res = await signIn('khong-ton-tai', 'x');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('IDENTITY_BAD_CREDENTIALS');
    // A wrong password for a real account answers exactly the same (no count of attempts left).
    await signedIn(app, p, 'ton-tai', []);
    const known = await signIn('ton-tai', 'x');
    const shape = (r: typeof res) => {
      const { requestId: _ignored, ...rest } = r.json<{ error: Record<string, unknown> }>().error;
      return { status: r.statusCode, ...rest };
    };
    expect(shape(known)).toEqual(shape(res));
  });

  it('ends a session after 15 idle minutes', async () => {
    const cookie = await signedIn(app, p, 'idle', []);
    p.clock.advance(14 * 60_000);
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(200);
    p.clock.advance(16 * 60_000);
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('ends a session after 12 hours however active it is', async () => {
    const cookie = await signedIn(app, p, 'busy', []);
    for (let h = 0; h < 12 * 6; h++) {
      p.clock.advance(10 * 60_000);
      const status = (await app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode;
      if (h < 12 * 6 - 1) expect(status).toBe(200);
      else expect(status).toBe(401);
    }
  });

  it('acts for another of the person’s agencies, and for no agency they hold no post in', async () => {
    const cookie = await signedIn(app, p, 'hai-noi', ['official']);
    const [a, b, c] = await p.db
      .insert(agencies)
      .values([
        { code: '000.00.91.G01', nameVi: 'Cơ quan thử A', level: 'central' },
        { code: '000.00.92.G01', nameVi: 'Cơ quan thử B', level: 'central' },
        { code: '000.00.93.G01', nameVi: 'Cơ quan thử C', level: 'central' },
      ])
      .returning({ id: agencies.id });
    const [person] = await p.db.select().from(persons).where(eq(persons.username, 'hai-noi'));
    await p.db.update(persons).set({ agencyId: a!.id }).where(eq(persons.id, person!.id));
    await p.db.insert(personAgencies).values([
      { personId: person!.id, agencyId: a!.id, position: 'Chuyên viên' },
      { personId: person!.id, agencyId: b!.id, position: 'Kiêm nhiệm' },
    ]);
    const view = async () =>
      (await app.inject({ url: '/api/auth/session', headers: { cookie } })).json<{
        agency: { id: string; code: string };
        posts: { id: string }[];
      }>();
    expect((await view()).agency.id).toBe(a!.id);
    expect((await view()).posts.map((x) => x.id).sort()).toEqual([a!.id, b!.id].sort());
    const switchTo = (agencyId: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/session/agency',
        headers: { cookie },
        payload: { agencyId },
      });
    expect((await switchTo(b!.id)).statusCode).toBe(204);
    expect((await view()).agency).toMatchObject({ id: b!.id, code: '000.00.92.G01' });
    const refused = await switchTo(c!.id);
    expect(refused.json().error.code).toBe('IDENTITY_AGENCY_NOT_FOUND');
    expect((await view()).agency.id).toBe(b!.id);
    // A post taken away no longer acts: the session falls back to the main agency.
    await p.db
      .delete(personAgencies)
      .where(and(eq(personAgencies.personId, person!.id), eq(personAgencies.agencyId, b!.id)));
    expect((await view()).agency.id).toBe(a!.id);
  });

  it('counts wrong passwords sent all at once, so the lock cannot be raced past', async () => {
    await signedIn(app, p, 'song-song', ['official']);
    const answers = await Promise.all(Array.from({ length: 8 }, () => signIn('song-song', 'sai-mat-khau')));
    expect(answers.map((r) => r.json<{ error: { code: string } }>().error.code)).toContain(
      'IDENTITY_ACCOUNT_LOCKED',
    );
    expect((await signIn('song-song', TEST_PASSWORD)).json().error.code).toBe('IDENTITY_ACCOUNT_LOCKED');
  });
});
