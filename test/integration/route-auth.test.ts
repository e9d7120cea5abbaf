import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, TEST_PASSWORD, testApp } from '../support/http.js';
import { testPlatform, type TestPlatform } from '../support/platform.js';
import { rows } from '../../src/platform/db/index.js';
import { eq, sql } from 'drizzle-orm';
import { persons, totpAuthenticators } from '../../src/modules/identity/schema.js';

/**
 * Generated from the OpenAPI document, so a new route is covered the day it is added: every route but
 * the few meant to be public answers 401 without credentials, admin routes answer 403 to an official,
 * and a refused call changes nothing in the database.
 */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/sign-in',
  // national e-ID sign-in: whether it is on, and the redirects to and from the provider
  'GET /api/auth/eid',
  'GET /api/auth/eid/start',
  'GET /api/auth/eid/callback',
  // passkeys sign a person in from nothing (passwordless)
  'POST /api/auth/passkeys/authenticate/options',
  'POST /api/auth/passkeys/authenticate',
]);

/** The only routes a session that still owes its second factor may use: to give it, or set one up. */
const WHILE_MFA_PENDING = new Set([
  'GET /api/auth/session',
  'POST /api/auth/sign-out',
  'GET /api/auth/mfa',
  'POST /api/auth/mfa/totp/setup',
  'POST /api/auth/mfa/totp/confirm',
  'POST /api/auth/mfa/verify',
  'POST /api/auth/passkeys/register/options',
  'POST /api/auth/passkeys/register',
]);

interface Operation {
  method: string;
  url: string;
  key: string;
}

function operations(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const method of Object.keys(methods)) {
      // fill path parameters with plausible values; authorisation must be checked before validation anyway
      const url = path.replace(/\{[^}]+\}/g, (p) =>
        p.includes('date') ? '2026-01-02' : p.includes('year') ? '2026' : '1',
      );
      ops.push({ method: method.toUpperCase(), url, key: `${method.toUpperCase()} ${path}` });
    }
  return ops;
}

async function fingerprint(p: TestPlatform): Promise<string> {
  const tables = await rows<{ t: string }>(
    p.db,
    sql`select tablename as t from pg_tables where schemaname = 'public' and tablename not in ('audit_log', 'jobs') order by 1`,
  );
  const counts: string[] = [];
  for (const { t } of tables) {
    const [r] = await rows<{ n: unknown }>(p.db, sql.raw(`select count(*)::int as n from "${t}"`));
    counts.push(`${t}=${String(r?.n)}`);
  }
  return counts.join(',');
}

describe('authorisation on every route', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let ops: Operation[];
  let official: string;
  let halfSignedIn: string;
  beforeAll(async () => {
    p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '1000' });
    app = await testApp(p);
    ops = operations((await app.inject('/api/openapi.json')).json());
    official = await signedIn(app, p, 'canbo-thuong', ['official']);
    halfSignedIn = await pendingSession(app, p);
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  it('finds the routes in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(10);
  });

  it('answers 401 UNAUTHENTICATED without credentials, changing nothing', async () => {
    const before = await fingerprint(p);
    const open: string[] = [];
    for (const op of ops.filter((o) => !PUBLIC.has(o.key))) {
      const res = await app.inject({
        method: op.method as 'GET',
        url: op.url,
        payload: op.method === 'GET' ? undefined : {},
      });
      if (res.statusCode !== 401 || res.json().error.code !== 'UNAUTHENTICATED')
        open.push(`${op.key} → ${res.statusCode}`);
    }
    expect(open).toEqual([]);
    expect(await fingerprint(p)).toBe(before);
  });

  it('answers 403 FORBIDDEN to an official on administrator routes, changing nothing', async () => {
    const before = await fingerprint(p);
    const open: string[] = [];
    for (const op of ops.filter((o) => o.url.startsWith('/api/admin/'))) {
      const res = await app.inject({
        method: op.method as 'GET',
        url: op.url,
        headers: { cookie: official },
        payload: op.method === 'GET' ? undefined : {},
      });
      if (res.statusCode !== 403) open.push(`${op.key} → ${res.statusCode}`);
    }
    expect(open).toEqual([]);
    expect(await fingerprint(p)).toBe(before);
  });

  it('answers 403 MFA_REQUIRED to a session that still owes its second factor, changing nothing', async () => {
    const before = await fingerprint(p);
    const open: string[] = [];
    for (const op of ops.filter((o) => !PUBLIC.has(o.key) && !WHILE_MFA_PENDING.has(o.key))) {
      const res = await app.inject({
        method: op.method as 'GET',
        url: op.url,
        headers: { cookie: halfSignedIn },
        payload: op.method === 'GET' ? undefined : {},
      });
      if (res.statusCode !== 403 || res.json().error.code !== 'MFA_REQUIRED')
        open.push(`${op.key} → ${res.statusCode}`);
    }
    expect(open).toEqual([]);
    expect(await fingerprint(p)).toBe(before);
  });
});

/** An official with an authenticator app, signed in with the password only. */
async function pendingSession(app: FastifyInstance, p: TestPlatform): Promise<string> {
  const cookie = await signedIn(app, p, 'canbo-cho-otp', ['official']);
  const [person] = await p.db.select().from(persons).where(eq(persons.username, 'canbo-cho-otp'));
  await p.db.insert(totpAuthenticators).values({
    personId: person!.id,
    secretEnc: p.secrets.seal('JBSWY3DPEHPK3PXP', `totp:${person!.id}`),
    confirmedAt: p.clock.now(),
  });
  await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username: 'canbo-cho-otp', password: TEST_PASSWORD },
  });
  expect(res.json<{ pending: string }>().pending).toBe('verify');
  return `cpdt_session=${res.cookies.find((c) => c.name === 'cpdt_session')!.value}`;
}
