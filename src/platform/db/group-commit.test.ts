import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('writes what arrives in the same turn as one batch, and each caller gets its own answer', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, string>(async (batch) => {
      batches.push([...batch]);
      return batch.map((n) => (n === 3 ? new Error('three refused') : `ok ${n}`));
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => gc.submit(n)));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'ok 1',
      'ok 2',
      'three refused',
      'ok 4',
    ]);
  });

  it('retries a failed batch item by item, so only the failing item is refused', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>(async (batch) => {
      batches.push([...batch]);
      if (batch.includes(2)) throw new Error('constraint');
      return batch.map((n) => n * 10);
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => gc.submit(n)));
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('gathers what arrives while a batch is being written into the next one, up to the maximum', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const gc = new GroupCommit<number, number>(async (batch) => {
      batches.push([...batch]);
      if (batches.length === 1) await gate;
      return [...batch];
    }, 2);
    const first = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const later = [2, 3, 4].map((n) => gc.submit(n));
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });
});
