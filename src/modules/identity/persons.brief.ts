import { isUuid } from '../../platform/db/index.js';
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { persons } from './schema.js';

/** What other modules may know of a person to show them in a list: the name, language and main agency. */
export interface PersonBriefView {
  id: string;
  username: string;
  displayName: string;
  agencyId: string | null;
  locale: string | null;
}

/** People by id, for modules that refer to them by id only (unknown or malformed ids are left out). */
export async function personBriefs(
  tx: Executor,
  ids: readonly string[],
): Promise<Map<string, PersonBriefView>> {
  const wanted = [...new Set(ids)].filter((id) => isUuid(id));
  if (!wanted.length) return new Map();
  const found = await tx
    .select({
      id: persons.id,
      username: persons.username,
      displayName: persons.displayName,
      agencyId: persons.agencyId,
      locale: persons.locale,
    })
    .from(persons)
    .where(inArray(persons.id, wanted));
  return new Map(found.map((p) => [p.id, p]));
}

/** A person's id by username (seeding demo content in other modules). */
export async function personIdByUsername(tx: Executor, username: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.username, username.trim().toLowerCase()));
  return row?.id;
}
