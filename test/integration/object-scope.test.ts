import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT } from '../../src/platform/audit/index.js';
import { rows } from '../../src/platform/db/index.js';
import { notifications } from '../../src/platform/notify/schema.js';
import { ensureBuiltinRoles, ensurePerson } from '../../src/modules/identity/index.js';
import {
  agencies,
  certificates,
  delegations,
  governmentMembers,
  oidcClients,
  passkeys,
  persons,
  sessions,
} from '../../src/modules/identity/schema.js';
import { signedIn, TEST_PASSWORD, testApp } from '../support/http.js';
import { testPlatform, type TestPlatform } from '../support/platform.js';

/**
 * Generated from the OpenAPI document: every route that names an object in its path either belongs to a
 * class of objects below, and then answers 404 for another agency's (or another person's) object and changes
 * nothing, or is listed as national with the reason. A new route with a path parameter fails this test until
 * it is classified.
 */

/** Objects that belong to an agency or a person: the route's parameter is filled with one that is not ours. */
const SCOPED: Record<string, { caller: 'agencyAdmin' | 'official'; object: keyof Fixtures }> = {
  'GET /api/admin/people/{id}': { caller: 'agencyAdmin', object: 'personB' },
  'PATCH /api/admin/people/{id}': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/people/{id}/unlock': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/people/{id}/reset-mfa': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/people/{id}/revoke-sessions': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/people/{id}/posts': { caller: 'agencyAdmin', object: 'personB' },
  'DELETE /api/admin/people/{id}/posts/{agencyId}': { caller: 'agencyAdmin', object: 'personB' },
  'GET /api/admin/people/{personId}/certificates': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/delegations/{id}/revoke': { caller: 'agencyAdmin', object: 'delegationB' },
  'GET /api/admin/oidc-clients/{clientId}': { caller: 'agencyAdmin', object: 'clientB' },
  'PATCH /api/admin/oidc-clients/{clientId}': { caller: 'agencyAdmin', object: 'clientB' },
  'POST /api/admin/oidc-clients/{clientId}/secret': { caller: 'agencyAdmin', object: 'clientB' },
  'DELETE /api/auth/sessions/{id}': { caller: 'official', object: 'sessionB' },
  'DELETE /api/auth/passkeys/{id}': { caller: 'official', object: 'passkeyB' },
  'DELETE /api/me/certificates/{id}': { caller: 'official', object: 'certificateB' },
  'POST /api/notifications/{id}/read': { caller: 'official', object: 'notificationB' },
};

/** Routes whose objects are national (no agency owns them), with who may use them instead. */
const NATIONAL: Record<string, string> = {
  'POST /api/admin/jobs/{id}/retry': 'the job queue is the deployment’s (platform.jobs.manage)',
  'GET /api/calendar/{year}': 'the working-day calendar is public to signed-in people',
  'PUT /api/admin/calendar/overrides/{date}': 'the calendar is national (platform.calendar.manage)',
  'DELETE /api/admin/calendar/overrides/{date}': 'the calendar is national',
  'PUT /api/admin/calendar/decisions/{year}/{ruleId}': 'the calendar is national',
  'DELETE /api/admin/calendar/decisions/{year}/{ruleId}': 'the calendar is national',
  'POST /api/admin/people/{id}/member-terms': 'Government membership: only the all-agency scope',
  'POST /api/admin/people/{id}/member-terms/{termId}/end': 'Government membership: only the all-agency scope',
  'GET /api/admin/businesses/{id}': 'businesses belong to no agency: only the all-agency scope',
  'POST /api/admin/businesses/{id}/representatives': 'businesses: only the all-agency scope',
  'DELETE /api/admin/businesses/{id}/representatives/{personId}': 'businesses: only the all-agency scope',
  'PATCH /api/admin/roles/{code}': 'roles are the deployment’s (identity.roles.manage)',
  'DELETE /api/admin/roles/{code}': 'roles are the deployment’s',
  'GET /api/admin-units/{code}/successors': 'administrative units are public reference data',
  'GET /api/agencies/resolve/{code}': 'the agency registry is public reference data',
  'GET /api/agencies/{id}': 'the agency registry is public reference data',
  'PATCH /api/admin/agencies/{id}': 'the registry is national (identity.agencies.manage)',
  'POST /api/admin/agencies/{id}/retire': 'the registry is national',
};

interface Fixtures {
  personB: string;
  delegationB: string;
  clientB: string;
  sessionB: string;
  passkeyB: string;
  certificateB: string;
  notificationB: string;
}

async function fingerprint(p: TestPlatform): Promise<string> {
  const tables = await rows<{ t: string }>(
    p.db,
    sql`select tablename as t from pg_tables where schemaname = 'public' and tablename not in ('audit_log', 'jobs') order by 1`,
  );
  const parts: string[] = [];
  for (const { t } of tables) {
    const [r] = await rows<{ h: string }>(
      p.db,
      sql.raw(`select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from "${t}" x`),
    );
    parts.push(`${t}=${r?.h}`);
  }
  return parts.join(',');
}

describe('objects of another agency or person', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let ops: { method: string; path: string; key: string }[];
  const callers: Record<'agencyAdmin' | 'official', string> = { agencyAdmin: '', official: '' };
  let fx: Fixtures;
  let personA: string;

  beforeAll(async () => {
    p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '1000' });
    app = await testApp(p);
    const doc = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, object> }>();
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })),
    );
    const [a, b] = await p.db
      .insert(agencies)
      .values([
        { code: '000.00.81.G01', nameVi: 'Cơ quan A', level: 'central' },
        { code: '000.00.82.G01', nameVi: 'Cơ quan B', level: 'central' },
      ])
      .returning({ id: agencies.id });
    const make = (username: string, agencyId: string, roles: string[]) =>
      p.db.transaction(async (tx) => {
        await ensureBuiltinRoles(tx);
        return ensurePerson(tx, SYSTEM_CONTEXT, {
          username,
          displayName: username,
          password: TEST_PASSWORD,
          agencyId,
          roles,
        });
      });
    await make('quantri-a', a!.id, ['agency_admin']);
    personA = await make('canbo-a', a!.id, ['official']);
    const personB = await make('canbo-b', b!.id, ['official']);
    const principalB = await make('lanhdao-b', b!.id, ['official']);
    callers.agencyAdmin = await signedIn(app, p, 'quantri-a', ['agency_admin']);
    callers.official = await signedIn(app, p, 'canbo-a', ['official']);
    await signedIn(app, p, 'canbo-b', ['official']);
    const [sessionB] = await p.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.personId, personB));
    const [delegation] = await p.db
      .insert(delegations)
      .values({ principalId: principalB, delegateId: personB, validFrom: '2026-01-01' })
      .returning({ id: delegations.id });
    await p.db.insert(governmentMembers).values({
      personId: principalB,
      office: 'minister',
      agencyId: b!.id,
      titleVi: 'Bộ trưởng',
      validFrom: '2026-01-01',
    });
    await p.db.insert(oidcClients).values({
      clientId: 'he-thong-b',
      name: 'Hệ thống B',
      agencyId: b!.id,
      metadata: { client_id: 'he-thong-b', redirect_uris: ['https://b.example.vn/cb'] },
    });
    const [passkey] = await p.db
      .insert(passkeys)
      .values({ personId: personB, credentialId: 'cred-b', publicKey: 'AA', name: 'Khoá B' })
      .returning({ id: passkeys.id });
    const [certificate] = await p.db
      .insert(certificates)
      .values({
        personId: personB,
        fingerprint: 'ab'.repeat(32),
        serialNumber: '01',
        subject: 'CN=B',
        issuer: 'CN=CA',
        notBefore: new Date('2026-01-01'),
        notAfter: new Date('2027-01-01'),
        pem: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----',
        source: 'upload',
      })
      .returning({ id: certificates.id });
    const [notification] = await p.db
      .insert(notifications)
      .values({
        channel: 'inapp',
        personId: personB,
        locale: 'vi',
        template: 'test',
        subject: 'Thư của B',
        body: 'Nội dung',
        state: 'sent',
      })
      .returning({ id: notifications.id });
    fx = {
      personB,
      delegationB: delegation!.id,
      clientB: 'he-thong-b',
      sessionB: sessionB!.id,
      passkeyB: passkey!.id,
      certificateB: certificate!.id,
      notificationB: notification!.id,
    };
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  const url = (path: string, objectId: string) =>
    path.replace(/\{[^}]+\}/, objectId).replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000001');

  it('classifies every route that names an object', () => {
    const unclassified = ops
      .filter((o) => o.path.includes('{') && !(o.key in SCOPED) && !(o.key in NATIONAL))
      .map((o) => o.key);
    expect(unclassified).toEqual([]);
    const stale = [...Object.keys(SCOPED), ...Object.keys(NATIONAL)].filter(
      (k) => !ops.some((o) => o.key === k),
    );
    expect(stale).toEqual([]);
  });

  it('answers 404 for another agency’s or person’s object, changing nothing', async () => {
    const before = await fingerprint(p);
    const leaks: string[] = [];
    for (const op of ops.filter((o) => o.key in SCOPED)) {
      const { caller, object } = SCOPED[op.key]!;
      const res = await app.inject({
        method: op.method as 'GET',
        url: url(op.path, fx[object]),
        headers: { cookie: callers[caller] },
        payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : { agencyId: fx.personB },
      });
      if (res.statusCode !== 404) leaks.push(`${op.key} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
    expect(await fingerprint(p)).toBe(before);
  });

  it('reaches the same kind of object in the caller’s own agency (the check above can fail)', async () => {
    const own = await app.inject({
      url: `/api/admin/people/${personA}`,
      headers: { cookie: callers.agencyAdmin },
    });
    expect(own.statusCode).toBe(200);
    const [b] = await p.db.select().from(persons).where(eq(persons.id, fx.personB));
    expect(b!.username).toBe('canbo-b');
  });
});
