/**
 * Calendar days as integers, and the one place where instants (Date) meet calendar days.
 *
 * A calendar day is carried as its Julian Day Number (JDN: the integer day count used by astronomers,
 * 2000-01-01 = 2451545) so that day arithmetic is plain integer arithmetic and the lunar code, which
 * works in JDN, needs no conversion. Nothing here reads the machine's time zone: Vietnam has kept
 * UTC+7 without daylight saving since 1975, so a fixed offset is exact for every date we handle.
 */
import { AppError } from '../errors/index.js';
import { CalendarErrors } from './errors.js';

/** A calendar day written `YYYY-MM-DD` (ISO 8601), the form used at API edges. */
export type IsoDate = string;

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Asia/Ho_Chi_Minh offset from UTC in hours (no DST). */
export const VN_UTC_OFFSET_HOURS = 7;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** JDN of 1970-01-01, the day Date's epoch falls on. */
const JDN_UNIX_EPOCH = 2_440_588;

/** JDN of a proleptic Gregorian date (Fliegel & Van Flandern); pure integer arithmetic, no Date. */
export function jdnFromYmd(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Inverse of {@link jdnFromYmd}. */
export function ymdFromJdn(jdn: number): Ymd {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** True when year/month/day are integers naming a day that exists (no 2025-02-29). */
export function isValidYmd(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const back = ymdFromJdn(jdnFromYmd(year, month, day));
  return back.year === year && back.month === month && back.day === day;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` string to a JDN; anything else is CALENDAR_DATE_INVALID. */
export function parseIsoDate(value: string): number {
  const match = ISO_DATE.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (isValidYmd(year, month, day)) return jdnFromYmd(year, month, day);
  }
  throw new AppError(CalendarErrors.CALENDAR_DATE_INVALID, { value });
}

export function formatYmd({ year, month, day }: Ymd): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function formatJdn(jdn: number): IsoDate {
  return formatYmd(ymdFromJdn(jdn));
}

/** Day of the week, 0 = Sunday … 6 = Saturday (same numbering as Date#getUTCDay). */
export function weekdayOfJdn(jdn: number): number {
  return (((jdn + 1) % 7) + 7) % 7;
}

/** The calendar day (JDN) on which an instant falls in a fixed UTC offset (Vietnam by default). */
export function jdnOfInstant(instant: Date, offsetHours = VN_UTC_OFFSET_HOURS): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) {
    throw new AppError(CalendarErrors.CALENDAR_DATE_INVALID, { value: String(instant) });
  }
  return Math.floor((ms + offsetHours * MS_PER_HOUR) / MS_PER_DAY) + JDN_UNIX_EPOCH;
}

/** The date (YYYY-MM-DD) an instant falls on in Vietnam: "today" for deadlines, terms and due dates. */
export function dayInVietnam(instant: Date): IsoDate {
  return formatJdn(jdnOfInstant(instant));
}

/** 00:00:00.000 local time of a calendar day, as an instant. */
export function startOfDayInstant(jdn: number, offsetHours = VN_UTC_OFFSET_HOURS): Date {
  return new Date((jdn - JDN_UNIX_EPOCH) * MS_PER_DAY - offsetHours * MS_PER_HOUR);
}

/** 23:59:59.999 local time of a calendar day, as an instant (the last millisecond of the day). */
export function endOfDayInstant(jdn: number, offsetHours = VN_UTC_OFFSET_HOURS): Date {
  return new Date(startOfDayInstant(jdn + 1, offsetHours).getTime() - 1);
}

/** A calendar-day argument: `YYYY-MM-DD`, or an instant read in Vietnam time. */
export type DayInput = IsoDate | Date;

export function jdnOfDayInput(input: DayInput): number {
  return typeof input === 'string' ? parseIsoDate(input) : jdnOfInstant(input);
}
