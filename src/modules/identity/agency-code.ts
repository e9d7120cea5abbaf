/**
 * Agency identifier codes (mã định danh điện tử của cơ quan, tổ chức): QCVN 102:2016/BTTTT and
 * QĐ 20/2020/QĐ-TTg.
 *
 * Standard form `NNN.NN.NN.XNN` (13 characters), read right to left as levels 1..4: `000.00.00.G22` is the
 * Government Office (level 1 `G22`), `000.00.18.G12` a level-2 unit (`18`) of the Ministry of Finance
 * (`G12`), `000.00.00.H41` the People's Committee of Nghệ An. QĐ 20/2020 also lets codes run to 35
 * characters of `[0-9A-Z.]`: such a code is accepted with a warning (`standard: false`); anything else is
 * refused. Letters are compared upper-case and surrounding blanks ignored, so `000.00.00.g22 ` reads as
 * `000.00.00.G22`. checkAgencyCode() never throws; requireAgencyCode() throws the coded error.
 */
import { AppError } from '../../platform/errors/index.js';
import { IdentityErrors } from './errors.js';

export const AGENCY_CODE_MAX_LENGTH = 35;
export const AGENCY_CODE_STANDARD_LENGTH = 13;

const STANDARD = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;
/** Up to 35 characters of [0-9A-Z.], in dot-separated groups (no empty group). */
const EXTENDED = /^[0-9A-Z]+(?:\.[0-9A-Z]+)*$/;

/** The four levels of a standard code; level 1 is the rightmost group. */
export interface AgencyCodeLevels {
  /** Letter and two digits, e.g. G22 (central agencies), H41 (provinces). */
  level1: string;
  /** Two digits. */
  level2: string;
  /** Two digits. */
  level3: string;
  /** Three digits. */
  level4: string;
}

export type AgencyCodeRefusal = 'empty' | 'tooLong' | 'characters' | 'format';

export type AgencyCodeCheck =
  | { ok: true; code: string; standard: true; levels: AgencyCodeLevels; warning: null }
  | { ok: true; code: string; standard: false; levels: null; warning: 'AGENCY_CODE_NOT_STANDARD' }
  | { ok: false; reason: AgencyCodeRefusal };

export type ValidAgencyCode = Extract<AgencyCodeCheck, { ok: true }>;

/** Trims and upper-cases ASCII letters only (other characters stay, and are refused). */
function normalise(input: string): string {
  return input.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** Validates and parses a code; never throws, whatever it is given. */
export function checkAgencyCode(input: unknown): AgencyCodeCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'empty' };
  // A bounded look before any work: a megabyte of text is refused without scanning it.
  if (input.length > AGENCY_CODE_MAX_LENGTH * 4) return { ok: false, reason: 'tooLong' };
  const code = normalise(input);
  if (code === '') return { ok: false, reason: 'empty' };
  if (code.length > AGENCY_CODE_MAX_LENGTH) return { ok: false, reason: 'tooLong' };
  if (!/^[0-9A-Z.]+$/.test(code)) return { ok: false, reason: 'characters' };
  const m = STANDARD.exec(code);
  if (m) {
    const [, level4, level3, level2, level1] = m as unknown as [string, string, string, string, string];
    return { ok: true, code, standard: true, levels: { level1, level2, level3, level4 }, warning: null };
  }
  if (!EXTENDED.test(code)) return { ok: false, reason: 'format' };
  return { ok: true, code, standard: false, levels: null, warning: 'AGENCY_CODE_NOT_STANDARD' };
}

/** The code, normalised, or IDENTITY_AGENCY_CODE_INVALID (400) with the reason. */
export function requireAgencyCode(input: unknown): ValidAgencyCode {
  const result = checkAgencyCode(input);
  if (!result.ok)
    throw new AppError(IdentityErrors.IDENTITY_AGENCY_CODE_INVALID, {
      reason: result.reason,
      maxLength: AGENCY_CODE_MAX_LENGTH,
      example: '000.00.00.G22',
    });
  return result;
}

/** Writes the standard form from its levels (the inverse of checkAgencyCode on standard codes). */
export function formatAgencyCode(levels: AgencyCodeLevels): string {
  return `${levels.level4}.${levels.level3}.${levels.level2}.${levels.level1}`;
}

/**
 * The code of the unit one level up, by the structure of a standard code: `000.00.18.G12` → `000.00.00.G12`;
 * null for a level-1 code (`000.00.00.G12`) or a non-standard one.
 */
export function parentAgencyCode(code: string): string | null {
  const result = checkAgencyCode(code);
  if (!result.ok || !result.standard) return null;
  const { level1, level2, level3, level4 } = result.levels;
  if (level4 !== '000') return formatAgencyCode({ level1, level2, level3, level4: '000' });
  if (level3 !== '00') return formatAgencyCode({ level1, level2, level3: '00', level4 });
  if (level2 !== '00') return formatAgencyCode({ level1, level2: '00', level3, level4 });
  return null;
}
