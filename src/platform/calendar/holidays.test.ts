import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/support/errors.js';
import { LABOUR_CODE_2019, type HolidayLaw } from './holiday-rules.js';
import { holidaysOf, lawForYear, type Holiday } from './holidays.js';

const brief = (hs: Holiday[]): string[] =>
  hs.map((h) => `${h.date} ${h.ruleId}${h.kind === 'compensatory' ? ' (bù)' : ''}`);

describe('statutory holidays', () => {
  it('lists 2026 per the Labour Code 2019, art. 112, with compensation (art. 111(3))', () => {
    expect(brief(holidaysOf(2026))).toEqual([
      '2026-01-01 new-year',
      '2026-02-16 tet', // last day of Ất Tỵ (29 tháng Chạp)
      '2026-02-17 tet', // lunar 1/1 Bính Ngọ
      '2026-02-18 tet',
      '2026-02-19 tet',
      '2026-02-20 tet',
      '2026-04-26 hung-kings', // Sunday
      '2026-04-27 hung-kings (bù)',
      '2026-04-30 victory-day',
      '2026-05-01 labour-day',
      '2026-09-01 national-day', // the adjacent day, by default the day before
      '2026-09-02 national-day',
    ]);
  });

  it('carries names and legal basis on every day', () => {
    const [newYear, ...rest] = holidaysOf(2026);
    expect(newYear).toEqual({
      date: '2026-01-01',
      nameVi: 'Tết Dương lịch',
      nameEn: "New Year's Day",
      legalBasis: 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1 điểm a',
      ruleId: 'new-year',
      kind: 'holiday',
    });
    const compensatory = rest.find((h) => h.kind === 'compensatory');
    expect(compensatory).toMatchObject({
      date: '2026-04-27',
      nameVi: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      legalBasis: 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 111 khoản 3',
    });
    for (const h of rest) expect(h.legalBasis, h.date).toMatch(/^Bộ luật Lao động 2019/);
  });

  it('gives the next working days for holidays on a weekend (2022: 1/1 Sat; 30/4 Sat + 1/5 Sun)', () => {
    const days = brief(holidaysOf(2022));
    expect(days).toContain('2022-01-03 new-year (bù)');
    expect(days).toContain('2022-04-11 hung-kings (bù)'); // Giỗ Tổ 10/4/2022 was a Sunday
    expect(days).toContain('2022-05-02 victory-day (bù)');
    expect(days).toContain('2022-05-03 labour-day (bù)');
  });

  it('applies the Labour Code 2012 before 2021: one National Day, compensated on the next day', () => {
    expect(lawForYear(2018).id).toBe('labour-code-2012');
    const september = holidaysOf(2018).filter((h) => h.ruleId === 'national-day');
    expect(brief(september)).toEqual(['2018-09-02 national-day', '2018-09-03 national-day (bù)']);
    expect(september[1]?.legalBasis).toBe('Bộ luật Lao động 2012 (10/2012/QH13), Điều 115 khoản 3');
  });

  it('reproduces the announced 2024 breaks from the yearly decision of days', () => {
    const days = holidaysOf(2024, {
      decisions: [
        {
          year: 2024,
          ruleId: 'tet',
          daysBefore: 2,
          daysAfter: 2,
          legalBasis: 'Công văn 8662/VPCP-KGVX ngày 03/11/2023',
        },
        {
          year: 2024,
          ruleId: 'national-day',
          daysBefore: 0,
          daysAfter: 1,
          legalBasis: 'Công văn 8662/VPCP-KGVX',
        },
      ],
    });
    // Tết 2024: off Thursday 8/2 to Wednesday 14/2 — 5 Tết days, 2 of them on the weekend, compensated.
    expect(brief(days.filter((h) => h.ruleId === 'tet'))).toEqual([
      '2024-02-08 tet',
      '2024-02-09 tet',
      '2024-02-10 tet',
      '2024-02-11 tet',
      '2024-02-12 tet',
      '2024-02-13 tet (bù)',
      '2024-02-14 tet (bù)',
    ]);
    expect(days.find((h) => h.date === '2024-02-08')?.legalBasis).toContain('8662/VPCP-KGVX');
    // National Day 2024: Monday 2/9 and Tuesday 3/9 (with the weekend, 31/8–3/9).
    expect(brief(days.filter((h) => h.ruleId === 'national-day'))).toEqual([
      '2024-09-02 national-day',
      '2024-09-03 national-day',
    ]);
  });

  it('lets compensation be switched off in the data', () => {
    const noCompensation: HolidayLaw = {
      ...LABOUR_CODE_2019,
      rules: LABOUR_CODE_2019.rules.map((r) => ({ ...r, compensateIfWeekend: false })),
    };
    expect(holidaysOf(2022, { laws: [noCompensation] }).filter((h) => h.kind === 'compensatory')).toEqual([]);
  });

  it('follows the weekly rest days given (a body that works Saturdays)', () => {
    const days = brief(holidaysOf(2022, { weeklyRestDays: [0] }));
    expect(days).not.toContain('2022-01-03 new-year (bù)'); // 1/1/2022 was a Saturday: a working day there
    expect(days).toContain('2022-05-02 labour-day (bù)'); // 1/5/2022 was a Sunday
  });

  it('refuses years no law in the data covers, and bad data', () => {
    expect(codeOf(() => holidaysOf(2013))).toBe('CALENDAR_YEAR_UNSUPPORTED');
    expect(codeOf(() => holidaysOf(2026, { weeklyRestDays: [0, 1, 2, 3, 4, 5, 6] }))).toBe(
      'CALENDAR_ARGUMENT_INVALID',
    );
    const twice = { year: 2026, ruleId: 'tet', daysBefore: 1, daysAfter: 3, legalBasis: 'x' };
    expect(codeOf(() => holidaysOf(2026, { decisions: [twice, twice] }))).toBe('CALENDAR_OVERRIDE_CONFLICT');
    const negative = { ...twice, daysBefore: -1 };
    expect(codeOf(() => holidaysOf(2026, { decisions: [negative] }))).toBe('CALENDAR_ARGUMENT_INVALID');
  });
});
