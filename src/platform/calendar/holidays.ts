/**
 * The statutory days off of one year: the holiday rules of the law in force (holiday-rules.ts), the
 * Prime Minister's yearly choice of days where one is given, and compensatory days for holidays that
 * fall on a weekly rest day. Government swaps and extra days are not here: they are overrides applied
 * by WorkingCalendar on top of this list.
 */
import { AppError } from '../errors/index.js';
import { formatJdn, jdnFromYmd, weekdayOfJdn, type IsoDate } from './civil-date.js';
import { CalendarErrors } from './errors.js';
import {
  DEFAULT_HOLIDAY_LAWS,
  DEFAULT_WEEKLY_REST_DAYS,
  type HolidayDecision,
  type HolidayLaw,
  type HolidayRule,
} from './holiday-rules.js';
import { VIETNAM_TZ, lunarToSolar } from './lunar.js';

export interface Holiday {
  readonly date: IsoDate;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly legalBasis: string;
  readonly ruleId: string;
  /** `holiday`: a statutory day; `compensatory`: the day off given for one that fell on a rest day. */
  readonly kind: 'holiday' | 'compensatory';
}

export interface HolidayOptions {
  readonly laws?: readonly HolidayLaw[];
  readonly decisions?: readonly HolidayDecision[];
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. */
  readonly weeklyRestDays?: readonly number[];
}

/** The law governing a year, or CALENDAR_YEAR_UNSUPPORTED when none does. */
export function lawForYear(year: number, laws: readonly HolidayLaw[] = DEFAULT_HOLIDAY_LAWS): HolidayLaw {
  const law = laws.find((l) => l.fromYear <= year && (l.toYear === null || year <= l.toYear));
  if (!Number.isInteger(year) || !law) {
    throw new AppError(CalendarErrors.CALENDAR_YEAR_UNSUPPORTED, {
      year,
      covered: laws.map((l) => `${l.fromYear}–${l.toYear ?? ''}`),
    });
  }
  return law;
}

export function checkWeeklyRestDays(days: readonly number[]): ReadonlySet<number> {
  const set = new Set(days);
  // Seven rest days would make "the next working day" loop forever.
  if (set.size > 6 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, { weeklyRestDays: days });
  }
  return set;
}

function anchorJdn(rule: HolidayRule, year: number): number {
  const { calendar, month, day } = rule.anchor;
  if (calendar === 'solar') return jdnFromYmd(year, month, day);
  const solar = lunarToSolar(year, month, day, false, VIETNAM_TZ);
  return jdnFromYmd(solar.year, solar.month, solar.day);
}

/** The span of a rule in a year: the yearly decision if one is given, else the rule's default. */
function spanOf(
  rule: HolidayRule,
  year: number,
  decisions: readonly HolidayDecision[],
): { daysBefore: number; daysAfter: number; legalBasis: string } {
  const chosen = decisions.filter((d) => d.year === year && d.ruleId === rule.id);
  if (chosen.length > 1)
    throw new AppError(CalendarErrors.CALENDAR_OVERRIDE_CONFLICT, { ruleId: rule.id, year });
  const decision = chosen[0];
  const { daysBefore, daysAfter } = decision ?? rule;
  if (![daysBefore, daysAfter].every((n) => Number.isInteger(n) && n >= 0 && n <= 31)) {
    throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, {
      ruleId: rule.id,
      year,
      daysBefore,
      daysAfter,
    });
  }
  const legalBasis = decision ? `${rule.legalBasis}; ${decision.legalBasis}` : rule.legalBasis;
  return { daysBefore, daysAfter, legalBasis };
}

/** Statutory holidays and compensatory days off of a year, sorted by date. */
export function holidaysOf(year: number, options: HolidayOptions = {}): Holiday[] {
  const law = lawForYear(year, options.laws);
  const restDays = checkWeeklyRestDays(options.weeklyRestDays ?? DEFAULT_WEEKLY_REST_DAYS);
  const decisions = options.decisions ?? [];

  const statutory = new Map<number, Holiday>();
  const onRestDay: { jdn: number; holiday: Holiday }[] = [];
  for (const rule of law.rules) {
    const span = spanOf(rule, year, decisions);
    const anchor = anchorJdn(rule, year);
    for (let jdn = anchor - span.daysBefore; jdn <= anchor + span.daysAfter; jdn++) {
      if (statutory.has(jdn)) continue; // two holidays on one day give one day off
      const holiday: Holiday = {
        date: formatJdn(jdn),
        nameVi: rule.nameVi,
        nameEn: rule.nameEn,
        legalBasis: span.legalBasis,
        ruleId: rule.id,
        kind: 'holiday',
      };
      statutory.set(jdn, holiday);
      if (rule.compensateIfWeekend && restDays.has(weekdayOfJdn(jdn))) onRestDay.push({ jdn, holiday });
    }
  }

  // Each holiday on a rest day gives the next day that is neither a rest day, a holiday, nor already
  // given as compensation: 30/4 Saturday + 1/5 Sunday → Monday 2/5 and Tuesday 3/5.
  const taken = new Set(statutory.keys());
  const compensatory: Holiday[] = [];
  for (const { jdn, holiday } of onRestDay.sort((a, b) => a.jdn - b.jdn)) {
    let day = jdn + 1;
    while (restDays.has(weekdayOfJdn(day)) || taken.has(day)) day++;
    taken.add(day);
    compensatory.push({
      date: formatJdn(day),
      nameVi: `Nghỉ bù ${holiday.nameVi}`,
      nameEn: `Day off in lieu of ${holiday.nameEn}`,
      legalBasis: law.compensationBasis,
      ruleId: holiday.ruleId,
      kind: 'compensatory',
    });
  }
  return [...statutory.values(), ...compensatory].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}
