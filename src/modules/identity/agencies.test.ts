import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog, SYSTEM_CONTEXT, verifyAuditChain } from '../../platform/audit/index.js';
import { isAppError } from '../../platform/errors/index.js';
import type { AgencyResolution, AgencyView } from './agencies.model.js';
import { GOVERNMENT_CODE, GOVERNMENT_OFFICE_CODE, seedAgencies } from './agencies.seed.js';
import { createAgency, resolveAgencyCode } from './agencies.service.js';
import { importAdminUnits } from './admin-units.import.js';
import { seedIdentityDemo } from './demo.js';
import { ensureBuiltinRoles } from './persons.service.js';
import { Permissions } from './policy.js';
import { agencies, agencySuccessions, persons, roles } from './schema.js';

type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;
const errorCode = (res: Reply): string => res.json<{ error: { code: string } }>().error.code;

/** 2 March 2026, 10:00 in Hà Nội. */
const NOW = new Date('2026-03-02T03:00:00Z');

describe('agency registry', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let admin: string;
  let official: string;

  beforeAll(async () => {
    p = await testPlatform({}, NOW);
    app = await testApp(p);
    await p.db.transaction(async (tx) => {
      await importAdminUnits(tx);
      const started = performance.now();
      const seeded = await seedAgencies(tx, NOW);
      console.info(
        `agency seed: ${seeded.created} created, ${seeded.merged} mergers in ` +
          `${Math.round(performance.now() - started)} ms (${p.database.kind})`,
      );
    });
    admin = await signedIn(app, p, 'agency-admin', ['admin']);
    official = await signedIn(app, p, 'agency-official', ['official']);
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  const get = (url: string, cookie = official) => app.inject({ url, headers: { cookie } });
  const list = async (url: string) => (await get(url)).json<{ items: AgencyView[]; total: number }>();
  const resolve = async (url: string) => (await get(url)).json<AgencyResolution>();
  /** `cookie` null: anonymous. */
  const send = (method: 'POST' | 'PATCH', url: string, payload: object, cookie: string | null = admin) =>
    app.inject({ method, url, payload, ...(cookie ? { headers: { cookie } } : {}) });
  /** Everything the registry holds, to show that a refused request changed nothing. */
  const registry = async () => ({
    agencies: await p.db.select().from(agencies).orderBy(asc(agencies.id)),
    successions: await p.db
      .select()
      .from(agencySuccessions)
      .orderBy(asc(agencySuccessions.predecessorId), asc(agencySuccessions.successorId)),
  });
  const current = async (code: string) => {
    const [row] = await p.db
      .select()
      .from(agencies)
      .where(and(eq(agencies.code, code), isNull(agencies.validTo)));
    return row!;
  };
  const lastAudit = async () => {
    const [row] = await p.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    return row!;
  };
  const create = async (body: object) => {
    const res = await send('POST', '/api/admin/agencies', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<AgencyView>();
  };

  describe('seed', () => {
    it('holds the Government, 17 ministries and ministry-level agencies, and 34 provincial committees', async () => {
      const central = await list('/api/agencies?level=central');
      expect(central.total).toBe(18);
      const government = await current(GOVERNMENT_CODE);
      const underGovernment = await list(`/api/agencies?parent=${government.id}`);
      expect(underGovernment.total).toBe(17);
      expect(underGovernment.items.map((a) => a.nameVi)).toEqual(
        expect.arrayContaining([
          'Văn phòng Chính phủ',
          'Bộ Nông nghiệp và Môi trường',
          'Bộ Dân tộc và Tôn giáo',
        ]),
      );
      const office = await current(GOVERNMENT_OFFICE_CODE);
      expect(office).toMatchObject({
        nameVi: 'Văn phòng Chính phủ',
        shortName: 'VPCP',
        parentId: government.id,
      });
      const provinces = await list('/api/agencies?level=province&limit=500');
      expect(provinces.total).toBe(34);
      expect(await current('000.00.00.H41')).toMatchObject({
        nameVi: 'Ủy ban nhân dân tỉnh Nghệ An',
        adminUnitCode: '40',
      });
      expect(await current('000.00.00.H24')).toMatchObject({ nameVi: 'Ủy ban nhân dân thành phố Hà Nội' });
      const retired = await list('/api/agencies?includeRetired=true&limit=500');
      expect(retired.total).toBe(18 + 34 + 5 + 29);
    });

    it('is idempotent', async () => {
      const before = await registry();
      expect(await p.db.transaction((tx) => seedAgencies(tx, NOW))).toEqual({ created: 0, merged: 0 });
      expect(await registry()).toEqual(before);
    });

    it('resolves the codes of the ministries merged on 1 March 2025 and the provinces merged on 1 July 2025', async () => {
      const mpi = await resolve('/api/agencies/resolve/000.00.00.G05');
      expect(mpi.requested).toMatchObject({
        nameVi: 'Bộ Kế hoạch và Đầu tư',
        validTo: '2025-02-28',
        retired: true,
      });
      expect(mpi.current).toEqual([
        expect.objectContaining({ code: '000.00.00.G12', nameVi: 'Bộ Tài chính' }),
      ]);
      expect(mpi.path).toEqual([
        expect.objectContaining({
          kind: 'merge',
          date: '2025-03-01',
          legalBasis: expect.stringContaining('176/2025/QH15'),
        }),
      ]);
      const haGiang = await resolve('/api/agencies/resolve/000.00.00.H22');
      expect(haGiang.requested).toMatchObject({
        nameVi: 'Ủy ban nhân dân tỉnh Hà Giang',
        validTo: '2025-06-30',
      });
      expect(haGiang.current).toEqual([
        expect.objectContaining({ nameVi: 'Ủy ban nhân dân tỉnh Tuyên Quang' }),
      ]);
      const taxes = await resolveAgencyCode(p.db, '000.00.00.g12');
      expect(taxes.current[0]!.code).toBe('000.00.00.G12');
      expect(taxes.path).toEqual([]);
    });

    it('gives the demo accounts the Government Office as their agency', async () => {
      await seedIdentityDemo(p);
      const office = await current(GOVERNMENT_OFFICE_CODE);
      const demo = await p.db
        .select({ username: persons.username, agencyId: persons.agencyId })
        .from(persons);
      const accounts = demo
        .filter((d) => d.username === 'admin' || d.username === 'canbo')
        .sort((a, b) => a.username.localeCompare(b.username));
      expect(accounts).toEqual([
        { username: 'admin', agencyId: office.id },
        { username: 'canbo', agencyId: office.id },
      ]);
    });
  });

  describe('reading', () => {
    it('searches names without diacritics and codes by prefix', async () => {
      const finance = await list('/api/agencies?q=bo%20tai%20chinh');
      expect(finance.items.map((a) => a.code)).toEqual(['000.00.00.G12']);
      const byShortName = await list('/api/agencies?q=vpcp');
      expect(byShortName.items.map((a) => a.code)).toEqual([GOVERNMENT_OFFICE_CODE]);
      const byEnglish = await list('/api/agencies?q=ministry%20of%20health');
      expect(byEnglish.items.map((a) => a.nameVi)).toEqual(['Bộ Y tế']);
      const prefix = await list('/api/agencies?q=000.00.00.G1&limit=500');
      expect(prefix.items.map((a) => a.code)).toEqual([
        '000.00.00.G10',
        '000.00.00.G11',
        '000.00.00.G12',
        '000.00.00.G15',
        '000.00.00.G16',
        '000.00.00.G17',
        '000.00.00.G18',
        '000.00.00.G19',
      ]);
      const withRetired = await list('/api/agencies?q=000.00.00.G1&includeRetired=true&limit=500');
      expect(withRetired.total).toBe(10); // + G13, G14 retired
      const nghean = await list('/api/agencies?q=nghe%20an');
      expect(nghean.items[0]).toMatchObject({ code: '000.00.00.H41', codeStandard: true });
    });

    it('shows an agency with its predecessors and successors', async () => {
      const finance = await current('000.00.00.G12');
      const detail = (await get(`/api/agencies/${finance.id}`)).json();
      expect(detail.predecessors).toEqual([
        expect.objectContaining({
          predecessor: expect.objectContaining({ code: '000.00.00.G05' }),
          kind: 'merge',
          date: '2025-03-01',
        }),
      ]);
      expect(detail.parent).toMatchObject({ code: GOVERNMENT_CODE });
      expect((await get('/api/agencies/not-a-uuid')).statusCode).toBe(404);
      const missing = await get('/api/agencies/00000000-0000-4000-8000-000000000000');
      expect([missing.statusCode, errorCode(missing)]).toEqual([404, 'IDENTITY_AGENCY_NOT_FOUND']);
    });

    it('refuses a malformed code to resolve (400) and an unknown one (404)', async () => {
      const bad = await get('/api/agencies/resolve/000.00.00.G22..');
      expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'IDENTITY_AGENCY_CODE_INVALID']);
      const unknown = await get('/api/agencies/resolve/999.99.99.Z99');
      expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'IDENTITY_AGENCY_NOT_FOUND']);
    });
  });

  describe('writing', () => {
    it('creates an agency, audited with its data', async () => {
      const office = await current(GOVERNMENT_OFFICE_CODE);
      const created = await create({
        code: '000.01.00.G22',
        nameVi: 'Vụ Tổng hợp',
        nameEn: 'General Affairs Department',
        shortName: 'Vụ TH',
        parentId: office.id,
        level: 'central',
      });
      expect(created).toMatchObject({
        code: '000.01.00.G22',
        codeStandard: true,
        retired: false,
        validTo: null,
      });
      expect(await lastAudit()).toMatchObject({
        action: 'identity.agency.create',
        objectId: created.id,
        outcome: 'success',
      });
      expect((await lastAudit()).afterDigest).not.toBeNull();
      const lenient = await create({
        code: '28.22.h17',
        nameVi: 'Cơ quan thử mã không chuẩn',
        level: 'commune',
      });
      expect(lenient).toMatchObject({ code: '28.22.H17', codeStandard: false });
    });

    it('refuses a malformed code with 400 IDENTITY_AGENCY_CODE_INVALID and changes nothing', async () => {
      const before = await registry();
      for (const code of ['000.00.00.Đ22', '', 'A'.repeat(36), '000..00.G22', ' . '])
        for (const [method, url, body] of [
          ['POST', '/api/admin/agencies', { code, nameVi: 'Cơ quan lỗi', level: 'central' }],
          ['PATCH', `/api/admin/agencies/${(await current('000.00.00.G18')).id}`, { code }],
        ] as const) {
          const res = await send(method, url, body);
          expect([res.statusCode, errorCode(res)], `${method} ${code}`).toEqual([
            400,
            'IDENTITY_AGENCY_CODE_INVALID',
          ]);
        }
      expect(await registry()).toEqual(before);
      expect(await lastAudit()).toMatchObject({ outcome: 'failure', detail: 'IDENTITY_AGENCY_CODE_INVALID' });
    });

    it('refuses a code a current agency holds with 409 IDENTITY_AGENCY_CODE_DUPLICATE', async () => {
      const before = await registry();
      const res = await send('POST', '/api/admin/agencies', {
        code: '000.00.00.g22',
        nameVi: 'Văn phòng thứ hai',
        level: 'central',
      });
      expect([res.statusCode, errorCode(res)]).toEqual([409, 'IDENTITY_AGENCY_CODE_DUPLICATE']);
      const other = await current('000.00.00.G18');
      const rename = await send('PATCH', `/api/admin/agencies/${other.id}`, { code: GOVERNMENT_OFFICE_CODE });
      expect([rename.statusCode, errorCode(rename)]).toEqual([409, 'IDENTITY_AGENCY_CODE_DUPLICATE']);
      expect(await registry()).toEqual(before);
    });

    it('refuses bad names, parents, units and dates, changing nothing', async () => {
      const before = await registry();
      const cases: [object, number, string][] = [
        [{ code: '000.02.00.G22', nameVi: '   ', level: 'central' }, 400, 'IDENTITY_AGENCY_INVALID'],
        [
          {
            code: '000.02.00.G22',
            nameVi: 'Vụ',
            level: 'central',
            parentId: '00000000-0000-4000-8000-000000000000',
          },
          400,
          'IDENTITY_AGENCY_PARENT_INVALID',
        ],
        [
          {
            code: '000.02.00.G22',
            nameVi: 'Vụ',
            level: 'central',
            parentId: (await retiredRow('000.00.00.G05')).id,
          },
          400,
          'IDENTITY_AGENCY_PARENT_INVALID',
        ],
        [
          { code: '000.02.00.G22', nameVi: 'Vụ', level: 'province', adminUnitCode: '999' },
          400,
          'IDENTITY_AGENCY_ADMIN_UNIT_INVALID',
        ],
        [
          { code: '000.02.00.G22', nameVi: 'Vụ', level: 'central', validFrom: '2099-01-01' },
          400,
          'IDENTITY_AGENCY_DATE_INVALID',
        ],
        [
          { code: '000.02.00.G22', nameVi: 'Vụ', level: 'central', validFrom: '2026-02-30' },
          400,
          'IDENTITY_AGENCY_DATE_INVALID',
        ],
        [{ code: '000.02.00.G22', nameVi: 'Vụ', level: 'region' }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [body, status, code] of cases) {
        const res = await send('POST', '/api/admin/agencies', body);
        expect([res.statusCode, errorCode(res)], JSON.stringify(body)).toEqual([status, code]);
      }
      expect(await registry()).toEqual(before);
    });

    it('renames in place when only the names change', async () => {
      const health = await current('000.00.00.G18');
      const res = await send('PATCH', `/api/admin/agencies/${health.id}`, {
        nameEn: 'Ministry of Health of Viet Nam',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        agency: {
          id: health.id,
          code: '000.00.00.G18',
          nameVi: 'Bộ Y tế',
          nameEn: 'Ministry of Health of Viet Nam',
        },
        previous: null,
      });
      expect(await lastAudit()).toMatchObject({
        action: 'identity.agency.rename',
        objectId: health.id,
        outcome: 'success',
      });
      const same = await send('PATCH', `/api/admin/agencies/${health.id}`, { nameVi: 'Bộ Y tế' });
      expect([same.statusCode, errorCode(same)]).toEqual([400, 'IDENTITY_AGENCY_UNCHANGED']);
    });

    it('renames with a new code: the old record retires, links to the new one, and its code still resolves', async () => {
      const parent = await create({
        code: '000.00.90.G22',
        nameVi: 'Cục Kiểm soát thủ tục hành chính',
        level: 'central',
      });
      const child = await create({
        code: '000.01.90.G22',
        nameVi: 'Phòng Tổng hợp',
        level: 'central',
        parentId: parent.id,
      });
      const res = await send('PATCH', `/api/admin/agencies/${parent.id}`, {
        code: '000.00.91.G22',
        nameVi: 'Cục Kiểm soát thủ tục hành chính và Cải cách',
        date: '2026-03-01',
        legalBasis: 'Quyết định thử nghiệm 1/QĐ-TEST',
      });
      expect(res.statusCode, res.body).toBe(200);
      const { agency, previous } = res.json<{ agency: AgencyView; previous: AgencyView }>();
      expect(previous).toMatchObject({
        id: parent.id,
        code: '000.00.90.G22',
        validTo: '2026-02-28',
        retired: true,
      });
      expect(agency).toMatchObject({ code: '000.00.91.G22', validFrom: '2026-03-01', retired: false });
      const resolved = await resolve('/api/agencies/resolve/000.00.90.G22');
      expect(resolved.current.map((a) => a.id)).toEqual([agency.id]);
      expect(resolved.path).toEqual([expect.objectContaining({ kind: 'rename', date: '2026-03-01' })]);
      // The old code as it was used before the change names the old record.
      const before = await resolve('/api/agencies/resolve/000.00.90.G22?at=2026-01-15');
      expect(before.requested.id).toBe(parent.id);
      // Subordinates follow the agency.
      expect((await get(`/api/agencies/${child.id}`)).json().parentId).toBe(agency.id);
      // A retired record cannot change any more.
      const again = await send('PATCH', `/api/admin/agencies/${parent.id}`, { nameVi: 'Tên khác' });
      expect([again.statusCode, errorCode(again)]).toEqual([409, 'IDENTITY_AGENCY_RETIRED']);
      // The freed code can be given to another agency; resolution then depends on the date.
      const reuse = await create({
        code: '000.00.90.G22',
        nameVi: 'Cục mới dùng lại mã',
        level: 'central',
        validFrom: '2026-03-02',
      });
      expect((await resolve('/api/agencies/resolve/000.00.90.G22')).requested.id).toBe(reuse.id);
      expect((await resolve('/api/agencies/resolve/000.00.90.G22?at=2026-02-01')).current[0]!.id).toBe(
        agency.id,
      );
    });

    it('merges agencies into an existing one: successors recorded, the merged ones retired', async () => {
      const target = await create({ code: '000.00.80.G22', nameVi: 'Vụ Pháp luật', level: 'central' });
      const a = await create({ code: '000.00.81.G22', nameVi: 'Vụ Hành chính', level: 'central' });
      const b = await create({ code: '000.00.82.G22', nameVi: 'Vụ Văn xã', level: 'central' });
      const underB = await create({
        code: '000.01.82.G22',
        nameVi: 'Phòng Văn hoá',
        level: 'central',
        parentId: b.id,
      });
      const res = await send('POST', '/api/admin/agencies/merge', {
        sourceIds: [a.id, b.id],
        targetId: target.id,
        date: '2026-03-02',
        legalBasis: 'Quyết định thử nghiệm 2/QĐ-TEST',
      });
      expect(res.statusCode, res.body).toBe(200);
      const merged = res.json<{ agency: AgencyView; merged: AgencyView[] }>();
      expect(merged.agency.id).toBe(target.id);
      expect(merged.merged.map((m) => [m.code, m.validTo, m.retiredBasis])).toEqual([
        ['000.00.81.G22', '2026-03-01', 'Quyết định thử nghiệm 2/QĐ-TEST'],
        ['000.00.82.G22', '2026-03-01', 'Quyết định thử nghiệm 2/QĐ-TEST'],
      ]);
      for (const code of ['000.00.81.G22', '000.00.82.G22'])
        expect((await resolve(`/api/agencies/resolve/${code}`)).current.map((x) => x.id)).toEqual([
          target.id,
        ]);
      expect((await get(`/api/agencies/${underB.id}`)).json().parentId).toBe(target.id);
      expect((await get(`/api/agencies/${target.id}`)).json().predecessors).toHaveLength(2);
      expect(await lastAudit()).toMatchObject({
        action: 'identity.agency.merge',
        objectId: target.id,
        outcome: 'success',
      });

      const before = await registry();
      const again = await send('POST', '/api/admin/agencies/merge', {
        sourceIds: [a.id],
        targetId: target.id,
      });
      expect([again.statusCode, errorCode(again)]).toEqual([409, 'IDENTITY_AGENCY_RETIRED']);
      for (const body of [
        { sourceIds: [], targetId: target.id },
        { sourceIds: [target.id], targetId: target.id },
        { sourceIds: [underB.id, underB.id], targetId: target.id },
        { sourceIds: [underB.id] },
      ]) {
        const bad = await send('POST', '/api/admin/agencies/merge', body);
        expect([bad.statusCode, errorCode(bad)], JSON.stringify(body)).toEqual([
          400,
          'IDENTITY_AGENCY_MERGE_INVALID',
        ]);
      }
      const below = await send('POST', '/api/admin/agencies/merge', {
        sourceIds: [target.id],
        targetId: underB.id,
      });
      expect([below.statusCode, errorCode(below)]).toEqual([400, 'IDENTITY_AGENCY_MERGE_INVALID']);
      expect(await registry()).toEqual(before);
    });

    it('merges agencies into a new one that may take over a merged agency’s code', async () => {
      const x = await create({ code: '000.00.70.G22', nameVi: 'Trung tâm Thông tin', level: 'central' });
      const y = await create({ code: '000.00.71.G22', nameVi: 'Trung tâm Dữ liệu', level: 'central' });
      const res = await send('POST', '/api/admin/agencies/merge', {
        sourceIds: [x.id, y.id],
        target: { code: '000.00.70.G22', nameVi: 'Trung tâm Thông tin và Dữ liệu', level: 'central' },
        date: '2026-03-02',
      });
      expect(res.statusCode, res.body).toBe(200);
      const created = res.json().agency;
      expect(created).toMatchObject({ code: '000.00.70.G22', validFrom: '2026-03-02' });
      expect(created.id).not.toBe(x.id);
      expect((await resolve('/api/agencies/resolve/000.00.71.G22')).current[0]!.id).toBe(created.id);
    });

    it('retires an agency without current subordinates; refuses one with them, or twice', async () => {
      const parent = await create({ code: '000.00.60.G22', nameVi: 'Ban Thư ký', level: 'central' });
      const leaf = await create({
        code: '000.01.60.G22',
        nameVi: 'Tổ Thư ký',
        level: 'central',
        parentId: parent.id,
      });
      const before = await registry();
      const blocked = await send('POST', `/api/admin/agencies/${parent.id}/retire`, {});
      expect([blocked.statusCode, errorCode(blocked)]).toEqual([409, 'IDENTITY_AGENCY_HAS_CHILDREN']);
      const future = await send('POST', `/api/admin/agencies/${leaf.id}/retire`, { date: '2026-03-03' });
      expect([future.statusCode, errorCode(future)]).toEqual([400, 'IDENTITY_AGENCY_DATE_INVALID']);
      expect(await registry()).toEqual(before);

      const res = await send('POST', `/api/admin/agencies/${leaf.id}/retire`, {
        legalBasis: 'Quyết định 3/QĐ-TEST',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        retired: true,
        validTo: '2026-03-01',
        retiredBasis: 'Quyết định 3/QĐ-TEST',
      });
      expect(await lastAudit()).toMatchObject({
        action: 'identity.agency.retire',
        objectId: leaf.id,
        outcome: 'success',
      });
      const twice = await send('POST', `/api/admin/agencies/${leaf.id}/retire`, {});
      expect([twice.statusCode, errorCode(twice)]).toEqual([409, 'IDENTITY_AGENCY_RETIRED']);
      const dissolved = await resolve('/api/agencies/resolve/000.01.60.G22');
      expect(dissolved).toMatchObject({ requested: { id: leaf.id }, current: [], path: [] });
      expect((await send('POST', `/api/admin/agencies/${parent.id}/retire`, {})).statusCode).toBe(200);
    });
  });

  describe('authorisation and audit', () => {
    it('answers 401 without a session and 403 to an official on every admin route, changing nothing', async () => {
      const office = await current(GOVERNMENT_OFFICE_CODE);
      const before = await registry();
      const writes: ['POST' | 'PATCH', string, object][] = [
        ['POST', '/api/admin/agencies', { code: '000.00.50.G22', nameVi: 'Vụ', level: 'central' }],
        ['PATCH', `/api/admin/agencies/${office.id}`, { nameVi: 'Văn phòng' }],
        ['POST', '/api/admin/agencies/merge', { sourceIds: [office.id], targetId: office.id }],
        ['POST', `/api/admin/agencies/${office.id}/retire`, {}],
      ];
      for (const [method, url, body] of writes) {
        const anonymous = await send(method, url, body, null);
        expect([anonymous.statusCode, errorCode(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
        const forbidden = await send(method, url, body, official);
        expect([forbidden.statusCode, errorCode(forbidden)]).toEqual([403, 'FORBIDDEN']);
      }
      for (const url of [
        '/api/agencies',
        `/api/agencies/${office.id}`,
        '/api/agencies/resolve/000.00.00.G22',
      ])
        expect((await app.inject({ url })).statusCode).toBe(401);
      expect(await registry()).toEqual(before);
    });

    it('checks the permission in the service too', async () => {
      const refused = await p.db
        .transaction((tx) =>
          createAgency(
            tx,
            { audit: SYSTEM_CONTEXT, permissions: new Set(), now: NOW },
            { code: '000.00.40.G22', nameVi: 'Vụ', level: 'central' },
          ),
        )
        .catch((e: unknown) => e);
      expect(isAppError(refused) && refused.code).toBe('FORBIDDEN');
    });

    it('gives the built-in admin role a new permission without removing an administrator’s additions', async () => {
      await p.db
        .update(roles)
        .set({ permissions: ['platform.jobs.manage', 'custom.reports.read'] })
        .where(eq(roles.code, 'admin'));
      await p.db.transaction((tx) => ensureBuiltinRoles(tx));
      const [role] = await p.db.select().from(roles).where(eq(roles.code, 'admin'));
      expect(role!.permissions.slice(0, 2)).toEqual(['platform.jobs.manage', 'custom.reports.read']);
      expect(role!.permissions).toEqual(expect.arrayContaining(Object.values(Permissions)));
      expect(new Set(role!.permissions).size).toBe(role!.permissions.length);
    });

    it('keeps an intact audit chain with a record for every change and refusal', async () => {
      const records = await p.db.select().from(auditLog).where(eq(auditLog.objectType, 'agency'));
      const actions = new Set(records.map((r) => `${r.action}:${r.outcome}`));
      for (const a of ['create', 'rename', 'merge', 'retire'])
        expect(actions).toContain(`identity.agency.${a}:success`);
      expect(actions).toContain('identity.agency.create:failure');
      expect(await verifyAuditChain(p.db)).toMatchObject({ ok: true });
    });
  });

  async function retiredRow(code: string) {
    const [row] = await p.db.select().from(agencies).where(eq(agencies.code, code));
    return row!;
  }
});
