import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { errorCodeOf as codeOf } from '../../../test/support/errors.js';
import { TEST_PASSWORD, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { SoftAuthenticator } from '../../../test/support/webauthn.js';
import { ensureBuiltinRoles, ensurePerson } from './persons.service.js';
import { passkeys, personRoles, persons } from './schema.js';
import { totpCode, totpStep } from './totp.js';

const ORIGIN = 'https://cpdt.example.vn';

describe('second factors', () => {
  let p: TestPlatform;
  let app: FastifyInstance;

  beforeAll(async () => {
    p = await testPlatform(
      { SIGN_IN_RATE_LIMIT_MAX: '1000', PUBLIC_URL: ORIGIN },
      new Date('2026-11-23T02:00:00Z'),
    );
    app = await testApp(p);
    await p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      for (const [username, roles] of [
        ['quantri', ['admin']],
        ['thanhvien', ['member']],
        ['canbo-mfa', ['official']],
        ['khoa-otp', ['official']],
        ['canbo-khac', ['official']],
      ] as const)
        await ensurePerson(tx, SYSTEM_CONTEXT, {
          username,
          displayName: username,
          password: TEST_PASSWORD,
          roles: [...roles],
        });
    });
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  const cookieOf = (res: LightMyRequestResponse) => {
    const c = res.cookies.find((x) => x.name === 'cpdt_session');
    return c ? `cpdt_session=${c.value}` : undefined;
  };
  const signIn = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    return { cookie: cookieOf(res)!, pending: res.json<{ pending: string | null }>().pending };
  };
  const call = (
    cookie: string | undefined,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const code = (secret: string, offsetSteps = 0) => totpCode(secret, totpStep(p.clock.now()) + offsetSteps);
  /** Each sign-in in these tests happens a step later, as a person would: codes are single-use. */
  const nextStep = () => p.clock.advance(30_000);

  async function enrolTotp(cookie: string) {
    const setup = await call(cookie, 'POST', '/api/auth/mfa/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, uri, qrSvg } = setup.json<{ secret: string; uri: string; qrSvg: string }>();
    expect(uri).toContain(`secret=${secret}`);
    expect(qrSvg).toContain('<svg');
    const confirmed = await call(cookie, 'POST', '/api/auth/mfa/totp/confirm', { code: code(secret) });
    expect(confirmed.statusCode).toBe(200);
    return {
      secret,
      recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes,
      cookie: cookieOf(confirmed) ?? cookie,
    };
  }

  let adminSecret = '';
  let adminRecovery: string[] = [];

  it('makes an administrator enrol before anything else, then replaces the session token', async () => {
    const { cookie, pending } = await signIn('quantri');
    expect(pending).toBe('enrol');
    const blocked = await call(cookie, 'GET', '/api/admin/jobs');
    expect(blocked.statusCode).toBe(403);
    expect(codeOf(blocked)).toBe('MFA_ENROLMENT_REQUIRED');
    expect((await call(cookie, 'GET', '/api/auth/session')).json()).toMatchObject({
      pending: 'enrol',
      permissions: [],
    });

    const setup = await call(cookie, 'POST', '/api/auth/mfa/totp/setup');
    const { secret } = setup.json<{ secret: string }>();
    const wrong = await call(cookie, 'POST', '/api/auth/mfa/totp/confirm', { code: code(secret, 5) });
    expect(codeOf(wrong)).toBe('IDENTITY_MFA_CODE_INVALID');
    const ok = await call(cookie, 'POST', '/api/auth/mfa/totp/confirm', { code: code(secret) });
    expect(ok.statusCode).toBe(200);
    adminSecret = secret;
    adminRecovery = ok.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(adminRecovery).toHaveLength(10);
    const renewed = cookieOf(ok)!;
    expect(renewed).not.toBe(cookie);
    expect((await call(cookie, 'GET', '/api/auth/session')).statusCode).toBe(401); // the old token is dead
    expect((await call(renewed, 'GET', '/api/admin/jobs')).statusCode).toBe(200);
    expect((await call(renewed, 'GET', '/api/auth/session')).json()).toMatchObject({
      pending: null,
      methods: ['pwd', 'otp'],
    });
  });

  it('asks an enrolled person for a code at the next sign-in, and never accepts a code twice', async () => {
    nextStep();
    const { cookie, pending } = await signIn('quantri');
    expect(pending).toBe('verify');
    expect(codeOf(await call(cookie, 'GET', '/api/admin/jobs'))).toBe('MFA_REQUIRED');
    // A password alone must not be enough to add a factor.
    expect(codeOf(await call(cookie, 'POST', '/api/auth/mfa/totp/setup'))).toBe('IDENTITY_MFA_VERIFY_FIRST');
    const used = code(adminSecret);
    const ok = await call(cookie, 'POST', '/api/auth/mfa/verify', { code: used });
    expect(ok.statusCode).toBe(204);
    expect((await call(cookieOf(ok), 'GET', '/api/admin/jobs')).statusCode).toBe(200);

    const again = await signIn('quantri');
    const replay = await call(again.cookie, 'POST', '/api/auth/mfa/verify', { code: used });
    expect(codeOf(replay)).toBe('IDENTITY_MFA_CODE_INVALID');
    expect(replay.json().error.details).toEqual({ remainingAttempts: 4 });
  });

  it('accepts a recovery code once', async () => {
    nextStep();
    const first = await signIn('quantri');
    const ok = await call(first.cookie, 'POST', '/api/auth/mfa/verify', { recoveryCode: adminRecovery[0] });
    expect(ok.statusCode).toBe(204);
    expect((await call(cookieOf(ok), 'GET', '/api/auth/mfa')).json()).toMatchObject({
      totp: true,
      recoveryCodesLeft: 9,
      required: true,
    });
    const second = await signIn('quantri');
    const reused = await call(second.cookie, 'POST', '/api/auth/mfa/verify', {
      recoveryCode: adminRecovery[0],
    });
    expect(codeOf(reused)).toBe('IDENTITY_MFA_CODE_INVALID');
  });

  it('refuses to remove the last factor of someone who must use one', async () => {
    nextStep();
    const { cookie } = await signIn('quantri');
    const ok = await call(cookie, 'POST', '/api/auth/mfa/verify', { code: code(adminSecret) });
    const res = await call(cookieOf(ok), 'DELETE', '/api/auth/mfa/totp');
    expect(codeOf(res)).toBe('IDENTITY_MFA_LAST_FACTOR');
  });

  it('locks the account after five wrong codes and ends the half-open session', async () => {
    nextStep();
    const first = await signIn('khoa-otp');
    expect(first.pending).toBeNull(); // an official need not use MFA…
    const { secret } = await enrolTotp(first.cookie); // …but may
    nextStep();
    const { cookie, pending } = await signIn('khoa-otp');
    expect(pending).toBe('verify');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(codeOf(await call(cookie, 'POST', '/api/auth/mfa/verify', { code: code(secret, 10) })));
    expect(codes).toEqual([...Array(4).fill('IDENTITY_MFA_CODE_INVALID'), 'IDENTITY_ACCOUNT_LOCKED']);
    expect((await call(cookie, 'GET', '/api/auth/session')).statusCode).toBe(401);
    const [person] = await p.db.select().from(persons).where(eq(persons.username, 'khoa-otp'));
    expect(person!.lockedUntil).not.toBeNull();
    const refused = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'khoa-otp', password: TEST_PASSWORD },
    });
    expect(codeOf(refused)).toBe('IDENTITY_ACCOUNT_LOCKED');
    const failures = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.signIn.secondFactor'), eq(auditLog.outcome, 'failure')));
    expect(failures.length).toBeGreaterThanOrEqual(5);
  });

  it('enrols a Government member with a passkey, then signs them in with it alone', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    const { cookie, pending } = await signIn('thanhvien');
    expect(pending).toBe('enrol');
    const opts = await call(cookie, 'POST', '/api/auth/passkeys/register/options');
    const { challengeId, options } = opts.json<{
      challengeId: string;
      options: { challenge: string; rp: { id: string } };
    }>();
    expect(options.rp.id).toBe('cpdt.example.vn');
    const registered = await call(cookie, 'POST', '/api/auth/passkeys/register', {
      challengeId,
      name: 'Máy tính bảng',
      response: key.register(options),
    });
    expect(registered.statusCode).toBe(200);
    const full = cookieOf(registered)!;
    expect((await call(full, 'GET', '/api/auth/session')).json()).toMatchObject({
      pending: null,
      methods: ['pwd', 'hwk'],
    });
    // The same challenge cannot be answered twice.
    const replay = await call(full, 'POST', '/api/auth/passkeys/register', {
      challengeId,
      name: 'x',
      response: key.register(options),
    });
    expect(codeOf(replay)).toBe('IDENTITY_PASSKEY_CHALLENGE_INVALID');

    // Passwordless: no session at all, the passkey (with user verification) is enough.
    const auth = await call(undefined, 'POST', '/api/auth/passkeys/authenticate/options');
    const a = auth.json<{ challengeId: string; options: { challenge: string; rpId: string } }>();
    const signedIn = await call(undefined, 'POST', '/api/auth/passkeys/authenticate', {
      challengeId: a.challengeId,
      response: key.assert(a.options),
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ person: { displayName: 'thanhvien' } });
    expect((await call(cookieOf(signedIn), 'GET', '/api/auth/session')).json()).toMatchObject({
      pending: null,
      methods: ['hwk'],
    });
    const [stored] = await p.db.select().from(passkeys).where(eq(passkeys.credentialId, key.id));
    expect(stored!.counter).toBe(1);

    // Without user verification a passkey is one factor only: refused for passwordless sign-in.
    const again = (await call(undefined, 'POST', '/api/auth/passkeys/authenticate/options')).json<{
      challengeId: string;
      options: { challenge: string; rpId: string };
    }>();
    const noUv = await call(undefined, 'POST', '/api/auth/passkeys/authenticate', {
      challengeId: again.challengeId,
      response: key.assert(again.options, false),
    });
    expect(codeOf(noUv)).toBe('IDENTITY_PASSKEY_INVALID');
  });

  it('uses a passkey as the second step after a password', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    nextStep();
    const first = await signIn('canbo-mfa');
    const opts = (await call(first.cookie, 'POST', '/api/auth/passkeys/register/options')).json<{
      challengeId: string;
      options: { challenge: string; rp: { id: string } };
    }>();
    await call(first.cookie, 'POST', '/api/auth/passkeys/register', {
      challengeId: opts.challengeId,
      name: 'Điện thoại',
      response: key.register(opts.options),
    });
    const { cookie, pending } = await signIn('canbo-mfa');
    expect(pending).toBe('verify');
    // My passkey answer, sent with someone else's half-open session, settles nothing.
    const victim = await signIn('quantri');
    const mine = (await call(cookie, 'POST', '/api/auth/passkeys/authenticate/options')).json<{
      challengeId: string;
      options: { challenge: string; rpId: string };
    }>();
    const borrowed = await call(victim.cookie, 'POST', '/api/auth/passkeys/authenticate', {
      challengeId: mine.challengeId,
      response: key.assert(mine.options),
    });
    expect(codeOf(borrowed)).toBe('IDENTITY_PASSKEY_INVALID');
    expect((await call(victim.cookie, 'GET', '/api/auth/session')).json()).toMatchObject({
      pending: 'verify',
    });
    const a = (await call(cookie, 'POST', '/api/auth/passkeys/authenticate/options')).json<{
      challengeId: string;
      options: { challenge: string; rpId: string; allowCredentials: { id: string }[] };
    }>();
    expect(a.options.allowCredentials.map((c) => c.id)).toEqual([key.id]);
    const other = new SoftAuthenticator(ORIGIN); // someone else's key cannot settle this session
    const wrong = await call(cookie, 'POST', '/api/auth/passkeys/authenticate', {
      challengeId: a.challengeId,
      response: other.assert(a.options),
    });
    expect(codeOf(wrong)).toBe('IDENTITY_PASSKEY_INVALID');
    const b = (await call(cookie, 'POST', '/api/auth/passkeys/authenticate/options')).json<{
      challengeId: string;
      options: { challenge: string; rpId: string };
    }>();
    const ok = await call(cookie, 'POST', '/api/auth/passkeys/authenticate', {
      challengeId: b.challengeId,
      response: key.assert(b.options),
    });
    expect(ok.statusCode).toBe(200);
    expect((await call(cookieOf(ok), 'GET', '/api/auth/session')).json()).toMatchObject({
      pending: null,
      methods: ['pwd', 'hwk'],
    });
  });

  it('lists my sessions and ends one of them, but never someone else’s', async () => {
    nextStep();
    const a = await signIn('quantri');
    const full = cookieOf(await call(a.cookie, 'POST', '/api/auth/mfa/verify', { code: code(adminSecret) }))!;
    nextStep();
    const b = await signIn('quantri');
    const other = cookieOf(
      await call(b.cookie, 'POST', '/api/auth/mfa/verify', { code: code(adminSecret) }),
    )!;
    const list = (await call(full, 'GET', '/api/auth/sessions')).json<{ id: string; current: boolean }[]>();
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const otherId = (await call(other, 'GET', '/api/auth/sessions'))
      .json<{ id: string; current: boolean }[]>()
      .find((s) => s.current)!.id;
    const someoneElse = await signIn('canbo-mfa');
    expect(codeOf(await call(someoneElse.cookie, 'DELETE', `/api/auth/sessions/${otherId}`))).toBe(
      'MFA_REQUIRED',
    );
    expect((await call(full, 'DELETE', `/api/auth/sessions/${otherId}`)).statusCode).toBe(204);
    expect((await call(other, 'GET', '/api/auth/session')).statusCode).toBe(401);
    const revoked = await call(full, 'POST', '/api/auth/sessions/revoke-others');
    expect(revoked.json<{ revoked: number }>().revoked).toBeGreaterThan(0);
    expect((await call(full, 'GET', '/api/auth/session')).statusCode).toBe(200);
  });

  it('asks for a second factor as soon as a signed-in person is given a role that demands one', async () => {
    const { cookie, pending } = await signIn('canbo-khac');
    expect(pending).toBeNull();
    expect((await call(cookie, 'GET', '/api/auth/session')).statusCode).toBe(200);
    const [person] = await p.db.select().from(persons).where(eq(persons.username, 'canbo-khac'));
    await p.db.insert(personRoles).values({ personId: person!.id, roleCode: 'admin' });
    const refused = await call(cookie, 'GET', '/api/admin/jobs');
    expect(codeOf(refused)).toBe('MFA_ENROLMENT_REQUIRED');
    const { secret } = (await call(cookie, 'POST', '/api/auth/mfa/totp/setup')).json<{ secret: string }>();
    const ok = await call(cookie, 'POST', '/api/auth/mfa/totp/confirm', { code: code(secret) });
    expect((await call(cookieOf(ok) ?? cookie, 'GET', '/api/admin/jobs')).statusCode).toBe(200);
  });
});
