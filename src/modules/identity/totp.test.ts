import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, otpauthUri, totpCode, totpStep } from './totp.js';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890" (8-digit codes; ours
// keep the last 6 digits, which is what RFC 4226 truncation gives for 6).
const SEED = base32Encode(Buffer.from('12345678901234567890'));
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC test vectors', () => {
    for (const [seconds, eight] of vectors)
      expect(totpCode(SEED, totpStep(new Date(seconds * 1000)))).toBe(eight.slice(2));
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
  });

  it('accepts one step of drift, refuses older codes and a replay of the same step', () => {
    const at = new Date(1_700_000_000_000);
    const step = totpStep(at);
    expect(matchTotp(SEED, totpCode(SEED, step), at, null)).toBe(step);
    expect(matchTotp(SEED, totpCode(SEED, step - 1), at, null)).toBe(step - 1);
    expect(matchTotp(SEED, totpCode(SEED, step - 2), at, null)).toBeNull();
    expect(matchTotp(SEED, totpCode(SEED, step), at, step)).toBeNull();
    expect(matchTotp(SEED, '12345', at, null)).toBeNull();
  });

  it('builds the otpauth URI apps scan', () => {
    expect(otpauthUri('ABC', 'canbo', 'CPĐT')).toBe(
      'otpauth://totp/CP%C4%90T%3Acanbo?secret=ABC&issuer=CP%C4%90T&algorithm=SHA1&digits=6&period=30',
    );
  });
});
