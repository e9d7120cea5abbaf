/**
 * The Government's published choices for recent years, loaded once into a new deployment. Only entries
 * whose dates and document are known are here; an administrator enters the rest (and next years') from
 * the yearly notices through the admin API. Statutory holidays and their compensatory days need no data:
 * they follow from the Labour Code (holiday-rules.ts), e.g. Monday 27/4/2026 for Giỗ Tổ on a Sunday.
 */
import { audit, SYSTEM_CONTEXT, type AuditContext } from '../audit/index.js';
import type { Executor } from '../db/index.js';
import { lockCalendar, type DecisionView, type OverrideView } from './calendar.service.js';
import { calendarHolidayDecisions, calendarOverrides } from './schema.js';

const VPCP_8726_2024 = 'Văn bản 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ';
const BNV_9441_2025 = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ';

/**
 * Tết Ất Tỵ 2025 (lunar 1/1 = Wednesday 29/1): Monday 27/1 to Friday 31/1, 28 Tháng Chạp to mùng 3,
 * which with the weekends gave the 9-day break 25/1–2/2. Tết Bính Ngọ 2026 (lunar 1/1 = Tuesday 17/2):
 * Monday 16/2 to Friday 20/2, with the weekends 14/2–22/2 — the same days as the rule's default, kept for
 * the legal basis.
 */
export const CALENDAR_DEFAULT_DECISIONS: readonly DecisionView[] = [
  { year: 2025, ruleId: 'tet', daysBefore: 2, daysAfter: 2, legalBasis: VPCP_8726_2024 },
  { year: 2026, ruleId: 'tet', daysBefore: 1, daysAfter: 3, legalBasis: BNV_9441_2025 },
];

/** 30/4–1/5/2025 (Wednesday, Thursday): Friday 2/5 off, made up on Saturday 26/4 — five days 30/4–4/5. */
export const CALENDAR_DEFAULT_OVERRIDES: readonly OverrideView[] = [
  {
    date: '2025-04-26',
    kind: 'work',
    reasonVi: 'Làm bù cho ngày nghỉ hoán đổi thứ Sáu 02/5/2025 (dịp 30/4 và 1/5)',
    reasonEn: 'Make-up working day for the swapped day off on Friday 2 May 2025 (30 April and 1 May)',
    legalBasis: VPCP_8726_2024,
  },
  {
    date: '2025-05-02',
    kind: 'off',
    reasonVi: 'Nghỉ hoán đổi dịp 30/4 và 1/5 (làm bù thứ Bảy 26/4/2025)',
    reasonEn: 'Swapped day off for 30 April and 1 May (made up on Saturday 26 April 2025)',
    legalBasis: VPCP_8726_2024,
  },
];

/**
 * Inserts the defaults that are missing and leaves every existing row alone (an administrator's edit
 * wins), auditing what it added; running it again adds nothing. On a running platform, call
 * `platform.calendar.invalidate()` after the transaction commits.
 */
export async function seedCalendarDefaults(
  tx: Executor,
  ctx: AuditContext = SYSTEM_CONTEXT,
): Promise<{ overrides: number; decisions: number }> {
  await lockCalendar(tx);
  const decisions = await tx
    .insert(calendarHolidayDecisions)
    .values(CALENDAR_DEFAULT_DECISIONS.map((d) => ({ ...d, createdBy: ctx.actorId })))
    .onConflictDoNothing()
    .returning();
  for (const d of decisions) {
    await audit(tx, ctx, {
      action: 'platform.calendar.decision.upsert',
      objectType: 'calendar_decision',
      objectId: `${d.year}/${d.ruleId}`,
      after: CALENDAR_DEFAULT_DECISIONS.find((x) => x.year === d.year && x.ruleId === d.ruleId),
    });
  }
  const overrides = await tx
    .insert(calendarOverrides)
    .values(CALENDAR_DEFAULT_OVERRIDES.map((o) => ({ ...o, createdBy: ctx.actorId })))
    .onConflictDoNothing()
    .returning({ date: calendarOverrides.date });
  for (const o of overrides) {
    await audit(tx, ctx, {
      action: 'platform.calendar.override.upsert',
      objectType: 'calendar_override',
      objectId: o.date,
      after: CALENDAR_DEFAULT_OVERRIDES.find((x) => x.date === o.date),
    });
  }
  return { overrides: overrides.length, decisions: decisions.length };
}
