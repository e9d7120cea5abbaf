/**
 * Documents exchanged electronically per node agency in a period (days in Vietnam time, both ends included):
 * new documents received and sent (revocations and updates are not documents of their own), incoming ones
 * completed, and of those the ones completed by their due date (or without one). For the clerk, over the
 * offices they act for; anyone else gets an empty table.
 */
import { sql } from 'drizzle-orm';
import { dayInVietnam, parseIsoDate, startOfDayInstant } from '../../platform/calendar/index.js';
import { rows, toNumber, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { resolveAgencyCode } from '../identity/index.js';
import { NodeErrors } from './errors.js';
import { actingAgencies, type NodeActor } from './node.policy.js';

/** Longest period asked at once (days). */
export const STATS_MAX_DAYS = 3_660;

export interface AgencyStats {
  agencyCode: string;
  name: string;
  level: string | null;
  inbound: number;
  outbound: number;
  completed: number;
  onTime: number;
}

function day(value: string, field: string): number {
  try {
    return parseIsoDate(value);
  } catch {
    throw new AppError(NodeErrors.EXCHANGE_STATS_PERIOD_INVALID, { field });
  }
}

export async function exchangeStats(
  tx: Executor,
  actor: NodeActor,
  period: { from?: string | undefined; to?: string | undefined },
): Promise<{ items: AgencyStats[] }> {
  const agencies = await actingAgencies(tx, actor);
  const today = dayInVietnam(actor.now);
  const from = day(period.from ?? `${today.slice(0, 4)}-01-01`, 'from');
  const to = day(period.to ?? today, 'to');
  if (to < from || to - from > STATS_MAX_DAYS)
    throw new AppError(NodeErrors.EXCHANGE_STATS_PERIOD_INVALID, { field: 'to' });
  if (!agencies.length) return { items: [] };
  const start = startOfDayInstant(from).toISOString();
  const end = startOfDayInstant(to + 1).toISOString();
  const codes = sql.join(
    agencies.map((a) => sql`${a.code}`),
    sql`, `,
  );
  // A due date is a day in Vietnam: completed on time means before 00:00 (UTC+7) of the day after it.
  const counted = await rows<{
    agency_code: string;
    inbound: unknown;
    outbound: unknown;
    completed: unknown;
    on_time: unknown;
  }>(
    tx,
    sql`select d.agency_code,
          count(*) filter (where d.direction = 'inbound') as inbound,
          count(*) filter (where d.direction = 'outbound') as outbound,
          count(*) filter (where d.direction = 'inbound' and d.state = 'completed') as completed,
          count(*) filter (where d.direction = 'inbound' and d.state = 'completed' and (
            case when d.due_date ~ '^\\d{4}[-/]\\d{2}[-/]\\d{2}$' then exists (
              select 1 from exchange_status_events e
              where e.document_id = d.id and e.status_code = '06'
                and e.at < ((replace(d.due_date, '/', '-')::date + 1)::timestamp - interval '7 hours')
                           at time zone 'UTC')
            else true end)) as on_time
        from exchange_documents d
        where d.business_doc_type = '0' and d.agency_code in (${codes})
          and d.created_at >= ${start} and d.created_at < ${end}
        group by d.agency_code`,
  );
  const byCode = new Map(counted.map((r) => [r.agency_code, r]));
  const items: AgencyStats[] = [];
  for (const a of agencies) {
    const r = byCode.get(a.code);
    // An agency the registry does not know has no level.
    const level = await resolveAgencyCode(tx, a.code).then(
      (r) => r.requested.level,
      () => null,
    );
    items.push({
      agencyCode: a.code,
      name: a.name,
      level,
      inbound: toNumber(r?.inbound),
      outbound: toNumber(r?.outbound),
      completed: toNumber(r?.completed),
      onTime: toNumber(r?.on_time),
    });
  }
  return { items };
}
