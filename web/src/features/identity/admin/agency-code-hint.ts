/**
 * A live hint while an agency identifier code is typed: the same rules as
 * src/modules/identity/agency-code.ts (standard NNN.NN.NN.XNN, or up to 35 characters of [0-9A-Z.] in
 * dot-separated groups). Only a hint: the form still sends what was typed, and the server's coded error
 * (IDENTITY_AGENCY_CODE_INVALID) is the authority.
 */

export const AGENCY_CODE_MAX_LENGTH = 35;

const STANDARD = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;
const EXTENDED = /^[0-9A-Z]+(?:\.[0-9A-Z]+)*$/;

export type AgencyCodeHint =
  | { kind: 'empty' }
  | { kind: 'standard'; code: string; level1: string; level2: string; level3: string; level4: string }
  | { kind: 'extended'; code: string }
  | { kind: 'tooLong' | 'characters' | 'format'; code: string };

/** Trims and upper-cases ASCII letters, as the server does before checking. */
export function normaliseAgencyCode(input: string): string {
  return input.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
}

export function agencyCodeHint(input: string): AgencyCodeHint {
  const code = normaliseAgencyCode(input);
  if (code === '') return { kind: 'empty' };
  if (code.length > AGENCY_CODE_MAX_LENGTH) return { kind: 'tooLong', code };
  if (!/^[0-9A-Z.]+$/.test(code)) return { kind: 'characters', code };
  const m = STANDARD.exec(code);
  if (m) {
    const [, level4, level3, level2, level1] = m as unknown as [string, string, string, string, string];
    return { kind: 'standard', code, level1, level2, level3, level4 };
  }
  return EXTENDED.test(code) ? { kind: 'extended', code } : { kind: 'format', code };
}
