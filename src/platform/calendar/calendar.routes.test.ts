import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog, verifyAuditChain } from '../audit/index.js';
import type { ErrorBody } from '../http/index.js';
import { calendarHolidayDecisions, calendarOverrides } from './schema.js';

interface YearJson {
  year: number;
  weeklyRestDays: number[];
  holidays: { date: string; nameVi: string; nameEn: string; legalBasis: string; kind: string }[];
  overrides: Record<string, unknown>[];
  decisions: Record<string, unknown>[];
}
type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;
const codeOf = (res: Reply) => res.json<ErrorBody>().error.code;
const yearOf = (res: Reply) => res.json<YearJson>();

const EXTRA_DAY_OFF = {
  kind: 'off',
  reasonVi: 'Nghỉ thêm một ngày sau Tết Bính Ngọ',
  reasonEn: 'One extra day off after Tết',
  legalBasis: 'Thông báo thử nghiệm 2/TB-TEST',
};

describe('calendar HTTP API', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let admin: string;
  let official: string;

  const tableRows = async () => ({
    overrides: await p.db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date)),
    decisions: await p.db.select().from(calendarHolidayDecisions),
  });
  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });
  const send = (method: 'PUT' | 'DELETE', url: string, cookie: string | undefined, payload?: object) =>
    app.inject({ method, url, ...(payload ? { payload } : {}), ...(cookie ? { headers: { cookie } } : {}) });

  beforeAll(async () => {
    p = await testPlatform({}, new Date('2026-01-05T02:00:00Z'));
    app = await testApp(p);
    admin = await signedIn(app, p, 'cal-admin', ['admin']);
    official = await signedIn(app, p, 'cal-official', ['official']);
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  it('needs a session (401) and, to write, the calendar permission (403); changes nothing', async () => {
    const rows = await tableRows();
    for (const url of [
      '/api/calendar/2026',
      '/api/calendar/working-days?from=2026-02-13&days=1',
      '/api/calendar/between?from=2026-02-13&to=2026-02-23',
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    const writes = [
      ['PUT', '/api/admin/calendar/overrides/2026-02-23', EXTRA_DAY_OFF],
      ['DELETE', '/api/admin/calendar/overrides/2026-02-23', undefined],
      ['PUT', '/api/admin/calendar/decisions/2026/tet', { daysBefore: 2, daysAfter: 2, legalBasis: 'x' }],
      ['DELETE', '/api/admin/calendar/decisions/2026/tet', undefined],
    ] as const;
    for (const [method, url, body] of writes) {
      const anonymous = await send(method, url, undefined, body);
      expect(anonymous.statusCode).toBe(401);
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
      const forbidden = await send(method, url, official, body);
      expect(forbidden.statusCode).toBe(403);
      expect(codeOf(forbidden)).toBe('FORBIDDEN');
    }
    expect(await tableRows()).toEqual(rows);
  });

  it('shows a year: statutory holidays, compensatory days, weekly rest days', async () => {
    const res = await get('/api/calendar/2026', official);
    expect(res.statusCode).toBe(200);
    const body = yearOf(res);
    expect(body).toMatchObject({ year: 2026, weeklyRestDays: [0, 6], overrides: [], decisions: [] });
    expect(body.holidays).toContainEqual({
      date: '2026-04-27',
      nameVi: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      nameEn: "Day off in lieu of Hung Kings' Commemoration Day",
      legalBasis: expect.stringContaining('Điều 111') as unknown,
      kind: 'compensatory',
    });
    expect(body.holidays.filter((h) => h.nameEn === 'Lunar New Year (Tết)')).toHaveLength(5);

    const unsupported = await get('/api/calendar/1990', official);
    expect(unsupported.statusCode).toBe(400);
    expect(codeOf(unsupported)).toBe('CALENDAR_YEAR_UNSUPPORTED');
    expect(codeOf(await get('/api/calendar/abc', official))).toBe('VALIDATION_FAILED');
  });

  it('counts working days for any signed-in person', async () => {
    const res = await get('/api/calendar/working-days?from=2026-02-13&days=1', official);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-02-23', endsAt: '2026-02-23T16:59:59.999Z' });
    const between = await get('/api/calendar/between?from=2026-02-13&to=2026-02-23', official);
    expect(between.json()).toEqual({ workingDays: 1 });
    const bad = await get('/api/calendar/working-days?from=2026-02-30&days=1', official);
    expect(bad.statusCode).toBe(400);
    expect(codeOf(bad)).toBe('CALENDAR_DATE_INVALID');
    const negative = await get('/api/calendar/working-days?from=2026-02-13&days=-1', official);
    expect(codeOf(negative)).toBe('VALIDATION_FAILED');
  });

  it('an administrator adds an extra day off after Tết 2026 and deadlines move', async () => {
    const res = await send('PUT', '/api/admin/calendar/overrides/2026-02-23', admin, EXTRA_DAY_OFF);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-02-23', ...EXTRA_DAY_OFF });

    const deadline = await get('/api/calendar/working-days?from=2026-02-13&days=1', official);
    expect(deadline.json()).toEqual({ date: '2026-02-24', endsAt: '2026-02-24T16:59:59.999Z' });
    const year = yearOf(await get('/api/calendar/2026', official));
    expect(year.overrides).toEqual([{ date: '2026-02-23', ...EXTRA_DAY_OFF }]);
    expect(year.holidays).toContainEqual({
      date: '2026-02-23',
      nameVi: EXTRA_DAY_OFF.reasonVi,
      nameEn: EXTRA_DAY_OFF.reasonEn,
      legalBasis: EXTRA_DAY_OFF.legalBasis,
      kind: 'override',
    });
    // The platform's calendar, as other modules read it, moved too.
    expect((await p.calendar.current()).addWorkingDays('2026-02-13', 1).date).toBe('2026-02-24');
  });

  it('a make-up Saturday becomes a working day', async () => {
    const before = await get('/api/calendar/between?from=2026-03-06&to=2026-03-09', official);
    expect(before.json()).toEqual({ workingDays: 1 });
    const res = await send('PUT', '/api/admin/calendar/overrides/2026-03-07', admin, {
      kind: 'work',
      reasonVi: 'Làm bù cho ngày nghỉ thêm 23/2/2026',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'work', reasonEn: null, legalBasis: null });
    const after = await get('/api/calendar/between?from=2026-03-06&to=2026-03-09', official);
    expect(after.json()).toEqual({ workingDays: 2 });
    expect(
      (await get('/api/calendar/working-days?from=2026-03-06&days=1', official)).json<{ date: string }>()
        .date,
    ).toBe('2026-03-07');
  });

  it('refuses a bad date, a missing reason or a conflict with a coded 400/409, the tables unchanged', async () => {
    const rows = await tableRows();
    const cases = [
      ['/api/admin/calendar/overrides/2026-02-30', EXTRA_DAY_OFF, 400, 'CALENDAR_DATE_INVALID'],
      ['/api/admin/calendar/overrides/not-a-date', EXTRA_DAY_OFF, 400, 'CALENDAR_DATE_INVALID'],
      ['/api/admin/calendar/overrides/2026-02-24', { kind: 'off' }, 400, 'VALIDATION_FAILED'],
      [
        '/api/admin/calendar/overrides/2026-02-24',
        { ...EXTRA_DAY_OFF, reasonVi: ' ' },
        400,
        'CALENDAR_REASON_REQUIRED',
      ],
      [
        '/api/admin/calendar/overrides/2026-02-24',
        { ...EXTRA_DAY_OFF, kind: 'maybe' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        '/api/admin/calendar/overrides/2026-02-17',
        { ...EXTRA_DAY_OFF, kind: 'work' },
        409,
        'CALENDAR_OVERRIDE_CONFLICT',
      ],
      [
        '/api/admin/calendar/decisions/2026/christmas',
        { daysBefore: 0, daysAfter: 0, legalBasis: 'x' },
        400,
        'CALENDAR_RULE_UNKNOWN',
      ],
      [
        '/api/admin/calendar/decisions/2026/tet',
        { daysBefore: 1, daysAfter: 3, legalBasis: '' },
        400,
        'CALENDAR_LEGAL_BASIS_REQUIRED',
      ],
      [
        '/api/admin/calendar/decisions/2026/tet',
        { daysBefore: 99, daysAfter: 3, legalBasis: 'x' },
        400,
        'VALIDATION_FAILED',
      ],
    ] as const;
    for (const [url, body, status, code] of cases) {
      const res = await send('PUT', url, admin, body);
      expect([url, res.statusCode, codeOf(res)]).toEqual([url, status, code]);
      expect(res.json<ErrorBody>().error.messages.vi).toMatch(/./);
    }
    const missing = await send('DELETE', '/api/admin/calendar/overrides/2026-02-24', admin);
    expect(missing.statusCode).toBe(404);
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(await tableRows()).toEqual(rows);

    // A refusal by the service is audited as a failure (with the code), in its own transaction.
    const [failure] = await p.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.detail, 'CALENDAR_REASON_REQUIRED'));
    expect(failure).toMatchObject({
      action: 'platform.calendar.override.upsert',
      objectId: '2026-02-24',
      outcome: 'failure',
    });
  });

  it('sets and removes a yearly decision, and removes overrides', async () => {
    const put = await send('PUT', '/api/admin/calendar/decisions/2026/national-day', admin, {
      daysBefore: 0,
      daysAfter: 1,
      legalBasis: 'Quyết định thử nghiệm',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      year: 2026,
      ruleId: 'national-day',
      daysBefore: 0,
      daysAfter: 1,
      legalBasis: 'Quyết định thử nghiệm',
    });
    let year = yearOf(await get('/api/calendar/2026', official));
    expect(year.decisions).toHaveLength(1);
    const national = (y: YearJson) =>
      y.holidays.filter((h) => h.nameEn === 'National Day').map((h) => h.date);
    expect(national(year)).toEqual(['2026-09-02', '2026-09-03']);

    expect((await send('DELETE', '/api/admin/calendar/decisions/2026/national-day', admin)).statusCode).toBe(
      204,
    );
    year = yearOf(await get('/api/calendar/2026', official));
    expect(national(year)).toEqual(['2026-09-01', '2026-09-02']);
    expect((await send('DELETE', '/api/admin/calendar/decisions/2026/national-day', admin)).statusCode).toBe(
      404,
    );

    expect((await send('DELETE', '/api/admin/calendar/overrides/2026-03-07', admin)).statusCode).toBe(204);
    expect((await get('/api/calendar/between?from=2026-03-06&to=2026-03-09', official)).json()).toEqual({
      workingDays: 1,
    });
  });

  it('records every write in the audit log, and the chain verifies', async () => {
    const records = await p.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.outcome, 'success'))
      .orderBy(asc(auditLog.id));
    const calendarWrites = records
      .filter((r) => r.action.startsWith('platform.calendar.'))
      .map((r) => [r.action, r.objectId]);
    expect(calendarWrites).toEqual([
      ['platform.calendar.override.upsert', '2026-02-23'],
      ['platform.calendar.override.upsert', '2026-03-07'],
      ['platform.calendar.decision.upsert', '2026/national-day'],
      ['platform.calendar.decision.delete', '2026/national-day'],
      ['platform.calendar.override.delete', '2026-03-07'],
    ]);
    const admins = records.filter((r) => r.action.startsWith('platform.calendar.')).map((r) => r.actorId);
    expect(new Set(admins).size).toBe(1);
    expect(admins[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: true });
  });

  it('documents the routes in the OpenAPI document under the calendar tag', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown }> | undefined>;
    }>();
    for (const [path, method] of [
      ['/api/calendar/{year}', 'get'],
      ['/api/calendar/working-days', 'get'],
      ['/api/calendar/between', 'get'],
      ['/api/admin/calendar/overrides/{date}', 'put'],
      ['/api/admin/calendar/overrides/{date}', 'delete'],
      ['/api/admin/calendar/decisions/{year}/{ruleId}', 'put'],
      ['/api/admin/calendar/decisions/{year}/{ruleId}', 'delete'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['calendar']);
    }
    expect(doc.paths['/api/admin/calendar/overrides/{date}']?.['put']?.requestBody).toBeDefined();
  });
});
