import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { containsText, isUuid, type Executor } from '../../platform/db/index.js';
import { personAgencies, persons } from './schema.js';

/** An official as another module may list them: the name and the post they hold in the agencies asked for. */
export interface OfficialView {
  id: string;
  displayName: string;
  position: string | null;
}

/**
 * Active officials working in one of the agencies (main agency or a post there), by name; `id` narrows to one
 * person, `q` matches the name or the post ignoring diacritics and case.
 */
export async function officialsOf(
  tx: Executor,
  agencyIds: string[],
  filter: { id?: string; q?: string; limit?: number },
): Promise<OfficialView[]> {
  if (agencyIds.length === 0) return [];
  if (filter.id !== undefined && !isUuid(filter.id)) return [];
  const post = sql<string | null>`(select ${personAgencies.position} from ${personAgencies}
    where ${personAgencies.personId} = ${persons.id} and ${inArray(personAgencies.agencyId, agencyIds)}
      and ${personAgencies.position} is not null
    order by ${personAgencies.createdAt} limit 1)`;
  const where = [
    eq(persons.active, true),
    eq(persons.kind, 'official'),
    or(
      inArray(persons.agencyId, agencyIds),
      sql`exists (select 1 from ${personAgencies} where ${personAgencies.personId} = ${persons.id}
        and ${inArray(personAgencies.agencyId, agencyIds)})`,
    ),
  ];
  if (filter.id !== undefined) where.push(eq(persons.id, filter.id));
  if (filter.q) where.push(or(containsText(persons.displayName, filter.q), containsText(post, filter.q)));
  return tx
    .select({ id: persons.id, displayName: persons.displayName, position: post })
    .from(persons)
    .where(and(...where))
    .orderBy(asc(sql`lower(${persons.displayName})`), asc(persons.id))
    .limit(filter.limit ?? 1);
}
