/**
 * The agency registry: agencies with their identifier codes, versioned through their changes.
 *
 * Writes (create, rename, merge, retire) check the actor's permission first, validate everything before
 * touching a row (bad input changes nothing and gets a coded error), serialise on an advisory lock so two
 * administrators cannot interleave, and write one audit record with before/after in the same transaction.
 *
 * History: a renamed agency keeps its row when only its names change (the audit record keeps the old
 * ones); given a new code, the old row is retired (its `valid_to` set to the day before the change) and
 * linked to a new row, so the old code still resolves. A merger retires the merged agencies and links them
 * to the receiving one; their current subordinate agencies move to it. resolveAgencyCode() follows the
 * links from any code, current or retired, to the agency or agencies in force.
 */
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { audit, type AuditContext, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { dayInVietnam, formatJdn, parseIsoDate } from '../../platform/calendar/index.js';
import { containsText, type Executor, isUuid, toNumber } from '../../platform/db/index.js';
import { AppError, PlatformErrors } from '../../platform/errors/index.js';
import { checkAgencyCode, requireAgencyCode } from './agency-code.js';
import {
  AGENCY_LEGAL_BASIS_MAX,
  AGENCY_LEVELS,
  AGENCY_NAME_MAX,
  AGENCY_SHORT_NAME_MAX,
  MERGE_SOURCES_MAX,
  type AgencyDetail,
  type AgencyLevel,
  type AgencyRef,
  type AgencyResolution,
  type AgencyView,
  type SuccessionView,
} from './agencies.model.js';
import { IdentityErrors } from './errors.js';
import { mayManageAgencies, Permissions } from './policy.js';
import { adminUnits, agencies, agencySuccessions } from './schema.js';

type AgencyRow = typeof agencies.$inferSelect;

/** Who asks, and when: routes build it from the request and the platform clock. */
export interface AgencyActor {
  audit: AuditContext;
  permissions: ReadonlySet<string>;
  /** Now, from the platform clock: "today" (Vietnam time) for default and maximum effective dates. */
  now: Date;
}

/** The platform itself (seeding, imports) acting on the registry. */
export function systemAgencyActor(now: Date = new Date()): AgencyActor {
  return { audit: SYSTEM_CONTEXT, permissions: new Set([Permissions.manageAgencies]), now };
}

export interface NewAgency {
  code: string;
  nameVi: string;
  nameEn?: string | null | undefined;
  shortName?: string | null | undefined;
  parentId?: string | null | undefined;
  level: AgencyLevel;
  adminUnitCode?: string | null | undefined;
  /** First day (YYYY-MM-DD), if known; not in the future. */
  validFrom?: string | null | undefined;
  legalBasis?: string | null | undefined;
}

export interface RenameAgency {
  nameVi?: string | undefined;
  /** null clears it; undefined keeps it. */
  nameEn?: string | null | undefined;
  shortName?: string | null | undefined;
  /** A new identifier code: the agency continues under a new row and the old code stays resolvable. */
  code?: string | undefined;
  /** First day under the new code (default today). */
  date?: string | undefined;
  legalBasis?: string | null | undefined;
}

export interface MergeAgencies {
  sourceIds: string[];
  /** The receiving agency, existing and current … */
  targetId?: string | undefined;
  /** … or one created by the merger (its first day is `date`). */
  target?: Omit<NewAgency, 'validFrom'> | undefined;
  /** First day of the merged state (default today); the merged agencies' last day is the day before. */
  date?: string | undefined;
  legalBasis?: string | null | undefined;
}

export interface RetireAgency {
  /** First day without the agency (default today); its last day is the day before. */
  date?: string | undefined;
  legalBasis?: string | null | undefined;
}

export interface AgencyListQuery {
  q?: string | undefined;
  level?: AgencyLevel | undefined;
  parentId?: string | undefined;
  includeRetired?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const AGENCY_LIST_LIMIT_MAX = 500;

// ---------------------------------------------------------------------------------------------- views

export function agencyView(row: AgencyRow): AgencyView {
  const code = checkAgencyCode(row.code);
  return {
    id: row.id,
    code: row.code,
    codeStandard: code.ok && code.standard,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    shortName: row.shortName,
    parentId: row.parentId,
    level: row.level,
    adminUnitCode: row.adminUnitCode,
    validFrom: row.validFrom,
    validTo: row.validTo,
    retired: row.validTo !== null,
    legalBasis: row.legalBasis,
    retiredBasis: row.retiredBasis,
  };
}

const ref = (row: AgencyRow): AgencyRef => ({
  id: row.id,
  code: row.code,
  nameVi: row.nameVi,
  validTo: row.validTo,
});

// ----------------------------------------------------------------------------------------- validation

function authorise(actor: AgencyActor): void {
  if (!mayManageAgencies(actor))
    throw new AppError(PlatformErrors.FORBIDDEN, { permission: Permissions.manageAgencies });
}

function invalid(field: string, reason: string): AppError {
  return new AppError(IdentityErrors.IDENTITY_AGENCY_INVALID, { field, reason });
}

/** Trimmed, single-spaced text; null when absent or blank. */
function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(field, 'notText');
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (text.length > max) throw invalid(field, 'tooLong');
  return text === '' ? null : text;
}

function requiredName(value: unknown): string {
  const text = optionalText(value, 'nameVi', AGENCY_NAME_MAX);
  if (text === null) throw invalid('nameVi', 'required');
  return text;
}

function level(value: unknown): AgencyLevel {
  if (!(AGENCY_LEVELS as readonly unknown[]).includes(value)) throw invalid('level', 'unknown');
  return value as AgencyLevel;
}

function dayBefore(date: string): string {
  return formatJdn(parseIsoDate(date) - 1);
}

/** A YYYY-MM-DD day not after today; today when absent. */
function effectiveDate(value: unknown, now: Date, field: string): string {
  if (value === undefined || value === null) return dayInVietnam(now);
  return checkedDate(value, now, field);
}

function checkedDate(value: unknown, now: Date, field: string): string {
  let date: string;
  try {
    date = formatJdn(parseIsoDate(String(value)));
  } catch {
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_DATE_INVALID, { field, reason: 'format' });
  }
  if (date > dayInVietnam(now))
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_DATE_INVALID, { field, reason: 'future' });
  return date;
}

/** The change on `date` ends `row` the day before: that day may not precede its first day. */
function checkEndsAfterStart(row: AgencyRow, date: string): void {
  if (row.validFrom !== null && dayBefore(date) < row.validFrom)
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_DATE_INVALID, {
      field: 'date',
      reason: 'beforeStart',
      agencyId: row.id,
      validFrom: row.validFrom,
    });
}

interface ValidNewAgency {
  code: string;
  nameVi: string;
  nameEn: string | null;
  shortName: string | null;
  parentId: string | null;
  level: AgencyLevel;
  adminUnitCode: string | null;
  validFrom: string | null;
  legalBasis: string | null;
}

function validateNew(input: NewAgency, now: Date): ValidNewAgency {
  if (typeof input !== 'object' || input === null) throw invalid('body', 'missing');
  const code = requireAgencyCode(input.code).code;
  const parentId = input.parentId ?? null;
  if (parentId !== null && !isUuid(parentId))
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_PARENT_INVALID, { parentId, reason: 'notFound' });
  return {
    code,
    nameVi: requiredName(input.nameVi),
    nameEn: optionalText(input.nameEn, 'nameEn', AGENCY_NAME_MAX),
    shortName: optionalText(input.shortName, 'shortName', AGENCY_SHORT_NAME_MAX),
    parentId,
    level: level(input.level),
    adminUnitCode: optionalText(input.adminUnitCode, 'adminUnitCode', 20),
    validFrom:
      input.validFrom === undefined || input.validFrom === null
        ? null
        : checkedDate(input.validFrom, now, 'validFrom'),
    legalBasis: optionalText(input.legalBasis, 'legalBasis', AGENCY_LEGAL_BASIS_MAX),
  };
}

// ------------------------------------------------------------------------------------------ database

/** Serialises registry writes across processes until the transaction ends. */
async function lockRegistry(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cpdt.identity.agencies'))`);
}

async function findRow(tx: Executor, id: unknown): Promise<AgencyRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(agencies).where(eq(agencies.id, id));
  return row;
}

async function currentRow(tx: Executor, id: unknown): Promise<AgencyRow> {
  const row = await findRow(tx, id);
  if (!row) throw new AppError(IdentityErrors.IDENTITY_AGENCY_NOT_FOUND, { id });
  if (row.validTo !== null)
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_RETIRED, { id: row.id, validTo: row.validTo });
  return row;
}

async function checkCodeFree(tx: Executor, code: string, except?: string): Promise<void> {
  const [holder] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.code, code), isNull(agencies.validTo)));
  if (holder && holder.id !== except)
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_CODE_DUPLICATE, { code, agencyId: holder.id });
}

async function checkParent(tx: Executor, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  const parent = await findRow(tx, parentId);
  if (!parent || parent.validTo !== null)
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_PARENT_INVALID, {
      parentId,
      reason: parent ? 'retired' : 'notFound',
    });
}

async function checkAdminUnit(tx: Executor, code: string | null): Promise<void> {
  if (code === null) return;
  const [unit] = await tx
    .select({ code: adminUnits.code })
    .from(adminUnits)
    .where(eq(adminUnits.code, code))
    .limit(1);
  if (!unit) throw new AppError(IdentityErrors.IDENTITY_AGENCY_ADMIN_UNIT_INVALID, { adminUnitCode: code });
}

async function insertAgency(tx: Executor, a: ValidNewAgency): Promise<AgencyRow> {
  const [row] = await tx.insert(agencies).values(a).returning();
  return row!;
}

/** Moves the current subordinates of `fromIds` under `toId`; returns the ids moved. */
async function moveChildren(tx: Executor, fromIds: string[], toId: string, now: Date): Promise<string[]> {
  const moved = await tx
    .update(agencies)
    .set({ parentId: toId, updatedAt: now })
    .where(and(inArray(agencies.parentId, fromIds), isNull(agencies.validTo)))
    .returning({ id: agencies.id });
  return moved.map((m) => m.id).sort();
}

// --------------------------------------------------------------------------------------------- writes

export async function createAgency(tx: Executor, actor: AgencyActor, input: NewAgency): Promise<AgencyView> {
  authorise(actor);
  const a = validateNew(input, actor.now);
  await lockRegistry(tx);
  await checkParent(tx, a.parentId);
  await checkAdminUnit(tx, a.adminUnitCode);
  await checkCodeFree(tx, a.code);
  const row = await insertAgency(tx, a);
  const after = agencyView(row);
  await audit(tx, actor.audit, {
    action: 'identity.agency.create',
    objectType: 'agency',
    objectId: row.id,
    after,
  });
  return after;
}

export interface RenameResult {
  /** The agency as it is now (a new row when the code changed). */
  agency: AgencyView;
  /** The retired row under the old code, when the code changed. */
  previous: AgencyView | null;
}

export async function renameAgency(
  tx: Executor,
  actor: AgencyActor,
  id: string,
  input: RenameAgency,
): Promise<RenameResult> {
  authorise(actor);
  if (typeof input !== 'object' || input === null) throw invalid('body', 'missing');
  const nameVi = input.nameVi === undefined ? undefined : requiredName(input.nameVi);
  const nameEn =
    input.nameEn === undefined ? undefined : optionalText(input.nameEn, 'nameEn', AGENCY_NAME_MAX);
  const shortName =
    input.shortName === undefined
      ? undefined
      : optionalText(input.shortName, 'shortName', AGENCY_SHORT_NAME_MAX);
  const code = input.code === undefined ? undefined : requireAgencyCode(input.code).code;
  const legalBasis = optionalText(input.legalBasis, 'legalBasis', AGENCY_LEGAL_BASIS_MAX);
  const date = effectiveDate(input.date, actor.now, 'date');

  await lockRegistry(tx);
  const old = await currentRow(tx, id);
  const names = {
    nameVi: nameVi ?? old.nameVi,
    nameEn: nameEn === undefined ? old.nameEn : nameEn,
    shortName: shortName === undefined ? old.shortName : shortName,
  };
  const newCode = code !== undefined && code !== old.code ? code : undefined;
  const renamed =
    names.nameVi !== old.nameVi || names.nameEn !== old.nameEn || names.shortName !== old.shortName;
  if (!renamed && newCode === undefined) throw new AppError(IdentityErrors.IDENTITY_AGENCY_UNCHANGED, { id });
  const before = agencyView(old);

  if (newCode === undefined) {
    const [row] = await tx
      .update(agencies)
      .set({ ...names, updatedAt: actor.now })
      .where(eq(agencies.id, old.id))
      .returning();
    const after = agencyView(row!);
    await audit(tx, actor.audit, {
      action: 'identity.agency.rename',
      objectType: 'agency',
      objectId: old.id,
      before,
      after,
    });
    return { agency: after, previous: null };
  }

  checkEndsAfterStart(old, date);
  await checkCodeFree(tx, newCode, old.id);
  const [retired] = await tx
    .update(agencies)
    .set({ validTo: dayBefore(date), retiredBasis: legalBasis, updatedAt: actor.now })
    .where(eq(agencies.id, old.id))
    .returning();
  const successor = await insertAgency(tx, {
    code: newCode,
    ...names,
    parentId: old.parentId,
    level: old.level,
    adminUnitCode: old.adminUnitCode,
    validFrom: date,
    legalBasis,
  });
  await tx
    .insert(agencySuccessions)
    .values({ predecessorId: old.id, successorId: successor.id, kind: 'rename', date, legalBasis });
  const children = await moveChildren(tx, [old.id], successor.id, actor.now);
  const result = { agency: agencyView(successor), previous: agencyView(retired!) };
  await audit(tx, actor.audit, {
    action: 'identity.agency.rename',
    objectType: 'agency',
    objectId: old.id,
    before,
    after: { ...result, movedChildren: children },
  });
  return result;
}

export interface MergeResult {
  agency: AgencyView;
  merged: AgencyView[];
}

export async function mergeAgencies(
  tx: Executor,
  actor: AgencyActor,
  input: MergeAgencies,
): Promise<MergeResult> {
  authorise(actor);
  if (typeof input !== 'object' || input === null) throw invalid('body', 'missing');
  const sourceIds = Array.isArray(input.sourceIds) ? input.sourceIds : [];
  const mergeInvalid = (reason: string) =>
    new AppError(IdentityErrors.IDENTITY_AGENCY_MERGE_INVALID, { reason });
  if (sourceIds.length === 0) throw mergeInvalid('noSources');
  if (sourceIds.length > MERGE_SOURCES_MAX) throw mergeInvalid('tooManySources');
  if (new Set(sourceIds).size !== sourceIds.length) throw mergeInvalid('duplicateSources');
  if ((input.targetId === undefined) === (input.target === undefined)) throw mergeInvalid('oneTarget');
  if (input.targetId !== undefined && sourceIds.includes(input.targetId))
    throw mergeInvalid('targetIsSource');
  const date = effectiveDate(input.date, actor.now, 'date');
  const legalBasis = optionalText(input.legalBasis, 'legalBasis', AGENCY_LEGAL_BASIS_MAX);
  const newTarget = input.target ? { ...validateNew(input.target, actor.now), validFrom: date } : undefined;

  await lockRegistry(tx);
  const sources: AgencyRow[] = [];
  for (const id of sourceIds) sources.push(await currentRow(tx, id));
  for (const s of sources) checkEndsAfterStart(s, date);
  let target: AgencyRow | undefined;
  if (input.targetId !== undefined) {
    target = await currentRow(tx, input.targetId);
    if (target.validFrom !== null && target.validFrom > date)
      throw new AppError(IdentityErrors.IDENTITY_AGENCY_DATE_INVALID, {
        field: 'date',
        reason: 'beforeTargetStart',
        agencyId: target.id,
        validFrom: target.validFrom,
      });
    // The receiving agency may not sit below a merged one: its subordinates would move under it.
    const ids = new Set(sourceIds);
    for (let up = target.parentId, depth = 0; up !== null && depth < 100; depth++) {
      if (ids.has(up)) throw mergeInvalid('targetBelowSource');
      const parent = await findRow(tx, up);
      up = parent?.parentId ?? null;
    }
  } else if (newTarget) {
    if (newTarget.parentId !== null && sourceIds.includes(newTarget.parentId))
      throw new AppError(IdentityErrors.IDENTITY_AGENCY_PARENT_INVALID, {
        parentId: newTarget.parentId,
        reason: 'merged',
      });
    await checkParent(tx, newTarget.parentId);
    await checkAdminUnit(tx, newTarget.adminUnitCode);
    // A merged agency's code may pass to the new one: it is free once they are retired below.
    const sourceCodes = new Set(sources.map((s) => s.code));
    if (!sourceCodes.has(newTarget.code)) await checkCodeFree(tx, newTarget.code);
  }
  const before = { target: target ? agencyView(target) : null, sources: sources.map(agencyView) };

  const merged = await tx
    .update(agencies)
    .set({ validTo: dayBefore(date), retiredBasis: legalBasis, updatedAt: actor.now })
    .where(inArray(agencies.id, sourceIds))
    .returning();
  if (!target && newTarget)
    target = await insertAgency(tx, { ...newTarget, legalBasis: newTarget.legalBasis ?? legalBasis });
  const receiving = target!;
  await tx.insert(agencySuccessions).values(
    sourceIds.map((predecessorId) => ({
      predecessorId,
      successorId: receiving.id,
      kind: 'merge' as const,
      date,
      legalBasis,
    })),
  );
  const children = await moveChildren(tx, sourceIds, receiving.id, actor.now);
  const [after] = await tx.select().from(agencies).where(eq(agencies.id, receiving.id));
  const byId = new Map(merged.map((m) => [m.id, m]));
  const result = { agency: agencyView(after!), merged: sourceIds.map((id) => agencyView(byId.get(id)!)) };
  await audit(tx, actor.audit, {
    action: 'identity.agency.merge',
    objectType: 'agency',
    objectId: receiving.id,
    before,
    after: { ...result, movedChildren: children },
  });
  return result;
}

export async function retireAgency(
  tx: Executor,
  actor: AgencyActor,
  id: string,
  input: RetireAgency = {},
): Promise<AgencyView> {
  authorise(actor);
  const date = effectiveDate(input?.date, actor.now, 'date');
  const legalBasis = optionalText(input?.legalBasis, 'legalBasis', AGENCY_LEGAL_BASIS_MAX);
  await lockRegistry(tx);
  const row = await currentRow(tx, id);
  checkEndsAfterStart(row, date);
  const [children] = await tx
    .select({ n: count() })
    .from(agencies)
    .where(and(eq(agencies.parentId, row.id), isNull(agencies.validTo)));
  if (toNumber(children?.n) > 0)
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_HAS_CHILDREN, {
      id: row.id,
      children: toNumber(children?.n),
    });
  const [retired] = await tx
    .update(agencies)
    .set({ validTo: dayBefore(date), retiredBasis: legalBasis, updatedAt: actor.now })
    .where(eq(agencies.id, row.id))
    .returning();
  const after = agencyView(retired!);
  await audit(tx, actor.audit, {
    action: 'identity.agency.retire',
    objectType: 'agency',
    objectId: row.id,
    before: agencyView(row),
    after,
  });
  return after;
}

// ---------------------------------------------------------------------------------------------- reads

export async function listAgencies(
  db: Executor,
  query: AgencyListQuery,
): Promise<{ items: AgencyView[]; total: number }> {
  const where: SQL[] = [];
  if (!query.includeRetired) where.push(isNull(agencies.validTo));
  if (query.level) where.push(eq(agencies.level, query.level));
  if (query.parentId !== undefined) {
    if (!isUuid(query.parentId)) return { items: [], total: 0 };
    where.push(eq(agencies.parentId, query.parentId));
  }
  const q = query.q?.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (q) {
    const codePrefix = `${q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const text = or(
      containsText(agencies.nameVi, q),
      containsText(agencies.shortName, q),
      containsText(agencies.nameEn, q),
      sql`${agencies.code} like ${codePrefix}`,
    );
    if (text) where.push(text);
  }
  const condition = and(...where);
  const limit = Math.min(Math.max(query.limit ?? 100, 1), AGENCY_LIST_LIMIT_MAX);
  const rows = await db
    .select()
    .from(agencies)
    .where(condition)
    .orderBy(
      sql`${agencies.validTo} is not null`,
      sql`case ${agencies.level} when 'central' then 0 when 'province' then 1 when 'district' then 2 else 3 end`,
      asc(agencies.code),
      desc(agencies.validTo),
    )
    .limit(limit)
    .offset(Math.max(query.offset ?? 0, 0));
  const [total] = await db.select({ n: count() }).from(agencies).where(condition);
  return { items: rows.map(agencyView), total: toNumber(total?.n) };
}

async function successionViews(db: Executor, where: SQL): Promise<SuccessionView[]> {
  const links = await db.select().from(agencySuccessions).where(where).orderBy(asc(agencySuccessions.date));
  if (links.length === 0) return [];
  const ids = [...new Set(links.flatMap((l) => [l.predecessorId, l.successorId]))];
  const rows = new Map(
    (await db.select().from(agencies).where(inArray(agencies.id, ids))).map((r) => [r.id, r]),
  );
  return links.map((l) => ({
    predecessor: ref(rows.get(l.predecessorId)!),
    successor: ref(rows.get(l.successorId)!),
    kind: l.kind,
    date: l.date,
    legalBasis: l.legalBasis,
  }));
}

export async function getAgency(db: Executor, id: string): Promise<AgencyDetail> {
  const row = await findRow(db, id);
  if (!row) throw new AppError(IdentityErrors.IDENTITY_AGENCY_NOT_FOUND, { id });
  const parent = row.parentId ? await findRow(db, row.parentId) : undefined;
  return {
    ...agencyView(row),
    parent: parent ? ref(parent) : null,
    predecessors: await successionViews(db, eq(agencySuccessions.successorId, row.id)),
    successors: await successionViews(db, eq(agencySuccessions.predecessorId, row.id)),
  };
}

/** Longest chain of successions followed (a guard: the data has no cycles, but a hand edit might). */
const MAX_SUCCESSIONS = 50;

/**
 * The agency a code names, and the agency or agencies in force that carry it on.
 *
 * With `at` (YYYY-MM-DD): the agency that held the code on that day (a document's date), else the one
 * holding it now, else the last one that held it. Then successions are followed to agencies in force.
 * IDENTITY_AGENCY_CODE_INVALID for a malformed code, IDENTITY_AGENCY_NOT_FOUND when no agency ever had it.
 */
export async function resolveAgencyCode(
  db: Executor,
  codeInput: string,
  at?: string,
): Promise<AgencyResolution> {
  const code = requireAgencyCode(codeInput).code;
  let atDate: string | undefined;
  if (at !== undefined) {
    try {
      atDate = formatJdn(parseIsoDate(at));
    } catch {
      throw new AppError(IdentityErrors.IDENTITY_AGENCY_DATE_INVALID, { field: 'at', reason: 'format' });
    }
  }
  const holders = await db
    .select()
    .from(agencies)
    .where(eq(agencies.code, code))
    .orderBy(sql`${agencies.validTo} desc nulls first`);
  const heldOn = (row: AgencyRow, day: string) =>
    (row.validFrom === null || row.validFrom <= day) && (row.validTo === null || row.validTo >= day);
  const requested = (atDate !== undefined ? holders.find((h) => heldOn(h, atDate)) : undefined) ?? holders[0];
  if (!requested) throw new AppError(IdentityErrors.IDENTITY_AGENCY_NOT_FOUND, { code });

  const path: SuccessionView[] = [];
  const current = new Map<string, AgencyRow>();
  const seen = new Set<string>([requested.id]);
  let frontier = [requested];
  for (let step = 0; frontier.length > 0 && step < MAX_SUCCESSIONS; step++) {
    const next: AgencyRow[] = [];
    const retired = frontier.filter((f) => f.validTo !== null);
    for (const f of frontier) if (f.validTo === null) current.set(f.id, f);
    if (retired.length === 0) break;
    const links = await successionViews(
      db,
      inArray(
        agencySuccessions.predecessorId,
        retired.map((r) => r.id),
      ),
    );
    const successorIds = links.map((l) => l.successor.id).filter((id) => !seen.has(id));
    const rows =
      successorIds.length === 0
        ? []
        : await db.select().from(agencies).where(inArray(agencies.id, successorIds));
    for (const l of links) path.push(l);
    for (const r of rows) {
      seen.add(r.id);
      next.push(r);
    }
    frontier = next;
  }
  return {
    code,
    requested: agencyView(requested),
    current: [...current.values()].sort((a, b) => a.code.localeCompare(b.code)).map(agencyView),
    path,
  };
}
