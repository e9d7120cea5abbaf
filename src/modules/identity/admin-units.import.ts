import { count, isNull, sql } from 'drizzle-orm';
import { toNumber, type Executor } from '../../platform/db/index.js';
import { readReference, type AdminUnitsReference } from './admin-units.data.js';
import { adminUnits } from './schema.js';

export interface AdminUnitsImport {
  /** Units of the register in force (34 provinces + 3,321 communes/wards for 2025). */
  current: number;
  /** Units of earlier registers (kept with their last day). */
  historical: number;
  successors: number;
  ms: number;
}

/** Rows per statement; each statement carries its rows as one JSON parameter. */
const CHUNK = 5_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Loads the administrative-unit reference data (reference/admin-units/, or `reference` given) into the
 * database: idempotent (upsert by code and register; names corrected in a newer data file are updated,
 * unchanged rows are not rewritten, nothing is deleted). Rows travel as one JSON document per statement
 * (json_to_recordset): several times faster than bound parameters on PGlite and on PostgreSQL. Run it
 * inside the caller's transaction.
 */
export async function importAdminUnits(
  tx: Executor,
  reference: AdminUnitsReference = readReference(),
): Promise<AdminUnitsImport> {
  const started = performance.now();
  for (const part of chunks(reference.units))
    await tx.execute(sql`
      insert into identity_admin_units
        (code, level, type, name, full_name, name_en, full_name_en, province_code, valid_from, valid_to)
      select code, level, type, name, "fullName", "nameEn", "fullNameEn", "provinceCode", "validFrom"::date,
        "validTo"::date
      from json_to_recordset(${JSON.stringify(part)}::json) as r(code text, level text, type text, name text,
        "fullName" text, "nameEn" text, "fullNameEn" text, "provinceCode" text, "validFrom" text, "validTo" text)
      on conflict (code, valid_to) do update set
        level = excluded.level, type = excluded.type, name = excluded.name, full_name = excluded.full_name,
        name_en = excluded.name_en, full_name_en = excluded.full_name_en, province_code = excluded.province_code,
        valid_from = excluded.valid_from
      where (identity_admin_units.level, identity_admin_units.type, identity_admin_units.name,
          identity_admin_units.full_name, identity_admin_units.name_en, identity_admin_units.full_name_en,
          identity_admin_units.province_code, identity_admin_units.valid_from)
        is distinct from (excluded.level, excluded.type, excluded.name, excluded.full_name, excluded.name_en,
          excluded.full_name_en, excluded.province_code, excluded.valid_from)`);
  for (const part of chunks(reference.successors))
    await tx.execute(sql`
      insert into identity_admin_unit_successors (old_code, new_code, effective_from, legal_basis)
      select "oldCode", "newCode", "effectiveFrom"::date, "legalBasis"
      from json_to_recordset(${JSON.stringify(part)}::json)
        as r("oldCode" text, "newCode" text, "effectiveFrom" text, "legalBasis" text)
      on conflict do nothing`);
  const current = reference.units.filter((u) => u.validTo === null).length;
  return {
    current,
    historical: reference.units.length - current,
    successors: reference.successors.length,
    ms: Math.round(performance.now() - started),
  };
}

/** Imports the reference data unless units of the register in force are already there. */
export async function ensureAdminUnits(tx: Executor): Promise<void> {
  const [row] = await tx.select({ n: count() }).from(adminUnits).where(isNull(adminUnits.validTo));
  if (toNumber(row?.n) === 0) await importAdminUnits(tx);
}
