/**
 * The business register: enterprises by enterprise code, and who may act for them (their legal
 * representative, or people they authorised). Businesses belong to no agency, so only holders of
 * identity.scope.all manage them.
 */
import { dayInVietnam } from '../../platform/calendar/index.js';
import { and, asc, count, eq, or, type SQL } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { containsText, toNumber, type Executor, isUuid } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { requireEnterpriseCode } from './enterprise-code.js';
import {
  lockRegister,
  personInScope,
  requireAllAgencies,
  requirePeopleManager,
  type PeopleActor,
} from './people.access.js';
import { PeopleErrors } from './people.errors.js';
import {
  ADDRESS_MAX,
  BUSINESS_NAME_MAX,
  PEOPLE_LIST_LIMIT_MAX,
  REPRESENTATIVE_ROLES,
  ROLE_OF_KIND,
  type PersonBrief,
  type PersonKind,
  type RepresentativeRole,
} from './people.model.js';
import { grantRole } from './people.roles.js';
import { checkPeriod, optionalDate, optionalText } from './people.validate.js';
import { covers } from './people.view.js';
import { businesses, businessRepresentatives, persons } from './schema.js';

type BusinessRow = typeof businesses.$inferSelect;

export interface BusinessView {
  id: string;
  enterpriseCode: string;
  /** A dependent unit (branch), with the 3-digit suffix. */
  branch: boolean;
  name: string;
  nameEn: string | null;
  address: string | null;
  createdAt: string;
}

export interface RepresentativeView {
  person: PersonBrief & { kind: PersonKind };
  role: RepresentativeRole;
  validFrom: string | null;
  validTo: string | null;
  current: boolean;
}

export interface BusinessDetail extends BusinessView {
  representatives: RepresentativeView[];
}

export interface NewBusiness {
  enterpriseCode: string;
  name: string;
  nameEn?: string | null | undefined;
  address?: string | null | undefined;
}

export interface NewRepresentative {
  personId: string;
  role: RepresentativeRole;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
}

const invalid = (field: string, reason: string) =>
  new AppError(PeopleErrors.IDENTITY_BUSINESS_INVALID, { field, reason });

function authorise(actor: PeopleActor): void {
  requirePeopleManager(actor);
  requireAllAgencies(actor, PeopleErrors.IDENTITY_BUSINESS_SCOPE);
}

function view(row: BusinessRow): BusinessView {
  return {
    id: row.id,
    enterpriseCode: row.enterpriseCode,
    branch: row.enterpriseCode.includes('-'),
    name: row.name,
    nameEn: row.nameEn,
    address: row.address,
    createdAt: row.createdAt.toISOString(),
  };
}

function checkBusiness(input: NewBusiness) {
  if (typeof input !== 'object' || input === null) throw invalid('body', 'missing');
  const name = optionalText(input.name, 'name', BUSINESS_NAME_MAX, invalid);
  if (name === null) throw invalid('name', 'required');
  return {
    enterpriseCode: requireEnterpriseCode(input.enterpriseCode),
    name,
    nameEn: optionalText(input.nameEn, 'nameEn', BUSINESS_NAME_MAX, invalid),
    address: optionalText(input.address, 'address', ADDRESS_MAX, invalid),
  };
}

async function findBusiness(tx: Executor, id: unknown): Promise<BusinessRow> {
  if (!isUuid(id)) throw new AppError(PeopleErrors.IDENTITY_BUSINESS_NOT_FOUND, { id });
  const [row] = await tx.select().from(businesses).where(eq(businesses.id, id));
  if (!row) throw new AppError(PeopleErrors.IDENTITY_BUSINESS_NOT_FOUND, { id });
  return row;
}

export async function listBusinesses(
  tx: Executor,
  actor: PeopleActor,
  query: { q?: string | undefined; limit?: number | undefined; offset?: number | undefined },
): Promise<{ items: BusinessView[]; total: number }> {
  authorise(actor);
  const where: SQL[] = [];
  const q = query.q?.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (q) {
    const digits = q.replace(/[\s.-]/g, '');
    const text = or(
      containsText(businesses.name, q),
      containsText(businesses.nameEn, q),
      ...(/^[0-9]+$/.test(digits) ? [containsText(businesses.enterpriseCode, digits)] : []),
    );
    if (text) where.push(text);
  }
  const condition = and(...where);
  const rows = await tx
    .select()
    .from(businesses)
    .where(condition)
    .orderBy(asc(businesses.name), asc(businesses.enterpriseCode))
    .limit(Math.min(Math.max(query.limit ?? 50, 1), PEOPLE_LIST_LIMIT_MAX))
    .offset(Math.max(query.offset ?? 0, 0));
  const [total] = await tx.select({ n: count() }).from(businesses).where(condition);
  return { items: rows.map(view), total: toNumber(total?.n) };
}

export async function getBusiness(tx: Executor, actor: PeopleActor, id: string): Promise<BusinessDetail> {
  authorise(actor);
  return businessDetail(tx, await findBusiness(tx, id), actor.now);
}

async function businessDetail(tx: Executor, row: BusinessRow, now: Date): Promise<BusinessDetail> {
  const reps = await tx
    .select({
      person: {
        id: persons.id,
        username: persons.username,
        displayName: persons.displayName,
        kind: persons.kind,
      },
      role: businessRepresentatives.role,
      validFrom: businessRepresentatives.validFrom,
      validTo: businessRepresentatives.validTo,
    })
    .from(businessRepresentatives)
    .innerJoin(persons, eq(persons.id, businessRepresentatives.personId))
    .where(eq(businessRepresentatives.businessId, row.id))
    .orderBy(asc(businessRepresentatives.role), asc(persons.displayName));
  const day = dayInVietnam(now);
  return { ...view(row), representatives: reps.map((r) => ({ ...r, current: covers(r, day) })) };
}

async function insertBusiness(tx: Executor, actor: PeopleActor, b: ReturnType<typeof checkBusiness>) {
  await lockRegister(tx);
  const [taken] = await tx
    .select({ id: businesses.id })
    .from(businesses)
    .where(eq(businesses.enterpriseCode, b.enterpriseCode));
  if (taken)
    throw new AppError(PeopleErrors.IDENTITY_BUSINESS_DUPLICATE, {
      enterpriseCode: b.enterpriseCode,
      id: taken.id,
    });
  const [row] = await tx.insert(businesses).values(b).returning();
  await audit(tx, actor.audit, {
    action: 'identity.business.create',
    objectType: 'business',
    objectId: row!.id,
    after: view(row!),
  });
  return row!;
}

export async function createBusiness(
  tx: Executor,
  actor: PeopleActor,
  input: NewBusiness,
): Promise<BusinessDetail> {
  authorise(actor);
  const row = await insertBusiness(tx, actor, checkBusiness(input));
  return businessDetail(tx, row, actor.now);
}

/**
 * The business a new representative is registered with: found by its enterprise code, or created when
 * a name is given too.
 */
export async function businessForNewPerson(
  tx: Executor,
  actor: PeopleActor,
  input: { enterpriseCode: string; name?: string | null | undefined; address?: string | null | undefined },
): Promise<string> {
  authorise(actor);
  const code = requireEnterpriseCode(input?.enterpriseCode);
  const [found] = await tx
    .select({ id: businesses.id })
    .from(businesses)
    .where(eq(businesses.enterpriseCode, code));
  if (found) return found.id;
  if (!input.name) throw new AppError(PeopleErrors.IDENTITY_BUSINESS_NOT_FOUND, { enterpriseCode: code });
  return (
    await insertBusiness(tx, actor, checkBusiness({ ...input, name: input.name, enterpriseCode: code }))
  ).id;
}

export function checkRepresentativeRole(value: unknown): RepresentativeRole {
  const role = REPRESENTATIVE_ROLES.find((r) => r === value);
  if (!role) throw invalid('role', 'unknown');
  return role;
}

/** Links a business representative or a citizen acting for the business; gives them the business role. */
export async function linkRepresentative(
  tx: Executor,
  personId: string,
  businessId: string,
  rep: { role: RepresentativeRole; validFrom: string | null; validTo: string | null },
): Promise<void> {
  await tx
    .insert(businessRepresentatives)
    .values({ businessId, personId, ...rep })
    .onConflictDoUpdate({
      target: [businessRepresentatives.businessId, businessRepresentatives.personId],
      set: rep,
    });
  await grantRole(tx, personId, ROLE_OF_KIND.business);
}

export async function addRepresentative(
  tx: Executor,
  actor: PeopleActor,
  businessId: string,
  input: NewRepresentative,
): Promise<BusinessDetail> {
  authorise(actor);
  if (typeof input !== 'object' || input === null) throw invalid('body', 'missing');
  const role = checkRepresentativeRole(input.role);
  const from = optionalDate(input.validFrom, 'validFrom');
  const period =
    from === null && !input.validTo
      ? { validFrom: null, validTo: null }
      : checkPeriod(from, input.validTo, actor.now);
  const business = await findBusiness(tx, businessId);
  const person = await personInScope(tx, actor, input.personId, { scope: null });
  if (person.kind === 'official')
    throw new AppError(PeopleErrors.IDENTITY_PERSON_KIND_MISMATCH, { kind: person.kind });
  const before = await businessDetail(tx, business, actor.now);
  await linkRepresentative(tx, person.id, business.id, { role, ...period });
  const after = await businessDetail(tx, business, actor.now);
  await audit(tx, actor.audit, {
    action: 'identity.business.representative.add',
    objectType: 'business',
    objectId: business.id,
    before: before.representatives,
    after: after.representatives,
  });
  return after;
}

export async function removeRepresentative(
  tx: Executor,
  actor: PeopleActor,
  businessId: string,
  personId: string,
): Promise<BusinessDetail> {
  authorise(actor);
  const business = await findBusiness(tx, businessId);
  const before = await businessDetail(tx, business, actor.now);
  const removed = isUuid(personId)
    ? await tx
        .delete(businessRepresentatives)
        .where(
          and(
            eq(businessRepresentatives.businessId, business.id),
            eq(businessRepresentatives.personId, personId),
          ),
        )
        .returning({ personId: businessRepresentatives.personId })
    : [];
  if (removed.length === 0)
    throw new AppError(PeopleErrors.IDENTITY_BUSINESS_REPRESENTATIVE_NOT_FOUND, { personId });
  const after = await businessDetail(tx, business, actor.now);
  await audit(tx, actor.audit, {
    action: 'identity.business.representative.remove',
    objectType: 'business',
    objectId: business.id,
    before: before.representatives,
    after: after.representatives,
  });
  return after;
}
