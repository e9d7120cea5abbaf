import http from 'node:http';
import net from 'node:net';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, TEST_PASSWORD } from '../../../test/support/http.js';
import { CookieJar } from '../../../test/support/cookie-jar.js';
import { freePort } from '../../../test/support/cpdt-process.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { sha256Hex } from '../../platform/crypto/index.js';
import { jobs } from '../../platform/jobs/index.js';
import { createAgency, systemAgencyActor } from './agencies.service.js';
import { GRANT_CONTEXT_MODEL } from './oidc.grant-context.js';
import { OIDC_LOGOUT_QUEUE } from './oidc.logout.js';
import { ensureBuiltinRoles, ensurePerson } from './persons.service.js';
import { oidcPayloads, sessions } from './schema.js';

const REDIRECT_URI = 'https://qlvb.example.gov.vn/oidc/callback';
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** What a system's back-channel logout endpoint received. */
interface Delivery {
  path: string;
  logoutToken: string;
}

/** A system signed in through CPĐT, as the test drives it. */
interface Rp {
  clientId: string;
  config: client.Configuration;
}

describe('back-channel logout when a CPĐT session ends', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let origin: string;
  let office: string;
  let admin: string;
  let rpServer: http.Server;
  let rpOrigin: string;
  const received: Delivery[] = [];
  /** Status codes a path answers with, one per request, then 200. */
  const answers = new Map<string, number[]>();
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  let qlvb: Rp; // document management: has a back-channel address
  let motCua: Rp; // one-stop shop: has one, and fails the first time it is called
  let intranet: Rp; // no back-channel address: its tokens are revoked, nothing is sent

  const person = (username: string) =>
    p.db.transaction((tx) =>
      ensurePerson(tx, SYSTEM_CONTEXT, {
        username,
        displayName: username,
        password: TEST_PASSWORD,
        agencyId: office,
        roles: ['official'],
      }),
    );

  async function register(name: string, backchannelPath: string | null): Promise<Rp> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie: admin },
      payload: {
        name,
        agencyId: office,
        type: 'confidential',
        redirectUris: [REDIRECT_URI],
        ...(backchannelPath ? { backchannelLogoutUri: `${rpOrigin}${backchannelPath}` } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json<{ client: { clientId: string }; clientSecret: string }>();
    const config = await client.discovery(
      new URL(origin),
      issued.client.clientId,
      undefined,
      client.ClientSecretBasic(issued.clientSecret),
      { execute: [client.allowInsecureRequests] },
    );
    return { clientId: issued.client.clientId, config };
  }

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    p = await testPlatform({ PUBLIC_URL: origin, SIGN_IN_RATE_LIMIT_MAX: '1000' });
    app = await testApp(p);
    await app.listen({ port, host: '127.0.0.1' });
    rpServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const path = req.url ?? '';
        received.push({ path, logoutToken: new URLSearchParams(body).get('logout_token') ?? '' });
        res.writeHead(answers.get(path)?.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => rpServer.listen(0, '127.0.0.1', resolve));
    rpOrigin = `http://127.0.0.1:${(rpServer.address() as net.AddressInfo).port}`;
    await p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      office = (
        await createAgency(tx, systemAgencyActor(p.clock.now()), {
          code: '000.00.00.G22',
          nameVi: 'Văn phòng Chính phủ',
          level: 'central',
        })
      ).id;
    });
    admin = await signedIn(app, p, 'logout-admin', ['admin']);
    qlvb = await register('Hệ thống quản lý văn bản', '/qlvb/backchannel-logout');
    motCua = await register('Hệ thống một cửa', '/mot-cua/backchannel-logout');
    intranet = await register('Cổng nội bộ', null);
    jwks = createRemoteJWKSet(new URL(`${origin}/oidc/jwks`));
  });
  afterAll(async () => {
    await new Promise((resolve) => rpServer.close(resolve));
    await app.close();
    await p.close();
  });

  /** Follows redirects as a browser would, up to the relying party's callback. */
  async function follow(start: URL, jar: CookieJar): Promise<URL> {
    let url = start;
    for (let hops = 0; hops < 12; hops++) {
      if (url.origin !== origin) return url;
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(res);
      const location = res.headers.get('location');
      if (!location) throw new Error(`stopped at ${url.href}: ${res.status} ${await res.text()}`);
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  /** Signs the browser in to a system through CPĐT, with a refresh token. */
  async function signInTo(rp: Rp, jar: CookieJar) {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(rp.config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid offline_access',
      prompt: 'consent',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const callback = await follow(url, jar);
    const tokens = await client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: verifier });
    const claims = tokens.claims()!;
    expect(tokens.refresh_token).toBeTruthy();
    return { sub: claims.sub, sid: claims['sid'] as string, refreshToken: tokens.refresh_token! };
  }

  const sessionIdOf = async (jar: CookieJar) => {
    const [row] = await p.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.tokenHash, sha256Hex(jar.get('cpdt_session')!)));
    return row!.id;
  };

  /** The grants CPĐT recorded as given in this CPĐT session. */
  const grantsOf = async (sessionId: string) =>
    (
      await p.db
        .select({ id: oidcPayloads.id })
        .from(oidcPayloads)
        .where(
          and(
            eq(oidcPayloads.model, GRANT_CONTEXT_MODEL),
            sql`${oidcPayloads.payload} ->> 'sessionId' = ${sessionId}`,
          ),
        )
    ).map((g) => g.id);

  /** Rows the provider still holds for these grants: the grant, its tokens, its context. */
  const rowsOfGrants = async (grantIds: string[]) =>
    p.db
      .select({ model: oidcPayloads.model })
      .from(oidcPayloads)
      .where(
        or(
          inArray(oidcPayloads.grantId, grantIds),
          and(eq(oidcPayloads.model, 'Grant'), inArray(oidcPayloads.id, grantIds)),
        ),
      );

  const logoutJobs = () => p.db.select().from(jobs).where(eq(jobs.queue, OIDC_LOGOUT_QUEUE));

  const refreshWorks = (rp: Rp, refreshToken: string) =>
    client.refreshTokenGrant(rp.config, refreshToken).then(
      () => true,
      (err: unknown) => {
        expect(err).toMatchObject({ error: 'invalid_grant' });
        return false;
      },
    );

  /** Verifies a logout token against CPĐT's published keys, as a relying party must. */
  async function verified(delivery: Delivery, rp: Rp): Promise<JWTPayload> {
    const { payload, protectedHeader } = await jwtVerify(delivery.logoutToken, jwks, {
      issuer: origin,
      audience: rp.clientId,
      typ: 'logout+jwt',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.events).toEqual({ [LOGOUT_EVENT]: {} });
    expect(typeof payload.jti).toBe('string');
    expect(typeof payload.iat).toBe('number');
    expect(payload).not.toHaveProperty('nonce');
    return payload;
  }

  it('tells a system when the person signs out of CPĐT, revoking its tokens at once', async () => {
    await person('nguyen.van.a');
    const jar = new CookieJar(await signedIn(app, p, 'nguyen.van.a', ['official']));
    const toQlvb = await signInTo(qlvb, jar);
    const toIntranet = await signInTo(intranet, jar);
    const sessionId = await sessionIdOf(jar);
    const grants = await grantsOf(sessionId);
    expect(grants).toHaveLength(2);
    expect(await rowsOfGrants(grants)).not.toHaveLength(0);
    received.length = 0;

    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: jar.header() },
    });
    expect(out.statusCode).toBe(204);
    // The sign-out did not wait for the systems: one durable job, for the system with an address.
    expect(received).toHaveLength(0);
    const queued = await logoutJobs();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      state: 'queued',
      payload: { clientId: qlvb.clientId, sub: toQlvb.sub, sid: toQlvb.sid },
    });
    // The grants, their tokens and the OIDC session are gone already.
    expect(await rowsOfGrants(grants)).toEqual([]);
    expect(await refreshWorks(qlvb, toQlvb.refreshToken)).toBe(false);
    expect(await refreshWorks(intranet, toIntranet.refreshToken)).toBe(false);
    const oidcSession = await p.db
      .select()
      .from(oidcPayloads)
      .where(
        and(eq(oidcPayloads.model, 'Session'), sql`${oidcPayloads.payload} ->> 'accountId' = ${toQlvb.sub}`),
      );
    expect(oidcSession).toEqual([]);

    await p.jobs.drain();
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe('/qlvb/backchannel-logout');
    const claims = await verified(received[0]!, qlvb);
    expect(claims).toMatchObject({ iss: origin, aud: qlvb.clientId, sub: toQlvb.sub, sid: toQlvb.sid });
    expect((await logoutJobs())[0]).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('tries again later when the system answers 500', async () => {
    await person('le.van.c');
    const jar = new CookieJar(await signedIn(app, p, 'le.van.c', ['official']));
    const signed = await signInTo(motCua, jar);
    received.length = 0;
    answers.set('/mot-cua/backchannel-logout', [500]);
    await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: jar.header() } });

    await p.jobs.drain();
    expect(received).toHaveLength(1);
    const job = () =>
      p.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.queue, OIDC_LOGOUT_QUEUE), sql`${jobs.payload} ->> 'sid' = ${signed.sid}`))
        .then((r) => r[0]!);
    expect(await job()).toMatchObject({ state: 'queued', attempts: 1 });
    expect((await job()).lastError).toMatch(/500/);
    await p.jobs.drain(); // not due yet: the runner backs off
    expect(received).toHaveLength(1);

    p.clock.advance(60_000);
    await p.jobs.drain();
    expect(received).toHaveLength(2);
    const claims = await verified(received[1]!, motCua);
    expect(claims).toMatchObject({ sub: signed.sub, sid: signed.sid });
    expect(await job()).toMatchObject({ state: 'done', attempts: 2, lastError: null });
  });

  it('ending another session of the person logs out only the systems signed in through it', async () => {
    await person('pham.thi.d');
    const laptop = new CookieJar(await signedIn(app, p, 'pham.thi.d', ['official']));
    const phone = new CookieJar(await signedIn(app, p, 'pham.thi.d', ['official']));
    const onLaptop = await signInTo(qlvb, laptop);
    const onPhone = await signInTo(qlvb, phone);
    expect(onPhone.sid).not.toBe(onLaptop.sid);
    received.length = 0;

    const res = await app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${await sessionIdOf(laptop)}`,
      headers: { cookie: phone.header() },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    await p.jobs.drain();
    expect(received).toHaveLength(1);
    expect(await verified(received[0]!, qlvb)).toMatchObject({ sub: onLaptop.sub, sid: onLaptop.sid });
    expect(await refreshWorks(qlvb, onLaptop.refreshToken)).toBe(false);
    expect(await refreshWorks(qlvb, onPhone.refreshToken)).toBe(true);
    // The phone's own sign-in to the system goes on, silently.
    const verifier = client.randomPKCECodeVerifier();
    const again = await follow(
      client.buildAuthorizationUrl(qlvb.config, {
        redirect_uri: REDIRECT_URI,
        scope: 'openid',
        prompt: 'none',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      }),
      phone,
    );
    expect(again.searchParams.get('code')).toBeTruthy();

    // "End all my other sessions" from the laptop's successor does the same for the phone.
    const desk = new CookieJar(await signedIn(app, p, 'pham.thi.d', ['official']));
    received.length = 0;
    const others = await app.inject({
      method: 'POST',
      url: '/api/auth/sessions/revoke-others',
      headers: { cookie: desk.header() },
    });
    expect(others.json()).toEqual({ revoked: 1 });
    await p.jobs.drain();
    expect(received).toHaveLength(1);
    expect(await verified(received[0]!, qlvb)).toMatchObject({ sid: onPhone.sid });
  });

  it('in a browser that signed in to CPĐT again, ends only the systems of the session that ended', async () => {
    await person('do.van.h');
    const jar = new CookieJar(await signedIn(app, p, 'do.van.h', ['official']));
    const earlier = await signInTo(qlvb, jar);
    const firstSession = await sessionIdOf(jar);
    // A new CPĐT sign-in in the same browser (the earlier session is left open), then another system.
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'do.van.h', password: TEST_PASSWORD },
    });
    const cookie = again.cookies.find((c) => c.name === 'cpdt_session')!;
    jar.take(new Response(null, { headers: { 'set-cookie': `cpdt_session=${cookie.value}; Path=/` } }));
    const later = await signInTo(motCua, jar);
    expect(later.sid).not.toBe(earlier.sid);
    received.length = 0;

    await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: jar.header() } });
    await p.jobs.drain();
    expect(received.map((r) => r.path)).toEqual(['/mot-cua/backchannel-logout']);
    expect(await refreshWorks(qlvb, earlier.refreshToken)).toBe(true);

    // The earlier session ends later (from another device): its system is told then.
    const other = new CookieJar(await signedIn(app, p, 'do.van.h', ['official']));
    received.length = 0;
    await app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${firstSession}`,
      headers: { cookie: other.header() },
    });
    await p.jobs.drain();
    expect(received.map((r) => r.path)).toEqual(['/qlvb/backchannel-logout']);
    expect(await verified(received[0]!, qlvb)).toMatchObject({ sid: earlier.sid });
  });

  it('tells the systems when an administrator ends all sessions of a person, or disables them', async () => {
    const id = await person('hoang.van.e');
    const jar = new CookieJar(await signedIn(app, p, 'hoang.van.e', ['official']));
    const first = await signInTo(qlvb, jar);
    received.length = 0;
    const revoke = await app.inject({
      method: 'POST',
      url: `/api/admin/people/${id}/revoke-sessions`,
      headers: { cookie: admin },
    });
    expect(revoke.json()).toEqual({ revoked: 1 });
    await p.jobs.drain();
    expect(received).toHaveLength(1);
    expect(await verified(received[0]!, qlvb)).toMatchObject({ sub: id, sid: first.sid });

    const again = new CookieJar(await signedIn(app, p, 'hoang.van.e', ['official']));
    const second = await signInTo(motCua, again);
    received.length = 0;
    const disable = await app.inject({
      method: 'PATCH',
      url: `/api/admin/people/${id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect(disable.statusCode, disable.body).toBe(200);
    expect(await refreshWorks(motCua, second.refreshToken)).toBe(false);
    await p.jobs.drain();
    expect(received).toHaveLength(1);
    expect(await verified(received[0]!, motCua)).toMatchObject({ sub: id, sid: second.sid });
  });

  it('keeps trying a system that is down, then leaves the job dead for administrators to see', async () => {
    const gone = await freePort(); // nothing listens there
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie: admin },
      payload: {
        name: 'Hệ thống đã ngừng',
        agencyId: office,
        type: 'confidential',
        redirectUris: [REDIRECT_URI],
        backchannelLogoutUri: `http://127.0.0.1:${gone}/logout`,
      },
    });
    const issued = res.json<{ client: { clientId: string }; clientSecret: string }>();
    const down: Rp = {
      clientId: issued.client.clientId,
      config: await client.discovery(
        new URL(origin),
        issued.client.clientId,
        undefined,
        client.ClientSecretBasic(issued.clientSecret),
        { execute: [client.allowInsecureRequests] },
      ),
    };
    await person('vu.thi.g');
    const jar = new CookieJar(await signedIn(app, p, 'vu.thi.g', ['official']));
    await signInTo(down, jar);
    await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: jar.header() } });

    const job = async () =>
      (await logoutJobs()).find((j) => (j.payload as { clientId: string }).clientId === down.clientId)!;
    for (let i = 0; i < 20 && (await job()).state !== 'dead'; i++) {
      await p.jobs.drain();
      p.clock.advance(2 * 3_600_000);
    }
    const dead = await job();
    expect(dead).toMatchObject({ state: 'dead', attempts: dead.maxAttempts });
    expect(dead.maxAttempts).toBeGreaterThan(8);
    const listed = await app.inject({
      url: `/api/admin/jobs?state=dead&queue=${OIDC_LOGOUT_QUEUE}`,
      headers: { cookie: await signedIn(app, p, 'logout-admin', ['admin']) }, // hours passed
    });
    expect(listed.json<{ jobs: { id: number }[] }>().jobs.map((j) => j.id)).toContain(dead.id);
  });
});
