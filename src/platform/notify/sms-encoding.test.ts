import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_CODING_DEFAULT, DATA_CODING_UCS2, decodeSmsText, encodeSms } from './sms-encoding.js';

describe('SMS encoding', () => {
  it('sends Vietnamese as one UCS-2 message up to 70 characters', () => {
    const text = 'Mời đồng chí dự họp lúc 8 giờ 30, thứ Hai, tại Phòng họp số 1.';
    const e = encodeSms(text, 7);
    expect(e).toMatchObject({ dataCoding: DATA_CODING_UCS2, udh: false });
    expect(e.parts).toHaveLength(1);
    expect(e.parts[0]!.length).toBe(text.length * 2);
    expect(decodeSmsText(e.parts[0]!, DATA_CODING_UCS2, false)).toBe(text);
  });

  it('composes decomposed diacritics (NFD) before counting', () => {
    const nfd = 'Chính phủ'.normalize('NFD');
    expect(decodeSmsText(encodeSms(nfd, 0).parts[0]!, DATA_CODING_UCS2, false)).toBe('Chính phủ');
  });

  it('splits with a concatenation header: 67 UCS-2 characters or 153 default-alphabet characters a part', () => {
    const vi = 'ă'.repeat(71);
    const e = encodeSms(vi, 300); // the reference is one octet
    expect(e.parts.map((p) => p.length)).toEqual([6 + 67 * 2, 6 + 4 * 2]);
    expect([...e.parts[1]!.subarray(0, 6)]).toEqual([0x05, 0x00, 0x03, 300 & 0xff, 2, 2]);
    const ascii = encodeSms('a'.repeat(161), 1);
    expect(ascii.dataCoding).toBe(DATA_CODING_DEFAULT);
    expect(ascii.parts.map((p) => p.length)).toEqual([6 + 153, 6 + 8]);
    expect(encodeSms('a'.repeat(160), 1).parts).toHaveLength(1);
  });

  it('uses UCS-2 for ASCII characters whose GSM codes differ ("@", "$", "_", brackets)', () => {
    for (const t of ['a@b.vn', 'US$5', 'so_ho_so', '[1]', '{x}', 'a~b'])
      expect(encodeSms(t, 0).dataCoding).toBe(DATA_CODING_UCS2);
  });

  it('never splits a surrogate pair across parts', () => {
    const text = `${'a'.repeat(66)}😀${'ư'.repeat(10)}`;
    const e = encodeSms(text, 1);
    const texts = e.parts.map((p) => decodeSmsText(p, e.dataCoding, true));
    expect(texts[0]).toBe('a'.repeat(66));
    expect(texts.join('')).toBe(text);
  });

  it('any text survives encoding: parts fit 140 octets and join back to the NFC text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 600 }),
        fc.integer({ min: 0, max: 255 }),
        (text, ref) => {
          const e = encodeSms(text, ref);
          for (const p of e.parts) expect(p.length).toBeLessThanOrEqual(140);
          const joined = e.parts.map((p) => decodeSmsText(p, e.dataCoding, e.udh)).join('');
          expect(joined).toBe(text.normalize('NFC'));
          if (e.udh) expect(e.parts.every((p, i) => p[4] === e.parts.length && p[5] === i + 1)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
