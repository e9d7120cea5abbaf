import { describe, expect, it } from 'vitest';
import { checkPersonalId } from './personal-id.js';

const now = new Date('2026-11-23T00:00:00Z');

describe('checkPersonalId', () => {
  it('reads province, century, sex and year of birth', () => {
    expect(checkPersonalId('001085012345', now)).toEqual({
      ok: true,
      facts: { provinceCode: '001', birthYear: 1985, sex: 'male' },
    });
    expect(checkPersonalId('079303000123', now)).toEqual({
      ok: true,
      facts: { provinceCode: '079', birthYear: 2003, sex: 'female' },
    });
  });

  it('refuses 11 or 13 digits, letters and spaces', () => {
    for (const bad of ['00108501234', '0010850123456', '00108501234A', '001 85012345', ''])
      expect(checkPersonalId(bad, now)).toEqual({ ok: false, problem: 'format' });
  });

  it('refuses an unknown province code and a birth year in the future', () => {
    expect(checkPersonalId('003085012345', now)).toEqual({ ok: false, problem: 'province' });
    expect(checkPersonalId('001230012345', now)).toEqual({ ok: false, problem: 'birthYear' });
  });

  it('checks the year against a known birth date', () => {
    expect(checkPersonalId('001085012345', now, '1985-04-30').ok).toBe(true);
    expect(checkPersonalId('001085012345', now, '1986-04-30')).toEqual({ ok: false, problem: 'birthDate' });
  });
});
