/**
 * policy.ts mayRead/mayPrepare as SQL, for queries over many meetings at once (search, the dashboard), where
 * loading each meeting's access in turn would cost a round trip per meeting.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { agencyScope, delegationsOf, Permissions } from '../identity/index.js';
import type { CabinetActor } from './policy.js';

export const uuidArray = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/**
 * `cte` defines `readable(meeting_id, prepare)`: the meetings the actor may read, and whether they prepare it
 * (the office, or the secretariat). `people`: the actor and the members they act for as secretary.
 */
export async function readableMeetings(
  tx: Executor,
  actor: CabinetActor,
  at: Date,
): Promise<{ cte: SQL; people: string[] }> {
  const principals = await delegationsOf(tx, actor.personId, at);
  const people = [actor.personId, ...principals.map((p) => p.id)];
  const scope = actor.permissions.has(Permissions.manageMeetings)
    ? await agencyScope(tx, actor)
    : new Set<string>();
  const office =
    scope === null ? sql`true` : scope.size ? sql`b.agency_id = any(${uuidArray([...scope])})` : sql`false`;
  const cte = sql`readable as (
      select meeting_id, bool_or(prepare) as prepare from (
        select m.id as meeting_id, true as prepare
          from cabinet_meetings m join cabinet_bodies b on b.id = m.body_id
          where ${office}
        union all
        select pt.meeting_id, (pt.person_id = ${actor.personId} and pt.role = 'secretariat') as prepare
          from cabinet_participants pt
          where pt.person_id = any(${uuidArray(people)})
      ) r group by meeting_id
    )`;
  return { cte, people };
}
