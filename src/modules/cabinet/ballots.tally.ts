/**
 * Closing a ballot (the office, after the deadline or once every member has signed). In one transaction:
 * non-replies are handled as the rule profile says (deemed agreement: a sealed `cpdt.ballot-deemed` entry per
 * member citing the legal basis; abstain / not counted: nothing), each question is tallied with evaluateOutcome,
 * the close statement is sealed and appended, a checkpoint of the whole log is sealed (see
 * /tmp/helpers/evidence-notes.md: two decisionCheckpoints rows), and the result report is rendered, sealed
 * and stored in the file store.
 */
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { canonicalJson, sha256Hex } from '../../platform/crypto/index.js';
import { sealStatement } from './decisions.seal.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { personBriefs } from '../identity/index.js';
import { BallotErrors } from './ballots.errors.js';
import { renderBallotReport, type ReportAnswer } from './ballots.report.js';
import { sealReport } from './ballots.seal.js';
import {
  ballotView,
  loadBallotFor,
  requireRevision,
  requireState,
  type BallotActor,
  type BallotRow,
  type BallotView,
  type ResponseRow,
} from './ballots.view.js';
import { appendToLog } from './decisions.log.js';
import { evaluateOutcome, type CountedVote } from './decisions.outcome.js';
import type { LegalBasis, MeetingRules, Outcome } from './model.js';
import { checkRules } from './rules.js';
import { ballotResponses, ballots, decisionCheckpoints, ruleProfiles } from './schema.js';

/** The signed answers in a stored answer payload. */
export function signedAnswers(row: Pick<ResponseRow, 'payload'>): ReportAnswer[] {
  if (!row.payload) return [];
  try {
    return (JSON.parse(row.payload) as { answers?: ReportAnswer[] }).answers ?? [];
  } catch {
    return [];
  }
}

/** Per question, the outcome under the rules: in favour 'agree', against another opinion or option. */
export function tallyBallot(
  ballot: Pick<BallotRow, 'questions' | 'roster'>,
  rules: Pick<MeetingRules, 'quorum' | 'pass' | 'tieBreak' | 'ballotNonResponse'>,
  responses: readonly Pick<ResponseRow, 'personId' | 'state' | 'payload'>[],
  final: boolean,
): Record<string, Outcome> {
  const roster = ballot.roster ?? [];
  const signed = responses.filter((r) => r.state === 'signed');
  const outcome: Record<string, Outcome> = {};
  for (const q of ballot.questions) {
    const votes: CountedVote[] = [];
    for (const r of signed) {
      const a = signedAnswers(r).find((x) => x.question === q.id);
      if (a) votes.push({ personId: r.personId, choice: a.choice, ratified: true });
    }
    outcome[q.id] = evaluateOutcome({
      rules,
      roster,
      votes,
      favour: 'agree',
      against: ['other_opinion', 'other_option'],
      present: null,
      final,
      ballot: true,
    });
  }
  return outcome;
}

/** The legal basis as one line: the profile's name and its instruments. */
export function legalBasisText(name: string, basis: readonly LegalBasis[]): string {
  return [name, ...basis.map((b) => [b.instrument, ...b.articles].join(', '))].join('; ');
}

function ruleText(rules: MeetingRules): string {
  const base =
    rules.pass.base === 'total'
      ? 'tổng số thành viên'
      : rules.pass.base === 'present'
        ? 'số có mặt'
        : 'số phiếu';
  const silence =
    rules.ballotNonResponse === 'deemed_agree'
      ? 'không trả lời được coi là đồng ý'
      : rules.ballotNonResponse === 'abstain'
        ? 'không trả lời được tính là không biểu thị ý kiến'
        : 'không trả lời không được tính';
  const tie =
    rules.tieBreak === 'chair_prevails'
      ? 'ngang nhau thì theo bên có ý kiến của người chủ trì'
      : rules.tieBreak === 'fails'
        ? 'ngang nhau thì không thông qua'
        : 'không có quy tắc khi ngang nhau';
  return `thông qua khi ${rules.pass.op === '>' ? 'quá' : 'ít nhất'} ${rules.pass.numerator}/${rules.pass.denominator} ${base} đồng ý; ${tie}; ${silence}.`;
}

export async function closeBallot(
  tx: Executor,
  p: Platform,
  actor: BallotActor,
  id: string,
  revision: number,
): Promise<BallotView> {
  const a = await loadBallotFor(tx, actor, id, 'office', actor.now, true);
  requireState(a.ballot, ['open']);
  requireRevision(a.ballot, revision);
  const b = a.ballot;
  const now = actor.now;
  const responses = await tx.select().from(ballotResponses).where(eq(ballotResponses.ballotId, id));
  const allSigned = responses.every((r) => r.state === 'signed');
  if (b.deadline && now < b.deadline && !allSigned)
    throw new AppError(BallotErrors.CABINET_BALLOT_NOT_DUE, { deadline: b.deadline.toISOString() });

  const [profile] = await tx.select().from(ruleProfiles).where(eq(ruleProfiles.id, b.ruleProfileId));
  const rules = checkRules(profile!.rules);
  const basis = legalBasisText(profile!.nameVi, profile!.legalBasis);
  const decision = { kind: 'ballot' as const, id };

  // Non-replies: deemed agreement is sealed by the system, per member, citing the rules.
  const deemed = new Set<string>();
  if (rules.ballotNonResponse === 'deemed_agree') {
    for (const m of b.roster ?? []) {
      const row = responses.find((r) => r.personId === m.personId);
      if (!row || row.state === 'signed') continue;
      const payload = canonicalJson({
        type: 'cpdt.ballot-deemed',
        ballot: id,
        member: m.personId,
        rosterHash: b.rosterHash,
        deadline: b.deadline!.toISOString(),
        legalBasis: basis,
        at: now.toISOString(),
      });
      const payloadSha256 = sha256Hex(payload);
      const entry = await appendToLog(tx, decision, { type: 'deemed', payloadSha256, ref: m.personId }, now);
      await tx
        .update(ballotResponses)
        .set({
          state: 'deemed',
          payload,
          payloadSha256,
          signature: await sealStatement(p, payload, now),
          certificateId: null,
          receiptPayload: null,
          receiptSignature: null,
          logSeq: entry.seq,
        })
        .where(and(eq(ballotResponses.ballotId, id), eq(ballotResponses.personId, m.personId)));
      deemed.add(m.personId);
    }
  }

  const outcome = tallyBallot(b, rules, responses, true);
  const closePayload = canonicalJson({
    type: 'cpdt.close',
    decision,
    closedAt: now.toISOString(),
    closedBy: actor.personId,
    outcome,
  });
  const close = await appendToLog(
    tx,
    decision,
    { type: 'close', payloadSha256: sha256Hex(closePayload) },
    now,
  );
  await tx.insert(decisionCheckpoints).values({
    decisionKind: 'ballot',
    decisionId: id,
    size: close.seq,
    headHash: close.prevHash,
    payload: closePayload,
    signature: await sealStatement(p, closePayload, now),
    createdAt: now,
  });
  const checkpoint = canonicalJson({
    type: 'cpdt.checkpoint',
    decision,
    size: close.seq + 1,
    head: close.hash,
    at: now.toISOString(),
    outcome,
  });
  await tx.insert(decisionCheckpoints).values({
    decisionKind: 'ballot',
    decisionId: id,
    size: close.seq + 1,
    headHash: close.hash,
    payload: checkpoint,
    signature: await sealStatement(p, checkpoint, now, { timestamp: true }),
    createdAt: now,
  });

  const closer =
    (await personBriefs(tx, [actor.personId])).get(actor.personId)?.displayName ?? actor.personId;
  const answers = new Map<
    string,
    { kind: 'signed'; signedAt: Date; answers: ReportAnswer[] } | { kind: 'deemed' } | null
  >();
  for (const m of b.roster ?? []) {
    const row = responses.find((r) => r.personId === m.personId);
    if (row?.state === 'signed')
      answers.set(m.personId, { kind: 'signed', signedAt: row.signedAt!, answers: signedAnswers(row) });
    else answers.set(m.personId, deemed.has(m.personId) ? { kind: 'deemed' } : null);
  }
  const pdf = await renderBallotReport({
    bodyName: a.body.nameVi,
    reference: b.reference ?? '',
    title: b.title,
    summary: b.summary,
    sentAt: b.sentAt!,
    deadline: b.deadline!,
    closedAt: now,
    closedByName: closer,
    questions: b.questions,
    roster: b.roster ?? [],
    answers,
    outcome,
    nonResponse: rules.ballotNonResponse,
    ruleText: ruleText(rules),
    legalBasis: profile!.legalBasis.map((l) => [l.instrument, ...l.articles].join(', ')),
    checkpoint: { size: close.seq + 1, head: close.hash },
  });
  const sealed = await sealReport(p, pdf, { reference: b.reference ?? '', bodyName: a.body.nameVi, at: now });
  // A file stored for a transaction that then rolls back is harmless: it is content-addressed.
  const stored = await p.files.put(Readable.from([sealed]), { maxBytes: 50 * 1024 * 1024 });

  await tx
    .update(ballots)
    .set({ state: 'closed', closedAt: now, outcome, resultSha256: stored.sha256, revision: b.revision + 1 })
    .where(eq(ballots.id, id));
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.close',
    objectType: 'cabinet_ballot',
    objectId: id,
    before: { state: 'open' },
    after: {
      state: 'closed',
      signed: responses.filter((r) => r.state === 'signed').length,
      deemed: deemed.size,
      results: Object.fromEntries(Object.entries(outcome).map(([q, o]) => [q, o.result])),
      head: close.hash,
      resultSha256: stored.sha256,
    },
  });
  const after = await loadBallotFor(tx, actor, id, 'read', now);
  return ballotView(tx, actor, after, now);
}

/** The result report file of a closed ballot, for download. */
export async function resultFor(tx: Executor, actor: BallotActor, id: string) {
  const a = await loadBallotFor(tx, actor, id, 'read', actor.now);
  if (a.ballot.state !== 'closed' || !a.ballot.resultSha256)
    throw new AppError(BallotErrors.CABINET_BALLOT_NO_RESULT);
  return { sha256: a.ballot.resultSha256, reference: a.ballot.reference ?? a.ballot.id };
}
