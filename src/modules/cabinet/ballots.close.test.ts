import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { testSigner } from '../../../test/support/signing.js';
import {
  as,
  ballotWorld,
  moveClock,
  sentBallot,
  vn,
  type BallotWorld,
  type Who,
} from './ballots.test-helpers.js';
import { checkChain, readLog } from './decisions.log.js';
import { ballotResponses, ballots, decisionCheckpoints } from './schema.js';
import { sha256Hex } from '../../platform/crypto/index.js';

interface Outcome {
  result: string;
  counts: Record<string, number>;
  deemed: number;
  missing: number;
  needed: number;
}
interface View {
  id: string;
  state: string;
  revision: number;
  hasResult: boolean;
  questions: { id: string; options: { id: string }[] }[];
  outcome: Record<string, Outcome> | null;
}

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('closing a ballot: non-replies, tally, sealed log and result report', () => {
  let w: BallotWorld;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-ballot-close-'));

  beforeAll(async () => {
    w = await ballotWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** `who` answers: per question a choice ('agree', 'other_opinion', or 'other_option' = the first option). */
  const answer = async (id: string, who: Who, choices: string[]) => {
    const url = `/api/cabinet/ballots/${id}`;
    const signer = await testSigner(w.p, w.ids[who]);
    const { questions } = (await as(w, who).get(url)).json<View>();
    const answers = questions.map((q, i) =>
      choices[i] === 'other_option'
        ? { questionId: q.id, choice: 'other_option', optionId: q.options[0]!.id }
        : choices[i] === 'other_opinion'
          ? {
              questionId: q.id,
              choice: 'other_opinion',
              text: `Ý kiến khác của ${who}: cần đánh giá tác động kỹ hơn.`,
            }
          : { questionId: q.id, choice: 'agree' },
    );
    const prepared = (await as(w, who).post(`${url}/prepare`, { answers })).json<{
      payload: string;
      toBeSigned: string;
      certificateId: string;
    }>();
    const res = await as(w, who).post(`${url}/answer`, {
      ...prepared,
      signature: signer.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64'),
    });
    expect(res.statusCode).toBe(201);
  };
  const close = async (id: string) => {
    const url = `/api/cabinet/ballots/${id}`;
    const { revision } = (await as(w, 'office').get(url)).json<View>();
    return as(w, 'office').post(`${url}/close`, { revision });
  };

  it('deems silence agreement when the rules say so, seals it, tallies and reports', async () => {
    const id = await sentBallot(w, { bodyId: w.deemedBodyId, reference: '21/PLYK-UBND' });
    await answer(id, 'chair', ['other_opinion', 'agree']);
    await answer(id, 'memberA', ['agree', 'other_option']);
    expect(errorCodeOf(await close(id))).toBe('CABINET_BALLOT_NOT_DUE');
    await moveClock(w, vn(12, 17, 30));
    const res = await close(id);
    expect(res.statusCode).toBe(200);
    const b = res.json<View>();
    expect(b.state).toBe('closed');
    expect(b.hasResult).toBe(true);
    const [q1, q2] = b.questions;
    // Q1: memberA agrees, memberB deemed to agree: 2 of 3 (more than half of all members) → passed.
    expect(b.outcome![q1!.id]).toMatchObject({
      result: 'passed',
      counts: { agree: 1, other_opinion: 1 },
      deemed: 1,
      needed: 2,
    });
    expect(b.outcome![q2!.id]).toMatchObject({
      result: 'passed',
      counts: { agree: 1, other_option: 1 },
      deemed: 1,
    });

    // The log: roster, two signed answers, memberB's sealed deemed entry, close; chain intact; checkpoints.
    const log = await readLog(w.p.db, { kind: 'ballot', id });
    expect(log.map((e) => e.type)).toEqual(['roster', 'answer', 'answer', 'deemed', 'close']);
    expect(checkChain({ kind: 'ballot', id }, log)).toBeNull();
    const [deemed] = await w.p.db
      .select()
      .from(ballotResponses)
      .where(and(eq(ballotResponses.ballotId, id), eq(ballotResponses.personId, w.ids.memberB)));
    expect(deemed!.state).toBe('deemed');
    expect(deemed!.logSeq).toBe(3);
    expect(sha256Hex(deemed!.payload!)).toBe(log[3]!.payloadSha256);
    expect(JSON.parse(deemed!.payload!)).toMatchObject({
      type: 'cpdt.ballot-deemed',
      ballot: id,
      member: w.ids.memberB,
      deadline: vn(12, 17).toISOString(),
    });
    expect(JSON.parse(deemed!.payload!).legalBasis).toContain('Điều 17 khoản 2');
    const checkpoints = await w.p.db
      .select()
      .from(decisionCheckpoints)
      .where(and(eq(decisionCheckpoints.decisionKind, 'ballot'), eq(decisionCheckpoints.decisionId, id)))
      .orderBy(decisionCheckpoints.size);
    expect(checkpoints.map((c) => c.size)).toEqual([4, 5]);
    expect(JSON.parse(checkpoints[0]!.payload).type).toBe('cpdt.close');
    expect(sha256Hex(checkpoints[0]!.payload)).toBe(log[4]!.payloadSha256);
    expect(JSON.parse(checkpoints[1]!.payload)).toMatchObject({
      type: 'cpdt.checkpoint',
      size: 5,
      head: log[4]!.hash,
    });

    // The board shows the deemed member; members read the outcome.
    const board = (await as(w, 'office').get(`/api/cabinet/ballots/${id}/board`)).json<{
      items: { state: string; deemed: boolean }[];
    }>().items;
    expect(board.map((r) => r.state)).toEqual(['signed', 'signed', 'deemed']);
    expect((await as(w, 'memberB').get(`/api/cabinet/ballots/${id}`)).json<View>().outcome).not.toBeNull();

    // The sealed result report.
    const pdf = await as(w, 'memberA').get(`/api/cabinet/ballots/${id}/result`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = path.join(tmp, 'result.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const [row] = await w.p.db.select().from(ballots).where(eq(ballots.id, id));
    expect(sha256Hex(pdf.rawPayload)).toBe(row!.resultSha256);
    if (hasPoppler) {
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('BÁO CÁO TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN');
      expect(text).toContain('21/PLYK-UBND');
      expect(text).toContain('Kết quả: Thông qua');
      expect(text).toContain('được coi là đồng ý');
      expect(text).toContain('Ý kiến khác của chair: cần đánh giá tác động kỹ hơn.');
      expect(text).toContain(log[4]!.hash.slice(0, 16));
      const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      expect(sig).toContain('Signature is Valid');
    }
    // Closed: no more answers, no second close.
    expect(errorCodeOf(await close(id))).toBe('CABINET_BALLOT_WRONG_STATE');
  });

  it('does not count silence when the rules say so, and may close early once everyone has signed', async () => {
    await moveClock(w, vn(16, 9, 0));
    const silent = await sentBallot(w, { reference: '22/PLYK-UBND' });
    await answer(silent, 'chair', ['agree', 'agree']);
    await answer(silent, 'memberA', ['other_opinion', 'agree']);
    await moveClock(w, vn(19, 17, 0));
    const b = (await close(silent)).json<View>();
    const [q1, q2] = b.questions;
    // Q1: 1 for (the chair), 1 against, 1 silent and not counted: tied, the chair's side prevails; Q2: 2 for.
    expect(b.outcome![q1!.id]).toMatchObject({ result: 'passed_by_tie_break', deemed: 0, missing: 1 });
    expect(b.outcome![q2!.id]).toMatchObject({ result: 'passed', deemed: 0 });
    expect((await readLog(w.p.db, { kind: 'ballot', id: silent })).map((e) => e.type)).toEqual([
      'roster',
      'answer',
      'answer',
      'close',
    ]);

    const early = await sentBallot(w, { reference: '23/PLYK-UBND' });
    await answer(early, 'chair', ['agree', 'agree']);
    await answer(early, 'memberA', ['agree', 'agree']);
    expect(errorCodeOf(await close(early))).toBe('CABINET_BALLOT_NOT_DUE');
    await answer(early, 'memberB', ['agree', 'other_option']);
    const closed = (await close(early)).json<View>();
    expect(closed.state).toBe('closed');
  });
});
