import { describe, expect, it } from 'vitest';
import type { XmlHandler } from './events.js';
import { teeHandlers } from './tee.js';
import { tokenize } from './tokenizer.js';

describe('teeHandlers', () => {
  it('gives every reader the same events in one pass, and only the events it listens for', () => {
    const names: string[] = [];
    const texts: string[] = [];
    const a: XmlHandler = { startElement: (e) => names.push(e.local) };
    const b: XmlHandler = {
      startElement: (e) => names.push(`b:${e.local}`),
      text: (t) => texts.push(t.text()),
    };
    const tee = teeHandlers(a, b);
    expect('comment' in tee).toBe(false);
    tokenize(Buffer.from('<r><x>một</x><!-- c --></r>'), tee);
    expect(names).toEqual(['r', 'b:r', 'x', 'b:x']);
    expect(texts).toEqual(['một']);
  });
});
