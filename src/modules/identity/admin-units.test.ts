import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { toNumber } from '../../platform/db/index.js';
import { readReference, withoutDiacritics } from './admin-units.data.js';
import { importAdminUnits, type AdminUnitsImport } from './admin-units.import.js';
import type { AdminUnitSuccession, AdminUnitView } from './admin-units.service.js';
import { adminUnits, adminUnitSuccessors } from './schema.js';

describe('administrative units', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let cookie: string;
  let first: AdminUnitsImport;

  beforeAll(async () => {
    p = await testPlatform();
    app = await testApp(p);
    first = await p.db.transaction((tx) => importAdminUnits(tx));
    cookie = await signedIn(app, p, 'units-reader', ['official']);
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  const countUnits = async (...where: Parameters<typeof and>) => {
    const [row] = await p.db
      .select({ n: count() })
      .from(adminUnits)
      .where(and(...where));
    return toNumber(row?.n);
  };
  const get = (url: string) => app.inject({ url, headers: { cookie } });
  const search = async (url: string) => (await get(url)).json<{ items: AdminUnitView[] }>();
  const successorsOf = async (code: string) =>
    (await get(`/api/admin-units/${code}/successors`)).json<AdminUnitSuccession>();

  it('imports 34 provinces and 3,321 communes/wards in force since 1 July 2025, and the register before', async () => {
    console.info(
      `admin units import: ${first.current} in force + ${first.historical} historical units, ` +
        `${first.successors} successor links in ${first.ms} ms (${p.database.kind})`,
    );
    expect(first).toMatchObject({ current: 3_355 });
    expect(await countUnits(isNull(adminUnits.validTo), eq(adminUnits.level, 'province'))).toBe(34);
    expect(await countUnits(isNull(adminUnits.validTo), eq(adminUnits.level, 'commune'))).toBe(3_321);
    expect(await countUnits(isNull(adminUnits.validTo), eq(adminUnits.type, 'special_zone'))).toBe(13);
    expect(await countUnits(isNull(adminUnits.validTo), eq(adminUnits.type, 'municipality'))).toBe(7);
    expect(await countUnits(isNotNull(adminUnits.validTo), eq(adminUnits.level, 'province'))).toBe(63);
    expect(await countUnits(isNotNull(adminUnits.validTo), eq(adminUnits.level, 'commune'))).toBe(10_047);
    const [hanoi] = await p.db
      .select()
      .from(adminUnits)
      .where(and(eq(adminUnits.code, '01'), isNull(adminUnits.validTo)));
    expect(hanoi).toMatchObject({
      name: 'Hà Nội',
      fullName: 'Thành phố Hà Nội',
      fullNameEn: 'Hanoi City',
      type: 'municipality',
      validFrom: '2025-07-01',
    });
    const [oldTown] = await p.db
      .select()
      .from(adminUnits)
      .where(and(eq(adminUnits.code, '06970'), isNotNull(adminUnits.validTo)));
    expect(oldTown).toMatchObject({
      name: 'Ba Chẽ',
      fullName: 'Thị trấn Ba Chẽ',
      nameEn: 'Ba Che',
      type: 'township',
      provinceCode: '22',
      validTo: '2025-06-30',
    });
  });

  it('imports again without duplicating or rewriting anything', async () => {
    const before = await p.db
      .select({ id: adminUnits.id })
      .from(adminUnits)
      .where(eq(adminUnits.code, '00004'));
    const [links] = await p.db.select({ n: count() }).from(adminUnitSuccessors);
    await p.db.transaction((tx) => importAdminUnits(tx));
    expect(await countUnits()).toBe(first.current + first.historical);
    const [linksAfter] = await p.db.select({ n: count() }).from(adminUnitSuccessors);
    expect(toNumber(linksAfter?.n)).toBe(toNumber(links?.n));
    const after = await p.db
      .select({ id: adminUnits.id })
      .from(adminUnits)
      .where(eq(adminUnits.code, '00004'));
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
  });

  it('ships its data: every successor is a unit in force', () => {
    const { units, successors } = readReference();
    const inForce = new Set(units.filter((u) => u.validTo === null).map((u) => u.code));
    expect(successors.filter((s) => !inForce.has(s.newCode))).toEqual([]);
    expect(withoutDiacritics('Đắk Lắk, Thừa Thiên Huế')).toBe('Dak Lak, Thua Thien Hue');
  });

  it('searches without diacritics: "ha noi" finds Hà Nội, "ba dinh" finds Ba Đình', async () => {
    const hanoi = await search('/api/admin-units?q=ha%20noi');
    expect(hanoi.items[0]).toMatchObject({ code: '01', name: 'Hà Nội', level: 'province' });
    const baDinh = await search('/api/admin-units?q=ba%20dinh');
    expect(baDinh.items.map((u) => [u.code, u.fullName])).toContainEqual(['00004', 'Phường Ba Đình']);
    const upper = await search('/api/admin-units?q=PHUONG%20BA%20DINH&province=01');
    expect(upper.items.map((u) => u.code)).toEqual(['00004']);
    const accented = await search(`/api/admin-units?q=${encodeURIComponent('Ba Đình')}`);
    expect(accented.items.map((u) => u.code)).toContain('00004');
  });

  it('lists a province, filters by level, finds historical units only when asked', async () => {
    const hanoi = await search('/api/admin-units?province=01&limit=500');
    expect(hanoi.items).toHaveLength(126);
    const provinces = await search('/api/admin-units?level=province&limit=100');
    expect(provinces.items).toHaveLength(34);
    const now = await search('/api/admin-units?q=ha%20giang');
    expect(now.items.filter((u) => u.level === 'province')).toEqual([]);
    const then = await search('/api/admin-units?q=ha%20giang&includeHistorical=true&level=province');
    expect(then.items).toEqual([
      expect.objectContaining({ code: '02', validTo: '2025-06-30', type: 'province' }),
    ]);
    const limited = await search('/api/admin-units?q=xa&limit=3');
    expect(limited.items).toHaveLength(3);
    expect((await get('/api/admin-units?limit=100000')).statusCode).toBe(400);
  });

  it('resolves an old code to the unit(s) that took it over', async () => {
    const phucXa = await successorsOf('00001');
    expect(phucXa).toMatchObject({
      code: '00001',
      historical: { fullName: 'Phường Phúc Xá', validTo: '2025-06-30' },
      inForce: false,
      successors: [{ code: '00097', fullName: 'Phường Hồng Hà' }],
    });
    // Split between two wards.
    const congVi = await successorsOf('00007');
    expect(congVi.successors.map((u) => u.code)).toEqual(['00008', '00025']);
    // A province merged into another.
    const haGiang = await successorsOf('02');
    expect(haGiang.successors).toEqual([expect.objectContaining({ code: '08', name: 'Tuyên Quang' })]);
    // The same code before and after: old Trúc Bạch → new Ba Đình.
    const trucBach = await successorsOf('00004');
    expect(trucBach).toMatchObject({
      historical: { fullName: 'Phường Trúc Bạch' },
      inForce: true,
      successors: [{ code: '00004', fullName: 'Phường Ba Đình' }],
    });
    // The mapping's code for Ba Chẽ differs from the register's: corrected by name when derived.
    const baChe = await successorsOf('06970');
    expect(baChe.successors).toEqual([expect.objectContaining({ code: '06978', fullName: 'Xã Ba Chẽ' })]);
    // An island district became a special zone.
    const conDao = await successorsOf('755');
    expect(conDao.successors).toEqual([expect.objectContaining({ code: '26732', type: 'special_zone' })]);
  });

  it('answers 404 IDENTITY_ADMIN_UNIT_NOT_FOUND for a code no unit ever had, 401 without a session', async () => {
    const res = await get('/api/admin-units/99999/successors');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('IDENTITY_ADMIN_UNIT_NOT_FOUND');
    for (const url of ['/api/admin-units?q=ha', '/api/admin-units/00001/successors']) {
      const anonymous = await app.inject({ url });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});
