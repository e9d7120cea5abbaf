/**
 * The meeting room's cast path (acceptVote): votes verified concurrently, then written by the poll's group
 * commit — many votes per transaction, one log chain, each caller answered with its own sealed receipt after
 * the commit; a duplicate within a batch refused alone; a closed poll refuses the whole batch.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog } from '../../platform/audit/index.js';
import { verifyDetached } from '../../platform/crypto/index.js';
import { isAppError } from '../../platform/errors/index.js';
import { checkChain, readLog } from './decisions.log.js';
import {
  actorOf,
  closeTestPoll,
  openTestPoll,
  votingWorld,
  type VotingWorld,
} from './decisions.test-helpers.js';
import { acceptVote, prepareVote, settleVotes, type SignedInput } from './polls.service.js';
import { votes } from './schema.js';

let p: TestPlatform;
let w: VotingWorld;

beforeAll(async () => {
  p = await testPlatform({});
  w = await votingWorld(p, 12, 'acc');
}, 120_000);
afterAll(async () => {
  await p?.close();
});

async function signedVote(pollId: string, i: number, choice: string): Promise<SignedInput> {
  const m = w.members[i]!;
  const prepared = await p.db.transaction((tx) =>
    prepareVote(tx, actorOf(w, m.personId), w.meetingId, pollId, {
      choice,
      certificateId: m.signer.certificateId,
    }),
  );
  return {
    payload: prepared.payload,
    toBeSigned: prepared.toBeSigned,
    signature: m.signer.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64'),
    certificateId: prepared.certificateId,
  };
}

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? 'ok' : isAppError(r.reason) ? r.reason.code : String(r.reason);

describe('group commit of signed votes', () => {
  it('writes concurrent votes in batches: own receipts, one chain, a duplicate refused alone', async () => {
    const pollId = await openTestPoll(w, 'Biểu quyết gộp?');
    const inputs = await Promise.all(w.members.map((_, i) => signedVote(pollId, i, i % 3 ? 'yes' : 'no')));
    // Member 1 sends a second, different vote at the same time: exactly one of the two is kept.
    const second = await signedVote(pollId, 1, 'abstain');
    let notified = 0;
    const sent = [...inputs.map((input, i) => ({ i, input })), { i: 1, input: second }];
    const results = await Promise.allSettled(
      sent.map(({ i, input }) =>
        acceptVote(p, actorOf(w, w.members[i]!.personId), w.meetingId, pollId, input, () => notified++),
      ),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(12);
    expect(codes.filter((c) => c !== 'ok')).toEqual(['CABINET_VOTE_DUPLICATE']);
    expect(notified).toBeGreaterThanOrEqual(1);
    expect(notified).toBeLessThan(12);

    const log = await readLog(p.db, { kind: 'poll', id: pollId });
    expect(log).toHaveLength(13);
    expect(checkChain({ kind: 'poll', id: pollId }, log)).toBeNull();
    const stored = await p.db.select().from(votes).where(eq(votes.pollId, pollId));
    expect(stored).toHaveLength(12);
    for (const [k, r] of results.entries()) {
      if (r.status !== 'fulfilled') continue;
      const { receipt } = r.value;
      const member = w.members[sent[k]!.i]!.personId;
      expect(receipt.memberId).toBe(member);
      const entry = log[receipt.logSeq]!;
      expect(entry.hash).toBe(receipt.logHash);
      const row = stored.find((v) => v.personId === member)!;
      expect(row.logSeq).toBe(receipt.logSeq);
      expect(entry.ref).toBe(row.id);
      expect(row.receiptPayload).toBe(receipt.payload);
      expect(JSON.parse(receipt.payload)).toMatchObject({
        type: 'cpdt.receipt',
        member,
        logSeq: receipt.logSeq,
        logHash: receipt.logHash,
      });
      verifyDetached(Buffer.from(receipt.signature, 'base64'), Buffer.from(receipt.payload));
    }
    // Fewer audit records than votes: one per batch.
    const records = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'cabinet_poll'), eq(auditLog.objectId, pollId)));
    const voteRecords = records.filter((r) => r.action.startsWith('cabinet.poll.vote'));
    expect(voteRecords.length).toBeGreaterThanOrEqual(1);
    expect(voteRecords.length).toBeLessThan(12);
    await closeTestPoll(w, pollId);
  });

  it('refuses every queued vote of a closed poll and writes nothing', async () => {
    const pollId = await openTestPoll(w, 'Biểu quyết sẽ đóng?');
    const inputs = await Promise.all([2, 3, 4].map((i) => signedVote(pollId, i, 'yes')));
    await closeTestPoll(w, pollId);
    const results = await Promise.allSettled(
      inputs.map((input, k) =>
        acceptVote(p, actorOf(w, w.members[k + 2]!.personId), w.meetingId, pollId, input),
      ),
    );
    expect(results.map(codeOf)).toEqual([
      'CABINET_POLL_CLOSED',
      'CABINET_POLL_CLOSED',
      'CABINET_POLL_CLOSED',
    ]);
    expect(await p.db.select().from(votes).where(eq(votes.pollId, pollId))).toHaveLength(0);
  });

  it('a close after the votes were sent finds them all in the log and the tally', async () => {
    const pollId = await openTestPoll(w, 'Biểu quyết rồi đóng?');
    const inputs = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((i) => signedVote(pollId, i, 'yes')));
    const sent = inputs.map((input, i) =>
      acceptVote(p, actorOf(w, w.members[i]!.personId), w.meetingId, pollId, input),
    );
    const receipts = await Promise.all(sent);
    await settleVotes(p, pollId);
    const closed = await closeTestPoll(w, pollId);
    expect(closed.outcome.counts['yes']).toBe(7);
    const log = await readLog(p.db, { kind: 'poll', id: pollId });
    expect(log.map((e) => e.type)).toEqual(['roster', ...receipts.map(() => 'vote'), 'close']);
  });
});
