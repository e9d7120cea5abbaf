/**
 * Government members' terms of office. Appointing someone gives them the built-in `member` role (which
 * demands a second factor); a term ends by its last day, never by deleting it, so who was a member on the
 * day of a vote stays known. Only holders of identity.scope.all appoint members or end their terms.
 */
import { dayInVietnam } from '../../platform/calendar/index.js';
import { isUuid } from '../../platform/db/index.js';
import { and, eq, gte, isNull, lte, ne, or, type SQL } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import {
  lockRegister,
  personInScope,
  requireAllAgencies,
  requirePeopleManager,
  type PeopleActor,
} from './people.access.js';
import { PeopleErrors } from './people.errors.js';
import {
  GOVERNMENT_OFFICES,
  MEMBER_ROLE,
  OFFICES_WITH_AGENCY,
  TITLE_MAX,
  type GovernmentOffice,
  type PersonDetail,
} from './people.model.js';
import { requireCurrentAgency } from './people.posts.js';
import { withdrawLapsedRoles } from './derived-roles.js';
import { grantRole } from './people.roles.js';
import { checkDate, checkPeriod, optionalText } from './people.validate.js';
import { personDetail } from './people.view.js';
import { governmentMembers } from './schema.js';

export interface NewMemberTerm {
  office: GovernmentOffice;
  agencyId?: string | null | undefined;
  titleVi: string;
  titleEn?: string | null | undefined;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
}

type TermRow = typeof governmentMembers.$inferSelect;

const invalid = (field: string, reason: string) =>
  new AppError(PeopleErrors.IDENTITY_PERSON_MEMBER_INVALID, { field, reason });

function authorise(actor: PeopleActor): void {
  requirePeopleManager(actor);
  requireAllAgencies(actor, PeopleErrors.IDENTITY_PERSON_MEMBER_SCOPE);
}

/** Terms that share at least one day with [from, to]. */
function overlapping(from: string, to: string | null): SQL {
  return and(
    to === null ? undefined : lte(governmentMembers.validFrom, to),
    or(isNull(governmentMembers.validTo), gte(governmentMembers.validTo, from)),
  )!;
}

/** The same person in the same office (and agency) twice at once, or two Prime Ministers at once. */
async function requireNoOverlap(
  tx: Executor,
  personId: string,
  term: Pick<TermRow, 'office' | 'agencyId' | 'validFrom' | 'validTo'>,
  except?: string,
): Promise<void> {
  const sameOffice = and(
    eq(governmentMembers.office, term.office),
    term.agencyId === null
      ? isNull(governmentMembers.agencyId)
      : eq(governmentMembers.agencyId, term.agencyId),
  );
  const [clash] = await tx
    .select({ id: governmentMembers.id, personId: governmentMembers.personId })
    .from(governmentMembers)
    .where(
      and(
        sameOffice,
        overlapping(term.validFrom, term.validTo),
        term.office === 'prime_minister' ? undefined : eq(governmentMembers.personId, personId),
        except ? ne(governmentMembers.id, except) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw new AppError(PeopleErrors.IDENTITY_PERSON_MEMBER_OVERLAP, { termId: clash.id });
}

export async function addMemberTerm(
  tx: Executor,
  actor: PeopleActor,
  personId: string,
  input: NewMemberTerm,
): Promise<PersonDetail> {
  authorise(actor);
  if (typeof input !== 'object' || input === null) throw invalid('body', 'missing');
  const office = GOVERNMENT_OFFICES.find((o) => o === input.office);
  if (!office) throw invalid('office', 'unknown');
  const agencyId = input.agencyId ?? null;
  if (OFFICES_WITH_AGENCY.has(office) !== (agencyId !== null))
    throw invalid('agencyId', OFFICES_WITH_AGENCY.has(office) ? 'required' : 'notAllowed');
  const titleVi = optionalText(input.titleVi, 'titleVi', TITLE_MAX, invalid);
  if (titleVi === null) throw invalid('titleVi', 'required');
  const titleEn = optionalText(input.titleEn, 'titleEn', TITLE_MAX, invalid);
  const period = checkPeriod(input.validFrom, input.validTo, actor.now);
  const person = await personInScope(tx, actor, personId, { scope: null, forUpdate: true });
  if (person.kind !== 'official')
    throw new AppError(PeopleErrors.IDENTITY_PERSON_KIND_MISMATCH, { kind: person.kind });
  if (agencyId !== null) {
    if (!isUuid(agencyId)) throw invalid('agencyId', 'notFound');
    await requireCurrentAgency(tx, agencyId);
  }
  const term = { office, agencyId: agencyId?.toLowerCase() ?? null, ...period };
  await lockRegister(tx); // two appointments to one office at once: the second sees the first
  await requireNoOverlap(tx, person.id, term);
  const [row] = await tx
    .insert(governmentMembers)
    .values({ personId: person.id, ...term, titleVi, titleEn })
    .returning();
  const roleGiven = await grantRole(tx, person.id, MEMBER_ROLE);
  await audit(tx, actor.audit, {
    action: 'identity.member.add',
    objectType: 'person',
    objectId: person.id,
    after: { term: row, roleGiven },
  });
  return personDetail(tx, person, actor.now);
}

/** Ends a term on `validTo` (its last day; default today). The row stays. */
export async function endMemberTerm(
  tx: Executor,
  actor: PeopleActor,
  personId: string,
  termId: string,
  input: { validTo?: string | null | undefined },
): Promise<PersonDetail> {
  authorise(actor);
  const person = await personInScope(tx, actor, personId, { scope: null });
  const [term] = isUuid(termId)
    ? await tx
        .select()
        .from(governmentMembers)
        .where(and(eq(governmentMembers.id, termId), eq(governmentMembers.personId, person.id)))
        .for('update')
    : [];
  if (!term) throw new AppError(PeopleErrors.IDENTITY_PERSON_MEMBER_TERM_NOT_FOUND, { termId });
  const validTo = input?.validTo == null ? dayInVietnam(actor.now) : checkDate(input.validTo, 'validTo');
  if (validTo < term.validFrom)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_DATE_INVALID, {
      field: 'validTo',
      reason: 'beforeStart',
    });
  await requireNoOverlap(tx, person.id, { ...term, validTo }, term.id);
  const [row] = await tx
    .update(governmentMembers)
    .set({ validTo })
    .where(eq(governmentMembers.id, term.id))
    .returning();
  await audit(tx, actor.audit, {
    action: 'identity.member.end',
    objectType: 'person',
    objectId: person.id,
    before: { term },
    after: { term: row },
  });
  await withdrawLapsedRoles(tx, actor.audit, actor.now, person.id);
  return personDetail(tx, person, actor.now);
}
