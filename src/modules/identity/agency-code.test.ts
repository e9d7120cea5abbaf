import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/support/errors.js';
import {
  AGENCY_CODE_MAX_LENGTH,
  checkAgencyCode,
  formatAgencyCode,
  parentAgencyCode,
  requireAgencyCode,
  type AgencyCodeLevels,
} from './agency-code.js';

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const levels: fc.Arbitrary<AgencyCodeLevels> = fc.record({
  level1: fc
    .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), digits(2))
    .map(([letter, n]) => `${letter}${n}`),
  level2: digits(2),
  level3: digits(2),
  level4: digits(3),
});

describe('agency identifier codes (QĐ 20/2020/QĐ-TTg)', () => {
  it('parses the standard form right to left into levels 1..4', () => {
    expect(checkAgencyCode('000.00.00.G22')).toEqual({
      ok: true,
      code: '000.00.00.G22',
      standard: true,
      levels: { level1: 'G22', level2: '00', level3: '00', level4: '000' },
      warning: null,
    });
    expect(checkAgencyCode('000.00.18.G12')).toMatchObject({
      standard: true,
      levels: { level1: 'G12', level2: '18', level3: '00', level4: '000' },
    });
    expect(checkAgencyCode('000.00.00.H41')).toMatchObject({ standard: true, levels: { level1: 'H41' } });
  });

  it('reads blanks and lower-case letters as the standard code', () => {
    expect(checkAgencyCode('  000.00.00.g22 ')).toMatchObject({
      ok: true,
      code: '000.00.00.G22',
      standard: true,
    });
  });

  it('accepts other codes of up to 35 characters of [0-9A-Z.] with a warning', () => {
    for (const code of ['28.22.H17', 'G22', '777.77.04.D77.01', 'A'.repeat(35)])
      expect(checkAgencyCode(code)).toEqual({
        ok: true,
        code,
        standard: false,
        levels: null,
        warning: 'AGENCY_CODE_NOT_STANDARD',
      });
  });

  it('refuses anything else, with a reason', () => {
    const cases: [unknown, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      [undefined, 'empty'],
      [42, 'empty'],
      ['A'.repeat(36), 'tooLong'],
      ['x'.repeat(10_000), 'tooLong'],
      ['000.00.00.Đ22', 'characters'],
      ['000-00-00-G22', 'characters'],
      ['000.00.00 G22', 'characters'],
      ['.000.00.00.G22', 'format'],
      ['000..00.G22', 'format'],
      ['000.00.00.G22.', 'format'],
    ];
    for (const [input, reason] of cases) expect(checkAgencyCode(input)).toEqual({ ok: false, reason });
  });

  it('raises IDENTITY_AGENCY_CODE_INVALID through requireAgencyCode', () => {
    expect(codeOf(() => requireAgencyCode('000.00.00.G2!'))).toBe('IDENTITY_AGENCY_CODE_INVALID');
    expect(codeOf(() => requireAgencyCode('000.00.00.G22'))).toBe('no error');
  });

  it('finds the code one level up', () => {
    expect(parentAgencyCode('000.00.18.G12')).toBe('000.00.00.G12');
    expect(parentAgencyCode('001.02.18.G12')).toBe('000.02.18.G12');
    expect(parentAgencyCode('000.02.18.G12')).toBe('000.00.18.G12');
    expect(parentAgencyCode('000.00.00.G12')).toBeNull();
    expect(parentAgencyCode('28.22.H17')).toBeNull();
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (input) => {
        const result = checkAgencyCode(input);
        if (result.ok) {
          expect(result.code.length).toBeLessThanOrEqual(AGENCY_CODE_MAX_LENGTH);
          expect(result.code).toMatch(/^[0-9A-Z.]+$/);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts exactly the strings of [0-9A-Z.] in dot-separated groups, up to 35 characters', () => {
    const groups = fc
      .array(
        fc.string({
          unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
          minLength: 1,
          maxLength: 8,
        }),
        {
          minLength: 1,
          maxLength: 6,
        },
      )
      .map((g) => g.join('.'));
    fc.assert(
      fc.property(groups, (code) => {
        expect(checkAgencyCode(code).ok).toBe(code.length <= AGENCY_CODE_MAX_LENGTH);
      }),
    );
  });

  it('round-trips standard codes: format(parse(code)) = code and parse(format(levels)) = levels', () => {
    fc.assert(
      fc.property(levels, (l) => {
        const code = formatAgencyCode(l);
        expect(code).toHaveLength(13);
        const parsed = checkAgencyCode(code);
        expect(parsed).toMatchObject({ ok: true, standard: true, code, levels: l });
        if (parsed.ok && parsed.standard) expect(formatAgencyCode(parsed.levels)).toBe(code);
        expect(checkAgencyCode(code.toLowerCase())).toMatchObject({ code });
      }),
    );
  });
});
