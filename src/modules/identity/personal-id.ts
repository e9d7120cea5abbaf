/**
 * Số định danh cá nhân (the 12-digit personal identification number on the chip ID card, Nghị định
 * 137/2015/NĐ-CP, Thông tư 59/2021/TT-BCA): 3 digits for the province where the birth was registered,
 * 1 for century and sex, 2 for the year of birth, 6 random. The province codes are those of the 63
 * provinces before 1 July 2025: numbers already issued keep them, and the 34 provinces since then each
 * kept the code of one of the provinces merged into it.
 */
const PROVINCE_CODES = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 ' +
    '038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 ' +
    '080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

export type PersonalIdProblem = 'format' | 'province' | 'birthYear' | 'birthDate';

export interface PersonalIdFacts {
  provinceCode: string;
  birthYear: number;
  sex: 'male' | 'female';
}

export type PersonalIdCheck =
  { ok: true; facts: PersonalIdFacts } | { ok: false; problem: PersonalIdProblem };

/** Checks the number; with a known birth date (YYYY-MM-DD), also that the year it encodes agrees. */
export function checkPersonalId(value: string, now: Date, birthDate?: string | null): PersonalIdCheck {
  if (!/^[0-9]{12}$/.test(value)) return { ok: false, problem: 'format' };
  const provinceCode = value.slice(0, 3);
  if (!PROVINCE_CODES.has(provinceCode)) return { ok: false, problem: 'province' };
  const genderCentury = Number(value[3]);
  const birthYear = 1900 + Math.floor(genderCentury / 2) * 100 + Number(value.slice(4, 6));
  // The year in Vietnam: between 00:00 and 07:00 on 1 January it is already the new year there.
  if (birthYear > new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear())
    return { ok: false, problem: 'birthYear' };
  if (birthDate && Number(birthDate.slice(0, 4)) !== birthYear) return { ok: false, problem: 'birthDate' };
  return { ok: true, facts: { provinceCode, birthYear, sex: genderCentury % 2 === 0 ? 'male' : 'female' } };
}
