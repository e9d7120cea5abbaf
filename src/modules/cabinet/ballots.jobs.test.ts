import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { testSigner } from '../../../test/support/signing.js';
import { notifications } from '../../platform/notify/schema.js';
import { BALLOT_ALERTS_QUEUE, runBallotAlerts } from './ballots.jobs.js';
import { as, ballotWorld, moveClock, sentBallot, vn, type BallotWorld } from './ballots.test-helpers.js';
import { ballotAlerts } from './schema.js';

/**
 * Sent Monday 9 March 09:00 with 3 working days: due Thursday 12 March 17:00 (Hà Nội). h48 from Tuesday
 * 17:00, h24 from Wednesday 17:00, h4 from Thursday 13:00, overdue from 17:00, escalated from Friday 17:00.
 */
describe('ballot reminders and overdue warnings', () => {
  let w: BallotWorld;
  let id: string;

  beforeAll(async () => {
    w = await ballotWorld();
    id = await sentBallot(w);
    // memberA signs at once: no reminders for them.
    const signer = await testSigner(w.p, w.ids.memberA);
    const url = `/api/cabinet/ballots/${id}`;
    const { questions } = (await as(w, 'memberA').get(url)).json<{ questions: { id: string }[] }>();
    const prepared = (
      await as(w, 'memberA').post(`${url}/prepare`, {
        answers: questions.map((q) => ({ questionId: q.id, choice: 'agree' })),
      })
    ).json<{ payload: string; toBeSigned: string; certificateId: string }>();
    const res = await as(w, 'memberA').post(`${url}/answer`, {
      ...prepared,
      signature: signer.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64'),
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  /** Runs every scheduled job (twice: it may run any number of times); the alerts so far, per member. */
  const runAt = async (at: Date) => {
    w.p.clock.set(at);
    await w.p.jobs.drain();
    await runBallotAlerts(w.p);
    const rows = await w.p.db.select().from(ballotAlerts).where(eq(ballotAlerts.ballotId, id));
    const of = (personId: string) =>
      rows
        .filter((r) => r.personId === personId)
        .map((r) => r.kind)
        .sort();
    return { chair: of(w.ids.chair), memberA: of(w.ids.memberA), memberB: of(w.ids.memberB) };
  };
  /** Who got alerts of this kind about memberB's answer: person → channels. */
  const recipients = async (kind: string, memberId = w.ids.memberB) => {
    const rows = (
      await w.p.db.select().from(notifications).where(eq(notifications.template, 'cabinet.ballot.alert'))
    ).filter(
      (n) =>
        n.dedupeKey?.startsWith(`cabinet.ballot:${id}:${kind}:`) && n.dedupeKey.includes(`:${memberId}:`),
    );
    const byPerson = new Map<string, string[]>();
    for (const n of rows)
      byPerson.set(n.recipientName!, [...(byPerson.get(n.recipientName!) ?? []), n.channel].sort());
    return Object.fromEntries([...byPerson].sort());
  };
  const all = ['email', 'inapp', 'sms'];

  it('is registered as a scheduled job', () => {
    expect(BALLOT_ALERTS_QUEUE).toBe('cabinet.ballots.alerts');
  });

  it('stays quiet while the deadline is more than 48 hours away', async () => {
    expect(await runAt(vn(10, 16, 59))).toEqual({ chair: [], memberA: [], memberB: [] });
  });

  it('reminds at 48 hours to members who have not signed and their secretaries', async () => {
    expect(await runAt(vn(10, 17, 0))).toEqual({ chair: ['h48'], memberA: [], memberB: ['h48'] });
    expect(await recipients('h48')).toEqual({ 'Bùi Thị Giúp Việc': all, 'Hoàng Thị Ý Kiến': all });
    expect(await recipients('h48', w.ids.chair)).toEqual({ 'Nguyễn Đức Chủ Tịch': all });
    // Again later the same day: nothing new.
    expect(await runAt(vn(10, 20, 0))).toEqual({ chair: ['h48'], memberA: [], memberB: ['h48'] });
  });

  it('reminds at 24 and 4 hours, each once', async () => {
    expect((await runAt(vn(11, 16, 59))).chair).toEqual(['h48']);
    expect(await runAt(vn(11, 17, 0))).toEqual({
      chair: ['h24', 'h48'],
      memberA: [],
      memberB: ['h24', 'h48'],
    });
    expect((await runAt(vn(12, 12, 59))).chair).toEqual(['h24', 'h48']);
    expect(await runAt(vn(12, 13, 0))).toEqual({
      chair: ['h24', 'h4', 'h48'],
      memberA: [],
      memberB: ['h24', 'h4', 'h48'],
    });
    expect(await recipients('h4')).toEqual({ 'Bùi Thị Giúp Việc': all, 'Hoàng Thị Ý Kiến': all });
  });

  it('warns once the deadline passes, then escalates a working day later to the follow-up officer', async () => {
    expect((await runAt(vn(12, 16, 59))).chair).toEqual(['h24', 'h4', 'h48']);
    expect((await runAt(vn(12, 17, 0))).memberB).toEqual(['h24', 'h4', 'h48', 'overdue']);
    expect(await recipients('overdue')).toEqual({ 'Bùi Thị Giúp Việc': all, 'Hoàng Thị Ý Kiến': all });
    expect((await runAt(vn(13, 16, 59))).memberB).toEqual(['h24', 'h4', 'h48', 'overdue']);
    expect((await runAt(vn(13, 17, 0))).memberB).toEqual([
      'h24',
      'h4',
      'h48',
      'overdue',
      'overdue_escalated',
    ]);
    expect(await recipients('overdue_escalated')).toEqual({
      'Bùi Thị Giúp Việc': all,
      'Hoàng Thị Ý Kiến': all,
      'Đặng Văn Đôn Đốc': all,
    });
    // And only once.
    const count = (await w.p.db.select().from(ballotAlerts)).length;
    await runAt(vn(16, 10, 0));
    expect((await w.p.db.select().from(ballotAlerts)).length).toBe(count);
  });

  it('starts again for an extended deadline, and stops once the ballot is recalled', async () => {
    await moveClock(w, vn(16, 9, 0));
    const url = `/api/cabinet/ballots/${id}`;
    const cur = (await as(w, 'office').get(url)).json<{ revision: number }>();
    expect(
      errorCodeOf(
        await as(w, 'office').post(`${url}/extend`, { revision: cur.revision, deadline: '2026-03-12' }),
      ),
    ).toBe('CABINET_BALLOT_DEADLINE_INVALID');
    expect(
      errorCodeOf(
        await as(w, 'office').post(`${url}/extend`, { revision: cur.revision, deadline: '2026-03-21' }),
      ),
    ).toBe('CABINET_BALLOT_DEADLINE_INVALID'); // a Saturday
    const extended = await as(w, 'office').post(`${url}/extend`, {
      revision: cur.revision,
      deadline: '2026-03-18',
    });
    expect(extended.statusCode).toBe(200);
    expect(extended.json<{ deadline: string; originalDeadline: string }>()).toMatchObject({
      deadline: vn(18, 17).toISOString(),
      originalDeadline: vn(12, 17).toISOString(),
    });
    const extendedNotices = (
      await w.p.db.select().from(notifications).where(eq(notifications.template, 'cabinet.ballot.extended'))
    ).map((n) => n.recipientName);
    expect(new Set(extendedNotices)).toEqual(
      new Set(['Nguyễn Đức Chủ Tịch', 'Hoàng Thị Ý Kiến', 'Bùi Thị Giúp Việc']),
    );
    // Monday 17:00 is 48 hours before Wednesday 17:00: h48 again, for the new deadline.
    const rows = async () =>
      (
        await w.p.db
          .select()
          .from(ballotAlerts)
          .where(eq(ballotAlerts.deadline, vn(18, 17)))
      ).map((r) => `${r.personId === w.ids.chair ? 'chair' : 'memberB'}:${r.kind}`);
    await runAt(vn(16, 17, 0));
    expect((await rows()).sort()).toEqual(['chair:h48', 'memberB:h48']);
    await moveClock(w, vn(16, 17, 5));
    const cur2 = (await as(w, 'office').get(url)).json<{ revision: number }>();
    expect(
      errorCodeOf(await as(w, 'office').post(`${url}/recall`, { revision: cur2.revision, reason: ' ' })),
    ).toBe('CABINET_BALLOT_REASON_REQUIRED');
    const recalled = await as(w, 'office').post(`${url}/recall`, {
      revision: cur2.revision,
      reason: 'Cơ quan chủ trì đề nghị rút lại để hoàn thiện hồ sơ.',
    });
    expect(recalled.json<{ state: string }>().state).toBe('recalled');
    const recallNotices = (
      await w.p.db.select().from(notifications).where(eq(notifications.template, 'cabinet.ballot.recalled'))
    ).map((n) => n.recipientName);
    expect(new Set(recallNotices)).toEqual(
      new Set(['Nguyễn Đức Chủ Tịch', 'Trần Quốc Việt', 'Hoàng Thị Ý Kiến', 'Bùi Thị Giúp Việc']),
    );
    await runAt(vn(17, 17, 0));
    await moveClock(w, vn(17, 17, 5));
    expect((await rows()).sort()).toEqual(['chair:h48', 'memberB:h48']);
    // Recalled: no tally, no close.
    expect(errorCodeOf(await as(w, 'office').post(`${url}/close`, { revision: cur2.revision + 1 }))).toBe(
      'CABINET_BALLOT_WRONG_STATE',
    );
  });
});
