/**
 * The administrative-unit reference data shipped with CPĐT (`reference/admin-units/`, MIT licensed) and
 * its reading into rows: the 2025 register (34 provinces, 3,321 communes/wards, in force from 1 July
 * 2025) and the register before it (63 provinces, their communes/wards), kept as historical rows ending
 * on 30 June 2025, with each old unit's successor(s). Pure: no database here (see admin-units.import.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths.js';

export const ADMIN_UNITS_REFERENCE_DIR = path.join(PROJECT_ROOT, 'reference', 'admin-units');

/** First day of the two-level local government (Nghị quyết 202/2025/QH15 and the 2025 commune resolutions). */
export const REGISTER_2025_FROM = '2025-07-01';
/** Last day of the 63-province register. */
export const REGISTER_2025_PREVIOUS_TO = '2025-06-30';
export const PROVINCE_MERGER_2025_BASIS = 'Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội';
export const COMMUNE_MERGER_2025_BASIS =
  'Các nghị quyết năm 2025 của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã';

export const ADMIN_UNIT_LEVELS = ['province', 'district', 'commune'] as const;
export type AdminUnitLevel = (typeof ADMIN_UNIT_LEVELS)[number];
/** municipality: thành phố trực thuộc trung ương; special_zone: đặc khu; township: thị trấn (before 2025). */
export const ADMIN_UNIT_TYPES = [
  'municipality',
  'province',
  'district',
  'ward',
  'commune',
  'township',
  'special_zone',
] as const;
export type AdminUnitType = (typeof ADMIN_UNIT_TYPES)[number];

/** One province of units-2025.json (thanglequoc/vietnamese-provinces-database), the fields we read. */
export interface UnitsFileUnit {
  Type: string;
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  FullNameEn: string;
  AdministrativeUnitId: number;
}
export interface UnitsFileProvince extends UnitsFileUnit {
  Wards: (UnitsFileUnit & { ProvinceCode: string })[];
}

/** successors-2025.json, derived from dvhcvn/20250701 mapping_splits.json by admin-units.derive.ts. */
export interface SuccessorsFile {
  effectiveFrom: string;
  /** [old code, old full name, new province codes] */
  provinces: [string, string, string[]][];
  /** [old code, old full name, old province code, new unit codes] (island districts became special zones) */
  districts: [string, string, string, string[]][];
  /** [old code, old full name, old province code, new unit codes] */
  communes: [string, string, string, string[]][];
}

export interface AdminUnitRow {
  code: string;
  level: AdminUnitLevel;
  type: AdminUnitType;
  name: string;
  fullName: string;
  nameEn: string | null;
  fullNameEn: string | null;
  provinceCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface AdminUnitSuccessorRow {
  oldCode: string;
  newCode: string;
  effectiveFrom: string;
  legalBasis: string | null;
}

export interface AdminUnitsReference {
  units: AdminUnitRow[];
  successors: AdminUnitSuccessorRow[];
}

/** AdministrativeUnitId of units-2025.json: 1 municipality, 2 province, 3 ward, 4 commune, 5 special zone. */
const TYPE_BY_UNIT_ID: Record<number, AdminUnitType> = {
  1: 'municipality',
  2: 'province',
  3: 'ward',
  4: 'commune',
  5: 'special_zone',
};

function typeOf(unit: UnitsFileUnit): AdminUnitType {
  const type = TYPE_BY_UNIT_ID[unit.AdministrativeUnitId];
  if (!type) throw new Error(`Unknown administrative unit type ${unit.AdministrativeUnitId} (${unit.Code})`);
  return type;
}

/** Old full names carry their type as a prefix: "Tỉnh Hà Giang", "Thị trấn Ba Chẽ", "Huyện Cồn Cỏ". */
const OLD_PREFIXES: [string, AdminUnitType][] = [
  ['Thành phố ', 'municipality'],
  ['Tỉnh ', 'province'],
  ['Huyện ', 'district'],
  ['Thị trấn ', 'township'],
  ['Phường ', 'ward'],
  ['Xã ', 'commune'],
];

function splitOldName(fullName: string, fallback: AdminUnitType): { type: AdminUnitType; name: string } {
  const text = fullName.normalize('NFC').trim();
  for (const [prefix, type] of OLD_PREFIXES)
    if (text.startsWith(prefix)) return { type, name: text.slice(prefix.length) };
  return { type: fallback, name: text };
}

/** Vietnamese without diacritics, for the English names of the old units (the data has none). */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

const EN_SUFFIX: Record<AdminUnitType, string> = {
  municipality: 'City',
  province: 'Province',
  district: 'District',
  ward: 'Ward',
  commune: 'Commune',
  township: 'Township',
  special_zone: 'Special Zone',
};

function historical(
  code: string,
  fullName: string,
  level: AdminUnitLevel,
  provinceCode: string | null,
): AdminUnitRow {
  const { type, name } = splitOldName(fullName, level === 'province' ? 'province' : 'commune');
  const nameEn = withoutDiacritics(name);
  return {
    code,
    level,
    type,
    name,
    fullName: fullName.normalize('NFC').trim(),
    nameEn,
    fullNameEn: `${nameEn} ${EN_SUFFIX[type]}`,
    provinceCode,
    validFrom: null,
    validTo: REGISTER_2025_PREVIOUS_TO,
  };
}

/** Builds the rows from parsed files (exported for tests and for other data sets of the same shape). */
export function buildReference(units: UnitsFileProvince[], successors: SuccessorsFile): AdminUnitsReference {
  const rows: AdminUnitRow[] = [];
  for (const p of units) {
    rows.push({
      code: p.Code,
      level: 'province',
      type: typeOf(p),
      name: p.Name.normalize('NFC'),
      fullName: p.FullName.normalize('NFC'),
      nameEn: p.NameEn,
      fullNameEn: p.FullNameEn,
      provinceCode: null,
      validFrom: REGISTER_2025_FROM,
      validTo: null,
    });
    for (const w of p.Wards)
      rows.push({
        code: w.Code,
        level: 'commune',
        type: typeOf(w),
        name: w.Name.normalize('NFC'),
        fullName: w.FullName.normalize('NFC'),
        nameEn: w.NameEn,
        fullNameEn: w.FullNameEn,
        provinceCode: w.ProvinceCode,
        validFrom: REGISTER_2025_FROM,
        validTo: null,
      });
  }
  const links: AdminUnitSuccessorRow[] = [];
  const link = (oldCode: string, newCodes: string[], legalBasis: string) => {
    for (const newCode of newCodes)
      links.push({ oldCode, newCode, effectiveFrom: successors.effectiveFrom, legalBasis });
  };
  for (const [code, fullName, newCodes] of successors.provinces) {
    rows.push(historical(code, fullName, 'province', null));
    link(code, newCodes, PROVINCE_MERGER_2025_BASIS);
  }
  for (const [code, fullName, province, newCodes] of successors.districts) {
    rows.push(historical(code, fullName, 'district', province));
    link(code, newCodes, COMMUNE_MERGER_2025_BASIS);
  }
  for (const [code, fullName, province, newCodes] of successors.communes) {
    rows.push(historical(code, fullName, 'commune', province));
    link(code, newCodes, COMMUNE_MERGER_2025_BASIS);
  }
  return { units: rows, successors: links };
}

let cached: { dir: string; reference: AdminUnitsReference } | undefined;

/** Reads the shipped reference files (parsed once per process). */
export function readReference(dir = ADMIN_UNITS_REFERENCE_DIR): AdminUnitsReference {
  if (cached?.dir === dir) return cached.reference;
  const units = JSON.parse(fs.readFileSync(path.join(dir, 'units-2025.json'), 'utf8')) as UnitsFileProvince[];
  const successors = JSON.parse(
    fs.readFileSync(path.join(dir, 'successors-2025.json'), 'utf8'),
  ) as SuccessorsFile;
  const reference = buildReference(units, successors);
  cached = { dir, reference };
  return reference;
}
