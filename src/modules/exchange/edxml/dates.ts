/**
 * edXML dates ("yyyy/MM/dd") and timestamps ("yyyy/MM/dd HH:mm:ss", Vietnam time: UTC+7 without daylight
 * saving since 1975, so a fixed offset is exact). The model keeps the strings; callers convert here.
 */
import { isValidYmd, VN_UTC_OFFSET_HOURS, type Ymd } from '../../../platform/calendar/index.js';

const DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const TIMESTAMP = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** Dates written another way that a person would still read as a date (ISO, dd/MM/yyyy, dd-MM-yyyy …). */
const OTHER_DATE =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A strict "yyyy/MM/dd" that names a real day, or null. */
export function parseEdxmlDate(value: string): Ymd | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(year, month, day) ? { year, month, day } : null;
}

/** "yyyy/MM/dd" of a calendar day, or of an instant's day in Vietnam. */
export function formatEdxmlDate(value: Ymd | Date): string {
  if (value instanceof Date) {
    const local = new Date(value.getTime() + VN_UTC_OFFSET_HOURS * 3_600_000);
    return `${pad(local.getUTCFullYear(), 4)}/${pad(local.getUTCMonth() + 1)}/${pad(local.getUTCDate())}`;
  }
  return `${pad(value.year, 4)}/${pad(value.month)}/${pad(value.day)}`;
}

/** The instant of a strict "yyyy/MM/dd HH:mm:ss" read as Vietnam time, or null. */
export function parseEdxmlTimestamp(value: string): Date | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isValidYmd(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return new Date(Date.UTC(year, month - 1, day, hour - VN_UTC_OFFSET_HOURS, minute, second));
}

/** "yyyy/MM/dd HH:mm:ss" of an instant in Vietnam time. */
export function formatEdxmlTimestamp(instant: Date): string {
  const local = new Date(instant.getTime() + VN_UTC_OFFSET_HOURS * 3_600_000);
  return (
    `${formatEdxmlDate({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() })} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  );
}

/**
 * How a date-ish field reads: `ok` in the edXML form; `impossible` in the form but not in the calendar
 * (2014/02/30, kept as found); `otherFormat` a date written another way; `invalid` not a date at all.
 */
export type DateReading = 'ok' | 'impossible' | 'otherFormat' | 'invalid';

export function readDate(value: string, withTime: boolean): DateReading {
  const v = value.trim();
  if (withTime ? parseEdxmlTimestamp(v) : parseEdxmlDate(v)) return 'ok';
  if ((withTime ? TIMESTAMP : DATE).test(v)) return 'impossible';
  // A timestamp field holding a bare date, or a date field holding a timestamp, is another format.
  if (DATE.test(v) || TIMESTAMP.test(v) || OTHER_DATE.test(v)) return 'otherFormat';
  return 'invalid';
}
