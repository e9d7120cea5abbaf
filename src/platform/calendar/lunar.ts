/**
 * Vietnamese lunisolar calendar (âm lịch), computed — not tabulated — from the astronomy in astronomy.ts,
 * following the rules of Hồ Ngọc Đức's published algorithm:
 *
 *  1. A lunar month begins on the local civil day that contains a new moon.
 *  2. Month 11 is the month containing the winter solstice (Sun at 270°).
 *  3. A "suì" runs from one month 11 to the next. If it holds 13 months instead of 12, the first month
 *     after month 11 that contains no major solar term (the Sun enters no new 30° sector) is the leap month
 *     and takes the number of the month before it.
 *
 * "Local" is the whole point of the time-zone parameter: the rules are the Chinese ones, but Vietnam has
 * applied them at UTC+7 since 1968 while China uses UTC+8. When a new moon falls between 16:00 and 17:00
 * UT the two countries start the month on different days, and a shifted month 11 or leap month can move
 * a whole month: Tết 2007 was 17 Feb in Vietnam and 18 Feb in China; Tết 1985 was 21 Jan vs 20 Feb.
 * A Chinese lunar library therefore gives wrong Vietnamese holidays.
 */
import { AppError } from '../errors/index.js';
import { NEW_MOON_EPOCH_JD, SYNODIC_MONTH, newMoonJd, sunLongitudeDeg } from './astronomy.js';
import { isValidYmd, jdnFromYmd, ymdFromJdn, type Ymd } from './civil-date.js';
import { CalendarErrors } from './errors.js';

export const VIETNAM_TZ = 7;
export const CHINA_TZ = 8;

/** Years accepted by the conversions. ΔT is extrapolated beyond today, so far dates are less certain. */
export const LUNAR_MIN_YEAR = 1800;
export const LUNAR_MAX_YEAR = 2199;

export interface LunarDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..30
  readonly leap: boolean; // true for the intercalary (nhuận) month
}

export type SolarDate = Ymd;

interface LunarMonth {
  readonly start: number; // JDN of day 1
  readonly end: number; // JDN of day 1 of the following month
  readonly year: number;
  readonly month: number;
  readonly leap: boolean;
}

/** JDN of the local civil day on which new moon k falls (JD counts from noon, hence + 0.5). */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + tz / 24);
}

/** 30° sector (0..11) the Sun is in at the local midnight that begins day `jdn`. */
function sunSectorAtDayStart(jdn: number, tz: number): number {
  return Math.floor(sunLongitudeDeg(jdn - 0.5 - tz / 24) / 30);
}

/** JDN of the first day of lunar month 11 of a solar year, i.e. the month containing the winter solstice. */
function month11Start(solarYear: number, tz: number): number {
  // The last new moon on or before 31 December (by mean motion) starts either month 11 or month 12.
  const k = Math.floor((jdnFromYmd(solarYear, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k, tz);
  // Sun already at or past 270° when that month starts: the solstice fell in the month before.
  return sunSectorAtDayStart(start, tz) >= 9 ? newMoonDay(k - 1, tz) : start;
}

/** Months of the suì that starts with month 11 of `solarYear`: months 11, 12 of lunar year `solarYear`,
 * then 1..10 of the next lunar year, with a leap month somewhere when there are 13. */
function computeSui(solarYear: number, tz: number): LunarMonth[] {
  const from = month11Start(solarYear, tz);
  const to = month11Start(solarYear + 1, tz);
  const k0 = Math.round((from - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  const starts: number[] = [];
  for (let k = k0; starts.length < 14; k++) {
    const start = newMoonDay(k, tz);
    if (start >= to) break;
    starts.push(start);
  }
  starts.push(to);
  const count = starts.length - 1;
  if (starts[0] !== from || (count !== 12 && count !== 13)) {
    throw new Error(`lunar: inconsistent suì ${solarYear} (tz ${tz}): ${count} months`);
  }
  // Month 11 holds the solstice, so the search for a month without a major term starts after it.
  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < 13 && leapIndex < 0; i++) {
      const noMajorTerm =
        sunSectorAtDayStart(at(starts, i), tz) === sunSectorAtDayStart(at(starts, i + 1), tz);
      if (noMajorTerm) leapIndex = i;
    }
    if (leapIndex < 0) throw new Error(`lunar: no leap month found in suì ${solarYear} (tz ${tz})`);
  }
  const months: LunarMonth[] = [];
  let month = 11;
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) month = month === 12 ? 1 : month + 1;
    months.push({
      start: at(starts, i),
      end: at(starts, i + 1),
      year: month >= 11 ? solarYear : solarYear + 1,
      month,
      leap,
    });
  }
  return months;
}

function at(values: readonly number[], i: number): number {
  const v = values[i];
  if (v === undefined) throw new Error(`lunar: index ${i} out of range`);
  return v;
}

// A suì costs ~30 new-moon evaluations; working-day loops ask for the same few years again and again.
const suiCache = new Map<string, LunarMonth[]>();
const SUI_CACHE_LIMIT = 2000;

function sui(solarYear: number, tz: number): LunarMonth[] {
  const key = `${solarYear}|${tz}`;
  let months = suiCache.get(key);
  if (!months) {
    months = computeSui(solarYear, tz);
    if (suiCache.size >= SUI_CACHE_LIMIT) suiCache.clear();
    suiCache.set(key, months);
  }
  return months;
}

function checkTz(tz: number): void {
  if (!Number.isFinite(tz) || tz < -12 || tz > 14) {
    throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, { timeZone: tz });
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new AppError(CalendarErrors.CALENDAR_YEAR_UNSUPPORTED, {
      year,
      min: LUNAR_MIN_YEAR,
      max: LUNAR_MAX_YEAR,
    });
  }
}

/** Solar (Gregorian) date → lunar date, for the calendar kept at UTC+`tz` (Vietnam: 7). */
export function solarToLunar(year: number, month: number, day: number, tz: number = VIETNAM_TZ): LunarDate {
  checkTz(tz);
  checkYear(year);
  if (!isValidYmd(year, month, day)) {
    throw new AppError(CalendarErrors.CALENDAR_DATE_INVALID, { year, month, day });
  }
  const jdn = jdnFromYmd(year, month, day);
  // Days before this year's month 11 belong to the suì that began in the previous solar year.
  const suiYear = jdn >= month11Start(year, tz) ? year : year - 1;
  const found = sui(suiYear, tz).find((m) => m.start <= jdn && jdn < m.end);
  if (!found) throw new Error(`lunar: ${year}-${month}-${day} not in suì ${suiYear}`);
  return { year: found.year, month: found.month, day: jdn - found.start + 1, leap: found.leap };
}

/** Lunar date → solar date. `leap` asks for the intercalary month; it is refused when that month is not leap. */
export function lunarToSolar(
  lunarYear: number,
  lunarMonth: number,
  lunarDay: number,
  leap: boolean,
  tz: number = VIETNAM_TZ,
): SolarDate {
  checkTz(tz);
  checkYear(lunarYear);
  const found =
    Number.isInteger(lunarMonth) && lunarMonth >= 1 && lunarMonth <= 12
      ? sui(lunarMonth >= 11 ? lunarYear : lunarYear - 1, tz).find(
          (m) => m.year === lunarYear && m.month === lunarMonth && m.leap === leap,
        )
      : undefined;
  if (!found || !Number.isInteger(lunarDay) || lunarDay < 1 || found.start + lunarDay > found.end) {
    throw new AppError(CalendarErrors.CALENDAR_LUNAR_DATE_INVALID, {
      year: lunarYear,
      month: lunarMonth,
      day: lunarDay,
      leap,
      timeZone: tz,
    });
  }
  return ymdFromJdn(found.start + lunarDay - 1);
}

/** The leap month of a lunar year (1..12), or null when the year has none. */
export function leapMonthOf(lunarYear: number, tz: number = VIETNAM_TZ): number | null {
  checkTz(tz);
  checkYear(lunarYear);
  const months = [...sui(lunarYear - 1, tz), ...sui(lunarYear, tz)];
  return months.find((m) => m.year === lunarYear && m.leap)?.month ?? null;
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(
  lunarYear: number,
  lunarMonth: number,
  leap: boolean,
  tz: number = VIETNAM_TZ,
): number {
  const first = lunarToSolar(lunarYear, lunarMonth, 1, leap, tz);
  const start = jdnFromYmd(first.year, first.month, first.day);
  const found = sui(lunarMonth >= 11 ? lunarYear : lunarYear - 1, tz).find((m) => m.start === start);
  if (!found) throw new Error('lunar: month not found');
  return found.end - found.start;
}
