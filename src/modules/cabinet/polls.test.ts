/**
 * Polls through the HTTP routes: the chair opens one on the current item, members sign their votes (test keys
 * with demo-CA certificates, as a browser's WebCrypto key would), every refusal answers its code and changes
 * nothing, choices stay hidden until close, the outcome follows the rule profile (the chair's side on a tie),
 * and a vote recorded on a member's behalf stays unratified until the member signs.
 */
import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { signedIn } from '../../../test/support/http.js';
import { testSigner, type TestSigner } from '../../../test/support/signing.js';
import { canonicalJson, signedAttributes, verifyDetached } from '../../platform/crypto/index.js';
import { personIdByUsername } from '../identity/index.js';
import { certificates } from '../identity/schema.js';
import { checkChain, readLog } from './decisions.log.js';
import { liveWorld, type LiveWorld } from './live.test-helpers.js';
import { NOW } from './papers.test-helpers.js';
import type { VotePayload } from './polls.payload.js';
import {
  bodyMembers,
  decisionCheckpoints,
  decisionLog,
  meetings,
  participants,
  polls,
  ruleProfiles,
  votes,
} from './schema.js';

interface World extends LiveWorld {
  signers: Record<'member1' | 'member2' | 'member3' | 'office', TestSigner>;
  substitute: string;
  substituteCookie: string;
  guestCookie: string;
  guest: string;
  office: string;
}

async function pollsWorld(): Promise<World> {
  const w = await liveWorld();
  const [m] = await w.p.db.select().from(meetings).where(eq(meetings.id, w.meetingA));
  await w.p.db.insert(bodyMembers).values([
    {
      bodyId: m!.bodyId,
      personId: w.member1,
      role: 'chair',
      titleVi: 'Chủ tịch',
      voting: true,
      rank: 1,
      validFrom: '2020-01-01',
    },
    {
      bodyId: m!.bodyId,
      personId: w.member2,
      role: 'member',
      titleVi: 'Phó Chủ tịch',
      voting: true,
      rank: 2,
      validFrom: '2020-01-01',
    },
    {
      bodyId: m!.bodyId,
      personId: w.member3,
      role: 'member',
      titleVi: 'Ủy viên',
      voting: true,
      rank: 3,
      validFrom: '2020-01-01',
    },
  ]);
  const substituteCookie = await signedIn(w.app, w.p, 'nguoi-thay', ['official']);
  const guestCookie = await signedIn(w.app, w.p, 'khach-moi', ['official']);
  const id = async (u: string) => (await w.p.db.transaction((tx) => personIdByUsername(tx, u)))!;
  const substitute = await id('nguoi-thay');
  const guest = await id('khach-moi');
  const office = await id('vanphong-a');
  await w.p.db.insert(participants).values([
    {
      meetingId: w.meetingA,
      personId: substitute,
      role: 'substitute',
      voting: false,
      substituteFor: w.member3,
      attendance: 'checked_in',
    },
    { meetingId: w.meetingA, personId: guest, role: 'guest', voting: false, attendance: 'checked_in' },
  ]);
  await w.p.db
    .update(participants)
    .set({ attendance: 'checked_in', checkedInAt: NOW })
    .where(eq(participants.meetingId, w.meetingA));
  await w.p.db
    .update(meetings)
    .set({ status: 'in_progress', actualStart: NOW, currentItemId: w.items[0] })
    .where(eq(meetings.id, w.meetingA));
  const signers = {
    member1: await testSigner(w.p, w.member1),
    member2: await testSigner(w.p, w.member2),
    member3: await testSigner(w.p, w.member3),
    office: await testSigner(w.p, office),
  };
  return { ...w, signers, substitute, substituteCookie, guest, guestCookie, office };
}

let w: World;
beforeEach(async () => {
  w = await pollsWorld();
});
afterEach(async () => {
  await w.app.close();
  await w.p.close();
});

const base = () => `/api/cabinet/meetings/${w.meetingA}/polls`;

async function post(cookie: string, url: string, payload: object = {}) {
  return w.app.inject({ method: 'POST', url, headers: { cookie }, payload });
}

async function open(
  cookie = w.cookies.member1,
  body: object = { question: 'Thông qua dự thảo Nghị định?', kind: 'yes_no_abstain' },
) {
  const res = await post(cookie, base(), body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ pollId: string }>().pollId;
}

interface Prepared {
  payload: string;
  toBeSigned: string;
  certificateId: string;
  payloadSha256: string;
  summary: { vi: string[]; en: string[] };
}

async function prepare(cookie: string, pollId: string, body: object) {
  const res = await post(cookie, `${base()}/${pollId}/ballot`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Prepared>();
}

const sign = (signer: TestSigner, prepared: Prepared) => ({
  payload: prepared.payload,
  toBeSigned: prepared.toBeSigned,
  signature: signer.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64'),
  certificateId: prepared.certificateId,
});

/** A vote payload made by hand (for voters the server would not prepare one for), signed by `signer`. */
function crafted(signer: TestSigner, vote: VotePayload) {
  const payload = canonicalJson(vote);
  const toBeSigned = signedAttributes({
    contentSha256: crypto.createHash('sha256').update(payload).digest(),
    signingTime: w.p.clock.now(),
    signerCertificate: signer.certificateDer,
  }).toString('base64');
  return sign(signer, {
    payload,
    toBeSigned,
    certificateId: signer.certificateId,
    payloadSha256: '',
    summary: { vi: [], en: [] },
  });
}

async function vote(cookie: string, signer: TestSigner, pollId: string, choice: string) {
  const prepared = await prepare(cookie, pollId, { choice });
  return post(cookie, `${base()}/${pollId}/votes`, sign(signer, prepared));
}

async function state(pollId: string) {
  const [v] = await w.p.db.select({ n: count() }).from(votes).where(eq(votes.pollId, pollId));
  const [l] = await w.p.db.select({ n: count() }).from(decisionLog).where(eq(decisionLog.decisionId, pollId));
  const [p] = await w.p.db.select({ state: polls.state }).from(polls).where(eq(polls.id, pollId));
  return { votes: Number(v!.n), log: Number(l!.n), state: p!.state };
}

async function detail(cookie: string, pollId: string) {
  const res = await w.app.inject({ url: `${base()}/${pollId}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    state: string;
    voted: number;
    needed: number;
    outcome: { result: string; counts: Record<string, number>; unratified: number } | null;
    unratified: number;
    members: {
      personId: string;
      voted: boolean;
      choice: string | null;
      ratified: boolean;
      receipt: unknown;
    }[];
    mine: { onRoster: boolean; voted: boolean; needsRatification: boolean; receipt: unknown };
    rule: { legalBasis: unknown[] };
  }>();
}

describe('opening a poll', () => {
  it('the chair opens one on the current item with a sealed roster of the body’s voting seats', async () => {
    const pollId = await open();
    const [poll] = await w.p.db.select().from(polls).where(eq(polls.id, pollId));
    expect(poll!.agendaItemId).toBe(w.items[0]);
    expect(poll!.roster.map((r) => r.personId)).toEqual([w.member1, w.member2, w.member3]);
    expect(poll!.roster[0]!.chair).toBe(true);
    expect(poll!.roster.map((r) => r.personId)).not.toContain(w.substitute);
    expect(poll!.presentCount).toBe(3);
    expect(poll!.rosterHash).toBe(crypto.createHash('sha256').update(poll!.rosterPayload).digest('hex'));
    const verified = verifyDetached(
      Buffer.from(poll!.rosterSignature, 'base64'),
      Buffer.from(poll!.rosterPayload),
    );
    expect(verified.contentSha256).toBe(poll!.rosterHash);
    const log = await w.p.db.transaction((tx) => readLog(tx, { kind: 'poll', id: pollId }));
    expect(log.map((e) => e.type)).toEqual(['roster']);
  });

  it('refuses a member who does not chair, a second open poll, and a meeting not in progress', async () => {
    expect(
      errorCodeOf(await post(w.cookies.member2, base(), { question: 'Q?', kind: 'yes_no_abstain' })),
    ).toBe('CABINET_POLL_NOT_CHAIR');
    await open(w.cookies.officeA);
    expect(
      errorCodeOf(await post(w.cookies.member1, base(), { question: 'Q2?', kind: 'yes_no_abstain' })),
    ).toBe('CABINET_POLL_ALREADY_OPEN');
    expect(
      errorCodeOf(await post(w.cookies.officeB, base(), { question: 'Q?', kind: 'yes_no_abstain' })),
    ).toBe('CABINET_MEETING_NOT_FOUND');
    await w.p.db.update(meetings).set({ status: 'ended' }).where(eq(meetings.id, w.meetingA));
    await w.p.db.update(polls).set({ state: 'closed' });
    expect(
      errorCodeOf(await post(w.cookies.member1, base(), { question: 'Q3?', kind: 'yes_no_abstain' })),
    ).toBe('CABINET_POLL_MEETING_NOT_IN_PROGRESS');
  });
});

describe('voting', () => {
  it('accepts a signed vote, returns a sealed receipt, and hides the choice until close', async () => {
    const pollId = await open();
    const prepared = await prepare(w.cookies.member2, pollId, { choice: 'yes' });
    expect(prepared.summary.vi[0]).toBe(
      `Biểu quyết: Tán thành — Thông qua dự thảo Nghị định? — Phiên họp thường kỳ tháng 3 (UBND-NA)`,
    );
    const payload = JSON.parse(prepared.payload) as VotePayload;
    expect(payload).toMatchObject({ type: 'cpdt.vote', poll: pollId, member: w.member2, choice: 'yes' });
    const res = await post(w.cookies.member2, `${base()}/${pollId}/votes`, sign(w.signers.member2, prepared));
    expect(res.statusCode, res.body).toBe(200);
    const receipt = res.json<{ payload: string; signature: string; logSeq: number; payloadSha256: string }>();
    expect(receipt.logSeq).toBe(1);
    expect(JSON.parse(receipt.payload)).toMatchObject({ type: 'cpdt.receipt', member: w.member2, logSeq: 1 });
    verifyDetached(Buffer.from(receipt.signature, 'base64'), Buffer.from(receipt.payload));
    const [stored] = await w.p.db.select().from(votes).where(eq(votes.pollId, pollId));
    expect(stored!.payload).toBe(prepared.payload);
    verifyDetached(Buffer.from(stored!.signature, 'base64'), Buffer.from(stored!.payload));

    // Nobody sees a choice before close — not the chair, not the office; the voter sees their own.
    for (const cookie of [w.cookies.member1, w.cookies.officeA, w.member3Cookie]) {
      const d = await detail(cookie, pollId);
      expect(d.voted).toBe(1);
      expect(d.outcome).toBeNull();
      expect(d.members.find((m) => m.personId === w.member2)).toMatchObject({
        voted: true,
        choice: null,
        receipt: null,
      });
    }
    const own = await detail(w.cookies.member2, pollId);
    expect(own.mine).toMatchObject({ onRoster: true, voted: true });
    expect(own.members.find((m) => m.personId === w.member2)!.choice).toBe('yes');
    const live = await w.app.inject({
      url: `/api/cabinet/meetings/${w.meetingA}/live`,
      headers: { cookie: w.cookies.member1 },
    });
    const livePoll = live.json<{ poll: Record<string, unknown> }>().poll;
    expect(livePoll).toMatchObject({
      id: pollId,
      state: 'open',
      voted: 1,
      rosterSize: 3,
      needed: 2,
      voters: [w.member2],
      outcome: null,
    });
    expect(JSON.stringify(livePoll)).not.toContain('"yes":');
  });

  it('refuses each bad vote with its code and changes nothing', async () => {
    const pollId = await open();
    const before = await state(pollId);
    const votesUrl = `${base()}/${pollId}/votes`;

    // A bad signature.
    const good = await prepare(w.cookies.member2, pollId, { choice: 'no' });
    const forged = {
      ...sign(w.signers.member2, good),
      signature: w.signers.member2.sign(Buffer.from('khác')).toString('base64'),
    };
    expect(errorCodeOf(await post(w.cookies.member2, votesUrl, forged))).toBe(
      'IDENTITY_SIGNATURE_BAD_SIGNATURE',
    );
    // Another member's key for this member's vote.
    expect(errorCodeOf(await post(w.cookies.member2, votesUrl, sign(w.signers.member3, good)))).toMatch(
      /^IDENTITY_SIGNATURE_/,
    );
    // A payload changed after signing (the choice).
    const changed = {
      ...sign(w.signers.member2, good),
      payload: good.payload.replace('"choice":"no"', '"choice":"yes"'),
    };
    expect(errorCodeOf(await post(w.cookies.member2, votesUrl, changed))).toBe(
      'CABINET_VOTE_PAYLOAD_INVALID',
    );
    // Someone else's vote sent by this member.
    const others = await prepare(w.member3Cookie, pollId, { choice: 'yes' });
    expect(errorCodeOf(await post(w.cookies.member2, votesUrl, sign(w.signers.member2, others)))).toBe(
      'CABINET_VOTE_PAYLOAD_INVALID',
    );

    // A revoked certificate.
    const m3 = await prepare(w.member3Cookie, pollId, { choice: 'yes' });
    await w.p.db
      .update(certificates)
      .set({ revokedAt: new Date(NOW.getTime() - 1000) })
      .where(eq(certificates.id, w.signers.member3.certificateId));
    expect(errorCodeOf(await post(w.member3Cookie, votesUrl, sign(w.signers.member3, m3)))).toBe(
      'IDENTITY_SIGNATURE_CERTIFICATE_REVOKED',
    );

    // An expired certificate (issued two years ago for one day).
    const expired = await testSigner(w.p, w.member1, {
      days: 1,
      now: new Date(NOW.getTime() - 730 * 86_400_000),
    });
    const m1 = await prepare(w.cookies.member1, pollId, { choice: 'yes' });
    const vote1 = JSON.parse(m1.payload) as VotePayload;
    expect(errorCodeOf(await post(w.cookies.member1, votesUrl, crafted(expired, vote1)))).toBe(
      'IDENTITY_SIGNATURE_CERTIFICATE_EXPIRED',
    );

    // Voters outside the roster: a substitute (checked in for member3) and a guest; a stranger sees nothing.
    const template = JSON.parse(good.payload) as VotePayload;
    const substituteSigner = await testSigner(w.p, w.substitute);
    const guestSigner = await testSigner(w.p, w.guest);
    expect(
      errorCodeOf(
        await post(
          w.substituteCookie,
          votesUrl,
          crafted(substituteSigner, { ...template, member: w.substitute, memberName: 'nguoi-thay' }),
        ),
      ),
    ).toBe('CABINET_VOTE_NOT_ON_ROSTER');
    expect(
      errorCodeOf(
        await post(
          w.guestCookie,
          votesUrl,
          crafted(guestSigner, { ...template, member: w.guest, memberName: 'khach-moi' }),
        ),
      ),
    ).toBe('CABINET_VOTE_NOT_ON_ROSTER');
    expect(errorCodeOf(await post(w.substituteCookie, `${base()}/${pollId}/ballot`, { choice: 'yes' }))).toBe(
      'CABINET_VOTE_NOT_ON_ROSTER',
    );
    expect(errorCodeOf(await post(w.cookies.outsider, votesUrl, sign(w.signers.member2, good)))).toBe(
      'CABINET_POLL_NOT_FOUND',
    );
    expect(errorCodeOf(await post(w.cookies.officeB, votesUrl, sign(w.signers.member2, good)))).toBe(
      'CABINET_POLL_NOT_FOUND',
    );
    expect(await state(pollId)).toEqual(before);

    // A second vote.
    expect((await vote(w.cookies.member2, w.signers.member2, pollId, 'no')).statusCode).toBe(200);
    const afterFirst = await state(pollId);
    expect(errorCodeOf(await post(w.cookies.member2, votesUrl, sign(w.signers.member2, good)))).toBe(
      'CABINET_VOTE_DUPLICATE',
    );
    expect(errorCodeOf(await post(w.cookies.member2, `${base()}/${pollId}/ballot`, { choice: 'yes' }))).toBe(
      'CABINET_VOTE_DUPLICATE',
    );
    expect(await state(pollId)).toEqual(afterFirst);

    // A vote after close.
    const late = await prepare(w.cookies.member1, pollId, { choice: 'yes' });
    expect((await post(w.cookies.member1, `${base()}/${pollId}/close`)).statusCode).toBe(200);
    const closed = await state(pollId);
    expect(errorCodeOf(await post(w.cookies.member1, votesUrl, sign(w.signers.member1, late)))).toBe(
      'CABINET_POLL_CLOSED',
    );
    expect(await state(pollId)).toEqual(closed);
  });
});

describe('a member voting twice at once', () => {
  it('keeps one vote: the other is refused as a duplicate and leaves no log entry', async () => {
    const pollId = await open();
    const a = await prepare(w.cookies.member2, pollId, { choice: 'yes' });
    const b = await prepare(w.cookies.member2, pollId, { choice: 'no' });
    const url = `${base()}/${pollId}/votes`;
    const results = await Promise.all([
      post(w.cookies.member2, url, sign(w.signers.member2, a)),
      post(w.cookies.member2, url, sign(w.signers.member2, b)),
    ]);
    expect(results.map((r) => errorCodeOf(r)).sort()).toEqual(['CABINET_VOTE_DUPLICATE', 'no error']);
    expect(await state(pollId)).toEqual({ votes: 1, log: 2, state: 'open' });
  });
});

describe('closing and the outcome', () => {
  it('passes with more than half of all members, then shows named votes, receipts and a sealed checkpoint', async () => {
    const pollId = await open();
    expect((await vote(w.cookies.member1, w.signers.member1, pollId, 'yes')).statusCode).toBe(200);
    expect((await vote(w.cookies.member2, w.signers.member2, pollId, 'yes')).statusCode).toBe(200);
    expect(errorCodeOf(await post(w.cookies.member2, `${base()}/${pollId}/close`))).toBe(
      'CABINET_POLL_NOT_CHAIR',
    );
    const res = await post(w.cookies.member1, `${base()}/${pollId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail(w.member3Cookie, pollId);
    expect(d.state).toBe('closed');
    expect(d.outcome).toMatchObject({ result: 'passed', counts: { yes: 2 } });
    expect(d.members.filter((m) => m.voted).map((m) => m.choice)).toEqual(['yes', 'yes']);
    expect(d.members.find((m) => m.personId === w.member1)!.receipt).not.toBeNull();
    const log = await w.p.db.transaction((tx) => readLog(tx, { kind: 'poll', id: pollId }));
    expect(log.map((e) => e.type)).toEqual(['roster', 'vote', 'vote', 'close']);
    expect(checkChain({ kind: 'poll', id: pollId }, log)).toBeNull();
    const [cp] = await w.p.db
      .select()
      .from(decisionCheckpoints)
      .where(eq(decisionCheckpoints.decisionId, pollId));
    expect(cp).toMatchObject({ size: 4, headHash: log[3]!.hash });
    expect(JSON.parse(cp!.payload)).toMatchObject({ type: 'cpdt.checkpoint', size: 4, head: log[3]!.hash });
    verifyDetached(Buffer.from(cp!.signature, 'base64'), Buffer.from(cp!.payload));
    const close = JSON.parse(log[3]!.ref!) as { payload: string; signature: string };
    expect(crypto.createHash('sha256').update(close.payload).digest('hex')).toBe(log[3]!.payloadSha256);
    verifyDetached(Buffer.from(close.signature, 'base64'), Buffer.from(close.payload));
  });

  it('on a tie the side the chair voted for prevails', async () => {
    const pollId = await open();
    await vote(w.cookies.member1, w.signers.member1, pollId, 'yes');
    await vote(w.cookies.member2, w.signers.member2, pollId, 'no');
    await vote(w.member3Cookie, w.signers.member3, pollId, 'abstain');
    await post(w.cookies.member1, `${base()}/${pollId}/close`);
    expect((await detail(w.cookies.member1, pollId)).outcome).toMatchObject({
      result: 'passed_by_tie_break',
      counts: { yes: 1, no: 1, abstain: 1 },
    });

    const second = await open(w.cookies.member1, { question: 'Phương án nào?', kind: 'yes_no_abstain' });
    await vote(w.cookies.member1, w.signers.member1, second, 'no');
    await vote(w.cookies.member2, w.signers.member2, second, 'yes');
    await post(w.cookies.member1, `${base()}/${second}/close`);
    expect((await detail(w.cookies.member1, second)).outcome!.result).toBe('rejected_by_tie_break');
  });

  it('an options poll carries the option with enough votes', async () => {
    const pollId = await open(w.cookies.member1, {
      question: 'Chọn phương án',
      kind: 'options',
      options: ['Phương án A', 'Phương án B'],
    });
    await vote(w.cookies.member1, w.signers.member1, pollId, 'opt2');
    await vote(w.cookies.member2, w.signers.member2, pollId, 'opt2');
    expect(errorCodeOf(await post(w.member3Cookie, `${base()}/${pollId}/ballot`, { choice: 'yes' }))).toBe(
      'CABINET_VOTE_PAYLOAD_INVALID',
    );
    await post(w.cookies.officeA, `${base()}/${pollId}/close`);
    expect((await detail(w.cookies.member1, pollId)).outcome).toMatchObject({
      result: 'passed',
      counts: { opt2: 2 },
    });
  });
});

describe('recorded on behalf', () => {
  it('is refused unless the profile allows it, then stays unratified until the member signs', async () => {
    const pollId = await open();
    expect(
      errorCodeOf(
        await post(w.cookies.officeA, `${base()}/${pollId}/ballot`, {
          choice: 'yes',
          memberId: w.member3,
          evidence: 'Qua điện thoại',
        }),
      ),
    ).toBe('CABINET_VOTE_PROXY_FORBIDDEN');
    await post(w.cookies.member1, `${base()}/${pollId}/close`);

    const [m] = await w.p.db.select().from(meetings).where(eq(meetings.id, w.meetingA));
    const [profile] = await w.p.db.select().from(ruleProfiles).where(eq(ruleProfiles.id, m!.ruleProfileId));
    await w.p.db
      .update(ruleProfiles)
      .set({ rules: { ...profile!.rules, proxyCapture: 'with_ratification' } })
      .where(eq(ruleProfiles.id, profile!.id));
    const second = await open();
    // A member may not record for another member.
    expect(
      errorCodeOf(
        await post(w.cookies.member2, `${base()}/${second}/ballot`, {
          choice: 'yes',
          memberId: w.member3,
          evidence: 'x',
        }),
      ),
    ).toBe('CABINET_VOTE_PROXY_FORBIDDEN');
    const prepared = await prepare(w.cookies.officeA, second, {
      choice: 'yes',
      memberId: w.member3,
      evidence: 'Đồng chí báo qua điện thoại lúc 9:05',
    });
    expect(JSON.parse(prepared.payload)).toMatchObject({ member: w.member3, recordedBy: w.office });
    const res = await post(w.cookies.officeA, `${base()}/${second}/votes`, sign(w.signers.office, prepared));
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail(w.member3Cookie, second);
    expect(d.unratified).toBe(1);
    expect(d.mine.needsRatification).toBe(true);

    const ratification = await post(w.member3Cookie, `${base()}/${second}/ratification`, {});
    expect(ratification.statusCode, ratification.body).toBe(200);
    const r = ratification.json<Prepared>();
    expect(JSON.parse(r.payload)).toMatchObject({ type: 'cpdt.ratification', member: w.member3 });
    // Signed with someone else's key: refused, nothing changes.
    expect(
      errorCodeOf(
        await post(w.member3Cookie, `${base()}/${second}/ratification/sign`, sign(w.signers.member2, r)),
      ),
    ).toMatch(/^IDENTITY_SIGNATURE_/);
    const signed = await post(
      w.member3Cookie,
      `${base()}/${second}/ratification/sign`,
      sign(w.signers.member3, r),
    );
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await detail(w.member3Cookie, second)).unratified).toBe(0);
    await post(w.cookies.member1, `${base()}/${second}/close`);
    const log = await w.p.db.transaction((tx) => readLog(tx, { kind: 'poll', id: second }));
    expect(log.map((e) => e.type)).toEqual(['roster', 'vote', 'ratification', 'close']);
    expect((await detail(w.member3Cookie, second)).outcome).toMatchObject({
      unratified: 0,
      counts: { yes: 1 },
    });
  });
});
