import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import type { DocumentSummary } from './exchange.api.js';

/** The exchange screens' formats: calendar days, instants in Vietnam time, sizes, numbers and notations. */
export function useExchangeFormat() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const dateTime = useDateTime();
  /** YYYY-MM-DD (an edXML calendar day, no time zone) as dd/MM/yyyy or d MMM yyyy. */
  const day = (ymd: string | null | undefined): string => {
    if (!ymd) return '';
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
  const bytes = (size: number): string => {
    const units = ['B', 'kB', 'MB', 'GB'] as const;
    let value = size;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    const number = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
      maximumFractionDigits: unit === 0 ? 0 : 1,
    }).format(value);
    return `${number} ${units[unit]}`;
  };
  /** "45/2018/QĐ-TTg": the number and notation as they are written on the document. */
  const reference = (d: Pick<DocumentSummary, 'codeNumber' | 'codeNotation'>): string =>
    [d.codeNumber, d.codeNotation].filter(Boolean).join('/') || t('exchange.noNumber');
  /** An agency as "Name (code)", or the bare code when its name is unknown. */
  const agency = (code: string, name: string | null | undefined): string =>
    name ? `${name} (${code})` : code;
  return { day, dateTime, bytes, reference, agency };
}
