import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/cpdt-process.js';
import { codeOf } from '../../../test/support/errors.js';
import { testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog, verifyAuditChain } from '../../platform/audit/index.js';
import { loadConfig } from '../../platform/config/index.js';
import { rows, toNumber } from '../../platform/db/index.js';
import { DEMO_CITIZENS, type SimulatedCitizen } from '../../simulators/vneid/citizens.js';
import { startVneidSimulator, type VneidSimulator } from '../../simulators/vneid/server.js';
import { readEidCitizen } from './eid.claims.js';
import { eidSettings } from './eid.client.js';
import { EID_COOKIE } from './eid.routes.js';
import { ensureBuiltinRoles } from './persons.service.js';
import { externalIdentities, personRoles, persons, sessions } from './schema.js';

/** A browser's cookie store, just enough for the redirect chain: by host name (as browsers do), no paths. */
class CookieJar {
  readonly #byHost = new Map<string, Map<string, string>>();
  store(url: URL, res: Response): void {
    const jar = this.#byHost.get(url.hostname) ?? new Map<string, string>();
    this.#byHost.set(url.hostname, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      const gone = attrs.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)) < new Date()),
      );
      if (gone || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }
  get(host: string, name: string): string | undefined {
    return this.#byHost.get(host)?.get(name);
  }
  set(host: string, name: string, value: string): void {
    const jar = this.#byHost.get(host) ?? new Map<string, string>();
    this.#byHost.set(host, jar);
    jar.set(name, value);
  }
  header(url: URL): string {
    return [...(this.#byHost.get(url.hostname) ?? [])].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

interface Hop {
  url: URL;
  res: Response;
}

/** One request as a browser makes it: cookies sent and kept, redirects not followed. */
async function request(jar: CookieJar, url: URL, init: RequestInit = {}): Promise<Hop> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(url, res);
  return { url, res };
}

describe('citizen sign-in through the national e-ID', () => {
  const badCitizen: SimulatedCitizen = {
    ...DEMO_CITIZENS[0]!,
    sub: 'vneid-test-11-digits',
    personalId: '00119001234', // 11 digits
    name: 'Công Dân Số Sai',
  };
  let sim: VneidSimulator;
  let p: TestPlatform;
  let app: FastifyInstance;
  let base: URL;

  /** Follows redirects until the browser lands on a CPĐT page (not /api) or a page that answers. */
  async function browse(jar: CookieJar, url: URL, init?: RequestInit): Promise<Hop & { hops: URL[] }> {
    const hops: URL[] = [];
    let hop = await request(jar, url, init);
    for (let i = 0; i < 20; i++) {
      hops.push(hop.url);
      const location = hop.res.headers.get('location');
      if (hop.res.status < 300 || hop.res.status >= 400 || !location) return { ...hop, hops };
      const nextUrl = new URL(location, hop.url);
      if (nextUrl.origin === base.origin && !nextUrl.pathname.startsWith('/api/')) return { ...hop, hops };
      hop = await request(jar, nextUrl);
    }
    throw new Error('too many redirects');
  }

  /** Start → the provider's page → pick the citizen (or refuse); returns the provider's answer unfollowed. */
  async function toCallback(jar: CookieJar, citizen: SimulatedCitizen | 'refuse', next = '/ho-so') {
    const page = await browse(jar, new URL(`/api/auth/eid/start?next=${encodeURIComponent(next)}`, base));
    expect(page.res.status).toBe(200);
    expect(await page.res.text()).toContain('MÔ PHỎNG');
    const action = new URL(`${page.url.pathname}/${citizen === 'refuse' ? 'abort' : 'login'}`, page.url);
    const submitted = await request(jar, action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: citizen === 'refuse' ? '' : new URLSearchParams({ pick: citizen.personalId }).toString(),
    });
    // the provider resumes its authorization request, which redirects to CPĐT's callback
    let hop = submitted;
    while (
      hop.res.headers.get('location') &&
      !hop.res.headers.get('location')!.includes('/api/auth/eid/callback')
    )
      hop = await request(jar, new URL(hop.res.headers.get('location')!, hop.url));
    const callback = new URL(hop.res.headers.get('location')!, hop.url);
    expect(callback.origin + callback.pathname).toBe(`${base.origin}/api/auth/eid/callback`);
    return callback;
  }

  async function signInAs(citizen: SimulatedCitizen | 'refuse', jar = new CookieJar(), next = '/ho-so') {
    const callback = await toCallback(jar, citizen, next);
    const landed = await request(jar, callback);
    expect(landed.res.status).toBe(302);
    return {
      jar,
      location: new URL(landed.res.headers.get('location')!, base),
      session: jar.get(base.hostname, 'cpdt_session'),
    };
  }

  async function count(table: 'identity_persons' | 'identity_external_identities' | 'identity_sessions') {
    const [r] = await rows<{ n: unknown }>(p.db, sql.raw(`select count(*) as n from ${table}`));
    return toNumber(r?.n);
  }
  const counts = async () => ({
    persons: await count('identity_persons'),
    links: await count('identity_external_identities'),
    sessions: await count('identity_sessions'),
  });

  beforeAll(async () => {
    const port = await freePort();
    base = new URL(`http://127.0.0.1:${port}`);
    sim = await startVneidSimulator({
      port: 0,
      clients: [
        {
          clientId: 'cpdt-test',
          clientSecret: 'test-secret-of-enough-length-0123456789',
          redirectUris: [`${base.origin}/api/auth/eid/callback`],
          name: 'CPĐT (thử nghiệm)',
        },
      ],
      citizens: [...DEMO_CITIZENS, badCitizen],
    });
    p = await testPlatform({
      SIGN_IN_RATE_LIMIT_MAX: '1000',
      EID_ISSUER: sim.issuer,
      EID_CLIENT_ID: 'cpdt-test',
      EID_CLIENT_SECRET: 'test-secret-of-enough-length-0123456789',
      EID_SCOPES: 'openid profile email phone',
    });
    app = await testApp(p);
    await app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await sim?.close();
    await p?.close();
  });

  it('tells the sign-in page that e-ID sign-in is on', async () => {
    const res = await fetch(new URL('/api/auth/eid', base));
    expect(await res.json()).toEqual({ enabled: true, providerName: 'VNeID' });
  });

  it('signs a citizen in for the first time: creates and links them, opens a session, returns to next', async () => {
    const ngoc = DEMO_CITIZENS[0]!;
    const before = await counts();
    const { location, session } = await signInAs(ngoc);
    expect(location.href).toBe(`${base.origin}/ho-so`);
    expect(session).toBeTruthy();

    const me = await fetch(new URL('/api/auth/session', base), {
      headers: { cookie: `cpdt_session=${session}` },
    });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { person: { id: string; displayName: string } };
    expect(body.person.displayName).toBe('Trần Thị Bích Ngọc');

    const [person] = await p.db.select().from(persons).where(eq(persons.id, body.person.id));
    expect(person).toMatchObject({
      username: 'cd001190012345',
      kind: 'citizen',
      personalId: '001190012345',
      birthDate: '1990-03-15',
      phone: '+84912000101',
      email: 'ngoc.tran@example.vn',
      passwordHash: null,
      agencyId: null,
      active: true,
    });
    const roles = await p.db.select().from(personRoles).where(eq(personRoles.personId, person!.id));
    expect(roles.map((r) => r.roleCode)).toEqual(['citizen']);
    const links = await p.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.personId, person!.id));
    // the provider's subject, not the personal ID, is what the link remembers
    expect(links).toMatchObject([{ provider: sim.issuer, subject: ngoc.sub }]);
    const [row] = await p.db.select().from(sessions).where(eq(sessions.personId, person!.id));
    expect(row).toMatchObject({ methods: ['eid'], pending: null });
    expect(await counts()).toEqual({
      persons: before.persons + 1,
      links: before.links + 1,
      sessions: before.sessions + 1,
    });

    const trail = await p.db.select().from(auditLog).where(eq(auditLog.objectId, person!.id));
    expect(trail.map((a) => `${a.action}:${a.detail}`)).toEqual([
      'identity.person.create:eid',
      'identity.eid.link:created',
    ]);
  });

  it('signs the same citizen in again (another browser) as the same person, with no duplicate', async () => {
    const ngoc = DEMO_CITIZENS[0]!;
    const before = await counts();
    const { session } = await signInAs(ngoc);
    const me = await fetch(new URL('/api/auth/session', base), {
      headers: { cookie: `cpdt_session=${session}` },
    });
    const { person } = (await me.json()) as { person: { id: string } };
    const [known] = await p.db.select().from(persons).where(eq(persons.personalId, ngoc.personalId));
    expect(person.id).toBe(known!.id);
    expect(await counts()).toEqual({ ...before, sessions: before.sessions + 1 });
    const [link] = await p.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.personId, known!.id));
    expect(link!.lastSignInAt).not.toBeNull();
  });

  it('links a person an administrator registered with the same personal ID instead of creating one', async () => {
    const hung = DEMO_CITIZENS[1]!;
    const [registered] = await p.db
      .insert(persons)
      .values({
        username: 'le.van.hung',
        displayName: 'Lê Văn Hùng',
        kind: 'citizen',
        personalId: hung.personalId,
      })
      .returning({ id: persons.id });
    const before = await counts();
    const { session } = await signInAs(hung);
    const me = await fetch(new URL('/api/auth/session', base), {
      headers: { cookie: `cpdt_session=${session}` },
    });
    expect(((await me.json()) as { person: { id: string } }).person.id).toBe(registered!.id);
    expect(await counts()).toEqual({
      persons: before.persons,
      links: before.links + 1,
      sessions: before.sessions + 1,
    });
    const [linked] = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.eid.link'), eq(auditLog.objectId, registered!.id)));
    expect(linked?.detail).toBe('linked');
  });

  it('never hands an official’s account (here an administrator’s) to an e-ID sign-in by personal ID', async () => {
    const tuan = DEMO_CITIZENS[4]!;
    await p.db.transaction((tx) => ensureBuiltinRoles(tx));
    const [admin] = await p.db
      .insert(persons)
      .values({ username: 'tuan.admin', displayName: 'Hoàng Anh Tuấn', personalId: tuan.personalId })
      .returning({ id: persons.id });
    await p.db.insert(personRoles).values({ personId: admin!.id, roleCode: 'admin' });
    const { location } = await signInAs(tuan);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('eidError')).toBe('IDENTITY_EID_OFFICIAL_ACCOUNT');
    expect(await p.db.select().from(sessions).where(eq(sessions.personId, admin!.id))).toEqual([]);
    expect(
      await p.db.select().from(externalIdentities).where(eq(externalIdentities.personId, admin!.id)),
    ).toEqual([]);
  });

  it('refuses a forged, replayed or unbound state with IDENTITY_EID_STATE_INVALID and creates nothing', async () => {
    const duc = DEMO_CITIZENS[2]!;
    const before = await counts();
    const refused = '/sign-in?eidError=IDENTITY_EID_STATE_INVALID'; // the attempt's `next` is not trusted

    // a tampered state
    const jar = new CookieJar();
    const callback = await toCallback(jar, duc);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const forged = await request(jar, tampered);
    expect(forged.res.headers.get('location')).toBe(refused);
    expect(jar.get(base.hostname, 'cpdt_session')).toBeUndefined();

    // an answer that arrives in a browser which never started the attempt (login CSRF)
    const elsewhere = await toCallback(new CookieJar(), duc);
    const stranger = await request(new CookieJar(), elsewhere);
    expect(stranger.res.headers.get('location')).toBe(refused);

    // a genuine answer replayed, even with the binding cookie put back
    const jar2 = new CookieJar();
    const genuine = await toCallback(jar2, duc);
    const bound = jar2.get(base.hostname, EID_COOKIE)!;
    const first = await request(jar2, genuine);
    expect(first.res.headers.get('location')).toBe('/ho-so');
    const sessionsAfterFirst = await count('identity_sessions');
    const thief = new CookieJar();
    thief.set(base.hostname, EID_COOKIE, bound);
    const replay = await request(thief, genuine);
    expect(replay.res.headers.get('location')).toBe(refused);
    expect(thief.get(base.hostname, 'cpdt_session')).toBeUndefined();
    expect(await count('identity_sessions')).toBe(sessionsAfterFirst);

    // asked for JSON, the same refusal is a coded error
    const json = await fetch(genuine, {
      headers: { accept: 'application/json', cookie: `${EID_COOKIE}=${bound}` },
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe(
      'IDENTITY_EID_STATE_INVALID',
    );

    // only the one genuine sign-in created anything
    expect(await counts()).toEqual({
      persons: before.persons + 1,
      links: before.links + 1,
      sessions: before.sessions + 1,
    });
  });

  it('refuses an invalid personal ID from the provider (11 digits) and creates nothing', async () => {
    const before = await counts();
    const { location, session } = await signInAs(badCitizen);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('eidError')).toBe('IDENTITY_EID_PERSONAL_ID_INVALID');
    expect(location.searchParams.get('next')).toBe('/ho-so');
    expect(session).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('reports a citizen who refuses to share as IDENTITY_EID_CANCELLED', async () => {
    const before = await counts();
    const { location, session } = await signInAs('refuse');
    expect(location.searchParams.get('eidError')).toBe('IDENTITY_EID_CANCELLED');
    expect(session).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('refuses a disabled account, linked or found by personal ID, without linking', async () => {
    const [ngoc] = await p.db
      .select()
      .from(persons)
      .where(eq(persons.personalId, DEMO_CITIZENS[0]!.personalId));
    await p.db.update(persons).set({ active: false }).where(eq(persons.id, ngoc!.id));
    const hoa = DEMO_CITIZENS[3]!;
    await p.db.insert(persons).values({
      username: 'nguyen.thi.hoa',
      displayName: 'Nguyễn Thị Hoa',
      personalId: hoa.personalId,
      active: false,
    });
    const before = await counts();
    for (const citizen of [DEMO_CITIZENS[0]!, hoa]) {
      const { location, session } = await signInAs(citizen);
      expect(location.searchParams.get('eidError')).toBe('IDENTITY_EID_ACCOUNT_DISABLED');
      expect(session).toBeUndefined();
    }
    expect(await counts()).toEqual(before);
    await p.db.update(persons).set({ active: true }).where(eq(persons.id, ngoc!.id));
  });

  it('only returns to a path on this site', async () => {
    for (const next of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const res = await fetch(new URL(`/api/auth/eid/start?next=${encodeURIComponent(next)}`, base), {
        redirect: 'manual',
      });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/sign-in?eidError=IDENTITY_EID_NEXT_INVALID');
      expect(res.headers.getSetCookie().some((c) => c.startsWith(`${EID_COOKIE}=`))).toBe(false);
    }
  });

  it('binds the attempt to the browser with a short-lived HttpOnly SameSite=Lax cookie', async () => {
    const res = await fetch(new URL('/api/auth/eid/start', base), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).origin).toBe(sim.issuer);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('nonce')).toBeTruthy();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${EID_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/i);
  });

  it('audits every attempt, successful or refused, on an intact chain', async () => {
    const attempts = await p.db
      .select({ outcome: auditLog.outcome, detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.action, 'identity.signIn'));
    const tally = (outcome: string, detail: string) =>
      attempts.filter((a) => a.outcome === outcome && a.detail === detail).length;
    expect(tally('success', 'eid')).toBe(4);
    expect(tally('failure', 'IDENTITY_EID_OFFICIAL_ACCOUNT')).toBe(1);
    expect(tally('failure', 'IDENTITY_EID_STATE_INVALID')).toBe(4);
    expect(tally('failure', 'IDENTITY_EID_PERSONAL_ID_INVALID')).toBe(1);
    expect(tally('failure', 'IDENTITY_EID_CANCELLED')).toBe(1);
    expect(tally('failure', 'IDENTITY_EID_ACCOUNT_DISABLED')).toBe(2);
    expect(tally('failure', 'IDENTITY_EID_NEXT_INVALID')).toBe(4);
    expect((await verifyAuditChain(p.db)).ok).toBe(true);
  });
});

describe('e-ID sign-in when it is off or the provider is down', () => {
  it('says disabled and refuses with IDENTITY_EID_NOT_CONFIGURED', async () => {
    const p = await testPlatform();
    const app = await testApp(p);
    try {
      expect((await app.inject('/api/auth/eid')).json()).toEqual({ enabled: false, providerName: 'VNeID' });
      const start = await app.inject('/api/auth/eid/start?next=/x');
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toBe('/sign-in?eidError=IDENTITY_EID_NOT_CONFIGURED&next=%2Fx');
      const json = await app.inject({
        url: '/api/auth/eid/callback',
        headers: { accept: 'application/json' },
      });
      expect(json.statusCode).toBe(404);
      expect(json.json().error.code).toBe('IDENTITY_EID_NOT_CONFIGURED');
    } finally {
      await app.close();
      await p.close();
    }
  });

  it('holds back a flood of attempts with the sign-in rate limit, still landing on the sign-in page', async () => {
    const p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '2' });
    const app = await testApp(p);
    try {
      for (let i = 0; i < 2; i++)
        expect((await app.inject('/api/auth/eid/start')).headers.location).toContain('NOT_CONFIGURED');
      expect((await app.inject('/api/auth/eid/start')).headers.location).toBe(
        '/sign-in?eidError=RATE_LIMITED',
      );
      const json = await app.inject({ url: '/api/auth/eid/start', headers: { accept: 'application/json' } });
      expect(json.statusCode).toBe(429);
      expect(json.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await app.close();
      await p.close();
    }
  });

  it('answers IDENTITY_EID_PROVIDER_ERROR when the provider cannot be reached, storing nothing', async () => {
    const p = await testPlatform({
      EID_ISSUER: `http://127.0.0.1:${await freePort()}`,
      EID_CLIENT_ID: 'x',
      EID_CLIENT_SECRET: 'y',
    });
    const app = await testApp(p);
    try {
      const start = await app.inject('/api/auth/eid/start');
      expect(start.headers.location).toBe('/sign-in?eidError=IDENTITY_EID_PROVIDER_ERROR');
      expect(start.headers['set-cookie']).toBeUndefined();
      const [r] = await rows<{ n: unknown }>(p.db, sql`select count(*) as n from identity_challenges`);
      expect(toNumber(r?.n)).toBe(0);
    } finally {
      await app.close();
      await p.close();
    }
  });
});

describe('e-ID settings and claims', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const identity = (claims: Record<string, unknown>) => ({
    subject: 's-1',
    claims: { sub: 's-1', ...claims },
  });

  it('needs issuer, client id and secret together, and https away from this machine', () => {
    const config = (env: Record<string, string>) => loadConfig({ CPDT_DATA_DIR: '/tmp/x', ...env });
    expect(eidSettings(config({}))).toBeNull();
    expect(() => eidSettings(config({ EID_ISSUER: 'https://vneid.example' }))).toThrow(/EID_CLIENT_ID/);
    expect(() => config({ EID_ISSUER: 'http://vneid.example' })).toThrow(/https/);
    expect(
      eidSettings(config({ EID_ISSUER: 'https://id.example', EID_CLIENT_ID: 'a', EID_CLIENT_SECRET: 'b' })),
    ).toMatchObject({ scopes: 'openid profile', personalIdClaim: 'personal_id' });
  });

  it('reads the personal ID from the configured claim and checks it against the birth date', () => {
    const ok = readEidCitizen(
      identity({ so_dinh_danh: '079085004567', name: ' Lê Văn Hùng ' }),
      'so_dinh_danh',
      now,
    );
    expect(ok).toMatchObject({ personalId: '079085004567', displayName: 'Lê Văn Hùng', birthDate: null });
    expect(codeOf(() => readEidCitizen(identity({ personal_id: '079085004567' }), 'so_dinh_danh', now))).toBe(
      'IDENTITY_EID_CLAIMS_MISSING',
    );
    expect(
      codeOf(() =>
        readEidCitizen(
          identity({ personal_id: '079085004567', birthdate: '1986-01-01' }),
          'personal_id',
          now,
        ),
      ),
    ).toBe('IDENTITY_EID_PERSONAL_ID_INVALID');
    expect(codeOf(() => readEidCitizen(identity({ personal_id: '999085004567' }), 'personal_id', now))).toBe(
      'IDENTITY_EID_PERSONAL_ID_INVALID',
    );
  });

  it('drops malformed optional claims instead of storing them', () => {
    const c = readEidCitizen(
      identity({
        personal_id: '079085004567',
        birthdate: '1985-02-30',
        phone_number: 'call me',
        email: 'no-at',
      }),
      'personal_id',
      now,
    );
    expect(c).toMatchObject({ birthDate: null, phone: null, email: null, displayName: 'cd079085004567' });
  });
});
