import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../platform/db/index.js';
import { Permissions } from './policy.js';

export interface ScopedActor {
  agencyId: string | null;
  permissions: ReadonlySet<string>;
}

/**
 * The agencies an actor's agency-scoped permissions reach: every agency (null) for holders of
 * identity.scope.all, otherwise the agency they act for and all agencies below it. An object outside the
 * scope is answered as "not found", never "forbidden", so its existence does not leak.
 */
export async function agencyScope(tx: Executor, actor: ScopedActor): Promise<ReadonlySet<string> | null> {
  if (actor.permissions.has(Permissions.allAgencies)) return null;
  if (!actor.agencyId) return new Set();
  const found = await rows<{ id: string }>(
    tx,
    sql`with recursive tree(id) as (
          select id from identity_agencies where id = ${actor.agencyId}
          union select a.id from identity_agencies a join tree on a.parent_id = tree.id
        ) select id from tree`,
  );
  return new Set(found.map((r) => r.id));
}

/** True when at least one of the object's agencies is within the scope. */
export function inScope(scope: ReadonlySet<string> | null, agencyIds: readonly (string | null)[]): boolean {
  return scope === null || agencyIds.some((id) => id !== null && scope.has(id));
}
