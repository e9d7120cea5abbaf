import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Days changed by the Government's yearly notices: `off` for a swapped or extra day off, `work` for the
 * Saturday that makes up a swapped day. One row per day; the pure rules live in working-days.ts.
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind').notNull().$type<'off' | 'work'>(),
    reasonVi: text('reason_vi').notNull(),
    reasonEn: text('reason_en'),
    /** The notice or decision that made the change (number and date). */
    legalBasis: text('legal_basis'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_overrides_kind_check', sql`${t.kind} in ('off', 'work')`)],
);

/**
 * The Prime Minister's yearly choice of the days of a holiday whose span the Labour Code leaves open
 * (Tết, National Day): it replaces the rule's default span for that year (holiday-rules.ts).
 */
export const calendarHolidayDecisions = pgTable(
  'calendar_holiday_decisions',
  {
    year: integer('year').notNull(),
    ruleId: text('rule_id').notNull(),
    daysBefore: integer('days_before').notNull(),
    daysAfter: integer('days_after').notNull(),
    legalBasis: text('legal_basis').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.ruleId] }),
    check(
      'calendar_holiday_decisions_days_check',
      sql`${t.daysBefore} between 0 and 31 and ${t.daysAfter} between 0 and 31`,
    ),
  ],
);

export type CalendarOverrideRow = typeof calendarOverrides.$inferSelect;
export type CalendarDecisionRow = typeof calendarHolidayDecisions.$inferSelect;
