/**
 * Vietnam's statutory public holidays as data, each with its legal basis, versioned by the law in force.
 * The code in holidays.ts only interprets this data; when the law changes, add a law here (or pass your
 * own list) rather than editing the code.
 */

/** Where a holiday is anchored. Lunar anchors are read in the lunar year whose Tết falls in the solar year. */
export type HolidayAnchor =
  | { readonly calendar: 'solar'; readonly month: number; readonly day: number }
  | { readonly calendar: 'lunar'; readonly month: number; readonly day: number };

export interface HolidayRule {
  /** Stable id, used by yearly decisions and by clients (i18n keys, colours). */
  readonly id: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly anchor: HolidayAnchor;
  /** Days off before and after the anchor day (the anchor day itself is always off). */
  readonly daysBefore: number;
  readonly daysAfter: number;
  /** A day of this holiday that falls on a weekly rest day gives a day off on the next working day. */
  readonly compensateIfWeekend: boolean;
  readonly legalBasis: string;
}

/** A law (version of the holiday list) and the whole years it governs. */
export interface HolidayLaw {
  readonly id: string;
  readonly fromYear: number;
  /** Last year governed, or null while in force. */
  readonly toYear: number | null;
  readonly rules: readonly HolidayRule[];
  /** Legal basis quoted on compensatory days off. */
  readonly compensationBasis: string;
}

/**
 * The Prime Minister's choice, for one year, of which days around the anchor are the holiday (the Labour
 * Code leaves the Tết and National Day days to a yearly decision, art. 112(3)). It replaces the rule's
 * default span for that year; days of it on a weekly rest day are still compensated. Example, Tết 2024
 * (lunar 1/1 = Saturday 10/2): 2 days before and 2 after → 8–12/2, plus 13 and 14/2 in lieu of the
 * weekend, the 8–14/2 break the Government announced.
 */
export interface HolidayDecision {
  readonly year: number;
  readonly ruleId: string;
  readonly daysBefore: number;
  readonly daysAfter: number;
  readonly legalBasis: string;
}

const BLLD_2019 = 'Bộ luật Lao động 2019 (45/2019/QH14)';
const BLLD_2012 = 'Bộ luật Lao động 2012 (10/2012/QH13)';

/**
 * Holidays common to both codes. Tết defaults to the last day of the old lunar year plus lunar 1/1–1/4;
 * the actual five days are fixed yearly (pass a HolidayDecision). Compensation is on for every holiday:
 * art. 111(3) (2019) / art. 115(3) (2012) covers all of them — Giỗ Tổ on Sunday 26/4/2026 gave Monday
 * 27/4 off, and Tết 2024's Saturday and Sunday gave 13 and 14/2 off.
 */
function commonRules(code: string, article: string): HolidayRule[] {
  return [
    {
      id: 'new-year',
      nameVi: 'Tết Dương lịch',
      nameEn: "New Year's Day",
      anchor: { calendar: 'solar', month: 1, day: 1 },
      daysBefore: 0,
      daysAfter: 0,
      compensateIfWeekend: true,
      legalBasis: `${code}, ${article} khoản 1 điểm a`,
    },
    {
      id: 'tet',
      nameVi: 'Tết Âm lịch (Tết Nguyên Đán)',
      nameEn: 'Lunar New Year (Tết)',
      anchor: { calendar: 'lunar', month: 1, day: 1 },
      daysBefore: 1,
      daysAfter: 3,
      compensateIfWeekend: true,
      legalBasis: `${code}, ${article} khoản 1 điểm b`,
    },
    {
      id: 'hung-kings',
      nameVi: 'Giỗ Tổ Hùng Vương',
      nameEn: "Hung Kings' Commemoration Day",
      anchor: { calendar: 'lunar', month: 3, day: 10 },
      daysBefore: 0,
      daysAfter: 0,
      compensateIfWeekend: true,
      legalBasis: `${code}, ${article} khoản 1 điểm e`,
    },
    {
      id: 'victory-day',
      nameVi: 'Ngày Chiến thắng',
      nameEn: 'Reunification Day (Victory Day)',
      anchor: { calendar: 'solar', month: 4, day: 30 },
      daysBefore: 0,
      daysAfter: 0,
      compensateIfWeekend: true,
      legalBasis: `${code}, ${article} khoản 1 điểm c`,
    },
    {
      id: 'labour-day',
      nameVi: 'Ngày Quốc tế Lao động',
      nameEn: 'International Labour Day',
      anchor: { calendar: 'solar', month: 5, day: 1 },
      daysBefore: 0,
      daysAfter: 0,
      compensateIfWeekend: true,
      legalBasis: `${code}, ${article} khoản 1 điểm d`,
    },
  ];
}

function nationalDay(code: string, article: string, daysBefore: number): HolidayRule {
  return {
    id: 'national-day',
    nameVi: 'Quốc khánh',
    nameEn: 'National Day',
    anchor: { calendar: 'solar', month: 9, day: 2 },
    daysBefore,
    daysAfter: 0,
    compensateIfWeekend: true,
    legalBasis: `${code}, ${article} khoản 1 điểm đ`,
  };
}

/** Labour Code 2012, in force 1/5/2013; 2014 is its first whole year (Tết 2013 still had 4 days). */
export const LABOUR_CODE_2012: HolidayLaw = {
  id: 'labour-code-2012',
  fromYear: 2014,
  toYear: 2020,
  rules: [...commonRules(BLLD_2012, 'Điều 115'), nationalDay(BLLD_2012, 'Điều 115', 0)],
  compensationBasis: `${BLLD_2012}, Điều 115 khoản 3`,
};

/**
 * Labour Code 2019, in force 1/1/2021. National Day gained "1 adjacent day before or after"; the default
 * here is the day before (1/9); a yearly decision may choose 3/9 instead.
 */
export const LABOUR_CODE_2019: HolidayLaw = {
  id: 'labour-code-2019',
  fromYear: 2021,
  toYear: null,
  rules: [...commonRules(BLLD_2019, 'Điều 112'), nationalDay(BLLD_2019, 'Điều 112', 1)],
  compensationBasis: `${BLLD_2019}, Điều 111 khoản 3`,
};

export const DEFAULT_HOLIDAY_LAWS: readonly HolidayLaw[] = [LABOUR_CODE_2012, LABOUR_CODE_2019];

/** Weekly rest days of public servants (40-hour week, Quyết định 188/1999/QĐ-TTg): Sunday 0, Saturday 6. */
export const DEFAULT_WEEKLY_REST_DAYS: readonly number[] = [0, 6];
