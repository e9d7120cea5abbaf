import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDXML_ISSUES } from './issues.js';
import { parseEdxml, type ParseResult } from './parse.js';
import { EDXML_SAMPLES } from '../../../../test/support/shared-data.js';

const DIR = EDXML_SAMPLES;
/** Small fixtures: the big samples are the same shapes with a 360 KB attachment, which adds time, not cases. */
const SEEDS = [
  'lgsp-multi-recipient.edxml',
  'status_inbox_01.edxml',
  'status_cancellation_13.edxml',
  'edoc.edxml',
].map((f) => fs.readFileSync(`${DIR}/${f}`));
const EDOC_NEW = fs.readFileSync(`${DIR}/edoc_new.edxml`);

async function* inChunks(b: Buffer, sizes: number[]): AsyncIterable<Buffer> {
  let i = 0;
  let k = 0;
  while (i < b.length) {
    const n = sizes.length ? Math.max(1, sizes[k++ % sizes.length]!) : b.length;
    yield b.subarray(i, i + n);
    i += n;
  }
}

/** parse, bounded in time: a hang fails the property instead of the whole run. */
async function bounded(input: Buffer, sizes: number[] = []): Promise<ParseResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('parse did not finish within 2 s')), 2000);
  });
  try {
    return await Promise.race([parseEdxml(sizes.length ? inChunks(input, sizes) : input), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function wellFormedResult(r: ParseResult): void {
  for (const i of [...r.errors, ...r.warnings]) {
    expect(Object.hasOwn(EDXML_ISSUES, i.code)).toBe(true);
    expect(typeof i.element).toBe('string');
  }
  for (const e of r.errors) expect(e.severity).toBe('error');
  for (const w of r.warnings) expect(w.severity).toBe('warning');
  if (r.message === null) expect(r.errors.length).toBeGreaterThan(0);
}

const TAGS = [
  '<edXML:To>',
  '</edXML:To>',
  '<edXML:OrganId>',
  '<x:y>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '&amp;',
  '&#0;',
  '&bogus;',
  '<edXML:ContentTransferEncoded>',
  '<?pi x?>',
  '<a b="1" b="2">',
  '\u0000',
  '\uFFFF',
  '<!DOCTYPE x>',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...TAGS),
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(seed: Buffer, ms: Mutation[]): Buffer {
  let b = Buffer.from(seed);
  for (const m of ms) {
    const at = b.length ? m.at % b.length : 0;
    if (m.kind === 'flip') b[at] = m.byte;
    else if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text), b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
  }
  return b;
}

describe('parseEdxml under fuzzing', () => {
  it('never throws nor hangs on mutated samples, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 3 }),
        async (seed, ms, sizes) => {
          wellFormedResult(await bounded(mutate(SEEDS[seed]!, ms), sizes));
        },
      ),
      { numRuns: 250 },
    );
  });

  it('never throws nor hangs on arbitrary strings and bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
        async (s) => {
          wellFormedResult(await bounded(Buffer.from(s)));
        },
      ),
      { numRuns: 150 },
    );
    wellFormedResult(await bounded(Buffer.alloc(0)));
  });

  it('reads the same message whatever the chunking of a sample', async () => {
    const whole = await parseEdxml(EDOC_NEW);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 4 }),
        async (sizes) => {
          expect(await bounded(EDOC_NEW, sizes)).toEqual(whole);
        },
      ),
      { numRuns: 15 },
    );
    const oneByte = await parseEdxml(inChunks(SEEDS[0]!, [1]));
    expect(oneByte).toEqual(await parseEdxml(SEEDS[0]!));
  });
});
