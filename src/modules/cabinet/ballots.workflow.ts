/**
 * The office's side of a written opinion ballot: draft (title, the matter and the points on which opinions
 * differ, questions, papers, working days to answer) → submit → approve (an office leader other than the
 * drafter; or return to draft) → send (reference, sealed roster, deadline at 17:00 Vietnam time
 * `answerDays` working days later, a response row per member, notices to members and secretaries) →
 * extend / recall while open; cancel before sending. Every change checks the revision, is audited in the
 * same transaction, and a wrong state is a coded error that changes nothing.
 */
import crypto from 'node:crypto';
import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import {
  dayInVietnam,
  parseIsoDate,
  startOfDayInstant,
  type WorkingCalendar,
} from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { StoredFile } from '../../platform/files/index.js';
import type { Platform } from '../../platform/platform.js';
import { agencyScope, delegationsOf, personBriefs, Permissions } from '../identity/index.js';
import { BallotErrors } from './ballots.errors.js';
import { notifyMember } from './ballots.notify.js';
import {
  ballotView,
  loadBallotFor,
  papersOf,
  paperView,
  requireRevision,
  requireState,
  responseView,
  SENT_STATES,
  type BallotActor,
  type BallotRow,
  type BallotView,
  type PaperView,
  type ResponseView,
} from './ballots.view.js';
import type { BallotQuestion, BallotResponseState, BallotState } from './model.js';
import { snapshotRoster } from './polls.roster.js';
import { meetingDay } from './rules.js';
import { profileInForce } from './rules.seed.js';
import { ballotPapers, ballotResponses, ballots, bodies } from './schema.js';
import { isUuid } from '../../platform/db/index.js';

export const BALLOT_TITLE_MAX = 500;
export const BALLOT_SUMMARY_MAX = 20_000;
export const QUESTION_TEXT_MAX = 2000;
export const OPTION_LABEL_MAX = 500;
export const QUESTIONS_MAX = 50;
export const OPTIONS_MAX = 20;
/** The hour (Vietnam time) a ballot's deadline falls at: the end of the working day. */
export const DEADLINE_HOUR = 17;

export interface QuestionInput {
  id?: string | undefined;
  text: string;
  options?: { id?: string | undefined; label: string }[] | undefined;
}

export interface BallotInput {
  bodyId: string;
  title: string;
  summary?: string | undefined;
  questions: QuestionInput[];
  answerDays: number;
  followUpBy?: string | null | undefined;
}

/** 17:00 Vietnam time on `day` (YYYY-MM-DD). */
export function deadlineOn(day: string): Date {
  return new Date(startOfDayInstant(parseIsoDate(day)).getTime() + DEADLINE_HOUR * 3600_000);
}

/** The deadline of a ballot sent at `sentAt`: 17:00 on the `days`-th working day after the day of sending. */
export function ballotDeadline(calendar: WorkingCalendar, sentAt: Date, days: number): Date {
  return deadlineOn(calendar.addWorkingDays(dayInVietnam(sentAt), days).date);
}

const invalid = (field: string, extra: Record<string, unknown> = {}) =>
  new AppError(BallotErrors.CABINET_BALLOT_INVALID, { field, ...extra });

const ID = /^[A-Za-z0-9_-]{1,40}$/;

/** Questions checked and given stable ids (kept when the client sends back an id it got). */
export function checkQuestions(input: readonly QuestionInput[]): BallotQuestion[] {
  if (!input.length || input.length > QUESTIONS_MAX) throw invalid('questions');
  const seen = new Set<string>();
  const fresh = (prefix: string, given: string | undefined) => {
    const id =
      given && ID.test(given) && !seen.has(given) ? given : `${prefix}${crypto.randomUUID().slice(0, 8)}`;
    seen.add(id);
    return id;
  };
  return input.map((q, i) => {
    const text = q.text.normalize('NFC').trim();
    if (!text || text.length > QUESTION_TEXT_MAX) throw invalid(`questions.${i}.text`);
    const options = q.options ?? [];
    if (options.length > OPTIONS_MAX) throw invalid(`questions.${i}.options`);
    return {
      id: fresh('q-', q.id),
      text,
      options: options.map((o, j) => {
        const label = o.label.normalize('NFC').trim();
        if (!label || label.length > OPTION_LABEL_MAX) throw invalid(`questions.${i}.options.${j}.label`);
        return { id: fresh('o-', o.id), label };
      }),
    };
  });
}

function checkText(input: Pick<BallotInput, 'title' | 'summary'>) {
  const title = input.title.normalize('NFC').trim();
  if (!title || title.length > BALLOT_TITLE_MAX) throw invalid('title');
  const summary = (input.summary ?? '').normalize('NFC').trim();
  if (summary.length > BALLOT_SUMMARY_MAX) throw invalid('summary');
  return { title, summary };
}

async function checkFollowUp(tx: Executor, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  if (!isUuid(id) || !(await personBriefs(tx, [id])).has(id)) throw invalid('followUpBy');
  return id;
}

/** The body's rule profile in force today, and the answer period within its ballotMin..ballotMax. */
async function profileFor(tx: Executor, ruleProfileCode: string, answerDays: number, now: Date) {
  const profile = await profileInForce(tx, ruleProfileCode, meetingDay(now));
  const { ballotMin, ballotMax } = profile.rules.deadlines;
  if (!Number.isInteger(answerDays) || answerDays < Math.max(1, ballotMin) || answerDays > ballotMax)
    throw invalid('answerDays', { min: Math.max(1, ballotMin), max: ballotMax });
  return profile;
}

const view = (tx: Executor, actor: BallotActor, id: string) =>
  loadBallotFor(tx, actor, id, 'read', actor.now).then((a) => ballotView(tx, actor, a, actor.now));

export async function getBallot(tx: Executor, actor: BallotActor, id: string): Promise<BallotView> {
  return view(tx, actor, id);
}

/** Writes the change with the next revision. */
async function save(
  tx: Executor,
  before: BallotRow,
  set: Partial<typeof ballots.$inferInsert>,
): Promise<BallotRow> {
  const [row] = await tx
    .update(ballots)
    .set({ ...set, revision: before.revision + 1 })
    .where(eq(ballots.id, before.id))
    .returning();
  return row!;
}

export async function createBallot(
  tx: Executor,
  p: Platform,
  actor: BallotActor,
  input: BallotInput,
): Promise<BallotView> {
  if (!actor.permissions.has(Permissions.prepareBallots))
    throw new AppError(BallotErrors.CABINET_BALLOT_FORBIDDEN);
  const [body] = isUuid(input.bodyId)
    ? await tx.select().from(bodies).where(eq(bodies.id, input.bodyId))
    : [];
  const scope = await agencyScope(tx, actor);
  if (!body || (scope !== null && !scope.has(body.agencyId)))
    throw new AppError(BallotErrors.CABINET_BALLOT_INVALID, { field: 'bodyId' });
  const { title, summary } = checkText(input);
  const questions = checkQuestions(input.questions);
  const profile = await profileFor(tx, body.ruleProfileCode, input.answerDays, actor.now);
  const followUpBy = await checkFollowUp(tx, input.followUpBy);
  const [row] = await tx
    .insert(ballots)
    .values({
      bodyId: body.id,
      title,
      summary,
      questions,
      state: 'draft',
      ruleProfileId: profile.id,
      answerDays: input.answerDays,
      followUpBy,
      createdBy: actor.personId,
      createdAt: actor.now,
    })
    .returning();
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.create',
    objectType: 'cabinet_ballot',
    objectId: row!.id,
    after: { bodyId: body.id, title, questions: questions.length, answerDays: input.answerDays },
  });
  void p;
  return view(tx, actor, row!.id);
}

export async function updateBallot(
  tx: Executor,
  actor: BallotActor,
  id: string,
  input: Omit<BallotInput, 'bodyId'> & { revision: number },
): Promise<BallotView> {
  const a = await loadBallotFor(tx, actor, id, 'office', actor.now, true);
  requireState(a.ballot, ['draft']);
  requireRevision(a.ballot, input.revision);
  const { title, summary } = checkText(input);
  const questions = checkQuestions(input.questions);
  const profile = await profileFor(tx, a.body.ruleProfileCode, input.answerDays, actor.now);
  const followUpBy = await checkFollowUp(tx, input.followUpBy);
  await save(tx, a.ballot, {
    title,
    summary,
    questions,
    answerDays: input.answerDays,
    ruleProfileId: profile.id,
    followUpBy,
  });
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.edit',
    objectType: 'cabinet_ballot',
    objectId: id,
    before: { title: a.ballot.title, questions: a.ballot.questions.length, answerDays: a.ballot.answerDays },
    after: { title, questions: questions.length, answerDays: input.answerDays },
  });
  return view(tx, actor, id);
}

/** A draft's papers may change; checked before a byte of the file is read. */
export async function checkPaperUpload(tx: Executor, actor: BallotActor, id: string): Promise<void> {
  const a = await loadBallotFor(tx, actor, id, 'office', actor.now);
  requireState(a.ballot, ['draft']);
}

export async function addPaper(
  tx: Executor,
  actor: BallotActor,
  id: string,
  file: StoredFile & { filename: string },
  title: string | undefined,
): Promise<PaperView> {
  const a = await loadBallotFor(tx, actor, id, 'office', actor.now, true);
  requireState(a.ballot, ['draft']);
  const existing = await papersOf(tx, id);
  const name = (title ?? '').normalize('NFC').trim() || file.filename || 'Tài liệu';
  const [row] = await tx
    .insert(ballotPapers)
    .values({
      ballotId: id,
      position: existing.length,
      title: name.slice(0, 500),
      sha256: file.sha256,
      fileName: file.filename || 'tai-lieu',
      mediaType: file.mediaType,
      size: file.size,
      uploadedBy: actor.personId,
      uploadedAt: actor.now,
    })
    .returning();
  await save(tx, a.ballot, {});
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.paper.add',
    objectType: 'cabinet_ballot',
    objectId: id,
    after: { paperId: row!.id, title: row!.title, sha256: file.sha256, size: file.size },
  });
  return paperView(row!);
}

export async function removePaper(
  tx: Executor,
  actor: BallotActor,
  id: string,
  paperId: string,
): Promise<void> {
  const a = await loadBallotFor(tx, actor, id, 'office', actor.now, true);
  requireState(a.ballot, ['draft']);
  const [row] = isUuid(paperId)
    ? await tx
        .delete(ballotPapers)
        .where(and(eq(ballotPapers.id, paperId), eq(ballotPapers.ballotId, id)))
        .returning()
    : [];
  if (!row) throw new AppError(BallotErrors.CABINET_BALLOT_PAPER_NOT_FOUND);
  await save(tx, a.ballot, {});
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.paper.remove',
    objectType: 'cabinet_ballot',
    objectId: id,
    before: { paperId, title: row.title, sha256: row.sha256 },
  });
}

/** A paper of the ballot the actor may read (members see them once it is sent). */
export async function paperFor(tx: Executor, actor: BallotActor, id: string, paperId: string) {
  await loadBallotFor(tx, actor, id, 'read', actor.now);
  const [row] = isUuid(paperId)
    ? await tx
        .select()
        .from(ballotPapers)
        .where(and(eq(ballotPapers.id, paperId), eq(ballotPapers.ballotId, id)))
    : [];
  if (!row) throw new AppError(BallotErrors.CABINET_BALLOT_PAPER_NOT_FOUND);
  return row;
}

async function transition(
  tx: Executor,
  actor: BallotActor,
  id: string,
  need: 'office' | 'approve',
  from: readonly BallotState[],
  revision: number,
  action: string,
  change: (b: BallotRow) => Partial<typeof ballots.$inferInsert>,
  detail: Record<string, unknown> = {},
): Promise<BallotView> {
  const a = await loadBallotFor(tx, actor, id, need, actor.now, true);
  requireState(a.ballot, from);
  requireRevision(a.ballot, revision);
  const set = change(a.ballot);
  const after = await save(tx, a.ballot, set);
  await audit(tx, actor.audit, {
    action,
    objectType: 'cabinet_ballot',
    objectId: id,
    before: { state: a.ballot.state },
    after: { state: after.state, ...detail },
  });
  return view(tx, actor, id);
}

export async function submitBallot(tx: Executor, actor: BallotActor, id: string, revision: number) {
  return transition(tx, actor, id, 'office', ['draft'], revision, 'cabinet.ballot.submit', () => ({
    state: 'submitted',
    submittedAt: actor.now,
  }));
}

export async function approveBallot(tx: Executor, actor: BallotActor, id: string, revision: number) {
  const a = await loadBallotFor(tx, actor, id, 'approve', actor.now);
  requireState(a.ballot, ['submitted']);
  if (a.ballot.createdBy === actor.personId) throw new AppError(BallotErrors.CABINET_BALLOT_SELF_APPROVAL);
  return transition(tx, actor, id, 'approve', ['submitted'], revision, 'cabinet.ballot.approve', () => ({
    state: 'approved',
    approvedBy: actor.personId,
    approvedAt: actor.now,
  }));
}

/** The office leader sends the draft back (with a note in the audit). */
export async function returnBallot(
  tx: Executor,
  actor: BallotActor,
  id: string,
  revision: number,
  note: string,
) {
  return transition(
    tx,
    actor,
    id,
    'approve',
    ['submitted'],
    revision,
    'cabinet.ballot.return',
    () => ({ state: 'draft', submittedAt: null }),
    { note: note.slice(0, 2000) },
  );
}

export async function cancelBallot(tx: Executor, actor: BallotActor, id: string, revision: number) {
  return transition(
    tx,
    actor,
    id,
    'office',
    ['draft', 'submitted', 'approved'],
    revision,
    'cabinet.ballot.cancel',
    () => ({
      state: 'cancelled',
    }),
  );
}

export async function sendBallot(
  tx: Executor,
  p: Platform,
  actor: BallotActor,
  id: string,
  input: { reference: string; revision: number },
): Promise<BallotView> {
  const a = await loadBallotFor(tx, actor, id, 'office', actor.now, true);
  requireState(a.ballot, ['approved']);
  requireRevision(a.ballot, input.revision);
  const reference = input.reference.normalize('NFC').trim();
  if (!reference || reference.length > 100)
    throw new AppError(BallotErrors.CABINET_BALLOT_REFERENCE_REQUIRED);
  const now = actor.now;
  // The rules in force on the day of sending govern the answers and the tally.
  const profile = await profileInForce(tx, a.body.ruleProfileCode, meetingDay(now));
  const calendar = await p.calendar.current(tx);
  const deadline = ballotDeadline(calendar, now, a.ballot.answerDays);
  const snap = await snapshotRoster(tx, p, { kind: 'ballot', id }, a.body.id, now);
  if (!snap.roster.length) throw new AppError(BallotErrors.CABINET_BALLOT_NO_MEMBERS);
  const sent = await save(tx, a.ballot, {
    state: 'open',
    reference,
    ruleProfileId: profile.id,
    deadline,
    roster: snap.roster,
    rosterHash: snap.rosterHash,
    rosterPayload: snap.payload,
    rosterSignature: snap.signature,
    sentBy: actor.personId,
    sentAt: now,
  });
  const rows: (typeof ballotResponses.$inferInsert)[] = snap.roster.map((r) => ({
    ballotId: id,
    personId: r.personId,
    state: 'pending',
    deliveredAt: now,
  }));
  await tx.insert(ballotResponses).values(rows);
  let messages = 0;
  for (const r of snap.roster)
    messages += await notifyMember(tx, p, actor.audit, sent, a.body.nameVi, r.personId, 'sent');
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.send',
    objectType: 'cabinet_ballot',
    objectId: id,
    before: { state: a.ballot.state },
    after: {
      state: 'open',
      reference,
      deadline: deadline.toISOString(),
      rosterHash: snap.rosterHash,
      members: snap.roster.length,
      messages,
    },
  });
  return view(tx, actor, id);
}

export async function extendBallot(
  tx: Executor,
  p: Platform,
  actor: BallotActor,
  id: string,
  input: { deadline: string; revision: number },
): Promise<BallotView> {
  const a = await loadBallotFor(tx, actor, id, 'office', actor.now, true);
  requireState(a.ballot, ['open']);
  requireRevision(a.ballot, input.revision);
  const calendar = await p.calendar.current(tx);
  let next: Date;
  try {
    if (!calendar.isWorkingDay(input.deadline)) throw new Error('not a working day');
    next = deadlineOn(input.deadline);
  } catch {
    throw new AppError(BallotErrors.CABINET_BALLOT_DEADLINE_INVALID, { deadline: input.deadline });
  }
  if (next <= a.ballot.deadline! || next <= actor.now)
    throw new AppError(BallotErrors.CABINET_BALLOT_DEADLINE_INVALID, { deadline: input.deadline });
  const extended = await save(tx, a.ballot, {
    deadline: next,
    originalDeadline: a.ballot.originalDeadline ?? a.ballot.deadline,
  });
  const waiting = await tx
    .select({ personId: ballotResponses.personId })
    .from(ballotResponses)
    .where(and(eq(ballotResponses.ballotId, id), inArray(ballotResponses.state, ['pending', 'drafted'])));
  for (const r of waiting)
    await notifyMember(tx, p, actor.audit, extended, a.body.nameVi, r.personId, 'extended', {
      round: next.toISOString(),
    });
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.extend',
    objectType: 'cabinet_ballot',
    objectId: id,
    before: { deadline: a.ballot.deadline!.toISOString() },
    after: { deadline: next.toISOString(), notified: waiting.length },
  });
  return view(tx, actor, id);
}

export async function recallBallot(
  tx: Executor,
  p: Platform,
  actor: BallotActor,
  id: string,
  input: { reason: string; revision: number },
): Promise<BallotView> {
  const a = await loadBallotFor(tx, actor, id, 'office', actor.now, true);
  requireState(a.ballot, ['open']);
  requireRevision(a.ballot, input.revision);
  const reason = input.reason.normalize('NFC').trim();
  if (!reason || reason.length > 2000) throw new AppError(BallotErrors.CABINET_BALLOT_REASON_REQUIRED);
  const recalled = await save(tx, a.ballot, {
    state: 'recalled',
    recalledReason: reason,
    closedAt: actor.now,
  });
  for (const r of a.ballot.roster ?? [])
    await notifyMember(tx, p, actor.audit, recalled, a.body.nameVi, r.personId, 'recalled', { reason });
  await audit(tx, actor.audit, {
    action: 'cabinet.ballot.recall',
    objectType: 'cabinet_ballot',
    objectId: id,
    before: { state: 'open' },
    after: { state: 'recalled', reason },
  });
  return view(tx, actor, id);
}

export const BALLOT_LIST_VIEWS = ['office', 'mine'] as const;
export type BallotListView = (typeof BALLOT_LIST_VIEWS)[number];

export interface BallotListItem {
  id: string;
  reference: string | null;
  title: string;
  state: BallotState;
  body: { id: string; name: string };
  deadline: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Office: how many members have signed (or were deemed) of the roster. */
  answered: number;
  members: number;
  /** Mine: the answers I give or draft (myself, and the members I am secretary for). */
  mine: { personId: string; state: BallotResponseState }[];
}

export async function listBallots(
  tx: Executor,
  actor: BallotActor,
  which: BallotListView,
): Promise<BallotListItem[]> {
  let rows: { ballot: BallotRow; body: typeof bodies.$inferSelect }[];
  const mine = new Map<string, { personId: string; state: BallotResponseState }[]>();
  if (which === 'office') {
    if (
      !actor.permissions.has(Permissions.prepareBallots) &&
      !actor.permissions.has(Permissions.approveBallots)
    )
      return [];
    const scope = await agencyScope(tx, actor);
    if (scope !== null && !scope.size) return [];
    const where: SQL | undefined = scope === null ? undefined : inArray(bodies.agencyId, [...scope]);
    rows = await tx
      .select({ ballot: ballots, body: bodies })
      .from(ballots)
      .innerJoin(bodies, eq(bodies.id, ballots.bodyId))
      .where(where)
      .orderBy(desc(ballots.createdAt))
      .limit(500);
  } else {
    const principals = await delegationsOf(tx, actor.personId, actor.now);
    const people = [actor.personId, ...principals.map((p) => p.id)];
    const responses = await tx
      .select({
        ballotId: ballotResponses.ballotId,
        personId: ballotResponses.personId,
        state: ballotResponses.state,
      })
      .from(ballotResponses)
      .where(inArray(ballotResponses.personId, people));
    for (const r of responses)
      mine.set(r.ballotId, [...(mine.get(r.ballotId) ?? []), { personId: r.personId, state: r.state }]);
    if (!mine.size) return [];
    rows = await tx
      .select({ ballot: ballots, body: bodies })
      .from(ballots)
      .innerJoin(bodies, eq(bodies.id, ballots.bodyId))
      .where(
        and(inArray(ballots.id, [...mine.keys()]), or(...[...SENT_STATES].map((s) => eq(ballots.state, s)))),
      )
      .orderBy(desc(ballots.sentAt))
      .limit(500);
  }
  const ids = rows.map((r) => r.ballot.id);
  const counts = new Map<string, { answered: number; members: number }>();
  if (ids.length) {
    const all = await tx
      .select({ ballotId: ballotResponses.ballotId, state: ballotResponses.state })
      .from(ballotResponses)
      .where(inArray(ballotResponses.ballotId, ids));
    for (const r of all) {
      const c = counts.get(r.ballotId) ?? { answered: 0, members: 0 };
      c.members++;
      if (r.state === 'signed' || r.state === 'deemed') c.answered++;
      counts.set(r.ballotId, c);
    }
  }
  return rows.map(({ ballot: b, body }) => ({
    id: b.id,
    reference: b.reference,
    title: b.title,
    state: b.state,
    body: { id: body.id, name: body.nameVi },
    deadline: b.deadline?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
    sentAt: b.sentAt?.toISOString() ?? null,
    answered: counts.get(b.id)?.answered ?? 0,
    members: counts.get(b.id)?.members ?? 0,
    mine: mine.get(b.id) ?? [],
  }));
}

export interface BoardRow extends ResponseView {
  deemed: boolean;
}

/** The response board (office and approvers): per member delivered, opened, drafted (by whom), signed, deemed, overdue. */
export async function ballotBoard(tx: Executor, actor: BallotActor, id: string): Promise<BoardRow[]> {
  const a = await loadBallotFor(tx, actor, id, 'read', actor.now);
  if (!a.office && !a.approver) throw new AppError(BallotErrors.CABINET_BALLOT_FORBIDDEN);
  const rows = await tx.select().from(ballotResponses).where(eq(ballotResponses.ballotId, id));
  const names = await personBriefs(
    tx,
    rows.flatMap((r) => [r.personId, ...(r.draftedBy ? [r.draftedBy] : [])]),
  );
  const order = new Map((a.ballot.roster ?? []).map((r, i) => [r.personId, i]));
  return rows
    .sort((x, y) => (order.get(x.personId) ?? 0) - (order.get(y.personId) ?? 0))
    .map((r) => ({
      ...responseView(r, a.ballot, names, actor.personId, actor.now),
      // The board shows who answered what only after close (the answers are the members' until then).
      answers:
        a.ballot.state === 'closed'
          ? responseView(r, a.ballot, names, actor.personId, actor.now).answers
          : null,
      receipt: null,
      draft: null,
      deemed: r.state === 'deemed',
    }));
}
