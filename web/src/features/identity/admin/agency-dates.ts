import { useLanguage, type Language } from '../../../i18n/index.js';
import { DISPLAY_TIME_ZONE } from '../../../i18n/format.js';

/**
 * Calendar days (YYYY-MM-DD) of the agency registry: effective dates are days in Vietnam, not instants, so
 * they are handled as text and UTC midnights, never through the browser's own time zone.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today in Vietnam: the server's default and latest allowed effective date. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The day before `day` (the last day of what a change on `day` ends); null for something not a day. */
export function dayBefore(day: string): string | null {
  const m = ISO_DAY.exec(day);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) - 1));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** vi `dd/MM/yyyy`, en `d MMM yyyy`; anything not a day is shown as given. */
export function formatDay(day: string, language: Language): string {
  const m = ISO_DAY.exec(day);
  if (!m) return day;
  const [, year, month, date] = m as unknown as [string, string, string, string];
  return language === 'vi'
    ? `${date}/${month}/${year}`
    : `${Number(date)} ${EN_MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** formatDay in the language on screen; empty for a missing day. */
export function useDay(): (day: string | null | undefined) => string {
  const { language } = useLanguage();
  return (day) => (day ? formatDay(day, language) : '');
}
