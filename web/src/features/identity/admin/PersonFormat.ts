import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/index.js';

/** A calendar day (YYYY-MM-DD, no time zone): dd/MM/yyyy in Vietnamese, d MMM yyyy in English. */
export function formatDay(day: string, language: 'vi' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [, y, mo, d] = m;
  if (language === 'vi') return `${d}/${mo}/${y}`;
  const month = new Date(Date.UTC(2000, Number(mo) - 1, 1)).toLocaleString('en-GB', {
    month: 'short',
    timeZone: 'UTC',
  });
  return `${Number(d)} ${month} ${y}`;
}

export function useDay(): (day: string | null | undefined) => string {
  const { language } = useLanguage();
  return (day) => (day ? formatDay(day, language) : '');
}

/** "01/03/2026 – 31/12/2026", or "… – nay" for an open end. */
export function usePeriod(): (from: string | null, to: string | null) => string {
  const { t } = useTranslation();
  const day = useDay();
  return (from, to) =>
    t('people.period', { from: day(from) || '…', to: to ? day(to) : t('people.openEnded') });
}

/** The name of a role in the language on screen. */
export function useRoleName(): (role: { nameVi: string; nameEn: string }) => string {
  const { language } = useLanguage();
  return (role) => (language === 'vi' ? role.nameVi : role.nameEn);
}
