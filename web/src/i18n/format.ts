import { useLanguage, type Language } from './index.js';

/** Dates are stored in UTC and always shown in Vietnam's time zone, whatever the browser's. */
export const DISPLAY_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formatters: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', {
    timeZone: DISPLAY_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: DISPLAY_TIME_ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
};

/** vi: `dd/MM/yyyy HH:mm`; en: `d MMM yyyy, HH:mm`. Built from parts so no locale data can reorder it. */
export function formatDateTime(value: string | Date, language: Language): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  const parts = formatters[language].formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return language === 'vi'
    ? `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`
    : `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

/** formatDateTime in the language on screen; empty for a missing date. */
export function useDateTime(): (value: string | null | undefined) => string {
  const { language } = useLanguage();
  return (value) => (value ? formatDateTime(value, language) : '');
}
