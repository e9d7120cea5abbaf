import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/support/errors.js';
import { formatYmd, jdnFromYmd, ymdFromJdn } from './civil-date.js';
import { CHINA_TZ, VIETNAM_TZ, leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar.js';

const tet = (year: number, tz = VIETNAM_TZ): string => formatYmd(lunarToSolar(year, 1, 1, false, tz));

/**
 * Tết (lunar 1/1) in Vietnam. 2030 is 2 February, not 3: the new moon is at 16:07 UT on 2 February,
 * i.e. 23:07 in Hà Nội but 00:07 on the 3rd in Beijing — 3 February is the Chinese New Year. Checked
 * against the full Meeus lunar-phase series (49 periodic + 14 planetary terms), which puts that new moon
 * 7.5 minutes after Beijing midnight and agrees with the simplified series to 2 minutes.
 */
// prettier-ignore
const TET_VIETNAM: Record<number, string> = {
  2000: '2000-02-05', 2001: '2001-01-24', 2002: '2002-02-12', 2003: '2003-02-01', 2004: '2004-01-22',
  2005: '2005-02-09', 2006: '2006-01-29', 2007: '2007-02-17', 2008: '2008-02-07', 2009: '2009-01-26',
  2010: '2010-02-14', 2011: '2011-02-03', 2012: '2012-01-23', 2013: '2013-02-10', 2014: '2014-01-31',
  2015: '2015-02-19', 2016: '2016-02-08', 2017: '2017-01-28', 2018: '2018-02-16', 2019: '2019-02-05',
  2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10',
  2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13',
  2030: '2030-02-02', 2031: '2031-01-23', 2032: '2032-02-11', 2033: '2033-01-31', 2034: '2034-02-19',
  2035: '2035-02-08', 2036: '2036-01-28', 2037: '2037-02-15', 2038: '2038-02-04', 2039: '2039-01-24',
  2040: '2040-02-12',
};

describe('lunar calendar: Tết', () => {
  for (const [year, date] of Object.entries(TET_VIETNAM)) {
    it(`Tết ${year} in Vietnam is ${date}`, () => {
      expect(tet(Number(year))).toBe(date);
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      expect(solarToLunar(y, m, d)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
    });
  }

  it('differs from China where the new moon falls between 16:00 and 17:00 UT', () => {
    expect(tet(2007, VIETNAM_TZ)).toBe('2007-02-17');
    expect(tet(2007, CHINA_TZ)).toBe('2007-02-18');
    expect(tet(2030, VIETNAM_TZ)).toBe('2030-02-02');
    expect(tet(2030, CHINA_TZ)).toBe('2030-02-03');
  });

  it('differs by a whole month in 1985, when the zone moved month 11 and the leap month', () => {
    expect(tet(1985, VIETNAM_TZ)).toBe('1985-01-21');
    expect(tet(1985, CHINA_TZ)).toBe('1985-02-20');
    // 21 January 1985 is still lunar 12/1984 in China.
    expect(solarToLunar(1985, 1, 21, CHINA_TZ)).toMatchObject({ year: 1984, month: 12 });
  });

  it('agrees with China in the other years of the table', () => {
    for (const year of Object.keys(TET_VIETNAM).map(Number)) {
      if (year !== 2007 && year !== 2030) expect(tet(year, CHINA_TZ), String(year)).toBe(tet(year));
    }
  });
});

describe('lunar calendar: months and leap months', () => {
  it('places leap months as published', () => {
    // prettier-ignore
    const leaps: Record<number, number | null> = {
      2001: 4, 2004: 2, 2006: 7, 2009: 5, 2012: 4, 2014: 9, 2017: 6, 2020: 4, 2023: 2, 2025: 6, 2028: 5,
      2031: 3, 2033: 11, 2024: null, 2026: null,
    };
    for (const [year, month] of Object.entries(leaps)) expect(leapMonthOf(Number(year)), year).toBe(month);
  });

  it('converts days of a leap month both ways', () => {
    // Leap 6th month of 2025 (Ất Tỵ) starts 25 July 2025; the regular 6th month on 25 June.
    expect(formatYmd(lunarToSolar(2025, 6, 1, true))).toBe('2025-07-25');
    expect(formatYmd(lunarToSolar(2025, 6, 1, false))).toBe('2025-06-25');
    expect(solarToLunar(2025, 7, 25)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
  });

  it('refuses lunar dates that do not exist', () => {
    expect(codeOf(() => lunarToSolar(2026, 6, 1, true))).toBe('CALENDAR_LUNAR_DATE_INVALID'); // 2026 has no leap month
    expect(codeOf(() => lunarToSolar(2025, 13, 1, false))).toBe('CALENDAR_LUNAR_DATE_INVALID');
    expect(codeOf(() => lunarToSolar(2025, 1, 0, false))).toBe('CALENDAR_LUNAR_DATE_INVALID');
    const short =
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find((m) => lunarMonthLength(2026, m, false) === 29) ?? 0;
    expect(codeOf(() => lunarToSolar(2026, short, 30, false))).toBe('CALENDAR_LUNAR_DATE_INVALID');
    expect(codeOf(() => solarToLunar(2025, 2, 29))).toBe('CALENDAR_DATE_INVALID');
    expect(codeOf(() => solarToLunar(1700, 1, 1))).toBe('CALENDAR_YEAR_UNSUPPORTED');
    expect(codeOf(() => solarToLunar(2025, 1, 1, 99))).toBe('CALENDAR_ARGUMENT_INVALID');
  });

  it('gives the Giỗ Tổ Hùng Vương (lunar 10/3) dates', () => {
    const gioTo = (year: number): string => formatYmd(lunarToSolar(year, 3, 10, false));
    expect(gioTo(2022)).toBe('2022-04-10');
    expect(gioTo(2024)).toBe('2024-04-18');
    expect(gioTo(2025)).toBe('2025-04-07');
    expect(gioTo(2026)).toBe('2026-04-26');
  });
});

describe('lunar calendar: properties (1900–2100)', () => {
  const from = jdnFromYmd(1900, 1, 1);
  const to = jdnFromYmd(2100, 12, 31);

  it('round-trips solar → lunar → solar, with day in 1..30 and month in 1..12 (sampled)', () => {
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(VIETNAM_TZ, CHINA_TZ), (jdn, tz) => {
        const solar = ymdFromJdn(jdn);
        const lunar = solarToLunar(solar.year, solar.month, solar.day, tz);
        expect(lunar.day).toBeGreaterThanOrEqual(1);
        expect(lunar.day).toBeLessThanOrEqual(30);
        expect(lunar.month).toBeGreaterThanOrEqual(1);
        expect(lunar.month).toBeLessThanOrEqual(12);
        expect(lunarToSolar(lunar.year, lunar.month, lunar.day, lunar.leap, tz)).toEqual(solar);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds on every single day at UTC+7: round trip, and days run 1, 2, … 29 or 30, 1', () => {
    let previous = solarToLunar(1899, 12, 31);
    let failures = 0;
    for (let jdn = from; jdn <= to; jdn++) {
      const solar = ymdFromJdn(jdn);
      const lunar = solarToLunar(solar.year, solar.month, solar.day);
      const back = lunarToSolar(lunar.year, lunar.month, lunar.day, lunar.leap);
      const continues =
        lunar.day === previous.day + 1 && lunar.month === previous.month && lunar.leap === previous.leap;
      const newMonth = lunar.day === 1 && (previous.day === 29 || previous.day === 30);
      if (back.year !== solar.year || back.month !== solar.month || back.day !== solar.day) failures++;
      if (!continues && !newMonth) failures++;
      if (lunar.month === 1 && lunar.day === 1 && lunar.year !== solar.year) failures++; // Tết is in its own year
      previous = lunar;
    }
    expect(failures).toBe(0);
  });
});
