import http from 'node:http';
import net from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, TEST_PASSWORD } from '../../../test/support/http.js';
import { CookieJar } from '../../../test/support/cookie-jar.js';
import { freePort } from '../../../test/support/cpdt-process.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { sha256Hex } from '../../platform/crypto/index.js';
import { rows } from '../../platform/db/index.js';
import { createAgency, systemAgencyActor } from './agencies.service.js';
import { oidcFindAccount } from './oidc.account.js';
import { oidcAdapter } from './oidc.adapter.js';
import { saveGrantContext } from './oidc.grant-context.js';
import { OIDC_PURGE_QUEUE } from './oidc.jobs.js';
import { loadSigningKeys, SIGNING_KEYS_MODEL } from './oidc.keys.js';
import { ensureBuiltinRoles, ensurePerson } from './persons.service.js';
import { oidcPayloads, persons, sessions } from './schema.js';

const REDIRECT_URI = 'https://qlvb.example.gov.vn/oidc/callback';
const POST_LOGOUT_URI = 'https://qlvb.example.gov.vn/signed-out';

interface Stop {
  url: URL;
  status: number;
  body: string;
}

describe('CPĐT as an OpenID Connect provider', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let origin: string;
  let office: string;
  let admin: string;
  let clientId: string;
  let clientSecret: string;
  let config: client.Configuration;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    p = await testPlatform({ PUBLIC_URL: origin, SIGN_IN_RATE_LIMIT_MAX: '1000' });
    app = await testApp(p);
    await app.listen({ port, host: '127.0.0.1' });
    await p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      const actor = systemAgencyActor(p.clock.now());
      office = (
        await createAgency(tx, actor, {
          code: '000.00.00.G22',
          nameVi: 'Văn phòng Chính phủ',
          level: 'central',
        })
      ).id;
      const person = (username: string, roles: string[], extra: object = {}) =>
        ensurePerson(tx, SYSTEM_CONTEXT, {
          username,
          displayName: username,
          password: TEST_PASSWORD,
          agencyId: office,
          roles,
          ...extra,
        });
      await person('oidc-admin', ['admin']);
      await person('nguyen.van.a', ['official', 'secretary'], {
        displayName: 'Nguyễn Văn A',
        email: 'nva@vpcp.gov.vn',
        phone: '+84912345678',
        position: 'Chuyên viên',
      });
    });
    admin = await signedIn(app, p, 'oidc-admin', ['admin']);
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie: admin },
      payload: {
        name: 'Hệ thống quản lý văn bản',
        agencyId: office,
        type: 'confidential',
        redirectUris: [REDIRECT_URI],
        postLogoutRedirectUris: [POST_LOGOUT_URI],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json<{ client: { clientId: string }; clientSecret: string }>();
    clientId = issued.client.clientId;
    clientSecret = issued.clientSecret;
    config = await client.discovery(
      new URL(origin),
      clientId,
      undefined,
      client.ClientSecretBasic(clientSecret),
      {
        execute: [client.allowInsecureRequests],
      },
    );
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  /** Follows redirects as a browser would, stopping at the relying party or at any non-redirect answer. */
  async function follow(start: URL | string, jar: CookieJar): Promise<Stop> {
    let url = new URL(start, origin);
    for (let hops = 0; hops < 12; hops++) {
      if (url.origin !== origin) return { url, status: 0, body: '' };
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(res);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location)
        return { url, status: res.status, body: await res.text() };
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  async function authorizationRequest(extra: Record<string, string> = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile email phone agency roles',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...extra,
    });
    return { url, verifier, state };
  }

  const signedInJar = async (username: string, roles: string[]) =>
    new CookieJar(await signedIn(app, p, username, roles));

  it('publishes discovery and the public signing keys', async () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(origin);
    expect(meta.authorization_endpoint).toBe(`${origin}/oidc/auth`);
    expect(meta.token_endpoint).toBe(`${origin}/oidc/token`);
    expect(meta.userinfo_endpoint).toBe(`${origin}/oidc/me`);
    expect(meta.end_session_endpoint).toBe(`${origin}/oidc/session/end`);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['agency', 'roles', 'offline_access']));
    expect(meta.backchannel_logout_supported).toBe(true);
    const jwks = (await (await fetch(`${origin}/oidc/jwks`)).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys.map((k) => k.alg)).toEqual(['RS256', 'ES256']);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    // The provider's routes are OIDC's, not CPĐT's API: they stay out of the OpenAPI document.
    const openapi = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(openapi.paths).filter((path) => !path.startsWith('/api/'))).toEqual([]);
  });

  it('completes authorization code + PKCE for a signed-in official, with agency and role claims', async () => {
    const jar = await signedInJar('nguyen.van.a', ['official', 'secretary']);
    const { url, verifier, state } = await authorizationRequest({
      scope: 'openid profile email phone agency roles offline_access',
      prompt: 'consent',
    });
    const stop = await follow(url, jar);
    expect(stop.url.href.startsWith(REDIRECT_URI), stop.body).toBe(true);
    expect(stop.url.searchParams.get('code')).toBeTruthy();

    const tokens = await client.authorizationCodeGrant(config, stop.url, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const id = tokens.claims()!;
    expect(id.iss).toBe(origin);
    expect(id.aud).toBe(clientId);
    expect(id.amr).toEqual(['pwd']);
    expect(id['name']).toBe('Nguyễn Văn A');
    expect(id['agency']).toMatchObject({ id: office, code: '000.00.00.G22', name: 'Văn phòng Chính phủ' });
    expect(tokens.expires_in).toBe(600);
    expect(tokens.refresh_token).toBeTruthy();

    const info = await client.fetchUserInfo(config, tokens.access_token, id.sub);
    expect(info).toMatchObject({
      sub: id.sub,
      name: 'Nguyễn Văn A',
      preferred_username: 'nguyen.van.a',
      email: 'nva@vpcp.gov.vn',
      phone_number: '+84912345678',
      agency: { code: '000.00.00.G22' },
      agencies: [{ id: office, code: '000.00.00.G22', name: 'Văn phòng Chính phủ', position: 'Chuyên viên' }],
      roles: ['official', 'secretary'],
      amr: ['pwd'],
    });

    const [login] = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.oidc.login'), eq(auditLog.objectId, clientId)));
    expect(login).toMatchObject({ objectType: 'oidc_client', actorId: id.sub, outcome: 'success' });

    // Refresh: a new pair, the used refresh token is spent (rotation).
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect((await client.fetchUserInfo(config, refreshed.access_token, id.sub))['roles']).toEqual([
      'official',
      'secretary',
    ]);

    // A second request in the same browser is answered at once: no interaction, no second login record.
    const logins = async () =>
      (await p.db.select().from(auditLog).where(eq(auditLog.action, 'identity.oidc.login'))).length;
    const before = await logins();
    const again = await authorizationRequest();
    const silent = await follow(again.url, jar);
    expect(silent.url.searchParams.get('code')).toBeTruthy();
    expect(await logins()).toBe(before);

    // RP-initiated logout: the provider asks, the person confirms, both sessions end.
    const endSession = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: 'bye',
    });
    const question = await follow(endSession, jar);
    expect(question.status).toBe(200);
    expect(question.body).toContain('Đăng xuất');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(question.body)?.[1];
    expect(xsrf).toBeTruthy();
    const confirm = await fetch(`${origin}/oidc/session/end/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
    });
    jar.take(confirm);
    expect(confirm.status).toBe(303);
    const back = new URL(confirm.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(POST_LOGOUT_URI);
    expect(back.searchParams.get('state')).toBe('bye');
    expect(jar.has('cpdt_session')).toBe(false);
    const session = await app.inject({ url: '/api/auth/session', headers: { cookie: jar.header() } });
    expect(session.statusCode).toBe(401);
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toThrow();
  });

  it('sends a person who is not signed in to the sign-in page, which brings them back', async () => {
    const jar = new CookieJar();
    const { url, verifier, state } = await authorizationRequest();
    const stop = await follow(url, jar);
    expect(stop.url.origin).toBe(origin);
    expect(stop.url.pathname).toBe('/sign-in');
    const next = stop.url.searchParams.get('next')!;
    expect(next).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    expect(stop.url.searchParams.has('reauth')).toBe(false);

    jar.set(await signedIn(app, p, 'nguyen.van.a', ['official', 'secretary']));
    const back = await follow(next, jar);
    expect(back.url.href.startsWith(REDIRECT_URI)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()?.['preferred_username']).toBe('nguyen.van.a');
  });

  it('treats a session that still owes a second factor as not signed in', async () => {
    const cookie = await signedIn(app, p, 'oidc-pending', ['official']);
    await p.db
      .update(sessions)
      .set({ pending: 'verify' })
      .where(eq(sessions.tokenHash, sha256Hex(cookie.split('=')[1]!)));
    const stop = await follow((await authorizationRequest()).url, new CookieJar(cookie));
    expect(stop.url.pathname).toBe('/sign-in');
    expect(stop.url.searchParams.get('next')).toMatch(/^\/oidc\/interaction\//);
  });

  it('answers prompt=none with login_required once the CPĐT session is gone', async () => {
    const jar = await signedInJar('nguyen.van.a', ['official', 'secretary']);
    const first = await follow((await authorizationRequest()).url, jar);
    expect(first.url.searchParams.get('code')).toBeTruthy();
    await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: jar.header() } });
    const { url } = await authorizationRequest({ prompt: 'none' });
    const stop = await follow(url, jar);
    expect(stop.url.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(stop.url.searchParams.get('error')).toBe('login_required');
  });

  it('asks for a new sign-in on prompt=login, once, then reports login_required', async () => {
    const jar = await signedInJar('nguyen.van.a', ['official', 'secretary']);
    const stop = await follow((await authorizationRequest({ prompt: 'login' })).url, jar);
    expect(stop.url.pathname).toBe('/sign-in');
    expect(stop.url.searchParams.get('reauth')).toBe('1');
    // The sign-in page came straight back without a new sign-in: the system is told so, no loop.
    const back = await follow(stop.url.searchParams.get('next')!, jar);
    expect(back.url.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(back.url.searchParams.get('error')).toBe('login_required');
  });

  it('refuses to start a flow for a disabled client', async () => {
    const disable = (disabled: boolean) =>
      app.inject({
        method: 'PATCH',
        url: `/api/admin/oidc-clients/${clientId}`,
        headers: { cookie: admin },
        payload: { disabled },
      });
    expect((await disable(true)).statusCode).toBe(200);
    const jar = await signedInJar('nguyen.van.a', ['official', 'secretary']);
    const stop = await follow((await authorizationRequest()).url, jar);
    expect(stop.status).toBe(400);
    expect(stop.url.pathname).toBe('/oidc/auth');
    expect(stop.body).toContain('invalid_client');
    expect((await disable(false)).statusCode).toBe(200);
  });

  async function register(body: object): Promise<{ clientId: string; clientSecret: string | null }> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie: admin },
      payload: {
        agencyId: office,
        redirectUris: [REDIRECT_URI],
        postLogoutRedirectUris: [POST_LOGOUT_URI],
        ...body,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json<{ client: { clientId: string }; clientSecret: string | null }>();
    return { clientId: issued.client.clientId, clientSecret: issued.clientSecret };
  }

  it('serves public clients (browser, mobile) with PKCE, which is never optional', async () => {
    const { clientId: publicId, clientSecret: none } = await register({
      name: 'Ứng dụng di động',
      type: 'public',
    });
    expect(none).toBeNull();
    const publicConfig = await client.discovery(new URL(origin), publicId, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    const jar = await signedInJar('nguyen.van.a', ['official', 'secretary']);
    const verifier = client.randomPKCECodeVerifier();
    const withPkce = client.buildAuthorizationUrl(publicConfig, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid agency',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const stop = await follow(withPkce, jar);
    const tokens = await client.authorizationCodeGrant(publicConfig, stop.url, {
      pkceCodeVerifier: verifier,
    });
    expect(tokens.claims()?.['agency']).toMatchObject({ code: '000.00.00.G22' });
    // Scopes not granted are not released: no roles without the roles scope.
    expect(tokens.claims()?.['roles']).toBeUndefined();

    for (const c of [publicConfig, config]) {
      const withoutPkce = client.buildAuthorizationUrl(c, { redirect_uri: REDIRECT_URI, scope: 'openid' });
      const refused = await follow(withoutPkce, jar);
      expect(refused.url.href.startsWith(REDIRECT_URI)).toBe(true);
      expect(refused.url.searchParams.get('error')).toBe('invalid_request');
      expect(refused.url.searchParams.get('error_description')).toMatch(/PKCE/);
    }
  });

  it('tells the other systems by back-channel when the person signs out', async () => {
    const received: string[] = [];
    const rp = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => rp.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = rp.address() as net.AddressInfo;
      const { clientId: rpId, clientSecret: rpSecret } = await register({
        name: 'Hệ thống một cửa',
        type: 'confidential',
        backchannelLogoutUri: `http://127.0.0.1:${port}/backchannel-logout`,
      });
      const rpConfig = await client.discovery(
        new URL(origin),
        rpId,
        undefined,
        client.ClientSecretBasic(rpSecret!),
        {
          execute: [client.allowInsecureRequests],
        },
      );
      const jar = await signedInJar('nguyen.van.a', ['official', 'secretary']);
      const verifier = client.randomPKCECodeVerifier();
      const stop = await follow(
        client.buildAuthorizationUrl(rpConfig, {
          redirect_uri: REDIRECT_URI,
          scope: 'openid',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        }),
        jar,
      );
      const tokens = await client.authorizationCodeGrant(rpConfig, stop.url, { pkceCodeVerifier: verifier });
      const question = await follow(
        client.buildEndSessionUrl(rpConfig, {
          id_token_hint: tokens.id_token!,
          post_logout_redirect_uri: POST_LOGOUT_URI,
        }),
        jar,
      );
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(question.body)![1]!;
      const confirm = await fetch(`${origin}/oidc/session/end/confirm`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }),
      });
      expect(confirm.status).toBe(303);
      expect(received).toHaveLength(1);
      const logoutToken = new URLSearchParams(received[0]).get('logout_token')!;
      const claims = JSON.parse(Buffer.from(logoutToken.split('.')[1]!, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      expect(claims).toMatchObject({
        iss: origin,
        aud: rpId,
        sub: tokens.claims()!.sub,
        sid: tokens.claims()!['sid'],
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      });
    } finally {
      await new Promise((resolve) => rp.close(resolve));
    }
  });

  it('keeps one set of signing keys however many processes start at once', async () => {
    const [a, b] = await Promise.all([loadSigningKeys(p), loadSigningKeys(p)]);
    expect(a.map((k) => k.kid)).toEqual(b.map((k) => k.kid));
    const rows = await p.db.select().from(oidcPayloads).where(eq(oidcPayloads.model, SIGNING_KEYS_MODEL));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.payload)).not.toContain(a[0]!.d!);
  });

  it('names an agency in the claims only while the person still holds a post there', async () => {
    const elsewhere = (
      await p.db.transaction((tx) =>
        createAgency(tx, systemAgencyActor(p.clock.now()), {
          code: '000.00.00.G15',
          nameVi: 'Bộ Tư pháp',
          level: 'central',
        }),
      )
    ).id;
    const [person] = await p.db.select().from(persons).where(eq(persons.username, 'nguyen.van.a'));
    await p.db.transaction((tx) =>
      saveGrantContext(tx, 'g-stale-agency', { agencyId: elsewhere, amr: ['pwd'], sessionId: 'x' }, null),
    );
    const account = await oidcFindAccount(p)({} as never, person!.id, {
      kind: 'AccessToken',
      grantId: 'g-stale-agency',
    } as never);
    const claims = await account!.claims('id_token', 'openid agency', {}, []);
    expect(claims['agency']).toMatchObject({ id: person!.agencyId, code: '000.00.00.G22' });
  });

  it('lets only one of two racing uses of a code win, and revokes the grant for the loser', async () => {
    const codes = oidcAdapter(p)('AuthorizationCode');
    const tokens = oidcAdapter(p)('AccessToken');
    await codes.upsert('code-race', { jti: 'code-race', grantId: 'g-race' }, 60);
    await tokens.upsert('token-race', { jti: 'token-race', grantId: 'g-race' }, 3600);
    const outcomes = await Promise.allSettled([codes.consume('code-race'), codes.consume('code-race')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect((lost.reason as { error?: string }).error).toBe('invalid_grant');
    expect(await tokens.find('token-race')).toBeUndefined(); // the grant's tokens are gone
  });

  it('ignores expired rows on read and purges them hourly', async () => {
    const tokens = oidcAdapter(p)('AccessToken');
    await tokens.upsert('short-lived', { jti: 'short-lived', grantId: 'g-1' }, 60);
    await tokens.upsert('long-lived', { jti: 'long-lived', grantId: 'g-2' }, 7200);
    expect(await tokens.find('short-lived')).toMatchObject({ jti: 'short-lived' });
    p.clock.advance(2 * 60 * 60_000 - 60_000);
    expect(await tokens.find('short-lived')).toBeUndefined();
    expect(await tokens.find('long-lived')).toMatchObject({ jti: 'long-lived' });
    await p.jobs.drain();
    const left = await p.db
      .select({ id: oidcPayloads.id })
      .from(oidcPayloads)
      .where(eq(oidcPayloads.model, 'AccessToken'));
    expect(left.map((r) => r.id)).not.toContain('short-lived');
    expect(left.map((r) => r.id)).toContain('long-lived');
    // It ran through the durable job queue, as it does every hour in production.
    const [purge] = await rows<{ n: unknown }>(
      p.db,
      sql`select count(*)::int as n from jobs where queue = ${OIDC_PURGE_QUEUE} and state = 'done'`,
    );
    expect(Number(purge?.n)).toBeGreaterThan(0);
  });
});
