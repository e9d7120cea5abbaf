/**
 * Roles that follow from a dated fact: `member` from a Government member's term, `secretary` from a
 * delegation. They are granted when the fact is recorded (members.service, delegations.service) and withdrawn
 * here once no such fact is in force or still to come: at once when a term ends or a delegation is revoked,
 * and by a daily job for terms and delegations that run out on their own end date.
 */
import { sql } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT, type AuditContext } from '../../platform/audit/index.js';
import { dayInVietnam } from '../../platform/calendar/index.js';
import { rows, type Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { MEMBER_ROLE, SECRETARY_ROLE } from './people.model.js';

export const DERIVED_ROLES_QUEUE = 'identity.derived-roles';
const EVERY_MS = 6 * 60 * 60_000;

/**
 * Removes `member` from people whose terms have all ended, and `secretary` from people whose delegations have
 * all ended or been revoked (a role given by hand, with no term or delegation behind it, is left alone); only
 * for `personId` when given. Each removal is audited. Returns what was removed.
 */
export async function withdrawLapsedRoles(
  tx: Executor,
  ctx: AuditContext,
  now: Date,
  personId?: string,
): Promise<{ personId: string; role: string }[]> {
  const day = dayInVietnam(now);
  const only = personId ? sql`and pr.person_id = ${personId}` : sql``;
  const removed = await rows<{ person_id: string; role_code: string }>(
    tx,
    sql`delete from identity_person_roles pr
        where ((pr.role_code = ${MEMBER_ROLE}
                and exists (select 1 from identity_government_members g where g.person_id = pr.person_id)
                and not exists (
                  select 1 from identity_government_members g
                  where g.person_id = pr.person_id and (g.valid_to is null or g.valid_to >= ${day})))
            or (pr.role_code = ${SECRETARY_ROLE}
                and exists (select 1 from identity_delegations d where d.delegate_id = pr.person_id)
                and not exists (
                  select 1 from identity_delegations d
                  where d.delegate_id = pr.person_id and d.revoked_at is null
                    and (d.valid_to is null or d.valid_to >= ${day}))))
          ${only}
        returning pr.person_id, pr.role_code`,
  );
  for (const r of removed)
    await audit(tx, ctx, {
      action: 'identity.role.lapse',
      objectType: 'person',
      objectId: r.person_id,
      before: { role: r.role_code },
      detail: r.role_code === MEMBER_ROLE ? 'term ended' : 'delegation ended',
    });
  return removed.map((r) => ({ personId: r.person_id, role: r.role_code }));
}

const registered = new WeakSet<object>();

/** Four times a day, across all processes: roles of terms and delegations that ran out on their end date. */
export function registerDerivedRolesJob(p: Platform): void {
  if (registered.has(p.jobs)) return;
  registered.add(p.jobs);
  p.jobs.register(DERIVED_ROLES_QUEUE, async () => {
    await p.db.transaction((tx) => withdrawLapsedRoles(tx, SYSTEM_CONTEXT, p.clock.now()));
  });
  p.jobs.every(DERIVED_ROLES_QUEUE, EVERY_MS);
}
