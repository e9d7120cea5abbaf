import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { testSigner, type TestSigner } from '../../../test/support/signing.js';
import { minimalPdf, multipart } from './papers.test-helpers.js';
import { notifications } from '../../platform/notify/schema.js';
import { as, ballotWorld, moveClock, sentBallot, vn, type BallotWorld } from './ballots.test-helpers.js';
import { ballotResponses, ballots, decisionLog } from './schema.js';
import { checkChain, readLog } from './decisions.log.js';

interface View {
  id: string;
  state: string;
  revision: number;
  deadline: string | null;
  questions: { id: string; options: { id: string }[] }[];
  roster: { personId: string; chair: boolean }[] | null;
  may: Record<string, boolean>;
  mine: { personId: string; state: string; draftedBy: { displayName: string } | null; mySelf: boolean }[];
}
interface Prepared {
  payload: string;
  payloadSha256: string;
  toBeSigned: string;
  certificateId: string;
  summary: { vi: string[]; en: string[] };
}

describe('written opinion ballots: workflow', () => {
  let w: BallotWorld;
  beforeAll(async () => {
    w = await ballotWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const draft = (body: Partial<Record<string, unknown>> = {}) =>
    as(w, 'office').post('/api/cabinet/ballots', {
      bodyId: w.bodyId,
      title: 'Xin ý kiến về Đề án sắp xếp đơn vị hành chính',
      questions: [{ text: 'Thông qua Đề án?' }],
      answerDays: 3,
      ...body,
    });
  const view = async (id: string, who: Parameters<typeof as>[1] = 'office') =>
    (await as(w, who).get(`/api/cabinet/ballots/${id}`)).json<View>();

  it('refuses a bad draft with a code and creates nothing', async () => {
    const before = (await w.p.db.select().from(ballots)).length;
    expect(errorCodeOf(await draft({ answerDays: 9 }))).toBe('CABINET_BALLOT_INVALID');
    expect(errorCodeOf(await draft({ answerDays: 1 }))).toBe('CABINET_BALLOT_INVALID');
    expect(errorCodeOf(await draft({ title: '   ' }))).toBe('CABINET_BALLOT_INVALID');
    expect(errorCodeOf(await draft({ questions: [] }))).toBe('CABINET_BALLOT_INVALID');
    expect(errorCodeOf(await draft({ questions: [{ text: 'x', options: [{ label: ' ' }] }] }))).toBe(
      'CABINET_BALLOT_INVALID',
    );
    // Only the office of the body's agency drafts.
    expect(
      errorCodeOf(
        await as(w, 'memberA').post('/api/cabinet/ballots', {
          bodyId: w.bodyId,
          title: 'x',
          questions: [{ text: 'y' }],
          answerDays: 3,
        }),
      ),
    ).toBe('CABINET_BALLOT_FORBIDDEN');
    expect(
      errorCodeOf(
        await as(w, 'officeB').post('/api/cabinet/ballots', {
          bodyId: w.bodyId,
          title: 'x',
          questions: [{ text: 'y' }],
          answerDays: 3,
        }),
      ),
    ).toBe('CABINET_BALLOT_INVALID');
    expect((await w.p.db.select().from(ballots)).length).toBe(before);
  });

  it('goes draft → submitted → approved (by another person) → open, with coded wrong states', async () => {
    const res = await draft();
    expect(res.statusCode).toBe(201);
    const b = res.json<View>();
    expect(b.state).toBe('draft');
    // Drafts are the office's: members and strangers do not see them.
    expect((await as(w, 'memberA').get(`/api/cabinet/ballots/${b.id}`)).statusCode).toBe(404);
    expect((await as(w, 'officeB').get(`/api/cabinet/ballots/${b.id}`)).statusCode).toBe(404);
    const url = `/api/cabinet/ballots/${b.id}`;
    expect(
      errorCodeOf(await as(w, 'office').post(`${url}/send`, { revision: b.revision, reference: '1/PLYK' })),
    ).toBe('CABINET_BALLOT_WRONG_STATE');
    expect(errorCodeOf(await as(w, 'office').post(`${url}/approve`, { revision: b.revision }))).toBe(
      'CABINET_BALLOT_NOT_APPROVER',
    );
    expect(errorCodeOf(await as(w, 'office').post(`${url}/submit`, { revision: b.revision + 7 }))).toBe(
      'CABINET_BALLOT_CHANGED',
    );
    const edited = await as(w, 'office').put(url, {
      revision: b.revision,
      title: 'Xin ý kiến về Đề án sắp xếp đơn vị hành chính cấp xã',
      questions: [
        { id: b.questions[0]!.id, text: 'Thông qua Đề án?' },
        { text: 'Thời điểm thực hiện', options: [{ label: 'Năm 2026' }, { label: 'Năm 2027' }] },
      ],
      answerDays: 2,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<View>().questions[0]!.id).toBe(b.questions[0]!.id);
    let cur = await view(b.id);
    expect((await as(w, 'office').post(`${url}/submit`, { revision: cur.revision })).statusCode).toBe(200);
    cur = await view(b.id);
    expect(cur.state).toBe('submitted');
    expect(
      errorCodeOf(
        await as(w, 'office').put(url, {
          revision: cur.revision,
          title: 'x',
          questions: [{ text: 'y' }],
          answerDays: 3,
        }),
      ),
    ).toBe('CABINET_BALLOT_WRONG_STATE');
    expect((await as(w, 'leader').post(`${url}/approve`, { revision: cur.revision })).statusCode).toBe(200);
    cur = await view(b.id);
    expect(cur.state).toBe('approved');
    expect(
      errorCodeOf(await as(w, 'office').post(`${url}/send`, { revision: cur.revision, reference: '  ' })),
    ).toBe('CABINET_BALLOT_REFERENCE_REQUIRED');
    const sent = await as(w, 'office').post(`${url}/send`, {
      revision: cur.revision,
      reference: '7/PLYK-UBND',
    });
    expect(sent.statusCode).toBe(200);
    cur = sent.json<View>();
    expect(cur.state).toBe('open');
    // Monday 09:00 + 2 working days → Wednesday 17:00 Hà Nội.
    expect(cur.deadline).toBe(vn(11, 17).toISOString());
    expect(cur.roster!.map((r) => r.personId)).toEqual([w.ids.chair, w.ids.memberA, w.ids.memberB]);
    expect(cur.roster!.map((r) => r.chair)).toEqual([true, false, false]);
    const rows = await w.p.db.select().from(ballotResponses).where(eq(ballotResponses.ballotId, b.id));
    expect(rows.map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
    expect(rows.every((r) => r.deliveredAt !== null)).toBe(true);
    // Everyone on the roster and memberB's secretary were told, by e-mail, SMS and in-app.
    const told = await w.p.db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'cabinet.ballot.sent'));
    const about = told.filter((n) => n.dedupeKey?.includes(b.id));
    const people = new Set(about.map((n) => n.personId));
    expect(people).toEqual(new Set([w.ids.chair, w.ids.memberA, w.ids.memberB, w.ids.secretary]));
    expect(new Set(about.filter((n) => n.personId === w.ids.secretary).map((n) => n.channel))).toEqual(
      new Set(['email', 'sms', 'inapp']),
    );
    // The roster is sealed and entry 0 of the log.
    const log = await readLog(w.p.db, { kind: 'ballot', id: b.id });
    expect(log.map((e) => e.type)).toEqual(['roster']);
    // Now members see it; cancelling an open ballot is refused.
    expect((await as(w, 'memberA').get(url)).statusCode).toBe(200);
    expect((await as(w, 'secretary').get(url)).json<View>().mine.map((m) => m.personId)).toEqual([
      w.ids.memberB,
    ]);
    expect(errorCodeOf(await as(w, 'office').post(`${url}/cancel`, { revision: cur.revision }))).toBe(
      'CABINET_BALLOT_WRONG_STATE',
    );
  });

  it('the drafter cannot approve their own ballot; a draft can be cancelled', async () => {
    const res = await as(w, 'leader').post('/api/cabinet/ballots', {
      bodyId: w.bodyId,
      title: 'Phiếu tự duyệt',
      questions: [{ text: 'Đồng ý?' }],
      answerDays: 3,
    });
    const id = res.json<View>().id;
    const url = `/api/cabinet/ballots/${id}`;
    await as(w, 'leader').post(`${url}/submit`, { revision: 0 });
    expect(errorCodeOf(await as(w, 'leader').post(`${url}/approve`, { revision: 1 }))).toBe(
      'CABINET_BALLOT_SELF_APPROVAL',
    );
    expect((await view(id)).state).toBe('submitted');
    expect((await as(w, 'office').post(`${url}/cancel`, { revision: 1 })).json<View>().state).toBe(
      'cancelled',
    );
  });
  it('carries papers: uploaded to a draft, hashed, read by members, named in the signed answer', async () => {
    const id = (await draft()).json<View>().id;
    const url = `/api/cabinet/ballots/${id}`;
    const pdf = minimalPdf('To trinh du thao Nghi dinh');
    const up = (content: Buffer, name: string, who: Parameters<typeof as>[1] = 'office') =>
      w.app.inject({
        method: 'POST',
        url: `${url}/papers?title=${encodeURIComponent('Tờ trình Chính phủ')}`,
        headers: { cookie: w.cookies[who], ...multipart(content, name).headers },
        payload: multipart(content, name).payload,
      });
    expect(errorCodeOf(await up(Buffer.from('chỉ là văn bản'), 'a.txt'))).toBe(
      'CABINET_BALLOT_PAPER_FILE_TYPE',
    );
    expect((await up(pdf, 'to-trinh.pdf', 'memberA')).statusCode).toBe(404);
    const res = await up(pdf, 'to-trinh.pdf');
    expect(res.statusCode).toBe(201);
    const paper = res.json<{ id: string; sha256: string; title: string }>();
    expect(paper.title).toBe('Tờ trình Chính phủ');
    let cur = await view(id);
    await as(w, 'office').post(`${url}/submit`, { revision: cur.revision });
    expect(errorCodeOf(await up(pdf, 'khac.pdf'))).toBe('CABINET_BALLOT_WRONG_STATE');
    cur = await view(id);
    await as(w, 'leader').post(`${url}/approve`, { revision: cur.revision });
    cur = await view(id);
    await as(w, 'office').post(`${url}/send`, { revision: cur.revision, reference: '9/PLYK-UBND' });
    const file = await as(w, 'memberA').get(`${url}/papers/${paper.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await as(w, 'outsider').get(`${url}/papers/${paper.id}`)).statusCode).toBe(404);
    await testSigner(w.p, w.ids.memberA);
    const prepared = (
      await as(w, 'memberA').post(`${url}/prepare`, {
        answers: [{ questionId: cur.questions[0]!.id, choice: 'agree' }],
      })
    ).json<Prepared>();
    expect(JSON.parse(prepared.payload).papers).toEqual([
      { versionId: paper.id, title: 'Tờ trình Chính phủ', sha256: paper.sha256 },
    ]);
  });
});

describe('written opinion ballots: answers', () => {
  let w: BallotWorld;
  let id: string;
  let url: string;
  let signers: Record<'chair' | 'memberA' | 'memberB' | 'secretary', TestSigner>;
  let questions: View['questions'];

  beforeAll(async () => {
    w = await ballotWorld();
    id = await sentBallot(w);
    url = `/api/cabinet/ballots/${id}`;
    signers = {
      chair: await testSigner(w.p, w.ids.chair),
      memberA: await testSigner(w.p, w.ids.memberA),
      memberB: await testSigner(w.p, w.ids.memberB),
      secretary: await testSigner(w.p, w.ids.secretary),
    };
    questions = (await as(w, 'office').get(url)).json<View>().questions;
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const answers = () => [
    { questionId: questions[0]!.id, choice: 'agree' },
    { questionId: questions[1]!.id, choice: 'other_option', optionId: questions[1]!.options[1]!.id },
  ];
  const prepare = (who: 'chair' | 'memberA' | 'memberB' | 'secretary', body = { answers: answers() }) =>
    as(w, who).post(`${url}/prepare`, body);
  const sign = (p: Prepared, signer: TestSigner) =>
    signer.sign(Buffer.from(p.toBeSigned, 'base64')).toString('base64');
  const state = async () => ({
    responses: (await w.p.db.select().from(ballotResponses).where(eq(ballotResponses.ballotId, id)))
      .map((r) => `${r.personId}:${r.state}:${r.payloadSha256 ?? ''}`)
      .sort(),
    log: (
      await w.p.db
        .select()
        .from(decisionLog)
        .where(and(eq(decisionLog.decisionKind, 'ballot'), eq(decisionLog.decisionId, id)))
    ).length,
  });

  it('marks the ballot opened when the member opens it (not when the secretary does)', async () => {
    await as(w, 'secretary').post(`${url}/opened`);
    const [b] = await w.p.db
      .select()
      .from(ballotResponses)
      .where(and(eq(ballotResponses.ballotId, id), eq(ballotResponses.personId, w.ids.memberB)));
    expect(b!.openedAt).toBeNull();
    await as(w, 'memberA').post(`${url}/opened`);
    const [a] = await w.p.db
      .select()
      .from(ballotResponses)
      .where(and(eq(ballotResponses.ballotId, id), eq(ballotResponses.personId, w.ids.memberA)));
    expect(a!.openedAt).not.toBeNull();
  });

  it('lets the secretary draft for the member but not sign', async () => {
    const res = await as(w, 'secretary').put(`${url}/responses/${w.ids.memberB}/draft`, {
      answers: [
        { questionId: questions[0]!.id, choice: 'other_opinion', text: 'Đề nghị lùi thời điểm áp dụng.' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const mine = res.json<View>().mine[0]!;
    expect(mine.state).toBe('drafted');
    expect(mine.draftedBy?.displayName).toBe('Bùi Thị Giúp Việc');
    expect(errorCodeOf(await prepare('secretary'))).toBe('CABINET_BALLOT_SECRETARY_CANNOT_SIGN');
    // Drafting for someone who is not their principal: not on the roster for them.
    expect(
      errorCodeOf(await as(w, 'secretary').put(`${url}/responses/${w.ids.memberA}/draft`, { answers: [] })),
    ).toBe('CABINET_BALLOT_NOT_ON_ROSTER');
    // Even with a payload prepared by the member, the secretary cannot submit it.
    const p = (await prepare('memberB')).json<Prepared>();
    const before = await state();
    const refused = await as(w, 'secretary').post(`${url}/answer`, {
      payload: p.payload,
      toBeSigned: p.toBeSigned,
      signature: sign(p, signers.secretary),
      certificateId: signers.secretary.certificateId,
    });
    expect(errorCodeOf(refused)).toBe('CABINET_BALLOT_SECRETARY_CANNOT_SIGN');
    expect(await state()).toEqual(before);
  });

  it('refuses invalid answers, strangers, bad signatures and tampered payloads, changing nothing', async () => {
    const before = await state();
    expect(errorCodeOf(await prepare('memberA', { answers: [answers()[0]!] }))).toBe(
      'CABINET_BALLOT_ANSWER_INVALID',
    );
    expect(
      errorCodeOf(
        await prepare('memberA', {
          answers: [answers()[0]!, { questionId: questions[1]!.id, choice: 'other_opinion' }],
        }),
      ),
    ).toBe('CABINET_BALLOT_ANSWER_INVALID');
    expect(
      errorCodeOf(
        await prepare('memberA', {
          answers: [{ questionId: questions[0]!.id, choice: 'other_option', optionId: 'o-x' }, answers()[1]!],
        }),
      ),
    ).toBe('CABINET_BALLOT_ANSWER_INVALID');
    expect((await as(w, 'outsider').post(`${url}/prepare`, { answers: answers() })).statusCode).toBe(404);
    expect(errorCodeOf(await as(w, 'office').post(`${url}/prepare`, { answers: answers() }))).toBe(
      'CABINET_BALLOT_NOT_ON_ROSTER',
    );

    const p = (await prepare('memberA')).json<Prepared>();
    expect(p.summary.vi[0]).toContain('12/PLYK-UBND');
    expect(p.summary.vi[2]).toContain('Phương án khác (Ngân sách tỉnh và huyện cùng bảo đảm)');
    // A signature by another key.
    expect(
      errorCodeOf(
        await as(w, 'memberA').post(`${url}/answer`, {
          payload: p.payload,
          toBeSigned: p.toBeSigned,
          signature: sign(p, signers.chair),
          certificateId: p.certificateId,
        }),
      ),
    ).toBe('IDENTITY_SIGNATURE_BAD_SIGNATURE');
    // A payload naming another member (signed properly over it): refused before identity is asked.
    const forged = p.payload.replace(w.ids.memberA, w.ids.chair);
    expect(
      errorCodeOf(
        await as(w, 'memberA').post(`${url}/answer`, {
          payload: forged,
          toBeSigned: p.toBeSigned,
          signature: sign(p, signers.memberA),
          certificateId: p.certificateId,
        }),
      ),
    ).toBe('CABINET_BALLOT_PAYLOAD_INVALID');
    // The payload changed after preparing (digest no longer matches what was signed).
    const changed = p.payload.replace('"agree"', '"other_opinion","text":"x"');
    expect(
      (
        await as(w, 'memberA').post(`${url}/answer`, {
          payload: changed,
          toBeSigned: p.toBeSigned,
          signature: sign(p, signers.memberA),
          certificateId: p.certificateId,
        })
      ).statusCode,
    ).toBeGreaterThanOrEqual(400);
    expect(await state()).toEqual(before);
  });

  it('accepts the member’s signed answer with a sealed receipt, once', async () => {
    const p = (await prepare('memberA')).json<Prepared>();
    const body = {
      payload: p.payload,
      toBeSigned: p.toBeSigned,
      signature: sign(p, signers.memberA),
      certificateId: p.certificateId,
    };
    const res = await as(w, 'memberA').post(`${url}/answer`, body);
    expect(res.statusCode).toBe(201);
    const receipt = res.json<{ payload: string; signature: string; logSeq: number }>();
    expect(receipt.logSeq).toBe(1);
    expect(JSON.parse(receipt.payload)).toMatchObject({
      type: 'cpdt.receipt',
      ballot: id,
      member: w.ids.memberA,
    });
    const log = await readLog(w.p.db, { kind: 'ballot', id });
    expect(log.map((e) => e.type)).toEqual(['roster', 'answer']);
    expect(checkChain({ kind: 'ballot', id }, log)).toBeNull();
    const before = await state();
    expect(errorCodeOf(await as(w, 'memberA').post(`${url}/answer`, body))).toBe(
      'CABINET_BALLOT_ALREADY_ANSWERED',
    );
    expect(errorCodeOf(await prepare('memberA'))).toBe('CABINET_BALLOT_ALREADY_ANSWERED');
    expect(await state()).toEqual(before);
  });

  it('the member signs what the secretary drafted; the payload names the drafter', async () => {
    const p = (
      await prepare('memberB', {
        answers: [
          {
            questionId: questions[0]!.id,
            choice: 'other_opinion',
            text: 'Đề nghị lùi thời điểm áp dụng.',
          } as never,
          answers()[1]!,
        ],
      })
    ).json<Prepared>();
    expect(JSON.parse(p.payload).draftedBy).toBe(w.ids.secretary);
    const res = await as(w, 'memberB').post(`${url}/answer`, {
      payload: p.payload,
      toBeSigned: p.toBeSigned,
      signature: sign(p, signers.memberB),
      certificateId: p.certificateId,
    });
    expect(res.statusCode).toBe(201);
    const board = (await as(w, 'office').get(`${url}/board`)).json<{
      items: {
        personId: string;
        state: string;
        draftedBy: { displayName: string } | null;
        signedAt: string | null;
      }[];
    }>().items;
    expect(board.map((r) => r.state)).toEqual(['pending', 'signed', 'signed']);
    expect(board[2]!.draftedBy?.displayName).toBe('Bùi Thị Giúp Việc');
    // Members do not see the board.
    expect(errorCodeOf(await as(w, 'memberA').get(`${url}/board`))).toBe('CABINET_BALLOT_FORBIDDEN');
  });

  it('refuses answers after the deadline, and closing before it', async () => {
    expect(
      errorCodeOf(
        await as(w, 'office').post(`${url}/close`, {
          revision: (await as(w, 'office').get(url)).json<View>().revision,
        }),
      ),
    ).toBe('CABINET_BALLOT_NOT_DUE');
    await moveClock(w, vn(12, 17, 1));
    const before = await state();
    expect(errorCodeOf(await prepare('chair'))).toBe('CABINET_BALLOT_OVERDUE');
    expect(
      errorCodeOf(await as(w, 'chair').put(`${url}/responses/${w.ids.chair}/draft`, { answers: answers() })),
    ).toBe('CABINET_BALLOT_OVERDUE');
    expect(await state()).toEqual(before);
  });
});
