/**
 * Working days of Vietnamese public bodies and the deadlines counted in them.
 *
 * A day is a working day unless it is a weekly rest day (Saturday, Sunday) or a statutory holiday or
 * compensatory day (holidays.ts) — and an override, entered from the Government's yearly notices, beats
 * both: `off` for swapped or extra days off, `work` for the Saturday that makes up a swapped day.
 *
 * Deadline convention (Bộ luật Dân sự 2015, art. 147–148, applied to working days):
 *  - the day of the event (receipt of a dossier, issue of a request) is not counted;
 *  - counting starts on the next working day: n working days end on the n-th working day strictly after
 *    the start day, e.g. received Monday with 5 working days → due Monday of the following week;
 *  - the deadline ends at the end of that day, 24:00 Vietnam time, returned as 23:59:59.999+07:00;
 *  - n = 0 means "by the end of the start day", moved to the next working day if the start is not one.
 * Which day counts as the receipt day (e.g. an online submission after hours or on a Sunday is received on
 * the next working day) is a rule of the procedure; pass that day as the start.
 */
import { AppError } from '../errors/index.js';
import {
  endOfDayInstant,
  formatJdn,
  jdnOfDayInput,
  parseIsoDate,
  weekdayOfJdn,
  ymdFromJdn,
  type DayInput,
  type IsoDate,
} from './civil-date.js';
import { CalendarErrors } from './errors.js';
import { DEFAULT_WEEKLY_REST_DAYS, type HolidayDecision, type HolidayLaw } from './holiday-rules.js';
import { checkWeeklyRestDays, holidaysOf, type Holiday } from './holidays.js';

/** One day changed by a Government notice or decision. */
export interface CalendarOverride {
  readonly date: IsoDate;
  readonly kind: 'off' | 'work';
  readonly reasonVi: string;
  readonly reasonEn?: string;
  /** The notice or decision that made the change (number and date). */
  readonly legalBasis?: string;
}

export interface WorkingCalendarOptions {
  readonly laws?: readonly HolidayLaw[];
  readonly decisions?: readonly HolidayDecision[];
  readonly weeklyRestDays?: readonly number[];
}

/** A day off other than a weekly rest day; `override` entries come from the overrides data. */
export interface CalendarDayOff extends Omit<Holiday, 'kind' | 'ruleId'> {
  readonly kind: Holiday['kind'] | 'override';
  readonly ruleId: string | null;
}

export interface WorkingDeadline {
  /** The last working day, `YYYY-MM-DD`. */
  readonly date: IsoDate;
  /** 23:59:59.999 of that day in Vietnam (+07:00). */
  readonly endsAt: Date;
}

export type DeadlineStatus = 'onTime' | 'dueSoon' | 'overdue';

export class WorkingCalendar {
  private readonly overrides = new Map<number, CalendarOverride>();
  private readonly restDays: ReadonlySet<number>;
  private readonly holidayCache = new Map<number, ReadonlyMap<number, Holiday>>();

  constructor(
    overrides: readonly CalendarOverride[] = [],
    private readonly options: WorkingCalendarOptions = {},
  ) {
    this.restDays = checkWeeklyRestDays(options.weeklyRestDays ?? DEFAULT_WEEKLY_REST_DAYS);
    for (const override of overrides) {
      const jdn = parseIsoDate(override.date);
      if (
        !['off', 'work'].includes(override.kind) ||
        typeof override.reasonVi !== 'string' ||
        !override.reasonVi.trim()
      ) {
        throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, { override: override.date });
      }
      if (this.overrides.has(jdn))
        throw new AppError(CalendarErrors.CALENDAR_OVERRIDE_CONFLICT, { date: override.date });
      this.overrides.set(jdn, override);
    }
  }

  isWorkingDay(day: DayInput): boolean {
    return this.isWorkingJdn(jdnOfDayInput(day));
  }

  /** The deadline n working days after `start` (see the convention at the top of this file). */
  addWorkingDays(start: DayInput, n: number): WorkingDeadline {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, { n });
    let day = jdnOfDayInput(start);
    if (n === 0) {
      while (!this.isWorkingJdn(day)) day++;
    }
    for (let left = n; left > 0;) {
      day++;
      if (this.isWorkingJdn(day)) left--;
    }
    return { date: formatJdn(day), endsAt: endOfDayInstant(day) };
  }

  /**
   * Working days in the interval (a, b]: after a, up to and including b — so that
   * workingDaysBetween(s, addWorkingDays(s, n).date) === n for n ≥ 1. Negative when b is before a.
   */
  workingDaysBetween(a: DayInput, b: DayInput): number {
    const from = jdnOfDayInput(a);
    const to = jdnOfDayInput(b);
    const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let day = lo + 1; day <= hi; day++) if (this.isWorkingJdn(day)) count++;
    return sign * count;
  }

  /**
   * `overdue` once `now` is past `due`; `dueSoon` when at most `dueSoonWorkingDays` working days remain
   * after today's (Vietnam) date up to the due date — with the default 1, on the due day and on the
   * working day before it; `onTime` otherwise.
   */
  deadlineStatus(due: Date, now: Date, dueSoonWorkingDays = 1): DeadlineStatus {
    if (!Number.isSafeInteger(dueSoonWorkingDays) || dueSoonWorkingDays < 0) {
      throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, { dueSoonWorkingDays });
    }
    if (now.getTime() > due.getTime()) return 'overdue';
    return this.workingDaysBetween(now, due) <= dueSoonWorkingDays ? 'dueSoon' : 'onTime';
  }

  /**
   * Days off of a year other than weekly rest days: statutory holidays and compensatory days not
   * overridden to work, plus the `off` overrides. Sorted by date.
   */
  holidaysOf(year: number): CalendarDayOff[] {
    const days = new Map<number, CalendarDayOff>();
    for (const [jdn, holiday] of this.statutory(year)) {
      if (this.overrides.get(jdn)?.kind !== 'work') days.set(jdn, holiday);
    }
    for (const [jdn, o] of this.overrides) {
      if (o.kind !== 'off' || ymdFromJdn(jdn).year !== year || days.has(jdn)) continue;
      days.set(jdn, {
        date: o.date,
        nameVi: o.reasonVi,
        nameEn: o.reasonEn ?? o.reasonVi,
        legalBasis: o.legalBasis ?? '',
        ruleId: null,
        kind: 'override',
      });
    }
    return [...days.entries()].sort(([a], [b]) => a - b).map(([, d]) => d);
  }

  private isWorkingJdn(jdn: number): boolean {
    const override = this.overrides.get(jdn);
    if (override) return override.kind === 'work';
    // Holidays first, so that a year the holiday data does not cover fails on weekends too.
    if (this.statutory(ymdFromJdn(jdn).year).has(jdn)) return false;
    return !this.restDays.has(weekdayOfJdn(jdn));
  }

  private statutory(year: number): ReadonlyMap<number, Holiday> {
    let days = this.holidayCache.get(year);
    if (!days) {
      days = new Map(holidaysOf(year, this.options).map((h) => [parseIsoDate(h.date), h]));
      this.holidayCache.set(year, days);
    }
    return days;
  }
}
