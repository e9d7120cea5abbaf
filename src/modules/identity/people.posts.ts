/**
 * An official's posts: the agencies they work in, each with a position. `persons.agency_id` is the main
 * one and always one of the posts (or null without any), so every write here keeps the two in step.
 */
import { isUuid } from '../../platform/db/index.js';
import { and, asc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { IdentityErrors } from './errors.js';
import {
  personInScope,
  requireAgencyInScope,
  requireNotMorePrivileged,
  requirePeopleManager,
  scopeOf,
  type PeopleActor,
  type PersonRow,
  type Scope,
} from './people.access.js';
import { PeopleErrors } from './people.errors.js';
import { POSITION_MAX, type PersonDetail } from './people.model.js';
import { optionalText } from './people.validate.js';
import { personDetail, personSnapshot } from './people.view.js';
import { agencies, personAgencies, persons } from './schema.js';

export interface PostInput {
  agencyId: string;
  position?: string | null | undefined;
  positionEn?: string | null | undefined;
}

export interface ValidPost {
  agencyId: string;
  position: string | null;
  positionEn: string | null;
}

export function checkPost(input: PostInput): ValidPost {
  if (typeof input !== 'object' || input === null || !isUuid(input.agencyId))
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_NOT_FOUND, { id: input?.agencyId });
  return {
    agencyId: input.agencyId.toLowerCase(),
    position: optionalText(input.position, 'position', POSITION_MAX),
    positionEn: optionalText(input.positionEn, 'positionEn', POSITION_MAX),
  };
}

/** A current agency (a retired one takes no new posts). */
export async function requireCurrentAgency(tx: Executor, agencyId: string): Promise<void> {
  const [row] = await tx
    .select({ id: agencies.id, validTo: agencies.validTo })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  if (!row) throw new AppError(IdentityErrors.IDENTITY_AGENCY_NOT_FOUND, { id: agencyId });
  if (row.validTo !== null)
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_RETIRED, { id: agencyId, validTo: row.validTo });
}

export async function postsOf(tx: Executor, personId: string): Promise<string[]> {
  const rows = await tx
    .select({ agencyId: personAgencies.agencyId })
    .from(personAgencies)
    .where(eq(personAgencies.personId, personId))
    .orderBy(asc(personAgencies.createdAt), asc(personAgencies.agencyId));
  return rows.map((r) => r.agencyId);
}

/** Accounts made before posts existed carry only a main agency: it becomes a post the first time it matters. */
async function materialiseMainPost(tx: Executor, person: PersonRow): Promise<void> {
  if (!isUuid(person.agencyId)) return;
  const [agency] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(eq(agencies.id, person.agencyId));
  if (agency)
    await tx
      .insert(personAgencies)
      .values({ personId: person.id, agencyId: agency.id })
      .onConflictDoNothing();
}

async function setMain(tx: Executor, personId: string, agencyId: string | null, now: Date): Promise<void> {
  await tx.update(persons).set({ agencyId, updatedAt: now }).where(eq(persons.id, personId));
}

/** Changes the main agency to one of the person's posts (within the actor's scope). */
export async function changeMainAgency(
  tx: Executor,
  actor: PeopleActor,
  scope: Scope,
  person: PersonRow,
  agencyId: unknown,
): Promise<void> {
  await materialiseMainPost(tx, person);
  const posts = await postsOf(tx, person.id);
  const wanted = typeof agencyId === 'string' ? agencyId.toLowerCase() : '';
  if (!posts.includes(wanted))
    throw new AppError(PeopleErrors.IDENTITY_PERSON_MAIN_AGENCY_INVALID, { agencyId });
  requireAgencyInScope(scope, wanted);
  if (wanted !== person.agencyId) await setMain(tx, person.id, wanted, actor.now);
}

/** Adds a post, or changes the position of an existing one; `main` makes it the main agency. */
export async function addPost(
  tx: Executor,
  actor: PeopleActor,
  personId: string,
  input: PostInput & { main?: boolean | undefined },
): Promise<PersonDetail> {
  requirePeopleManager(actor);
  const post = checkPost(input);
  const scope = await scopeOf(tx, actor);
  const person = await personInScope(tx, actor, personId, { scope, forUpdate: true });
  await requireNotMorePrivileged(tx, actor, person);
  if (person.kind !== 'official')
    throw new AppError(PeopleErrors.IDENTITY_PERSON_KIND_MISMATCH, { kind: person.kind });
  requireAgencyInScope(scope, post.agencyId);
  await requireCurrentAgency(tx, post.agencyId);
  const before = await personSnapshot(tx, person);
  await materialiseMainPost(tx, person);
  await tx
    .insert(personAgencies)
    .values({ personId: person.id, ...post })
    .onConflictDoUpdate({
      target: [personAgencies.personId, personAgencies.agencyId],
      set: { position: post.position, positionEn: post.positionEn },
    });
  const hasMain = person.agencyId !== null && (await postsOf(tx, person.id)).includes(person.agencyId);
  if (input.main === true || !hasMain) await setMain(tx, person.id, post.agencyId, actor.now);
  const [after] = await tx.select().from(persons).where(eq(persons.id, person.id));
  await audit(tx, actor.audit, {
    action: 'identity.person.post.add',
    objectType: 'person',
    objectId: person.id,
    before,
    after: await personSnapshot(tx, after!),
  });
  return personDetail(tx, after!, actor.now);
}

/** Removes a post; when it was the main one, the earliest remaining post becomes main. */
export async function removePost(
  tx: Executor,
  actor: PeopleActor,
  personId: string,
  agencyId: string,
): Promise<PersonDetail> {
  requirePeopleManager(actor);
  const scope = await scopeOf(tx, actor);
  const person = await personInScope(tx, actor, personId, { scope, forUpdate: true });
  await requireNotMorePrivileged(tx, actor, person);
  const before = await personSnapshot(tx, person);
  await materialiseMainPost(tx, person);
  const wanted = isUuid(agencyId) ? agencyId.toLowerCase() : '';
  if (!(await postsOf(tx, person.id)).includes(wanted))
    throw new AppError(PeopleErrors.IDENTITY_PERSON_POST_NOT_FOUND, { agencyId });
  requireAgencyInScope(scope, wanted);
  await tx
    .delete(personAgencies)
    .where(and(eq(personAgencies.personId, person.id), eq(personAgencies.agencyId, wanted)));
  if (person.agencyId === wanted)
    await setMain(tx, person.id, (await postsOf(tx, person.id))[0] ?? null, actor.now);
  const [after] = await tx.select().from(persons).where(eq(persons.id, person.id));
  await audit(tx, actor.audit, {
    action: 'identity.person.post.remove',
    objectType: 'person',
    objectId: person.id,
    before,
    after: await personSnapshot(tx, after!),
  });
  return personDetail(tx, after!, actor.now);
}
