/**
 * Bodies that meet and their seats over time. The agency's office (cabinet.bodies.manage within the actor's
 * agency scope) defines them; anyone in the agency's scope, or holding a seat, reads them. Another agency's
 * body is answered as not found.
 */
import { isUuid } from '../../platform/db/index.js';
import { and, asc, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { agencyScope, getAgency, inScope, personBriefs, Permissions } from '../identity/index.js';
import { CabinetErrors } from './errors.js';
import { BODY_KINDS, BODY_ROLES, type BodyKind, type BodyRole } from './model.js';
import { type BodyRow, type CabinetActor } from './policy.js';
import { meetingDay } from './rules.js';
import { profileExists } from './rules.seed.js';
import { bodies, bodyMembers } from './schema.js';

export interface CabinetCall {
  actor: CabinetActor;
  audit: AuditContext;
  now: Date;
}

export type SeatRow = typeof bodyMembers.$inferSelect;

export interface SeatView {
  id: string;
  personId: string;
  displayName: string;
  role: BodyRole;
  titleVi: string | null;
  titleEn: string | null;
  voting: boolean;
  rank: number;
  validFrom: string;
  validTo: string | null;
}

export interface BodyView {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string | null;
  kind: BodyKind;
  agencyId: string;
  ruleProfileCode: string;
}

export interface BodyDetail extends BodyView {
  seats: SeatView[];
  /** The caller may change it (add or end seats). */
  mayManage: boolean;
}

export interface NewBody {
  code: string;
  nameVi: string;
  nameEn?: string | null | undefined;
  kind: BodyKind;
  agencyId: string;
  ruleProfileCode: string;
}

export interface NewSeat {
  personId: string;
  role: BodyRole;
  /** Default: chair, deputy chair and members vote; the office does not. */
  voting?: boolean | undefined;
  titleVi?: string | null | undefined;
  titleEn?: string | null | undefined;
  rank?: number | undefined;
  validFrom?: string | undefined;
  validTo?: string | null | undefined;
}

const CODE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const invalid = (field: string, reason?: string) =>
  new AppError(CabinetErrors.CABINET_INPUT_INVALID, { field, ...(reason ? { reason } : {}) });

export const VOTING_ROLES: ReadonlySet<BodyRole> = new Set(['chair', 'deputy_chair', 'member']);

export function bodyView(row: BodyRow): BodyView {
  return {
    id: row.id,
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    kind: row.kind,
    agencyId: row.agencyId,
    ruleProfileCode: row.ruleProfileCode,
  };
}

/** Seats valid on `day` (YYYY-MM-DD), by rank. */
export async function seatsOn(tx: Executor, bodyId: string, day: string): Promise<SeatRow[]> {
  return tx
    .select()
    .from(bodyMembers)
    .where(
      and(
        eq(bodyMembers.bodyId, bodyId),
        lte(bodyMembers.validFrom, day),
        or(isNull(bodyMembers.validTo), gte(bodyMembers.validTo, day)),
      ),
    )
    .orderBy(asc(bodyMembers.rank), asc(bodyMembers.validFrom));
}

async function mayManageBody(tx: Executor, actor: CabinetActor, body: BodyRow): Promise<boolean> {
  return (
    actor.permissions.has(Permissions.manageBodies) && inScope(await agencyScope(tx, actor), [body.agencyId])
  );
}

/** A body the actor may see: within their agency scope, or one they hold a seat in. */
async function visibleBody(tx: Executor, actor: CabinetActor, id: string, day: string): Promise<BodyRow> {
  const [body] = isUuid(id) ? await tx.select().from(bodies).where(eq(bodies.id, id)) : [];
  if (!body) throw new AppError(CabinetErrors.CABINET_BODY_NOT_FOUND);
  if (inScope(await agencyScope(tx, actor), [body.agencyId])) return body;
  const seats = await seatsOn(tx, body.id, day);
  if (seats.some((s) => s.personId === actor.personId)) return body;
  throw new AppError(CabinetErrors.CABINET_BODY_NOT_FOUND);
}

/** For changes: the body, if the actor manages it (404 when they cannot see it, 403 when they only see it). */
export async function manageableBody(tx: Executor, call: CabinetCall, id: string): Promise<BodyRow> {
  const body = await visibleBody(tx, call.actor, id, meetingDay(call.now));
  if (!(await mayManageBody(tx, call.actor, body))) throw new AppError(CabinetErrors.CABINET_NOT_PREPARER);
  return body;
}

/** A body for meeting preparation (scope checked by the caller through policy.isOfficeOf). */
export async function bodyForMeeting(tx: Executor, actor: CabinetActor, id: string, day: string) {
  return visibleBody(tx, actor, id, day);
}

export async function listBodies(tx: Executor, call: CabinetCall): Promise<BodyView[]> {
  const scope = await agencyScope(tx, call.actor);
  const day = meetingDay(call.now);
  const seated = await tx
    .select({ bodyId: bodyMembers.bodyId })
    .from(bodyMembers)
    .where(
      and(
        eq(bodyMembers.personId, call.actor.personId),
        lte(bodyMembers.validFrom, day),
        or(isNull(bodyMembers.validTo), gte(bodyMembers.validTo, day)),
      ),
    );
  const conditions: SQL[] = [];
  if (scope?.size) conditions.push(inArray(bodies.agencyId, [...scope]));
  if (seated.length)
    conditions.push(
      inArray(
        bodies.id,
        seated.map((s) => s.bodyId),
      ),
    );
  if (scope !== null && !conditions.length) return [];
  const found = await tx
    .select()
    .from(bodies)
    .where(and(isNull(bodies.retiredAt), scope === null ? undefined : or(...conditions)))
    .orderBy(asc(bodies.code));
  return found.map(bodyView);
}

async function seatViews(tx: Executor, seats: SeatRow[]): Promise<SeatView[]> {
  const names = await personBriefs(
    tx,
    seats.map((s) => s.personId),
  );
  return seats.map((s) => ({
    id: s.id,
    personId: s.personId,
    displayName: names.get(s.personId)?.displayName ?? '',
    role: s.role,
    titleVi: s.titleVi,
    titleEn: s.titleEn,
    voting: s.voting,
    rank: s.rank,
    validFrom: s.validFrom,
    validTo: s.validTo,
  }));
}

/** A body with its current seats (today in Vietnam) and the names of their holders. */
export async function getBody(tx: Executor, call: CabinetCall, id: string): Promise<BodyDetail> {
  const day = meetingDay(call.now);
  const body = await visibleBody(tx, call.actor, id, day);
  return {
    ...bodyView(body),
    seats: await seatViews(tx, await seatsOn(tx, body.id, day)),
    mayManage: await mayManageBody(tx, call.actor, body),
  };
}

export async function createBody(tx: Executor, call: CabinetCall, input: NewBody): Promise<BodyDetail> {
  if (!call.actor.permissions.has(Permissions.manageBodies))
    throw new AppError(CabinetErrors.CABINET_NOT_PREPARER);
  const code = input.code.trim().toUpperCase();
  if (!CODE.test(code)) throw invalid('code');
  const nameVi = input.nameVi.trim();
  if (!nameVi || nameVi.length > 500) throw invalid('nameVi');
  if (!(BODY_KINDS as readonly string[]).includes(input.kind)) throw invalid('kind');
  if (!isUuid(input.agencyId) || !inScope(await agencyScope(tx, call.actor), [input.agencyId]))
    throw new AppError(CabinetErrors.CABINET_AGENCY_OUT_OF_SCOPE);
  const agency = await getAgency(tx, input.agencyId).catch(() => null);
  if (!agency || agency.retired) throw new AppError(CabinetErrors.CABINET_AGENCY_OUT_OF_SCOPE);
  if (!(await profileExists(tx, input.ruleProfileCode)))
    throw new AppError(CabinetErrors.CABINET_RULE_PROFILE_NOT_FOUND, { code: input.ruleProfileCode });
  const [taken] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.code, code));
  if (taken) throw new AppError(CabinetErrors.CABINET_BODY_CODE_DUPLICATE, { code });
  const [row] = await tx
    .insert(bodies)
    .values({
      code,
      nameVi,
      nameEn: input.nameEn?.trim() || null,
      kind: input.kind,
      agencyId: input.agencyId,
      ruleProfileCode: input.ruleProfileCode,
    })
    .returning();
  await audit(tx, call.audit, {
    action: 'cabinet.body.create',
    objectType: 'cabinet_body',
    objectId: row!.id,
    after: bodyView(row!),
  });
  return { ...bodyView(row!), seats: [], mayManage: true };
}

export async function addSeat(
  tx: Executor,
  call: CabinetCall,
  bodyId: string,
  input: NewSeat,
): Promise<BodyDetail> {
  const body = await manageableBody(tx, call, bodyId);
  if (!(BODY_ROLES as readonly string[]).includes(input.role)) throw invalid('role');
  const today = meetingDay(call.now);
  const validFrom = input.validFrom ?? today;
  if (!DAY.test(validFrom)) throw invalid('validFrom');
  if (input.validTo != null && (!DAY.test(input.validTo) || input.validTo < validFrom))
    throw invalid('validTo');
  if (input.rank !== undefined && (!Number.isInteger(input.rank) || input.rank < 0 || input.rank > 10_000))
    throw invalid('rank');
  const person = (await personBriefs(tx, [input.personId])).get(input.personId);
  if (!person) throw new AppError(CabinetErrors.CABINET_PERSON_NOT_FOUND);
  if (input.role === 'chair') {
    const chairs = (await seatsOn(tx, body.id, validFrom)).filter((s) => s.role === 'chair');
    if (chairs.length) throw invalid('role', 'the body already has a chair on that day; end that seat first');
  }
  const [seat] = await tx
    .insert(bodyMembers)
    .values({
      bodyId: body.id,
      personId: person.id,
      role: input.role,
      voting: input.voting ?? VOTING_ROLES.has(input.role),
      titleVi: input.titleVi?.trim() || null,
      titleEn: input.titleEn?.trim() || null,
      rank: input.rank ?? (input.role === 'chair' ? 1 : input.role === 'deputy_chair' ? 10 : 100),
      validFrom,
      validTo: input.validTo ?? null,
    })
    .returning();
  await audit(tx, call.audit, {
    action: 'cabinet.body.seat.add',
    objectType: 'cabinet_body',
    objectId: body.id,
    after: seat,
  });
  return getBody(tx, call, body.id);
}

/** Ends a seat on `validTo` (default today): the row stays, so past meetings keep their composition. */
export async function endSeat(
  tx: Executor,
  call: CabinetCall,
  bodyId: string,
  seatId: string,
  validTo?: string,
): Promise<BodyDetail> {
  const body = await manageableBody(tx, call, bodyId);
  const [seat] = isUuid(seatId)
    ? await tx
        .select()
        .from(bodyMembers)
        .where(and(eq(bodyMembers.id, seatId), eq(bodyMembers.bodyId, body.id)))
    : [];
  if (!seat) throw new AppError(CabinetErrors.CABINET_SEAT_NOT_FOUND);
  const last = validTo ?? meetingDay(call.now);
  if (!DAY.test(last) || last < seat.validFrom) throw invalid('validTo');
  if (seat.validTo !== null && seat.validTo <= last)
    throw invalid('validTo', 'the seat already ends by then');
  const [after] = await tx
    .update(bodyMembers)
    .set({ validTo: last })
    .where(eq(bodyMembers.id, seat.id))
    .returning();
  await audit(tx, call.audit, {
    action: 'cabinet.body.seat.end',
    objectType: 'cabinet_body',
    objectId: body.id,
    before: seat,
    after,
  });
  return getBody(tx, call, body.id);
}
