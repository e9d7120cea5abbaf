import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/support/errors.js';
import {
  endOfDayInstant,
  formatJdn,
  jdnFromYmd,
  jdnOfInstant,
  parseIsoDate,
  startOfDayInstant,
  weekdayOfJdn,
  ymdFromJdn,
} from './civil-date.js';

describe('civil dates', () => {
  it('uses the astronomers’ day numbers', () => {
    expect(jdnFromYmd(2000, 1, 1)).toBe(2451545);
    expect(jdnFromYmd(1970, 1, 1)).toBe(2440588);
    expect(weekdayOfJdn(jdnFromYmd(2026, 2, 17))).toBe(2); // Tết 2026 is a Tuesday
  });

  it('agrees with Date.UTC on day numbers, weekdays and round trips (1800–2200)', () => {
    const day = fc.integer({ min: jdnFromYmd(1800, 1, 1), max: jdnFromYmd(2200, 12, 31) });
    fc.assert(
      fc.property(day, (jdn) => {
        const { year, month, day: d } = ymdFromJdn(jdn);
        const utc = new Date(Date.UTC(year, month - 1, d));
        expect(jdnFromYmd(year, month, d)).toBe(jdn);
        expect(jdnOfInstant(utc, 0)).toBe(jdn);
        expect(weekdayOfJdn(jdn)).toBe(utc.getUTCDay());
        expect(parseIsoDate(formatJdn(jdn))).toBe(jdn);
        expect(formatJdn(jdn)).toBe(utc.toISOString().slice(0, 10));
      }),
    );
  });

  it('parses only real YYYY-MM-DD days', () => {
    expect(formatJdn(parseIsoDate('2024-02-29'))).toBe('2024-02-29');
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-1-01',
      '2025-01-01T00:00:00Z',
      '01/02/2025',
      '',
      '2025-00-10',
    ]) {
      expect(
        codeOf(() => parseIsoDate(bad)),
        bad,
      ).toBe('CALENDAR_DATE_INVALID');
    }
  });

  it('reads instants in Vietnam time (UTC+7), whatever the machine time zone', () => {
    const day = parseIsoDate('2026-02-13');
    expect(jdnOfInstant(new Date('2026-02-12T17:00:00.000Z'))).toBe(day); // 00:00 on the 13th in Hà Nội
    expect(jdnOfInstant(new Date('2026-02-13T16:59:59.999Z'))).toBe(day); // 23:59:59.999 on the 13th
    expect(jdnOfInstant(new Date('2026-02-13T17:00:00.000Z'))).toBe(day + 1);
    expect(startOfDayInstant(day).toISOString()).toBe('2026-02-12T17:00:00.000Z');
    expect(endOfDayInstant(day).toISOString()).toBe('2026-02-13T16:59:59.999Z');
    expect(codeOf(() => jdnOfInstant(new Date('nonsense')))).toBe('CALENDAR_DATE_INVALID');
  });
});
