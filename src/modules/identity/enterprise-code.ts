import { AppError } from '../../platform/errors/index.js';
import { PeopleErrors } from './people.errors.js';

/**
 * Mã số doanh nghiệp (the enterprise's tax code): 2 digits for the province of registration, 7 serial
 * digits, a check digit; a dependent unit (branch, representative office) adds `-` and 3 digits 001–999.
 * The check digit is 10 − (Σ digit × weight mod 11) over the first nine digits with weights
 * 31 29 23 19 17 13 7 5 3; a remainder of 0 gives no valid digit, so such a serial is never issued.
 */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

export type EnterpriseCodeProblem = 'format' | 'serial' | 'branch' | 'checksum';

export type EnterpriseCodeCheck =
  { ok: true; code: string; branch: boolean } | { ok: false; problem: EnterpriseCodeProblem };

function checkDigit(digits: string): number {
  let total = 0;
  WEIGHTS.forEach((w, i) => (total += w * Number(digits[i])));
  return 10 - (total % 11);
}

/** Accepts spaces, dots and the dash people type; answers the code as stored: `NNNNNNNNNN[-NNN]`. */
export function checkEnterpriseCode(input: string): EnterpriseCodeCheck {
  const digits = input.trim().replace(/[\s.-]/g, '');
  if (!/^[0-9]{10}([0-9]{3})?$/.test(digits)) return { ok: false, problem: 'format' };
  if (digits.slice(2, 9) === '0000000') return { ok: false, problem: 'serial' };
  if (digits.length === 13 && digits.endsWith('000')) return { ok: false, problem: 'branch' };
  if (Number(digits[9]) !== checkDigit(digits)) return { ok: false, problem: 'checksum' };
  const branch = digits.length === 13;
  return { ok: true, code: branch ? `${digits.slice(0, 10)}-${digits.slice(10)}` : digits, branch };
}

/** checkEnterpriseCode, or IDENTITY_ENTERPRISE_CODE_INVALID with the problem in details. */
export function requireEnterpriseCode(input: unknown): string {
  const result =
    typeof input === 'string'
      ? checkEnterpriseCode(input)
      : { ok: false as const, problem: 'format' as const };
  if (!result.ok)
    throw new AppError(PeopleErrors.IDENTITY_ENTERPRISE_CODE_INVALID, { problem: result.problem });
  return result.code;
}
