import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/support/errors.js';
import { formatJdn, jdnFromYmd } from './civil-date.js';
import { WorkingCalendar, type CalendarOverride } from './working-days.js';

const statutory = new WorkingCalendar();

describe('working days around Tết 2026', () => {
  it('has the 9-day break 14–22/2 from the statutory days alone (5 Tết weekdays + 2 weekends)', () => {
    for (let d = 14; d <= 22; d++) expect(statutory.isWorkingDay(`2026-02-${d}`), `2026-02-${d}`).toBe(false);
    expect(statutory.isWorkingDay('2026-02-13')).toBe(true);
    expect(statutory.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('counts 5 working days from a dossier received on Friday 13/2 to the end of Friday 27/2', () => {
    const due = statutory.addWorkingDays('2026-02-13', 5);
    expect(due.date).toBe('2026-02-27');
    expect(due.endsAt.toISOString()).toBe('2026-02-27T16:59:59.999Z'); // 23:59:59.999 in Hà Nội
    // Same start given as an instant: 09:30 on the 13th, and 23:59 on the 13th, in Vietnam time.
    expect(statutory.addWorkingDays(new Date('2026-02-13T09:30:00+07:00'), 5).date).toBe('2026-02-27');
    expect(statutory.addWorkingDays(new Date('2026-02-13T23:59:00+07:00'), 5).date).toBe('2026-02-27');
    // The Vietnamese day counts: 23:30 on Thursday 12/2 vs 00:30 on Friday 13/2 (still the 12th in UTC).
    expect(statutory.addWorkingDays(new Date('2026-02-12T16:30:00Z'), 5).date).toBe('2026-02-26');
    expect(statutory.addWorkingDays(new Date('2026-02-12T17:30:00Z'), 5).date).toBe('2026-02-27');
    expect(statutory.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
  });

  it('applies overrides for extra days off and a make-up Saturday', () => {
    // Illustrative data in the shape of a Government notice: Monday 23/2 off, made up on Saturday 7/3.
    const overrides: CalendarOverride[] = [
      {
        date: '2026-02-23',
        kind: 'off',
        reasonVi: 'Nghỉ hoán đổi sau Tết',
        reasonEn: 'Swapped day off',
        legalBasis: 'Thông báo (ví dụ)',
      },
      {
        date: '2026-03-07',
        kind: 'work',
        reasonVi: 'Làm bù cho ngày 23/02',
        legalBasis: 'Thông báo (ví dụ)',
      },
    ];
    const calendar = new WorkingCalendar(overrides);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-07')).toBe(true);
    expect(calendar.addWorkingDays('2026-02-13', 5).date).toBe('2026-03-02');
    expect(calendar.addWorkingDays('2026-03-05', 2).date).toBe('2026-03-07');
    expect(calendar.workingDaysBetween('2026-02-13', '2026-03-07')).toBe(10);
    expect(calendar.holidaysOf(2026).find((d) => d.date === '2026-02-23')).toEqual({
      date: '2026-02-23',
      nameVi: 'Nghỉ hoán đổi sau Tết',
      nameEn: 'Swapped day off',
      legalBasis: 'Thông báo (ví dụ)',
      ruleId: null,
      kind: 'override',
    });
  });

  it('lets a work override take a statutory day out of the days off', () => {
    const calendar = new WorkingCalendar([
      { date: '2026-09-01', kind: 'work', reasonVi: 'Chọn ngày 3/9 thay cho 1/9' },
    ]);
    expect(calendar.isWorkingDay('2026-09-01')).toBe(true);
    expect(calendar.holidaysOf(2026).map((d) => d.date)).not.toContain('2026-09-01');
  });
});

describe('weekend compensation in deadlines', () => {
  it('skips 30/4–1/5/2022 (Saturday, Sunday) and their compensatory Monday and Tuesday', () => {
    expect(statutory.isWorkingDay('2022-05-02')).toBe(false);
    expect(statutory.isWorkingDay('2022-05-03')).toBe(false);
    expect(statutory.addWorkingDays('2022-04-29', 2).date).toBe('2022-05-05');
  });
});

describe('deadline convention', () => {
  it('does not count the start day, and n = 0 means the end of the start day (or the next working day)', () => {
    expect(statutory.addWorkingDays('2025-06-02', 1).date).toBe('2025-06-03'); // Monday → Tuesday
    expect(statutory.addWorkingDays('2025-06-02', 5).date).toBe('2025-06-09'); // Monday → next Monday
    expect(statutory.addWorkingDays('2025-06-02', 0).date).toBe('2025-06-02');
    expect(statutory.addWorkingDays('2025-06-07', 0).date).toBe('2025-06-09'); // Saturday → Monday
    expect(statutory.addWorkingDays('2025-06-07', 1).date).toBe('2025-06-09');
  });

  it('counts working days in (a, b], negative backwards', () => {
    expect(statutory.workingDaysBetween('2026-02-27', '2026-02-13')).toBe(-5);
    expect(statutory.workingDaysBetween('2026-02-13', '2026-02-13')).toBe(0);
    expect(statutory.workingDaysBetween('2026-02-14', '2026-02-22')).toBe(0);
  });

  it('is consistent: the result is a working day n working days after the start', () => {
    const start = fc.integer({ min: jdnFromYmd(2014, 1, 1), max: jdnFromYmd(2040, 12, 31) }).map(formatJdn);
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 80 }), (s, n) => {
        const due = statutory.addWorkingDays(s, n);
        expect(statutory.isWorkingDay(due.date)).toBe(true);
        expect(due.date >= s).toBe(true);
        const next = statutory.addWorkingDays(s, n + 1).date;
        if (n >= 1 || statutory.isWorkingDay(s)) {
          expect(statutory.workingDaysBetween(s, due.date)).toBe(n);
          expect(next > due.date).toBe(true);
        } else {
          expect(next).toBe(due.date); // from a day off, 0 and 1 both end on the next working day
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(statutory.addWorkingDays(new Date('2026-02-13T23:30:00+07:00'), 5).endsAt.toISOString()).toBe(
          '2026-02-27T16:59:59.999Z',
        );
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('deadline status', () => {
  const due = statutory.addWorkingDays('2026-02-13', 5).endsAt; // end of Friday 27/2/2026
  const at = (iso: string): Date => new Date(iso);

  it('is dueSoon on the due day and the working day before, onTime earlier, overdue after', () => {
    expect(statutory.deadlineStatus(due, at('2026-02-25T10:00:00+07:00'))).toBe('onTime');
    expect(statutory.deadlineStatus(due, at('2026-02-26T10:00:00+07:00'))).toBe('dueSoon');
    expect(statutory.deadlineStatus(due, at('2026-02-27T23:59:59.999+07:00'))).toBe('dueSoon');
    expect(statutory.deadlineStatus(due, at('2026-02-28T00:00:00+07:00'))).toBe('overdue');
  });

  it('counts the warning window in working days', () => {
    expect(statutory.deadlineStatus(due, at('2026-02-26T10:00:00+07:00'), 0)).toBe('onTime');
    expect(statutory.deadlineStatus(due, at('2026-02-23T08:00:00+07:00'), 4)).toBe('dueSoon');
    // Due at the end of Monday 23/2, the first working day after Tết: on Friday 13/2 one working day is left.
    const afterTet = statutory.addWorkingDays('2026-02-13', 1).endsAt;
    expect(statutory.deadlineStatus(afterTet, at('2026-02-13T08:00:00+07:00'))).toBe('dueSoon');
    expect(statutory.deadlineStatus(afterTet, at('2026-02-12T08:00:00+07:00'))).toBe('onTime');
  });
});

describe('input checking', () => {
  it('refuses bad overrides and arguments with codes', () => {
    const off = { date: '2026-02-23', kind: 'off', reasonVi: 'Nghỉ' } as const;
    expect(codeOf(() => new WorkingCalendar([off, { ...off, kind: 'work' }]))).toBe(
      'CALENDAR_OVERRIDE_CONFLICT',
    );
    expect(codeOf(() => new WorkingCalendar([{ ...off, date: '2026-02-30' }]))).toBe('CALENDAR_DATE_INVALID');
    expect(codeOf(() => new WorkingCalendar([{ ...off, reasonVi: ' ' }]))).toBe('CALENDAR_ARGUMENT_INVALID');
    expect(codeOf(() => statutory.addWorkingDays('2026-02-13', -1))).toBe('CALENDAR_ARGUMENT_INVALID');
    expect(codeOf(() => statutory.addWorkingDays('2026-02-13', 1.5))).toBe('CALENDAR_ARGUMENT_INVALID');
    expect(codeOf(() => statutory.deadlineStatus(new Date(), new Date(), -1))).toBe(
      'CALENDAR_ARGUMENT_INVALID',
    );
    expect(codeOf(() => statutory.isWorkingDay('2013-06-01'))).toBe('CALENDAR_YEAR_UNSUPPORTED');
  });
});
