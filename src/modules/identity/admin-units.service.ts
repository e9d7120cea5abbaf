/**
 * Reading the administrative units: search (without diacritics: "ba dinh" finds "Ba Đình") and the
 * successors of an old unit (a pre-July-2025 commune code → the commune(s)/ward(s) that took it over).
 */
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { containsText, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AdminUnitLevel, AdminUnitRow } from './admin-units.data.js';
import { IdentityErrors } from './errors.js';
import { adminUnits, adminUnitSuccessors } from './schema.js';

/** What the API shows of a unit: the same fields as an imported row. */
export type AdminUnitView = AdminUnitRow;

export interface AdminUnitQuery {
  q?: string | undefined;
  /** Units of this province (its communes/wards, and historical districts). */
  province?: string | undefined;
  level?: AdminUnitLevel | undefined;
  /** Units of earlier registers too (default: the register in force only). */
  includeHistorical?: boolean | undefined;
  limit?: number | undefined;
}

export const ADMIN_UNITS_LIMIT_MAX = 500;

const view = (u: typeof adminUnits.$inferSelect): AdminUnitView => ({
  code: u.code,
  level: u.level,
  type: u.type,
  name: u.name,
  fullName: u.fullName,
  nameEn: u.nameEn,
  fullNameEn: u.fullNameEn,
  provinceCode: u.provinceCode,
  validFrom: u.validFrom,
  validTo: u.validTo,
});

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchAdminUnits(db: Executor, query: AdminUnitQuery): Promise<AdminUnitView[]> {
  const where: SQL[] = [];
  if (!query.includeHistorical) where.push(isNull(adminUnits.validTo));
  if (query.province) where.push(eq(adminUnits.provinceCode, query.province));
  if (query.level) where.push(eq(adminUnits.level, query.level));
  const q = query.q?.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (q) {
    const text = or(
      containsText(adminUnits.fullName, q),
      containsText(adminUnits.fullNameEn, q),
      sql`${adminUnits.code} like ${`${escapeLike(q)}%`}`,
    );
    if (text) where.push(text);
  }
  const limit = Math.min(Math.max(query.limit ?? 50, 1), ADMIN_UNITS_LIMIT_MAX);
  const rows = await db
    .select()
    .from(adminUnits)
    .where(and(...where))
    .orderBy(
      // Current before historical, provinces before communes, then a name that starts with the words typed.
      sql`${adminUnits.validTo} is not null`,
      sql`case ${adminUnits.level} when 'province' then 0 when 'district' then 1 else 2 end`,
      ...(q ? [sql`cpdt_unaccent(${adminUnits.name}) ilike cpdt_unaccent(${`${escapeLike(q)}%`}) desc`] : []),
      asc(adminUnits.code),
    )
    .limit(limit);
  return rows.map(view);
}

export interface AdminUnitSuccession {
  /** The code asked for. */
  code: string;
  /** The unit of an earlier register with this code, if any. */
  historical: AdminUnitView | null;
  /** Whether a unit of the register in force has this code (possibly another unit than `historical`). */
  inForce: boolean;
  /** The units in force that took over the old unit (or the unit itself when it was never replaced). */
  successors: AdminUnitView[];
}

/** Longest chain of reorganisations followed. */
const MAX_STEPS = 20;

/**
 * Resolves a code to the unit(s) in force: follows old → new links (each later than the one before) until
 * the units in force; a code that was never replaced resolves to its own unit. IDENTITY_ADMIN_UNIT_NOT_FOUND
 * when no unit ever had the code.
 */
export async function adminUnitSuccessorsOf(db: Executor, input: string): Promise<AdminUnitSuccession> {
  const code = input.trim();
  const units = await db.select().from(adminUnits).where(eq(adminUnits.code, code));
  const inForce = units.find((u) => u.validTo === null);
  const historical = units
    .filter((u) => u.validTo !== null)
    .sort((a, b) => (b.validTo ?? '').localeCompare(a.validTo ?? ''))[0];

  let frontier: { code: string; since: string | null }[] = [{ code, since: null }];
  const leaves = new Set<string>();
  const seen = new Set<string>();
  for (let step = 0; frontier.length > 0 && step < MAX_STEPS; step++) {
    const links = await db
      .select()
      .from(adminUnitSuccessors)
      .where(
        inArray(
          adminUnitSuccessors.oldCode,
          frontier.map((f) => f.code),
        ),
      );
    const next: { code: string; since: string | null }[] = [];
    for (const f of frontier) {
      const out = links.filter(
        (l) => l.oldCode === f.code && (f.since === null || l.effectiveFrom > f.since),
      );
      if (out.length === 0 && step > 0) leaves.add(f.code);
      for (const l of out) {
        const key = `${l.newCode}@${l.effectiveFrom}`;
        if (seen.has(key)) continue;
        seen.add(key);
        next.push({ code: l.newCode, since: l.effectiveFrom });
      }
    }
    frontier = next;
  }
  if (leaves.size === 0 && inForce) leaves.add(code);
  if (!inForce && !historical && leaves.size === 0)
    throw new AppError(IdentityErrors.IDENTITY_ADMIN_UNIT_NOT_FOUND, { code });

  const successors =
    leaves.size === 0
      ? []
      : await db
          .select()
          .from(adminUnits)
          .where(and(inArray(adminUnits.code, [...leaves]), isNull(adminUnits.validTo)))
          .orderBy(asc(adminUnits.code));
  return {
    code,
    historical: historical ? view(historical) : null,
    inForce: Boolean(inForce),
    successors: successors.map(view),
  };
}
