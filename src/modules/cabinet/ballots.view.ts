/**
 * Who may see and do what with a written opinion ballot, and how it is shown. The office of the body's agency
 * (cabinet.ballots.prepare within the actor's agency scope) drafts and runs it; an office leader
 * (cabinet.ballots.approve) approves it; once sent, the members on its roster — and the secretaries they
 * delegated to — read it and answer. Anyone else is told it does not exist (404), drafts included.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AuditContext } from '../../platform/audit/index.js';
import { isUuid, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { agencyScope, delegationsOf, inScope, personBriefs, Permissions } from '../identity/index.js';
import { BallotErrors } from './ballots.errors.js';
import type {
  BallotChoice,
  BallotQuestion,
  BallotResponseState,
  BallotState,
  MeetingRules,
  Outcome,
  RosterEntry,
} from './model.js';
import type { BodyRow, CabinetActor } from './policy.js';
import { ballotPapers, ballotResponses, ballots, bodies, ruleProfiles } from './schema.js';

export type BallotRow = typeof ballots.$inferSelect;
export type BallotPaperRow = typeof ballotPapers.$inferSelect;
export type ResponseRow = typeof ballotResponses.$inferSelect;
export type DraftAnswer = { questionId: string; choice: BallotChoice; optionId?: string; text?: string };

/** The caller of a ballot service, with the audit context and the platform clock's now. */
export interface BallotActor extends CabinetActor {
  audit: AuditContext;
  now: Date;
}

export interface BallotAccess {
  ballot: BallotRow;
  body: BodyRow;
  /** The office of the body's agency: drafts, sends, extends, recalls, closes. */
  office: boolean;
  /** An office leader who may approve (not their own draft). */
  approver: boolean;
  /** The actor is on the roster. */
  member: boolean;
  /** Roster members the actor is secretary for (delegation in force). */
  actsFor: string[];
}

/** States in which the ballot has gone out to the members. */
export const SENT_STATES: ReadonlySet<BallotState> = new Set(['open', 'closed', 'recalled']);

async function scoped(
  tx: Executor,
  actor: CabinetActor,
  body: BodyRow,
  permission: string,
): Promise<boolean> {
  if (!actor.permissions.has(permission)) return false;
  return inScope(await agencyScope(tx, actor), [body.agencyId]);
}

/** What the actor is to the ballot, or null when there is no such ballot. */
export async function ballotAccess(
  tx: Executor,
  actor: CabinetActor,
  ballotId: string,
  at: Date,
  lock = false,
): Promise<BallotAccess | null> {
  if (!isUuid(ballotId)) return null;
  const query = tx
    .select({ ballot: ballots, body: bodies })
    .from(ballots)
    .innerJoin(bodies, eq(bodies.id, ballots.bodyId))
    .where(eq(ballots.id, ballotId));
  const [found] = lock ? await query.for('update', { of: ballots }) : await query;
  if (!found) return null;
  const office = await scoped(tx, actor, found.body, Permissions.prepareBallots);
  const approver = await scoped(tx, actor, found.body, Permissions.approveBallots);
  let member = false;
  let actsFor: string[] = [];
  if (SENT_STATES.has(found.ballot.state)) {
    const principals = await delegationsOf(tx, actor.personId, at);
    const wanted = [actor.personId, ...principals.map((p) => p.id)];
    const rows = await tx
      .select({ personId: ballotResponses.personId })
      .from(ballotResponses)
      .where(and(eq(ballotResponses.ballotId, ballotId), inArray(ballotResponses.personId, wanted)));
    const onRoster = new Set(rows.map((r) => r.personId));
    member = onRoster.has(actor.personId);
    actsFor = principals.map((p) => p.id).filter((id) => id !== actor.personId && onRoster.has(id));
  }
  return { ...found, office, approver, member, actsFor };
}

export function mayRead(a: BallotAccess): boolean {
  return a.office || a.approver || a.member || a.actsFor.length > 0;
}

/**
 * The ballot for an action: 404 CABINET_BALLOT_NOT_FOUND when the actor may not even see it, 403
 * CABINET_BALLOT_FORBIDDEN when the action needs the office and they only read it.
 */
export async function loadBallotFor(
  tx: Executor,
  actor: CabinetActor,
  ballotId: string,
  need: 'read' | 'office' | 'approve',
  at: Date,
  lock = false,
): Promise<BallotAccess> {
  const access = await ballotAccess(tx, actor, ballotId, at, lock);
  if (!access || !mayRead(access)) throw new AppError(BallotErrors.CABINET_BALLOT_NOT_FOUND);
  if (need === 'office' && !access.office) throw new AppError(BallotErrors.CABINET_BALLOT_FORBIDDEN);
  if (need === 'approve' && !access.approver) throw new AppError(BallotErrors.CABINET_BALLOT_NOT_APPROVER);
  return access;
}

export function wrongState(ballot: BallotRow, allowed: readonly BallotState[]): AppError {
  return new AppError(BallotErrors.CABINET_BALLOT_WRONG_STATE, { state: ballot.state, allowed });
}

export function requireState(ballot: BallotRow, allowed: readonly BallotState[]): void {
  if (!allowed.includes(ballot.state)) throw wrongState(ballot, allowed);
}

export function requireRevision(ballot: BallotRow, revision: number | undefined): void {
  if (revision !== undefined && revision !== ballot.revision)
    throw new AppError(BallotErrors.CABINET_BALLOT_CHANGED, { revision: ballot.revision });
}

export interface PaperView {
  id: string;
  title: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface AnswerView {
  questionId: string;
  choice: BallotChoice;
  optionId?: string;
  text?: string;
}

export interface ResponseView {
  personId: string;
  fullName: string;
  title: string | null;
  state: BallotResponseState;
  deliveredAt: string | null;
  openedAt: string | null;
  draft: AnswerView[] | null;
  draftedBy: { id: string; displayName: string } | null;
  draftedAt: string | null;
  signedAt: string | null;
  /** The signed (or deemed) answers, from the stored payload. */
  answers: AnswerView[] | null;
  receipt: { payload: string; signature: string } | null;
  /** The actor is this member (may sign) or their secretary (may only draft). */
  mySelf: boolean;
  overdue: boolean;
}

export interface BallotView {
  id: string;
  body: { id: string; name: string };
  reference: string | null;
  title: string;
  summary: string;
  questions: BallotQuestion[];
  state: BallotState;
  answerDays: number;
  deadline: string | null;
  originalDeadline: string | null;
  followUpBy: string | null;
  createdBy: { id: string; displayName: string } | null;
  createdAt: string;
  submittedAt: string | null;
  approvedBy: { id: string; displayName: string } | null;
  approvedAt: string | null;
  sentAt: string | null;
  closedAt: string | null;
  recalledReason: string | null;
  outcome: Record<string, Outcome> | null;
  hasResult: boolean;
  revision: number;
  papers: PaperView[];
  roster: RosterEntry[] | null;
  rosterHash: string | null;
  ruleProfile: {
    code: string;
    name: string;
    ballotMin: number;
    ballotMax: number;
    ballotNonResponse: MeetingRules['ballotNonResponse'];
    legalBasis: string[];
  } | null;
  may: {
    edit: boolean;
    submit: boolean;
    approve: boolean;
    send: boolean;
    extend: boolean;
    recall: boolean;
    cancel: boolean;
    close: boolean;
    board: boolean;
  };
  /** The answers the actor may give or draft: their own, and the members they are secretary for. */
  mine: ResponseView[];
  /** The server's clock when this was read (deadline countdowns run on it, not on the device's clock). */
  now: string;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function paperView(row: BallotPaperRow): PaperView {
  return {
    id: row.id,
    title: row.title,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

export async function papersOf(tx: Executor, ballotId: string): Promise<BallotPaperRow[]> {
  return tx
    .select()
    .from(ballotPapers)
    .where(eq(ballotPapers.ballotId, ballotId))
    .orderBy(ballotPapers.position, ballotPapers.uploadedAt);
}

/** The answers in a stored answer or deemed payload (deemed: agree to every question). */
export function answersOf(row: ResponseRow, questions: readonly BallotQuestion[]): AnswerView[] | null {
  if (!row.payload) return null;
  if (row.state === 'deemed') return questions.map((q) => ({ questionId: q.id, choice: 'agree' as const }));
  try {
    const parsed = JSON.parse(row.payload) as {
      answers?: { question: string; choice: BallotChoice; option?: string; text?: string }[];
    };
    return (parsed.answers ?? []).map((a) => ({
      questionId: a.question,
      choice: a.choice,
      ...(a.option ? { optionId: a.option } : {}),
      ...(a.text ? { text: a.text } : {}),
    }));
  } catch {
    return null;
  }
}

export function responseView(
  row: ResponseRow,
  ballot: BallotRow,
  names: Map<string, { displayName: string }>,
  actorId: string,
  now: Date,
): ResponseView {
  const entry = ballot.roster?.find((r) => r.personId === row.personId);
  const drafter = row.draftedBy ? names.get(row.draftedBy) : undefined;
  return {
    personId: row.personId,
    fullName: entry?.fullName ?? names.get(row.personId)?.displayName ?? '—',
    title: entry?.title ?? null,
    state: row.state,
    deliveredAt: iso(row.deliveredAt),
    openedAt: iso(row.openedAt),
    draft: row.draft ?? null,
    draftedBy: row.draftedBy ? { id: row.draftedBy, displayName: drafter?.displayName ?? '—' } : null,
    draftedAt: iso(row.draftedAt),
    signedAt: iso(row.signedAt),
    answers: answersOf(row, ballot.questions),
    receipt:
      row.receiptPayload && row.receiptSignature
        ? { payload: row.receiptPayload, signature: row.receiptSignature }
        : null,
    mySelf: row.personId === actorId,
    overdue:
      ballot.state === 'open' &&
      ballot.deadline !== null &&
      now >= ballot.deadline &&
      row.state !== 'signed' &&
      row.state !== 'deemed',
  };
}

export async function ballotView(
  tx: Executor,
  actor: CabinetActor,
  a: BallotAccess,
  now: Date,
): Promise<BallotView> {
  const b = a.ballot;
  const [profile] = await tx.select().from(ruleProfiles).where(eq(ruleProfiles.id, b.ruleProfileId));
  const papers = await papersOf(tx, b.id);
  const wanted = [...(a.member ? [actor.personId] : []), ...a.actsFor];
  const mineRows = wanted.length
    ? await tx
        .select()
        .from(ballotResponses)
        .where(and(eq(ballotResponses.ballotId, b.id), inArray(ballotResponses.personId, wanted)))
    : [];
  const names = await personBriefs(tx, [
    b.createdBy,
    ...(b.approvedBy ? [b.approvedBy] : []),
    ...mineRows.flatMap((r) => [r.personId, ...(r.draftedBy ? [r.draftedBy] : [])]),
  ]);
  const person = (id: string | null) => (id ? { id, displayName: names.get(id)?.displayName ?? '—' } : null);
  const unsent = b.state === 'draft' || b.state === 'submitted' || b.state === 'approved';
  return {
    id: b.id,
    body: { id: a.body.id, name: a.body.nameVi },
    reference: b.reference,
    title: b.title,
    summary: b.summary,
    questions: b.questions,
    state: b.state,
    answerDays: b.answerDays,
    deadline: iso(b.deadline),
    originalDeadline: iso(b.originalDeadline),
    followUpBy: b.followUpBy,
    createdBy: person(b.createdBy),
    createdAt: b.createdAt.toISOString(),
    submittedAt: iso(b.submittedAt),
    approvedBy: person(b.approvedBy),
    approvedAt: iso(b.approvedAt),
    sentAt: iso(b.sentAt),
    closedAt: iso(b.closedAt),
    recalledReason: b.recalledReason,
    outcome: b.state === 'closed' ? (b.outcome ?? null) : null,
    hasResult: b.resultSha256 !== null,
    revision: b.revision,
    papers: papers.map(paperView),
    roster: b.roster,
    rosterHash: b.rosterHash,
    ruleProfile: profile
      ? {
          code: profile.code,
          name: profile.nameVi,
          ballotMin: profile.rules.deadlines.ballotMin,
          ballotMax: profile.rules.deadlines.ballotMax,
          ballotNonResponse: profile.rules.ballotNonResponse,
          legalBasis: profile.legalBasis.map((l) => [l.instrument, ...l.articles].join(', ')),
        }
      : null,
    may: {
      edit: a.office && b.state === 'draft',
      submit: a.office && b.state === 'draft',
      approve: a.approver && b.state === 'submitted' && b.createdBy !== actor.personId,
      send: a.office && b.state === 'approved',
      extend: a.office && b.state === 'open',
      recall: a.office && b.state === 'open',
      cancel: a.office && unsent,
      close: a.office && b.state === 'open',
      board: (a.office || a.approver) && !unsent,
    },
    mine: mineRows.map((r) => responseView(r, b, names, actor.personId, now)),
    now: now.toISOString(),
  };
}
