import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/db.js';
import { auditLog, verifyAuditChain, type AuditContext } from '../audit/index.js';
import { ManualClock } from '../clock/index.js';
import { AppError } from '../errors/index.js';
import { CalendarService } from './calendar.service.js';
import { CALENDAR_DEFAULT_DECISIONS, CALENDAR_DEFAULT_OVERRIDES, seedCalendarDefaults } from './defaults.js';
import { calendarHolidayDecisions, calendarOverrides } from './schema.js';

const ctx: AuditContext = { actorId: 'admin-1', agencyId: null, ip: '127.0.0.1', requestId: 'req-cal' };
const TET_2026_EXTRA = {
  date: '2026-02-23',
  kind: 'off' as const,
  reasonVi: 'Nghỉ thêm sau Tết Bính Ngọ',
  reasonEn: 'Extra day off after Tết',
  legalBasis: 'Thông báo thử nghiệm 1/TB-TEST',
};

/** The code of the AppError a promise rejects with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('calendar service', () => {
  let d: TestDatabase;
  let clock: ManualClock;
  let service: CalendarService;

  const tableRows = async () => ({
    overrides: await d.db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date)),
    decisions: await d.db.select().from(calendarHolidayDecisions),
  });
  const auditCount = async () => (await d.db.select({ id: auditLog.id }).from(auditLog)).length;

  beforeAll(async () => {
    d = await testDatabase();
    clock = new ManualClock(new Date('2026-01-05T02:00:00Z'));
    service = new CalendarService(d.db, { clock });
  });
  afterAll(() => d.close());

  it('starts from the statutory calendar: Tết Bính Ngọ 2026 is 16–20/2', async () => {
    const calendar = await service.current();
    expect(
      calendar
        .holidaysOf(2026)
        .filter((h) => h.ruleId === 'tet')
        .map((h) => h.date),
    ).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    // Friday 13/2 + 1 working day → Monday 23/2, after the Tết break.
    expect(calendar.addWorkingDays('2026-02-13', 1).date).toBe('2026-02-23');
    expect(await service.current()).toBe(calendar); // cached
  });

  it('an extra day off after Tết moves the deadlines, and is audited with before/after', async () => {
    const before = await service.current();
    const audits = await auditCount();
    const view = await d.db.transaction((tx) => service.upsertOverride(tx, ctx, TET_2026_EXTRA));
    expect(view).toEqual(TET_2026_EXTRA);
    const after = await service.current();
    expect(after).not.toBe(before);
    expect(after.isWorkingDay('2026-02-23')).toBe(false);
    expect(after.addWorkingDays('2026-02-13', 1).date).toBe('2026-02-24');
    expect(after.holidaysOf(2026)).toContainEqual(
      expect.objectContaining({ date: '2026-02-23', kind: 'override', nameVi: TET_2026_EXTRA.reasonVi }),
    );

    // Replacing it keeps one row and records the previous state.
    await d.db.transaction((tx) =>
      service.upsertOverride(tx, ctx, { ...TET_2026_EXTRA, reasonVi: '  Nghỉ   thêm sau Tết  ' }),
    );
    const { overrides } = await tableRows();
    expect(overrides).toHaveLength(1);
    expect(overrides[0]).toMatchObject({
      date: '2026-02-23',
      reasonVi: 'Nghỉ thêm sau Tết',
      createdBy: 'admin-1',
    });

    const records = await d.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectType, 'calendar_override'))
      .orderBy(asc(auditLog.id));
    expect(records).toHaveLength(2);
    expect(records.map((r) => [r.action, r.objectId, r.actorId, r.outcome])).toEqual([
      ['platform.calendar.override.upsert', '2026-02-23', 'admin-1', 'success'],
      ['platform.calendar.override.upsert', '2026-02-23', 'admin-1', 'success'],
    ]);
    expect(records[0]!.beforeDigest).toBeNull();
    expect(records[0]!.afterDigest).toMatch(/./);
    expect(records[1]!.beforeDigest).toBe(records[0]!.afterDigest);
    expect(await auditCount()).toBe(audits + 2);
  });

  it('a make-up Saturday becomes a working day', async () => {
    const calendar = await service.current();
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false);
    expect(calendar.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
    await d.db.transaction((tx) =>
      service.upsertOverride(tx, ctx, {
        date: '2026-03-07',
        kind: 'work',
        reasonVi: 'Làm bù cho ngày nghỉ thêm 23/2/2026',
      }),
    );
    const now = await service.current();
    expect(now.isWorkingDay('2026-03-07')).toBe(true);
    expect(now.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(2);
    expect(now.addWorkingDays('2026-03-06', 1).date).toBe('2026-03-07');
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const rows = await tableRows();
    const audits = await auditCount();
    const calendar = await service.current();
    const attempt = (input: Parameters<CalendarService['upsertOverride']>[2]) =>
      codeOf(d.db.transaction((tx) => service.upsertOverride(tx, ctx, input)));

    expect(await attempt({ ...TET_2026_EXTRA, date: '2026-02-30' })).toBe('CALENDAR_DATE_INVALID');
    expect(await attempt({ ...TET_2026_EXTRA, date: '23/02/2026' })).toBe('CALENDAR_DATE_INVALID');
    expect(await attempt({ ...TET_2026_EXTRA, date: '2026-02-24', reasonVi: '   ' })).toBe(
      'CALENDAR_REASON_REQUIRED',
    );
    expect(
      await attempt({ ...TET_2026_EXTRA, date: '2026-02-24', reasonVi: undefined as unknown as string }),
    ).toBe('CALENDAR_REASON_REQUIRED');
    expect(await attempt({ ...TET_2026_EXTRA, date: '2026-02-24', kind: 'holiday' as 'off' })).toBe(
      'CALENDAR_ARGUMENT_INVALID',
    );
    expect(await attempt({ ...TET_2026_EXTRA, date: '2013-02-25' })).toBe('CALENDAR_YEAR_UNSUPPORTED');
    // Conflicts: the law's days beat a notice; an override that changes nothing is a wrong date.
    expect(await attempt({ ...TET_2026_EXTRA, date: '2026-02-17', kind: 'work' })).toBe(
      'CALENDAR_OVERRIDE_CONFLICT',
    );
    expect(await attempt({ ...TET_2026_EXTRA, date: '2026-04-27', kind: 'work' })).toBe(
      'CALENDAR_OVERRIDE_CONFLICT', // compensatory day for Giỗ Tổ on Sunday 26/4
    );
    expect(await attempt({ ...TET_2026_EXTRA, date: '2026-02-28', kind: 'off' })).toBe(
      'CALENDAR_OVERRIDE_CONFLICT', // a Saturday is already off
    );
    expect(await attempt({ ...TET_2026_EXTRA, date: '2026-02-25', kind: 'work' })).toBe(
      'CALENDAR_OVERRIDE_CONFLICT', // a Wednesday is already a working day
    );
    expect(await codeOf(d.db.transaction((tx) => service.deleteOverride(tx, ctx, '2026-02-24')))).toBe(
      'NOT_FOUND',
    );

    expect(await tableRows()).toEqual(rows);
    expect(await auditCount()).toBe(audits);
    expect(await service.current()).toBe(calendar); // a refused write does not even drop the cache
  });

  it('sets, checks and removes yearly holiday decisions', async () => {
    const decide = (input: Parameters<CalendarService['upsertDecision']>[2]) =>
      d.db.transaction((tx) => service.upsertDecision(tx, ctx, input));
    const national = {
      year: 2026,
      ruleId: 'national-day',
      daysBefore: 0,
      daysAfter: 1,
      legalBasis: 'QĐ thử',
    };

    expect(await codeOf(decide({ ...national, ruleId: 'christmas' }))).toBe('CALENDAR_RULE_UNKNOWN');
    expect(await codeOf(decide({ ...national, year: 2013 }))).toBe('CALENDAR_YEAR_UNSUPPORTED');
    expect(await codeOf(decide({ ...national, daysAfter: -1 }))).toBe('CALENDAR_ARGUMENT_INVALID');
    expect(await codeOf(decide({ ...national, daysAfter: 1.5 }))).toBe('CALENDAR_ARGUMENT_INVALID');
    expect(await codeOf(decide({ ...national, legalBasis: ' ' }))).toBe('CALENDAR_LEGAL_BASIS_REQUIRED');
    expect((await tableRows()).decisions).toEqual([]);

    // National Day 2026 on 2–3/9 instead of the default 1–2/9.
    expect(await decide(national)).toEqual(national);
    let calendar = await service.current();
    expect(calendar.isWorkingDay('2026-09-01')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-03')).toBe(false);

    // A Saturday made a working day may not be swallowed by a longer Tết.
    await d.db.transaction((tx) =>
      service.upsertOverride(tx, ctx, { date: '2026-02-14', kind: 'work', reasonVi: 'Làm bù (thử)' }),
    );
    expect(
      await codeOf(decide({ year: 2026, ruleId: 'tet', daysBefore: 3, daysAfter: 3, legalBasis: 'QĐ thử' })),
    ).toBe('CALENDAR_OVERRIDE_CONFLICT');
    expect((await tableRows()).decisions).toHaveLength(1);
    await d.db.transaction((tx) => service.deleteOverride(tx, ctx, '2026-02-14'));

    await d.db.transaction((tx) => service.deleteDecision(tx, ctx, 2026, 'national-day'));
    calendar = await service.current();
    expect(calendar.isWorkingDay('2026-09-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-03')).toBe(true);
    expect(
      await codeOf(d.db.transaction((tx) => service.deleteDecision(tx, ctx, 2026, 'national-day'))),
    ).toBe('NOT_FOUND');
  });

  it('a write in a rolled-back transaction leaves the data and the calendar as they were', async () => {
    const rows = await tableRows();
    await expect(
      d.db.transaction(async (tx) => {
        await service.upsertOverride(tx, ctx, { ...TET_2026_EXTRA, date: '2026-02-24' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await tableRows()).toEqual(rows);
    expect((await service.current()).isWorkingDay('2026-02-24')).toBe(true);
  });

  it('reads through a transaction without waiting on the pool (PGlite) and without caching', async () => {
    service.invalidate();
    const inside = await d.db.transaction((tx) => service.current(tx));
    expect(inside.isWorkingDay('2026-02-23')).toBe(false);
    const outside = await service.current();
    expect(outside).not.toBe(inside);
    expect(await d.db.transaction((tx) => service.current(tx))).toBe(outside); // fresh cache is used
  });

  it("picks up another process's edit once the cached calendar is older than a minute", async () => {
    const other = new CalendarService(d.db, { clock });
    expect((await other.current()).isWorkingDay('2026-03-02')).toBe(true);
    await d.db.transaction((tx) =>
      service.upsertOverride(tx, ctx, { date: '2026-03-02', kind: 'off', reasonVi: 'Nghỉ (thử)' }),
    );
    expect((await service.current()).isWorkingDay('2026-03-02')).toBe(false);
    clock.advance(59_000);
    expect((await other.current()).isWorkingDay('2026-03-02')).toBe(true); // still cached
    clock.advance(2_000);
    expect((await other.current()).isWorkingDay('2026-03-02')).toBe(false);
    await d.db.transaction((tx) => service.deleteOverride(tx, ctx, '2026-03-02'));
  });

  it('shares one load between concurrent readers', async () => {
    service.invalidate();
    const [a, b, c] = await Promise.all([service.current(), service.current(), service.current()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it("seeds the Government's 2025–2026 choices once, keeping an administrator's rows", async () => {
    const first = await d.db.transaction((tx) => seedCalendarDefaults(tx));
    expect(first).toEqual({
      overrides: CALENDAR_DEFAULT_OVERRIDES.length,
      decisions: CALENDAR_DEFAULT_DECISIONS.length,
    });
    const rows = await tableRows();
    const audits = await auditCount();
    expect(await d.db.transaction((tx) => seedCalendarDefaults(tx))).toEqual({ overrides: 0, decisions: 0 });
    expect(await tableRows()).toEqual(rows);
    expect(await auditCount()).toBe(audits);

    service.invalidate();
    const calendar = await service.current();
    // Tết Ất Tỵ: 9 days from Saturday 25/1 to Sunday 2/2/2025, back on Monday 3/2.
    expect(calendar.addWorkingDays('2025-01-24', 1).date).toBe('2025-02-03');
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-02')).toBe(0);
    // 30/4–1/5/2025: Friday 2/5 off, Saturday 26/4 worked.
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.addWorkingDays('2025-04-29', 1).date).toBe('2025-05-05');
    // Tết Bính Ngọ: 14/2–22/2/2026.
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-22')).toBe(0);
  });

  it('keeps the audit chain intact', async () => {
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: true });
  });
});
