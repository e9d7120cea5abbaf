import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, TEST_PASSWORD } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { createAgency, systemAgencyActor } from './agencies.service.js';
import type { OidcClientView } from './oidc-clients.model.js';
import { providerClientMetadata } from './oidc-clients.service.js';
import { ensureBuiltinRoles, ensurePerson } from './persons.service.js';
import { oidcClients } from './schema.js';

type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;
const errorOf = (res: Reply) =>
  res.json<{ error: { code: string; messages: { vi: string; en: string } } }>().error;

interface Issued {
  client: OidcClientView;
  clientSecret: string | null;
}

describe('registry of OIDC clients (admin API)', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let office: string; // Văn phòng Chính phủ
  let province: string; // UBND tỉnh Nghệ An
  let admin: string; // all agencies
  let provinceAdmin: string; // agency_admin of Nghệ An
  let official: string;

  beforeAll(async () => {
    p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '1000' });
    app = await testApp(p);
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
      province = (
        await createAgency(tx, actor, {
          code: '000.00.00.H41',
          nameVi: 'UBND tỉnh Nghệ An',
          level: 'province',
        })
      ).id;
      const person = (username: string, agencyId: string, roles: string[]) =>
        ensurePerson(tx, SYSTEM_CONTEXT, {
          username,
          displayName: username,
          password: TEST_PASSWORD,
          agencyId,
          roles,
        });
      await person('oidc-admin', office, ['admin']);
      await person('qt-nghean', province, ['agency_admin']);
    });
    admin = await signedIn(app, p, 'oidc-admin', ['admin']);
    provinceAdmin = await signedIn(app, p, 'qt-nghean', ['agency_admin']);
    official = await signedIn(app, p, 'canbo-oidc-clients', ['official']);
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const stored = () => p.db.select().from(oidcClients).orderBy(asc(oidcClients.clientId));
  const create = async (cookie: string, body: object) => {
    const res = await send('POST', '/api/admin/oidc-clients', cookie, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Issued>();
  };

  it('registers a confidential client: the secret is shown once and stored only sealed', async () => {
    const issued = await create(admin, {
      name: '  Hệ thống   quản lý văn bản VPCP ',
      agencyId: office,
      type: 'confidential',
      redirectUris: ['https://qlvb.vpcp.gov.vn/oidc/callback', 'http://localhost:8080/cb'],
      postLogoutRedirectUris: ['https://qlvb.vpcp.gov.vn/'],
      backchannelLogoutUri: 'https://qlvb.vpcp.gov.vn/oidc/backchannel',
    });
    expect(issued.client).toMatchObject({
      name: 'Hệ thống quản lý văn bản VPCP',
      type: 'confidential',
      agency: { id: office, code: '000.00.00.G22' },
      redirectUris: ['https://qlvb.vpcp.gov.vn/oidc/callback', 'http://localhost:8080/cb'],
      backchannelLogoutUri: 'https://qlvb.vpcp.gov.vn/oidc/backchannel',
      disabledAt: null,
    });
    expect(issued.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await p.db
      .select()
      .from(oidcClients)
      .where(eq(oidcClients.clientId, issued.client.clientId));
    expect(JSON.stringify(row!.metadata)).not.toContain(issued.clientSecret);
    const provided = await providerClientMetadata(p.db, p.secrets, issued.client.clientId);
    expect(provided).toMatchObject({
      client_secret: issued.clientSecret,
      token_endpoint_auth_method: 'client_secret_basic',
    });
    // Reading it back never shows the secret again.
    const read = await send('GET', `/api/admin/oidc-clients/${issued.client.clientId}`, admin);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(issued.clientSecret);
    const [record] = await p.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'identity.oidc.client.create'),
          eq(auditLog.objectId, issued.client.clientId),
        ),
      );
    expect(record?.outcome).toBe('success');
  });

  it('registers a public client without a secret, which cannot be rotated', async () => {
    const issued = await create(provinceAdmin, {
      name: 'Ứng dụng di động Nghệ An',
      type: 'public',
      redirectUris: ['https://app.nghean.gov.vn/callback'],
    });
    expect(issued.clientSecret).toBeNull();
    // Without an agency, the client belongs to the one the administrator acts for.
    expect(issued.client).toMatchObject({ type: 'public', agency: { id: province, code: '000.00.00.H41' } });
    const rotate = await send(
      'POST',
      `/api/admin/oidc-clients/${issued.client.clientId}/secret`,
      provinceAdmin,
    );
    expect(rotate.statusCode).toBe(409);
    expect(errorOf(rotate).code).toBe('IDENTITY_OIDC_CLIENT_PUBLIC');
  });

  it('edits, disables and enables a client, and rotates its secret', async () => {
    const { client, clientSecret } = await create(admin, {
      name: 'Cổng thông tin',
      agencyId: office,
      type: 'confidential',
      redirectUris: ['https://cong.vpcp.gov.vn/cb'],
    });
    const url = `/api/admin/oidc-clients/${client.clientId}`;
    const patched = await send('PATCH', url, admin, {
      name: 'Cổng thông tin điện tử',
      redirectUris: ['https://cong.vpcp.gov.vn/cb', 'https://cong.vpcp.gov.vn/cb2'],
      backchannelLogoutUri: 'https://cong.vpcp.gov.vn/logout',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<OidcClientView>()).toMatchObject({
      name: 'Cổng thông tin điện tử',
      redirectUris: ['https://cong.vpcp.gov.vn/cb', 'https://cong.vpcp.gov.vn/cb2'],
      backchannelLogoutUri: 'https://cong.vpcp.gov.vn/logout',
    });
    const cleared = await send('PATCH', url, admin, { backchannelLogoutUri: null });
    expect(cleared.json<OidcClientView>().backchannelLogoutUri).toBeNull();

    const disabled = await send('PATCH', url, admin, { disabled: true });
    expect(disabled.json<OidcClientView>().disabledAt).not.toBeNull();
    expect(await providerClientMetadata(p.db, p.secrets, client.clientId)).toBeUndefined();
    const enabled = await send('PATCH', url, admin, { disabled: false });
    expect(enabled.json<OidcClientView>().disabledAt).toBeNull();

    const rotated = await send('POST', `${url}/secret`, admin);
    expect(rotated.statusCode).toBe(200);
    const next = rotated.json<Issued>().clientSecret;
    expect(next).toBeTruthy();
    expect(next).not.toBe(clientSecret);
    expect((await providerClientMetadata(p.db, p.secrets, client.clientId))?.['client_secret']).toBe(next);

    const actions = await p.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectId, client.clientId))
      .orderBy(asc(auditLog.id));
    expect(actions.map((a) => a.action)).toEqual([
      'identity.oidc.client.create',
      'identity.oidc.client.update',
      'identity.oidc.client.update',
      'identity.oidc.client.disable',
      'identity.oidc.client.enable',
      'identity.oidc.client.rotateSecret',
    ]);
  });

  it("keeps another agency's clients out of reach: listed nowhere, 404 everywhere, unchanged", async () => {
    const { client } = await create(admin, {
      name: 'Hệ thống riêng của VPCP',
      agencyId: office,
      type: 'confidential',
      redirectUris: ['https://rieng.vpcp.gov.vn/cb'],
    });
    const before = await stored();
    const url = `/api/admin/oidc-clients/${client.clientId}`;
    for (const res of [
      await send('GET', url, provinceAdmin),
      await send('PATCH', url, provinceAdmin, { name: 'Chiếm quyền', disabled: true }),
      await send('POST', `${url}/secret`, provinceAdmin),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('IDENTITY_OIDC_CLIENT_NOT_FOUND');
    }
    const mine = await send('GET', '/api/admin/oidc-clients', provinceAdmin);
    const items = mine.json<{ items: OidcClientView[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.agency?.id === province)).toBe(true);
    const all = (await send('GET', '/api/admin/oidc-clients', admin)).json<{ items: OidcClientView[] }>()
      .items;
    expect(all.map((c) => c.clientId)).toContain(client.clientId);
    // Nor may they register a client for an agency outside their scope.
    const foreign = await send('POST', '/api/admin/oidc-clients', provinceAdmin, {
      name: 'Giả danh',
      agencyId: office,
      type: 'public',
      redirectUris: ['https://x.gov.vn/cb'],
    });
    expect(errorOf(foreign).code).toBe('IDENTITY_OIDC_AGENCY_INVALID');
    expect(await stored()).toEqual(before);
  });

  it('refuses bad redirect addresses with a coded error in both languages, changing nothing', async () => {
    const { client } = await create(admin, {
      name: 'Hệ thống thử',
      agencyId: office,
      type: 'confidential',
      redirectUris: ['https://thu.gov.vn/cb'],
    });
    const before = await stored();
    const bad = [
      'http://thu.gov.vn/cb', // plain http off the local machine
      'thu.gov.vn/cb', // not absolute
      'https://thu.gov.vn/cb#frag',
      'javascript:alert(1)',
      'https://user:pass@thu.gov.vn/cb',
    ];
    for (const uri of bad) {
      const created = await send('POST', '/api/admin/oidc-clients', admin, {
        name: 'Sai',
        agencyId: office,
        type: 'confidential',
        redirectUris: [uri],
      });
      expect(created.statusCode, uri).toBe(400);
      const error = errorOf(created);
      expect(error.code).toBe('IDENTITY_OIDC_REDIRECT_URI_INVALID');
      expect(error.messages.vi).toMatch(/chuyển hướng/);
      expect(error.messages.en).toMatch(/redirect/);
      const patched = await send('PATCH', `/api/admin/oidc-clients/${client.clientId}`, admin, {
        name: 'Đổi tên cùng lúc',
        redirectUris: ['https://thu.gov.vn/ok', uri],
      });
      expect(errorOf(patched).code).toBe('IDENTITY_OIDC_REDIRECT_URI_INVALID');
    }
    const noRedirect = await send('POST', '/api/admin/oidc-clients', admin, {
      name: 'Thiếu địa chỉ',
      agencyId: office,
      type: 'confidential',
      redirectUris: [],
    });
    expect(errorOf(noRedirect).code).toBe('IDENTITY_OIDC_CLIENT_INVALID');
    const badType = await send('POST', '/api/admin/oidc-clients', admin, {
      name: 'Loại lạ',
      agencyId: office,
      type: 'implicit',
      redirectUris: ['https://thu.gov.vn/cb'],
    });
    expect(errorOf(badType).code).toBe('IDENTITY_OIDC_CLIENT_INVALID');
    const noAgency = await send('POST', '/api/admin/oidc-clients', admin, {
      name: 'Không cơ quan',
      type: 'public',
      agencyId: '00000000-0000-4000-8000-000000000000',
      redirectUris: ['https://thu.gov.vn/cb'],
    });
    expect(errorOf(noAgency).code).toBe('IDENTITY_OIDC_AGENCY_INVALID');
    expect(await stored()).toEqual(before);
    const refused = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.oidc.client.update'), eq(auditLog.outcome, 'failure')));
    expect(refused.map((r) => r.detail)).toContain('IDENTITY_OIDC_REDIRECT_URI_INVALID');
  });

  it('is for holders of identity.oidc.manage only', async () => {
    const res = await send('GET', '/api/admin/oidc-clients', official);
    expect(res.statusCode).toBe(403);
    const anonymous = await app.inject({ url: '/api/admin/oidc-clients' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('leaves back-channel logout addresses (called by CPĐT itself) to national administrators', async () => {
    const before = await stored();
    const res = await send('POST', '/api/admin/oidc-clients', provinceAdmin, {
      name: 'Hệ thống nội bộ',
      type: 'confidential',
      redirectUris: ['https://noibo.nghean.gov.vn/cb'],
      backchannelLogoutUri: 'https://169.254.169.254/latest/meta-data',
    });
    expect(res.statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });
});
