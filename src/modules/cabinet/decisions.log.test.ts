import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/db.js';
import { sha256Hex } from '../../platform/crypto/index.js';
import {
  appendManyToLog,
  appendToLog,
  checkChain,
  entryHash,
  GENESIS_HASH,
  readLog,
} from './decisions.log.js';

const at = new Date('2026-11-23T02:00:00Z');

describe('decision evidence log', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('chains entries per decision and finds the first one changed, removed or reordered', async () => {
    const poll = { kind: 'poll' as const, id: crypto.randomUUID() };
    const other = { kind: 'ballot' as const, id: crypto.randomUUID() };
    await db.db.transaction(async (tx) => {
      await appendToLog(tx, poll, { type: 'roster', payloadSha256: sha256Hex('roster') }, at);
      await appendToLog(tx, other, { type: 'roster', payloadSha256: sha256Hex('other') }, at);
      for (const v of ['a', 'b', 'c'])
        await appendToLog(tx, poll, { type: 'vote', payloadSha256: sha256Hex(v), ref: v }, at);
    });
    const log = await readLog(db.db, poll);
    expect(log.map((e) => [e.seq, e.type, e.ref])).toEqual([
      [0, 'roster', null],
      [1, 'vote', 'a'],
      [2, 'vote', 'b'],
      [3, 'vote', 'c'],
    ]);
    expect(log[0]!.prevHash).toBe(GENESIS_HASH);
    expect(log[2]!.prevHash).toBe(log[1]!.hash);
    expect(checkChain(poll, log)).toBeNull();
    expect((await readLog(db.db, other)).map((e) => e.seq)).toEqual([0]);

    const edited = log.map((e) => (e.seq === 2 ? { ...e, payloadSha256: sha256Hex('B') } : e));
    expect(checkChain(poll, edited)).toEqual({ seq: 2, problem: 'hash' });
    expect(checkChain(poll, [log[0]!, log[2]!, log[3]!])).toEqual({ seq: 2, problem: 'seq' });
    // Recomputing the edited entry's hash to hide the edit breaks the next entry's link instead.
    const rehashed = edited.map((e) => ({ ...e }));
    const forged = rehashed[2]!;
    forged.hash = entryHash({
      decision: poll,
      seq: 2,
      type: 'vote',
      payloadSha256: forged.payloadSha256,
      prev: forged.prevHash,
    });
    expect(checkChain(poll, rehashed)).toEqual({ seq: 3, problem: 'prev' });
    // The same entries under another decision do not verify: the decision is part of every hash.
    expect(checkChain({ kind: 'poll', id: crypto.randomUUID() }, log)).toEqual({ seq: 0, problem: 'hash' });
  });

  it('never forks the chain when appends race', async () => {
    const poll = { kind: 'poll' as const, id: crypto.randomUUID() };
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.db.transaction((tx) =>
          appendToLog(tx, poll, { type: 'vote', payloadSha256: sha256Hex(String(i)) }, at),
        ),
      ),
    );
    const log = await readLog(db.db, poll);
    expect(log.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(checkChain(poll, log)).toBeNull();
  });

  it('appends a batch as the same chain as one entry after another', async () => {
    const poll = { kind: 'poll' as const, id: crypto.randomUUID() };
    const entries = ['a', 'b', 'c', 'd', 'e'].map((v) => ({
      type: 'vote' as const,
      payloadSha256: sha256Hex(v),
      ref: `vote-${v}`,
    }));
    const returned = await db.db.transaction(async (tx) => {
      await appendToLog(tx, poll, { type: 'roster', payloadSha256: sha256Hex('roster') }, at);
      return [
        ...(await appendManyToLog(tx, poll, entries.slice(0, 2), at)),
        ...(await appendManyToLog(tx, poll, entries.slice(2), at)),
      ];
    });
    const log = await readLog(db.db, poll);
    expect(returned.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(log.slice(1).map((e) => ({ seq: e.seq, hash: e.hash, prevHash: e.prevHash }))).toEqual(returned);
    expect(log.map((e) => e.ref)).toEqual([null, 'vote-a', 'vote-b', 'vote-c', 'vote-d', 'vote-e']);
    // checkChain recomputes every hash on its own: the batch wrote the chain one-by-one appends define.
    expect(checkChain(poll, log)).toBeNull();
    expect(await appendManyToLog(db.db, poll, [], at)).toEqual([]);
  });
});
