import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import type { BodyRef, MeetingSummary } from './cabinet.api.js';

/** A body's name in the language on screen, and a meeting's start–end in Vietnam time. */
export function useCabinetFormat() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const dateTime = useDateTime();
  const bodyName = (body: BodyRef) => (language === 'en' && body.nameEn ? body.nameEn : body.nameVi);
  const timeRange = (m: Pick<MeetingSummary, 'plannedStart' | 'plannedEnd'>) => {
    const start = dateTime(m.plannedStart);
    const end = dateTime(m.plannedEnd);
    // Same day: the end needs only its time.
    const sameDay = start.slice(0, -5) === end.slice(0, -5);
    return t('cabinet.meeting.timeRange', { start, end: sameDay ? end.slice(-5) : end });
  };
  /** YYYY-MM-DD (a calendar day, no time zone) as dd/MM/yyyy or d MMM yyyy. */
  const day = (ymd: string) => {
    const [y, m, d] = ymd.split('-').map(Number);
    if (!y || !m || !d) return ymd;
    return language === 'vi'
      ? `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`
      : new Intl.DateTimeFormat('en-GB', {
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(Date.UTC(y, m - 1, d)));
  };
  return { bodyName, timeRange, day, dateTime };
}
