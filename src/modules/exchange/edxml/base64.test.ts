import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Decoder, base64Encode } from './base64.js';
import { collect } from './attachments.js';

/** Decodes `text` cut at the given positions, as the tokenizer would hand it over. */
function decodeIn(pieces: string[], asBytes = false): { bytes: Buffer; decoder: Base64Decoder } {
  const d = new Base64Decoder();
  const out: Buffer[] = [];
  for (const p of pieces) {
    const b = d.push(asBytes ? Buffer.from(p, 'latin1') : p);
    if (b) out.push(b);
  }
  const last = d.end();
  if (last) out.push(last);
  return { bytes: Buffer.concat(out), decoder: d };
}

function cut(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let prev = 0;
  for (const c of at) {
    pieces.push(text.slice(prev, c));
    prev = c;
  }
  pieces.push(text.slice(prev));
  return pieces;
}

async function* chunks(b: Buffer, sizes: number[]): AsyncIterable<Buffer> {
  let i = 0;
  let k = 0;
  while (i < b.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    yield b.subarray(i, i + n);
    i += n;
  }
}

describe('Base64Decoder', () => {
  it('decodes any split of any bytes, with line breaks anywhere', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        (bytes, cuts, wrap, asBytes) => {
          let text = Buffer.from(bytes).toString('base64');
          if (wrap) text = text.replace(/(.{7})/g, '$1\r\n ');
          const { bytes: out, decoder } = decodeIn(cut(text, cuts), asBytes);
          expect(decoder.failure).toBeNull();
          expect(out.equals(Buffer.from(bytes))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses characters outside the alphabet, bad padding and a lone last character', () => {
    expect(decodeIn(['${__StringFromFile(test.txt,,,)}']).decoder.failure).toBe('alphabet');
    expect(decodeIn(['QUJD', 'RA==', 'QQ==']).decoder.failure).toBe('padding');
    expect(decodeIn(['QU=J']).decoder.failure).toBe('padding');
    expect(decodeIn(['QUJDR']).decoder.failure).toBe('length');
    expect(decodeIn(['QUJDRA=é']).decoder.failure).toBe('alphabet');
    // The byte path: base64url characters, a stray byte, a non-ASCII byte.
    expect(decodeIn(['QUJD', 'R-==']).decoder.failure).toBe('alphabet');
    expect(decodeIn(['QU_D'], true).decoder.failure).toBe('alphabet');
    expect(decodeIn(['QUJ*'], true).decoder.failure).toBe('alphabet');
    expect(decodeIn(['QUJ\u00e9QUJD'], true).decoder.failure).toBe('alphabet');
    expect(decodeIn(['QUJDQ*'], true).decoder.failure).toBe('alphabet');
  });

  it('finds a stray character anywhere, in bytes or text, whatever the cuts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.nat(),
        fc.constantFrom('*', '-', '_', '\u00e9', '.', '!', '\u0000'),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.boolean(),
        (bytes, at, bad, cuts, asBytes) => {
          const text = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
          const i = at % (text.length + 1);
          const { decoder } = decodeIn(cut(text.slice(0, i) + bad + text.slice(i), cuts), asBytes);
          expect(decoder.failure).not.toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts padding split across pieces, and a missing padding with a flag', () => {
    const split = decodeIn(['QUJDRA', '=', '=']);
    expect(split.decoder.failure).toBeNull();
    expect(split.bytes.toString()).toBe('ABCD');
    const unpadded = decodeIn(['QUJDRA']);
    expect(unpadded.bytes.toString()).toBe('ABCD');
    expect(unpadded.decoder.unpadded).toBe(true);
  });
});

describe('base64Encode', () => {
  it('encodes a stream in any chunking exactly as Buffer does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 5 }),
        async (bytes, sizes) => {
          const b = Buffer.from(bytes);
          const parts: string[] = [];
          for await (const s of base64Encode(chunks(b, sizes))) parts.push(s);
          expect(parts.join('')).toBe(b.toString('base64'));
          for (const p of parts.slice(0, -1)) expect(p.length % 4).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
    const big = Buffer.alloc(2_000_000, 7);
    const all: string[] = [];
    for await (const s of base64Encode(big)) all.push(s);
    expect(all.length).toBeGreaterThan(1);
    expect(all.join('')).toBe(big.toString('base64'));
    expect((await collect((async function* () {})())).length).toBe(0);
  });
});
