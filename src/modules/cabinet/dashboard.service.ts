/**
 * The dashboard of a body's meetings over a period, compared with a baseline period: meetings held and their
 * length, time spent per agenda item against its time box, papers sent on time, tasks done on time, and the
 * reduction of the average meeting time against the e-Cabinet's target (−30%). For the office of the body's
 * agency and the body's seated members; anyone else is told the body does not exist.
 */
import { sql } from 'drizzle-orm';
import {
  dayInVietnam,
  formatJdn,
  isValidYmd,
  jdnFromYmd,
  jdnOfInstant,
  startOfDayInstant,
  ymdFromJdn,
} from '../../platform/calendar/index.js';
import { isUuid, rows, toNumber, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { seatsOn } from './bodies.service.js';
import { CabinetErrors } from './errors.js';
import { isOfficeOf, type BodyRow, type CabinetActor } from './policy.js';
import { readableMeetings } from './readable.js';
import { bodies } from './schema.js';
import { InsightErrors } from './search.errors.js';
import { eq } from 'drizzle-orm';

/**
 * Cut the average meeting time by 30%: the target set when the Government's e-Cabinet was launched (2019,
 * reference/ecabinet.md a.1).
 */
export const MEETING_TIME_TARGET_PERCENT = 30;
const RANGE_DAYS_MAX = 3660;
const ITEM_LIST_MAX = 50;

export interface Period {
  from: string;
  to: string;
}

export interface MeetingFigures {
  /** Ended or concluded meetings whose day falls in the period. */
  held: number;
  /** Of those, with recorded start and end times. */
  timed: number;
  totalMinutes: number;
  averageMinutes: number | null;
}

export interface ItemTime {
  meetingId: string;
  meetingTitle: string;
  agendaItemId: string;
  title: string;
  plannedMinutes: number;
  spentMinutes: number;
}

export interface Dashboard {
  body: { id: string; code: string; nameVi: string; nameEn: string | null };
  period: Period;
  baselinePeriod: Period;
  meetings: MeetingFigures;
  baseline: MeetingFigures;
  items: {
    /** Items with a time box and time spent. */
    timed: number;
    /** Average of spent ÷ time box (1 = on the box). */
    averageRatio: number | null;
    over: number;
    list: ItemTime[];
  };
  papers: { total: number; onTime: number; late: number; onTimeShare: number | null };
  tasks: {
    total: number;
    doneOnTime: number;
    doneLate: number;
    overdue: number;
    open: number;
    /** Done on time ÷ (done + overdue): the tasks whose outcome is known. */
    onTimeShare: number | null;
  };
  reduction: { percent: number | null; target: number; met: boolean | null };
}

export interface DashboardQuery {
  bodyId: string;
  from?: string | undefined;
  to?: string | undefined;
  baselineFrom?: string | undefined;
  baselineTo?: string | undefined;
}

function day(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3])))
    throw new AppError(InsightErrors.CABINET_DASHBOARD_DATE_INVALID, { value });
  return jdnFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

function range(from: number, to: number): { from: number; to: number } {
  if (to < from || to - from > RANGE_DAYS_MAX)
    throw new AppError(InsightErrors.CABINET_DASHBOARD_RANGE_INVALID);
  return { from, to };
}

/** The periods asked for; by default this year up to today against the whole of last year (Vietnam time). */
export function periodsOf(
  input: Omit<DashboardQuery, 'bodyId'>,
  now: Date,
): { period: { from: number; to: number }; baseline: { from: number; to: number } } {
  const today = jdnOfInstant(now);
  const { year } = ymdFromJdn(today);
  const period = range(
    input.from ? day(input.from) : jdnFromYmd(year, 1, 1),
    input.to ? day(input.to) : today,
  );
  if (Boolean(input.baselineFrom) !== Boolean(input.baselineTo))
    throw new AppError(InsightErrors.CABINET_DASHBOARD_RANGE_INVALID);
  const baseline =
    input.baselineFrom && input.baselineTo
      ? range(day(input.baselineFrom), day(input.baselineTo))
      : range(jdnFromYmd(year - 1, 1, 1), jdnFromYmd(year - 1, 12, 31));
  return { period, baseline };
}

async function bodyFor(
  tx: Executor,
  actor: CabinetActor,
  bodyId: string,
  now: Date,
): Promise<{ body: BodyRow; office: boolean }> {
  const [body] = isUuid(bodyId) ? await tx.select().from(bodies).where(eq(bodies.id, bodyId)) : [];
  if (!body) throw new AppError(CabinetErrors.CABINET_BODY_NOT_FOUND);
  if (await isOfficeOf(tx, actor, body)) return { body, office: true };
  const seats = await seatsOn(tx, body.id, dayInVietnam(now));
  if (seats.some((s) => s.personId === actor.personId)) return { body, office: false };
  throw new AppError(CabinetErrors.CABINET_BODY_NOT_FOUND);
}

/**
 * Which meetings' titles the actor may see: all for the office; otherwise those the actor may read (invited,
 * or a secretary of an invited member). The query using it starts `with ${cte}`.
 */
async function titlesVisible(tx: Executor, actor: CabinetActor, office: boolean, now: Date) {
  const { cte } = await readableMeetings(tx, actor, now);
  return { cte, visible: office ? sql`true` : sql`m.id in (select meeting_id from readable)` };
}

/** Meetings of the body whose (actual, else planned) start falls in [from, to], Vietnam days. */
const inPeriod = (bodyId: string, p: { from: number; to: number }) =>
  sql`m.body_id = ${bodyId}
    and coalesce(m.actual_start, m.planned_start) >= ${startOfDayInstant(p.from)}
    and coalesce(m.actual_start, m.planned_start) < ${startOfDayInstant(p.to + 1)}`;

async function meetingFigures(
  tx: Executor,
  bodyId: string,
  p: { from: number; to: number },
): Promise<MeetingFigures> {
  const [r] = await rows<{ held: unknown; timed: unknown; seconds: unknown }>(
    tx,
    sql`select count(*) as held,
        count(*) filter (where m.actual_start is not null and m.actual_end > m.actual_start) as timed,
        coalesce(sum(extract(epoch from (m.actual_end - m.actual_start)))
          filter (where m.actual_end > m.actual_start), 0) as seconds
      from cabinet_meetings m
      where ${inPeriod(bodyId, p)} and m.status in ('ended', 'concluded')`,
  );
  const held = toNumber(r?.held);
  const timed = toNumber(r?.timed);
  const totalMinutes = Math.round(toNumber(r?.seconds) / 60);
  return {
    held,
    timed,
    totalMinutes,
    averageMinutes: timed ? round1(toNumber(r?.seconds) / 60 / timed) : null,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/** Baseline average to current average, as a percentage cut (negative: meetings got longer). */
export function reductionPercent(
  baselineAverage: number | null,
  currentAverage: number | null,
): number | null {
  if (baselineAverage === null || currentAverage === null || baselineAverage <= 0) return null;
  return round1(((baselineAverage - currentAverage) / baselineAverage) * 100);
}

export async function dashboard(
  tx: Executor,
  actor: CabinetActor,
  now: Date,
  input: DashboardQuery,
): Promise<Dashboard> {
  const { period, baseline } = periodsOf(input, now);
  const { body, office } = await bodyFor(tx, actor, input.bodyId, now);
  // A seated member sees the body's figures (aggregates, no titles) over every meeting, so the dashboard
  // still measures the body; but meeting and agenda item titles only of meetings they may read, as a
  // meeting they were not invited to does not exist for them.
  const { cte, visible } = await titlesVisible(tx, actor, office, now);
  const meetingsNow = await meetingFigures(tx, body.id, period);
  const meetingsBefore = await meetingFigures(tx, body.id, baseline);

  // Time actually spent: what the live room counted, or else the closed spans.
  const items = await rows<{
    meeting_id: string;
    meeting_title: string | null;
    id: string;
    title: string | null;
    planned_minutes: unknown;
    spent: unknown;
    visible: boolean;
  }>(
    tx,
    sql`with ${cte} select m.id as meeting_id, ai.id, ai.planned_minutes, ${visible} as visible,
        case when ${visible} then m.title end as meeting_title,
        case when ${visible} then ai.title end as title,
        coalesce(nullif(ai.spent_seconds, 0), (
          select sum(extract(epoch from (s.ended_at - s.started_at)))
          from cabinet_item_spans s where s.agenda_item_id = ai.id and s.ended_at is not null
        ), 0) as spent
      from cabinet_agenda_items ai join cabinet_meetings m on m.id = ai.meeting_id
      where ${inPeriod(body.id, period)} and m.status in ('ended', 'concluded')
        and ai.planned_minutes > 0
      order by coalesce(m.actual_start, m.planned_start) desc, ai.position`,
  );
  const timedItems = items
    .map((r) => ({
      meetingId: r.meeting_id,
      meetingTitle: r.meeting_title ?? '',
      agendaItemId: r.id,
      title: r.title ?? '',
      plannedMinutes: toNumber(r.planned_minutes),
      spentSeconds: toNumber(r.spent),
      visible: r.visible,
    }))
    .filter((i) => i.spentSeconds > 0);
  const ratios = timedItems.map((i) => i.spentSeconds / (i.plannedMinutes * 60));

  const [papers] = await rows<{ total: unknown; late: unknown }>(
    tx,
    sql`select count(*) as total, count(*) filter (where v.late) as late
      from cabinet_paper_versions v
        join cabinet_papers pa on pa.id = v.paper_id
        join cabinet_meetings m on m.id = pa.meeting_id
      where ${inPeriod(body.id, period)} and m.status <> 'cancelled' and v.version = 1`,
  );
  const papersTotal = toNumber(papers?.total);
  const papersLate = toNumber(papers?.late);

  const today = dayInVietnam(now);
  // Completion day in Vietnam (UTC+7 all year) against the due day.
  const [tasks] = await rows<Record<'total' | 'on_time' | 'late' | 'overdue' | 'open', unknown>>(
    tx,
    sql`select count(*) as total,
        count(*) filter (where t.state = 'done'
          and ((t.completed_at at time zone 'UTC') + interval '7 hours')::date <= t.due_on) as on_time,
        count(*) filter (where t.state = 'done'
          and ((t.completed_at at time zone 'UTC') + interval '7 hours')::date > t.due_on) as late,
        count(*) filter (where t.state in ('open', 'in_progress') and t.due_on < ${today}::date) as overdue,
        count(*) filter (where t.state in ('open', 'in_progress') and t.due_on >= ${today}::date) as open
      from cabinet_tasks t join cabinet_meetings m on m.id = t.meeting_id
      where ${inPeriod(body.id, period)} and t.state <> 'cancelled'`,
  );
  const onTime = toNumber(tasks?.on_time);
  const doneLate = toNumber(tasks?.late);
  const overdue = toNumber(tasks?.overdue);
  const percent = reductionPercent(meetingsBefore.averageMinutes, meetingsNow.averageMinutes);

  return {
    body: { id: body.id, code: body.code, nameVi: body.nameVi, nameEn: body.nameEn },
    period: { from: formatJdn(period.from), to: formatJdn(period.to) },
    baselinePeriod: { from: formatJdn(baseline.from), to: formatJdn(baseline.to) },
    meetings: meetingsNow,
    baseline: meetingsBefore,
    items: {
      timed: timedItems.length,
      averageRatio: ratios.length
        ? Math.round((ratios.reduce((a, b) => a + b, 0) / ratios.length) * 100) / 100
        : null,
      over: timedItems.filter((i) => i.spentSeconds > i.plannedMinutes * 60).length,
      list: timedItems
        .filter((i) => i.visible)
        .slice(0, ITEM_LIST_MAX)
        .map(({ spentSeconds, visible: _visible, ...i }) => ({
          ...i,
          spentMinutes: round1(spentSeconds / 60),
        })),
    },
    papers: {
      total: papersTotal,
      onTime: papersTotal - papersLate,
      late: papersLate,
      onTimeShare: share(papersTotal - papersLate, papersTotal),
    },
    tasks: {
      total: toNumber(tasks?.total),
      doneOnTime: onTime,
      doneLate,
      overdue,
      open: toNumber(tasks?.open),
      onTimeShare: share(onTime, onTime + doneLate + overdue),
    },
    reduction: {
      percent,
      target: MEETING_TIME_TARGET_PERCENT,
      met: percent === null ? null : percent >= MEETING_TIME_TARGET_PERCENT,
    },
  };
}
