/**
 * The working calendar as data: Government overrides and yearly holiday decisions in the database, read
 * into a WorkingCalendar that every module asks for deadlines (`platform.calendar.current()`).
 *
 * Cache: one calendar per data version. Every write made through this service moves the version, so the
 * next read in this process sees it; another process's edit is picked up when the cached calendar is older
 * than `maxAgeMs` (60 s by default). A write runs in the caller's transaction, so a read racing with it
 * may still load the old rows: call invalidate() once the transaction has committed (the routes do).
 *
 * Writes validate first and change nothing on bad input (coded errors), serialise on an advisory lock so
 * two administrators cannot combine into an inconsistent calendar, and write their audit record with
 * before/after in the same transaction.
 */
import { asc, eq, and, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../audit/index.js';
import { systemClock, type Clock } from '../clock/index.js';
import type { Db, Executor } from '../db/index.js';
import { AppError, PlatformErrors } from '../errors/index.js';
import { CalendarAdminErrors } from './calendar.errors.js';
import { formatJdn, parseIsoDate, ymdFromJdn, type IsoDate } from './civil-date.js';
import { CalendarErrors } from './errors.js';
import { DEFAULT_WEEKLY_REST_DAYS, type HolidayDecision, type HolidayLaw } from './holiday-rules.js';
import { holidaysOf, lawForYear } from './holidays.js';
import { calendarHolidayDecisions, calendarOverrides } from './schema.js';
import { WorkingCalendar, type CalendarOverride } from './working-days.js';

/** Longest reason or legal-basis text accepted. */
export const CALENDAR_TEXT_MAX = 500;
/** Longest span a yearly decision may give before or after the anchor day (as holidays.ts accepts). */
export const DECISION_DAYS_MAX = 31;

export interface OverrideInput {
  date: string;
  kind: 'off' | 'work';
  reasonVi: string;
  reasonEn?: string | null | undefined;
  legalBasis?: string | null | undefined;
}

export interface OverrideView {
  date: IsoDate;
  kind: 'off' | 'work';
  reasonVi: string;
  reasonEn: string | null;
  legalBasis: string | null;
}

export interface DecisionInput {
  year: number;
  ruleId: string;
  daysBefore: number;
  daysAfter: number;
  legalBasis: string;
}

export type DecisionView = DecisionInput;

/** What one read of the data gives: the calendar and the rows it was built from, sorted. */
export interface CalendarSnapshot {
  readonly calendar: WorkingCalendar;
  readonly overrides: readonly OverrideView[];
  readonly decisions: readonly DecisionView[];
}

export interface CalendarServiceOptions {
  clock?: Clock;
  /** Re-read the data when the cached calendar is older than this (other processes' edits). */
  maxAgeMs?: number;
  laws?: readonly HolidayLaw[];
  weeklyRestDays?: readonly number[];
}

interface Cached {
  version: number;
  loadedAt: number;
  snapshot: CalendarSnapshot;
}

export class CalendarService {
  private readonly clock: Clock;
  private readonly maxAgeMs: number;
  private readonly laws: readonly HolidayLaw[] | undefined;
  readonly weeklyRestDays: readonly number[];
  private version = 0;
  private cached: Cached | undefined;
  private loading: { version: number; promise: Promise<CalendarSnapshot> } | undefined;

  constructor(
    private readonly db: Db,
    options: CalendarServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.laws = options.laws;
    this.weeklyRestDays = options.weeklyRestDays ?? DEFAULT_WEEKLY_REST_DAYS;
  }

  /**
   * The working calendar in force. Inside a transaction pass the transaction: on PGlite a query on the
   * pool while a transaction is open waits for it forever. A read through a transaction is not cached
   * (it may see the transaction's own uncommitted writes).
   */
  async current(executor?: Executor): Promise<WorkingCalendar> {
    return (await this.snapshot(executor)).calendar;
  }

  async snapshot(executor?: Executor): Promise<CalendarSnapshot> {
    const now = this.clock.now().getTime();
    const cached = this.cached;
    if (
      cached &&
      cached.version === this.version &&
      now >= cached.loadedAt &&
      now - cached.loadedAt < this.maxAgeMs
    ) {
      return cached.snapshot;
    }
    if (executor && executor !== this.db) return this.read(executor);
    if (this.loading?.version === this.version) return this.loading.promise;
    const version = this.version;
    const promise = this.read(this.db)
      .then((snapshot) => {
        // A write during the read moved the version: hand the result out, but do not keep it.
        if (this.version === version) this.cached = { version, loadedAt: now, snapshot };
        return snapshot;
      })
      .finally(() => {
        if (this.loading?.promise === promise) this.loading = undefined;
      });
    this.loading = { version, promise };
    return promise;
  }

  /** Forgets the cached calendar; the next read loads the data again. */
  invalidate(): void {
    this.version++;
    this.cached = undefined;
  }

  /** Adds or replaces the override of one day. */
  async upsertOverride(tx: Executor, ctx: AuditContext, input: OverrideInput): Promise<OverrideView> {
    const jdn = parseIsoDate(String(input.date));
    const date = formatJdn(jdn);
    const year = ymdFromJdn(jdn).year;
    if (input.kind !== 'off' && input.kind !== 'work') {
      throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, { kind: input.kind });
    }
    const after: OverrideView = {
      date,
      kind: input.kind,
      reasonVi: requiredText(input.reasonVi, CalendarAdminErrors.CALENDAR_REASON_REQUIRED, 'reasonVi'),
      reasonEn: optionalText(input.reasonEn, 'reasonEn'),
      legalBasis: optionalText(input.legalBasis, 'legalBasis'),
    };
    lawForYear(year, this.laws);

    await lockCalendar(tx);
    const state = await this.rows(tx);
    const before = state.overrides.find((o) => o.date === date);
    const decisions = state.decisions.filter((d) => d.year === year);
    // Against the statutory calendar of that year (holidays, compensatory days, weekly rest days).
    const statutory = new WorkingCalendar([], this.calendarOptions(decisions));
    const holiday = statutory.holidaysOf(year).find((h) => h.date === date);
    if (after.kind === 'work' && holiday) {
      throw new AppError(CalendarErrors.CALENDAR_OVERRIDE_CONFLICT, {
        date,
        reason: 'statutoryHoliday',
        holiday: holiday.nameVi,
      });
    }
    // An override that changes nothing is a mistake (wrong date), not a no-op to store.
    const working = statutory.isWorkingDay(date);
    if ((after.kind === 'off' && !working) || (after.kind === 'work' && working)) {
      throw new AppError(CalendarErrors.CALENDAR_OVERRIDE_CONFLICT, {
        date,
        reason: working ? 'alreadyWorking' : 'alreadyOff',
      });
    }
    this.build([...state.overrides.filter((o) => o.date !== date), after], state.decisions);

    await tx
      .insert(calendarOverrides)
      .values({ ...after, createdBy: ctx.actorId })
      .onConflictDoUpdate({
        target: calendarOverrides.date,
        set: {
          kind: after.kind,
          reasonVi: after.reasonVi,
          reasonEn: after.reasonEn,
          legalBasis: after.legalBasis,
          updatedAt: sql`now()`,
        },
      });
    await audit(tx, ctx, {
      action: 'platform.calendar.override.upsert',
      objectType: 'calendar_override',
      objectId: date,
      before,
      after,
    });
    this.invalidate();
    return after;
  }

  /** Removes the override of one day; NOT_FOUND when there is none. Returns what was removed. */
  async deleteOverride(tx: Executor, ctx: AuditContext, dateInput: string): Promise<OverrideView> {
    const date = formatJdn(parseIsoDate(String(dateInput)));
    await lockCalendar(tx);
    const [row] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, date));
    if (!row) throw new AppError(PlatformErrors.NOT_FOUND, { date });
    const before = overrideView(row);
    await tx.delete(calendarOverrides).where(eq(calendarOverrides.date, date));
    await audit(tx, ctx, {
      action: 'platform.calendar.override.delete',
      objectType: 'calendar_override',
      objectId: date,
      before,
    });
    this.invalidate();
    return before;
  }

  /** Sets the Prime Minister's choice of days of one holiday in one year. */
  async upsertDecision(tx: Executor, ctx: AuditContext, input: DecisionInput): Promise<DecisionView> {
    const year = checkYear(input.year);
    const ruleId = String(input.ruleId);
    const law = lawForYear(year, this.laws);
    if (!law.rules.some((r) => r.id === ruleId)) {
      throw new AppError(CalendarAdminErrors.CALENDAR_RULE_UNKNOWN, {
        year,
        ruleId,
        rules: law.rules.map((r) => r.id),
      });
    }
    for (const [name, n] of [
      ['daysBefore', input.daysBefore],
      ['daysAfter', input.daysAfter],
    ] as const) {
      if (!Number.isInteger(n) || n < 0 || n > DECISION_DAYS_MAX) {
        throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, { [name]: n });
      }
    }
    const after: DecisionView = {
      year,
      ruleId,
      daysBefore: input.daysBefore,
      daysAfter: input.daysAfter,
      legalBasis: requiredText(
        input.legalBasis,
        CalendarAdminErrors.CALENDAR_LEGAL_BASIS_REQUIRED,
        'legalBasis',
      ),
    };

    await lockCalendar(tx);
    const state = await this.rows(tx);
    const before = state.decisions.find((d) => d.year === year && d.ruleId === ruleId);
    const decisions = [...state.decisions.filter((d) => d !== before), after];
    this.checkWorkOverrides(year, state.overrides, decisions);
    this.build(state.overrides, decisions);

    await tx
      .insert(calendarHolidayDecisions)
      .values({ ...after, createdBy: ctx.actorId })
      .onConflictDoUpdate({
        target: [calendarHolidayDecisions.year, calendarHolidayDecisions.ruleId],
        set: {
          daysBefore: after.daysBefore,
          daysAfter: after.daysAfter,
          legalBasis: after.legalBasis,
          updatedAt: sql`now()`,
        },
      });
    await audit(tx, ctx, {
      action: 'platform.calendar.decision.upsert',
      objectType: 'calendar_decision',
      objectId: `${year}/${ruleId}`,
      before,
      after,
    });
    this.invalidate();
    return after;
  }

  /** Removes a yearly decision (the rule's default span applies again); NOT_FOUND when there is none. */
  async deleteDecision(
    tx: Executor,
    ctx: AuditContext,
    yearInput: number,
    ruleId: string,
  ): Promise<DecisionView> {
    const year = checkYear(yearInput);
    await lockCalendar(tx);
    const state = await this.rows(tx);
    const before = state.decisions.find((d) => d.year === year && d.ruleId === ruleId);
    if (!before) throw new AppError(PlatformErrors.NOT_FOUND, { year, ruleId });
    // Back to the default span, which may now cover a day an override makes a working day.
    this.checkWorkOverrides(
      year,
      state.overrides,
      state.decisions.filter((d) => d !== before),
    );
    await tx
      .delete(calendarHolidayDecisions)
      .where(and(eq(calendarHolidayDecisions.year, year), eq(calendarHolidayDecisions.ruleId, ruleId)));
    await audit(tx, ctx, {
      action: 'platform.calendar.decision.delete',
      objectType: 'calendar_decision',
      objectId: `${year}/${ruleId}`,
      before,
    });
    this.invalidate();
    return before;
  }

  private async read(executor: Executor): Promise<CalendarSnapshot> {
    const { overrides, decisions } = await this.rows(executor);
    return { calendar: this.build(overrides, decisions), overrides, decisions };
  }

  private async rows(executor: Executor): Promise<{ overrides: OverrideView[]; decisions: DecisionView[] }> {
    const overrides = await executor.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
    const decisions = await executor
      .select()
      .from(calendarHolidayDecisions)
      .orderBy(asc(calendarHolidayDecisions.year), asc(calendarHolidayDecisions.ruleId));
    return {
      overrides: overrides.map(overrideView),
      decisions: decisions.map((d) => ({
        year: d.year,
        ruleId: d.ruleId,
        daysBefore: d.daysBefore,
        daysAfter: d.daysAfter,
        legalBasis: d.legalBasis,
      })),
    };
  }

  private calendarOptions(decisions: readonly HolidayDecision[]) {
    return {
      decisions,
      weeklyRestDays: this.weeklyRestDays,
      ...(this.laws ? { laws: this.laws } : {}),
    };
  }

  private build(overrides: readonly OverrideView[], decisions: readonly DecisionView[]): WorkingCalendar {
    return new WorkingCalendar(overrides.map(toCalendarOverride), this.calendarOptions(decisions));
  }

  /** A `work` override may not fall on a statutory day off (the law's days beat a notice). */
  private checkWorkOverrides(
    year: number,
    overrides: readonly OverrideView[],
    decisions: readonly DecisionView[],
  ): void {
    const days = new Map(holidaysOf(year, this.calendarOptions(decisions)).map((h) => [h.date, h]));
    for (const o of overrides) {
      const holiday = o.kind === 'work' ? days.get(o.date) : undefined;
      if (holiday) {
        throw new AppError(CalendarErrors.CALENDAR_OVERRIDE_CONFLICT, {
          date: o.date,
          reason: 'workOverrideOnHoliday',
          holiday: holiday.nameVi,
        });
      }
    }
  }
}

/** Serialises calendar writes across processes until the transaction ends. */
export async function lockCalendar(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cpdt.calendar'))`);
}

function overrideView(row: typeof calendarOverrides.$inferSelect): OverrideView {
  return {
    date: row.date,
    kind: row.kind,
    reasonVi: row.reasonVi,
    reasonEn: row.reasonEn,
    legalBasis: row.legalBasis,
  };
}

function toCalendarOverride(o: OverrideView): CalendarOverride {
  return {
    date: o.date,
    kind: o.kind,
    reasonVi: o.reasonVi,
    ...(o.reasonEn !== null ? { reasonEn: o.reasonEn } : {}),
    ...(o.legalBasis !== null ? { legalBasis: o.legalBasis } : {}),
  };
}

function checkYear(year: unknown): number {
  if (typeof year !== 'number' || !Number.isInteger(year)) {
    throw new AppError(CalendarErrors.CALENDAR_YEAR_UNSUPPORTED, { year });
  }
  return year;
}

function requiredText(value: unknown, code: string, field: string): string {
  const text = optionalText(value, field);
  if (text === null) throw new AppError(code, { field });
  return text;
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > CALENDAR_TEXT_MAX) {
    throw new AppError(CalendarErrors.CALENDAR_ARGUMENT_INVALID, { field });
  }
  const text = value.trim().replace(/\s+/g, ' ');
  return text === '' ? null : text;
}
