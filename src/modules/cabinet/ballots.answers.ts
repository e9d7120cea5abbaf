/**
 * The members' side of a ballot. Opening it marks the member's response opened; the member or their
 * secretary saves a draft answer (draftedBy); only the member signs: `prepareAnswer` builds the canonical JSON
 * answer (bundle format `cpdt.ballot-answer`) and the bytes to sign, `signAnswer` checks everything, has
 * identity verify the signature and certificate, and stores the answer, its log entry and the sealed receipt
 * in one transaction. A refusal is a coded error and changes nothing.
 */
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { canonicalJson, sha256Hex } from '../../platform/crypto/index.js';
import { sealStatement } from './decisions.seal.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { completeSignature, prepareSignature } from '../identity/index.js';
import { BallotErrors } from './ballots.errors.js';
import {
  ballotView,
  loadBallotFor,
  papersOf,
  type BallotAccess,
  type BallotActor,
  type BallotRow,
  type BallotView,
  type DraftAnswer,
  type ResponseRow,
} from './ballots.view.js';
import { appendToLog } from './decisions.log.js';
import { BALLOT_CHOICES, type BallotChoice, type BallotQuestion, type PaperHash } from './model.js';
import { ballotResponses } from './schema.js';

export const ANSWER_TEXT_MAX = 5000;
/** How far the answer's signedAt may be from the moment the server receives it. */
const SIGNED_AT_TOLERANCE_MS = 10 * 60_000;

export interface AnswerPayload {
  type: 'cpdt.ballot-answer';
  ballot: string;
  reference: string;
  member: string;
  memberName: string;
  rosterHash: string;
  papers: PaperHash[];
  answers: { question: string; choice: BallotChoice; option?: string; text?: string }[];
  draftedBy?: string;
  signedAt: string;
  nonce: string;
}

const badAnswer = (detail: Record<string, unknown>) =>
  new AppError(BallotErrors.CABINET_BALLOT_ANSWER_INVALID, detail);

/**
 * Answers checked against the questions: each at most once (all of them when `complete`), "other opinion"
 * with text, "other option" naming one of the question's options (and only where it has options).
 */
export function checkAnswers(
  questions: readonly BallotQuestion[],
  answers: readonly DraftAnswer[],
  complete: boolean,
): DraftAnswer[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const out: DraftAnswer[] = [];
  for (const a of answers) {
    const q = byId.get(a.questionId);
    if (!q || seen.has(a.questionId)) throw badAnswer({ question: a.questionId });
    seen.add(a.questionId);
    if (!(BALLOT_CHOICES as readonly string[]).includes(a.choice)) throw badAnswer({ question: q.id });
    const text = a.text?.normalize('NFC').trim() ?? '';
    if (text.length > ANSWER_TEXT_MAX) throw badAnswer({ question: q.id, field: 'text' });
    if (a.choice === 'agree') {
      out.push({ questionId: q.id, choice: 'agree', ...(text ? { text } : {}) });
    } else if (a.choice === 'other_opinion') {
      if (!text) throw badAnswer({ question: q.id, field: 'text' });
      out.push({ questionId: q.id, choice: 'other_opinion', text });
    } else {
      if (!q.options.some((o) => o.id === a.optionId)) throw badAnswer({ question: q.id, field: 'optionId' });
      out.push({
        questionId: q.id,
        choice: 'other_option',
        optionId: a.optionId!,
        ...(text ? { text } : {}),
      });
    }
  }
  if (complete && seen.size !== questions.length) throw badAnswer({ missing: questions.length - seen.size });
  // In the order of the questions, whatever the order given.
  const order = new Map(questions.map((q, i) => [q.id, i]));
  return out.sort((x, y) => order.get(x.questionId)! - order.get(y.questionId)!);
}

async function responseOf(tx: Executor, ballotId: string, personId: string, lock = false) {
  const query = tx
    .select()
    .from(ballotResponses)
    .where(and(eq(ballotResponses.ballotId, ballotId), eq(ballotResponses.personId, personId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The ballot is open and its deadline has not passed. */
function requireAnswerable(b: BallotRow, now: Date): void {
  if (b.state !== 'open')
    throw new AppError(BallotErrors.CABINET_BALLOT_WRONG_STATE, { state: b.state, allowed: ['open'] });
  if (b.deadline && now >= b.deadline)
    throw new AppError(BallotErrors.CABINET_BALLOT_OVERDUE, { deadline: b.deadline.toISOString() });
}

/** The member whose answer this is: the actor themself, or (drafting only) a member they are secretary for. */
function requireAnswerer(a: BallotAccess, actor: BallotActor, memberId: string, sign: boolean): void {
  if (memberId === actor.personId && a.member) return;
  if (a.actsFor.includes(memberId)) {
    if (sign) throw new AppError(BallotErrors.CABINET_BALLOT_SECRETARY_CANNOT_SIGN);
    return;
  }
  if (sign && a.actsFor.length) throw new AppError(BallotErrors.CABINET_BALLOT_SECRETARY_CANNOT_SIGN);
  throw new AppError(BallotErrors.CABINET_BALLOT_NOT_ON_ROSTER);
}

/** The member opened the ballot (the board's "opened"); a secretary opening it does not count. */
export async function openBallot(tx: Executor, actor: BallotActor, id: string): Promise<BallotView> {
  const a = await loadBallotFor(tx, actor, id, 'read', actor.now);
  if (a.member) {
    const row = await responseOf(tx, id, actor.personId);
    if (row && !row.openedAt) {
      await tx
        .update(ballotResponses)
        .set({ openedAt: actor.now })
        .where(and(eq(ballotResponses.ballotId, id), eq(ballotResponses.personId, actor.personId)));
      await audit(tx, actor.audit, {
        action: 'cabinet.ballot.open',
        objectType: 'cabinet_ballot',
        objectId: id,
        after: { member: actor.personId, openedAt: actor.now.toISOString() },
      });
    }
  }
  return ballotView(tx, actor, a, actor.now);
}

/** The member or their secretary saves a draft answer (it may be incomplete). */
export async function saveDraft(
  tx: Executor,
  actor: BallotActor,
  id: string,
  memberId: string,
  answers: DraftAnswer[],
): Promise<BallotView> {
  const a = await loadBallotFor(tx, actor, id, 'read', actor.now);
  requireAnswerer(a, actor, memberId, false);
  requireAnswerable(a.ballot, actor.now);
  const row = await responseOf(tx, id, memberId, true);
  if (!row) throw new AppError(BallotErrors.CABINET_BALLOT_NOT_ON_ROSTER);
  if (row.state === 'signed' || row.state === 'deemed')
    throw new AppError(BallotErrors.CABINET_BALLOT_ALREADY_ANSWERED);
  const draft = checkAnswers(a.ballot.questions, answers, false);
  await tx
    .update(ballotResponses)
    .set({ state: 'drafted', draft, draftedBy: actor.personId, draftedAt: actor.now })
    .where(and(eq(ballotResponses.ballotId, id), eq(ballotResponses.personId, memberId)));
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.draft',
    objectType: 'cabinet_ballot',
    objectId: id,
    after: { member: memberId, draftedBy: actor.personId, answers: draft.length },
  });
  return ballotView(tx, actor, a, actor.now);
}

async function paperHashes(tx: Executor, ballotId: string): Promise<PaperHash[]> {
  return (await papersOf(tx, ballotId)).map((p) => ({ versionId: p.id, title: p.title, sha256: p.sha256 }));
}

const CHOICE_VI: Record<BallotChoice, string> = {
  agree: 'Đồng ý',
  other_opinion: 'Ý kiến khác',
  other_option: 'Phương án khác',
};
const CHOICE_EN: Record<BallotChoice, string> = {
  agree: 'Agree',
  other_opinion: 'Other opinion',
  other_option: 'Other option',
};

/** What the member is shown before signing: the ballot, then one line per question with the answer. */
export function answerSummary(
  b: BallotRow,
  answers: AnswerPayload['answers'],
): { vi: string[]; en: string[] } {
  const vi = [`Phiếu lấy ý kiến số ${b.reference ?? ''}: ${b.title}`];
  const en = [`Ballot ${b.reference ?? ''}: ${b.title}`];
  b.questions.forEach((q, i) => {
    const a = answers.find((x) => x.question === q.id);
    if (!a) return;
    const option = a.option ? q.options.find((o) => o.id === a.option)?.label : undefined;
    const detail = [option, a.text].filter(Boolean).join(' — ');
    vi.push(`Câu ${i + 1}. ${q.text}: ${CHOICE_VI[a.choice]}${detail ? ` (${detail})` : ''}`);
    en.push(`Question ${i + 1}. ${q.text}: ${CHOICE_EN[a.choice]}${detail ? ` (${detail})` : ''}`);
  });
  return { vi, en };
}

export interface PreparedAnswer {
  payload: string;
  payloadSha256: string;
  toBeSigned: string;
  certificateId: string;
  signingTime: string;
  summary: { vi: string[]; en: string[] };
}

/** The answer the member is about to sign, and the bytes their key signs. */
export async function prepareAnswer(
  tx: Executor,
  actor: BallotActor,
  id: string,
  input: { answers: DraftAnswer[]; certificateId?: string | undefined },
): Promise<PreparedAnswer> {
  const a = await loadBallotFor(tx, actor, id, 'read', actor.now);
  requireAnswerer(a, actor, actor.personId, true);
  requireAnswerable(a.ballot, actor.now);
  const row = await responseOf(tx, id, actor.personId);
  if (!row) throw new AppError(BallotErrors.CABINET_BALLOT_NOT_ON_ROSTER);
  if (row.state === 'signed' || row.state === 'deemed')
    throw new AppError(BallotErrors.CABINET_BALLOT_ALREADY_ANSWERED);
  const answers = checkAnswers(a.ballot.questions, input.answers, true);
  const b = a.ballot;
  const payloadObject: AnswerPayload = {
    type: 'cpdt.ballot-answer',
    ballot: b.id,
    reference: b.reference ?? '',
    member: actor.personId,
    memberName: b.roster?.find((r) => r.personId === actor.personId)?.fullName ?? '',
    rosterHash: b.rosterHash ?? '',
    papers: await paperHashes(tx, b.id),
    answers: answers.map((x) => ({
      question: x.questionId,
      choice: x.choice,
      ...(x.optionId ? { option: x.optionId } : {}),
      ...(x.text ? { text: x.text } : {}),
    })),
    ...(row.draftedBy && row.draftedBy !== actor.personId ? { draftedBy: row.draftedBy } : {}),
    signedAt: actor.now.toISOString(),
    nonce: crypto.randomBytes(16).toString('hex'),
  };
  const payload = canonicalJson(payloadObject);
  const prepared = await prepareSignature(tx, {
    personId: actor.personId,
    payload,
    certificateId: input.certificateId ?? null,
    at: actor.now,
  });
  return {
    payload,
    payloadSha256: prepared.payloadSha256,
    toBeSigned: prepared.toBeSigned,
    certificateId: prepared.certificateId,
    signingTime: prepared.signingTime,
    summary: answerSummary(b, payloadObject.answers),
  };
}

const NONCE = /^[0-9a-f]{32}$/;

/** The signed payload is exactly one this member may give to this ballot now; its parsed answers. */
async function checkPayload(
  tx: Executor,
  b: BallotRow,
  row: ResponseRow,
  memberId: string,
  payload: string,
  now: Date,
) {
  const bad = (field: string) => new AppError(BallotErrors.CABINET_BALLOT_PAYLOAD_INVALID, { field });
  let parsed: AnswerPayload;
  try {
    parsed = JSON.parse(payload) as AnswerPayload;
  } catch {
    throw bad('json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('json');
  if (canonicalJson(parsed) !== payload) throw bad('canonical');
  const allowed = new Set([
    'type',
    'ballot',
    'reference',
    'member',
    'memberName',
    'rosterHash',
    'papers',
    'answers',
    'draftedBy',
    'signedAt',
    'nonce',
  ]);
  if (Object.keys(parsed).some((k) => !allowed.has(k))) throw bad('keys');
  if (parsed.type !== 'cpdt.ballot-answer') throw bad('type');
  if (parsed.ballot !== b.id) throw bad('ballot');
  if (parsed.reference !== (b.reference ?? '')) throw bad('reference');
  if (parsed.member !== memberId) throw bad('member');
  const name = b.roster?.find((r) => r.personId === memberId)?.fullName ?? '';
  if (parsed.memberName !== name) throw bad('memberName');
  if (parsed.rosterHash !== b.rosterHash) throw bad('rosterHash');
  if (canonicalJson(parsed.papers ?? null) !== canonicalJson(await paperHashes(tx, b.id)))
    throw bad('papers');
  const expectedDrafter = row.draftedBy && row.draftedBy !== memberId ? row.draftedBy : undefined;
  if (parsed.draftedBy !== undefined && parsed.draftedBy !== expectedDrafter) throw bad('draftedBy');
  const signedAt = typeof parsed.signedAt === 'string' ? Date.parse(parsed.signedAt) : NaN;
  if (!Number.isFinite(signedAt) || new Date(signedAt).toISOString() !== parsed.signedAt)
    throw bad('signedAt');
  if (Math.abs(signedAt - now.getTime()) > SIGNED_AT_TOLERANCE_MS) throw bad('signedAt');
  if (typeof parsed.nonce !== 'string' || !NONCE.test(parsed.nonce)) throw bad('nonce');
  if (!Array.isArray(parsed.answers)) throw bad('answers');
  const answers = parsed.answers.map((x) => {
    if (typeof x !== 'object' || x === null) throw bad('answers');
    const keys = Object.keys(x);
    if (keys.some((k) => !['question', 'choice', 'option', 'text'].includes(k))) throw bad('answers');
    return {
      questionId: String(x.question),
      choice: x.choice,
      ...(x.option !== undefined ? { optionId: String(x.option) } : {}),
      ...(x.text !== undefined ? { text: String(x.text) } : {}),
    };
  });
  const checked = checkAnswers(b.questions, answers, true);
  // What is signed must be what was checked (no text the check would have trimmed away, in question order).
  const normal = checked.map((x) => ({
    question: x.questionId,
    choice: x.choice,
    ...(x.optionId ? { option: x.optionId } : {}),
    ...(x.text ? { text: x.text } : {}),
  }));
  if (canonicalJson(normal) !== canonicalJson(parsed.answers)) throw bad('answers');
  return parsed;
}

export interface AnswerReceipt {
  payload: string;
  signature: string;
  logSeq: number;
  logHash: string;
}

/**
 * The member's signed answer. Checks, in order: the ballot is open and not past its deadline, the actor is on
 * the roster themself (a secretary cannot sign), not answered yet, the payload is the one they may sign, then
 * identity verifies certificate and signature. Stores the answer, appends it to the log, seals a receipt.
 */
export async function signAnswer(
  tx: Executor,
  p: Platform,
  actor: BallotActor,
  id: string,
  input: { payload: string; toBeSigned: string; signature: string; certificateId: string },
): Promise<AnswerReceipt> {
  const a = await loadBallotFor(tx, actor, id, 'read', actor.now, true);
  requireAnswerable(a.ballot, actor.now);
  requireAnswerer(a, actor, actor.personId, true);
  const row = await responseOf(tx, id, actor.personId, true);
  if (!row) throw new AppError(BallotErrors.CABINET_BALLOT_NOT_ON_ROSTER);
  if (row.state === 'signed' || row.state === 'deemed')
    throw new AppError(BallotErrors.CABINET_BALLOT_ALREADY_ANSWERED);
  const parsed = await checkPayload(tx, a.ballot, row, actor.personId, input.payload, actor.now);
  const signed = await completeSignature(tx, p, {
    personId: actor.personId,
    payload: input.payload,
    toBeSigned: input.toBeSigned,
    signature: input.signature,
    certificateId: input.certificateId,
    at: actor.now,
  });
  const payloadSha256 = sha256Hex(input.payload);
  const entry = await appendToLog(
    tx,
    { kind: 'ballot', id },
    { type: 'answer', payloadSha256, ref: actor.personId },
    actor.now,
  );
  const receipt = canonicalJson({
    type: 'cpdt.receipt',
    ballot: id,
    member: actor.personId,
    payloadSha256,
    logSeq: entry.seq,
    logHash: entry.hash,
    receivedAt: actor.now.toISOString(),
  });
  const receiptSignature = await sealStatement(p, receipt, actor.now);
  await tx
    .update(ballotResponses)
    .set({
      state: 'signed',
      draft: null,
      payload: input.payload,
      payloadSha256,
      signature: signed.cms.toString('base64'),
      certificateId: signed.certificateId,
      receiptPayload: receipt,
      receiptSignature,
      logSeq: entry.seq,
      signedAt: actor.now,
      openedAt: row.openedAt ?? actor.now,
    })
    .where(and(eq(ballotResponses.ballotId, id), eq(ballotResponses.personId, actor.personId)));
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.answer',
    objectType: 'cabinet_ballot',
    objectId: id,
    after: {
      member: actor.personId,
      payloadSha256,
      certificateId: signed.certificateId,
      logSeq: entry.seq,
      draftedBy: parsed.draftedBy ?? null,
    },
  });
  return { payload: receipt, signature: receiptSignature, logSeq: entry.seq, logHash: entry.hash };
}
