/**
 * Polls in the meeting room: the chair (or the office) opens one on an agenda item; the roster is snapshotted
 * and sealed; each member signs their own vote (canonical JSON naming poll, member, choice, roster hash and the
 * papers' SHA-256) and gets a sealed receipt; choices stay hidden until the poll closes; at close the outcome is
 * tallied under the meeting's rule profile, and the evidence log gets a sealed close statement and checkpoint.
 *
 * Where the profile allows it, the office may record a member's vote on their behalf (signed by the recorder,
 * with an evidence note); it stays unratified until the member signs a ratification.
 *
 * Casting is the hot path: each vote is verified (payload, roster, certificate, ECDSA) with no lock held, then
 * the poll's group commit writes the verified votes in batches, one transaction each (acceptVote); the poll's
 * fixed part (roster, papers, rules) is read once per process and cached; refusals write nothing.
 */
import crypto from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT, type AuditContext } from '../../platform/audit/index.js';
import { canonicalJson, sha256Hex } from '../../platform/crypto/index.js';
import { isUuid, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  completeSignature,
  completeSignatures,
  personBriefs,
  prepareSignature,
  warmSigningCertificates,
} from '../identity/index.js';
import { appendManyToLog, appendToLog, lockLog, readLog, type LogRow } from './decisions.log.js';
import { sealStatement } from './decisions.seal.js';
import { evaluateOutcome, type CountedVote } from './decisions.outcome.js';
import type { PaperActor } from './paper-access.js';
import { computeQuorum } from './participants.service.js';
import {
  PAPER_ONLY,
  type DecisionOption,
  type MeetingRules,
  type Outcome,
  type PaperHash,
  type PollKind,
  type RosterEntry,
} from './model.js';
import { isChair, loadMeetingFor, type MeetingAccess } from './policy.js';
import { PollErrors } from './polls.errors.js';
import {
  choicesOf,
  nonce,
  parseRatification,
  parseVote,
  samePapers,
  type CheckpointStatement,
  type CloseStatement,
  type ReceiptPayload,
  type RatificationPayload,
  type VotePayload,
} from './polls.payload.js';
import { snapshotRoster } from './polls.roster.js';
import {
  agendaItems,
  decisionCheckpoints,
  meetings,
  papers,
  paperVersions,
  participants,
  polls,
  ruleProfiles,
  votes,
} from './schema.js';

export type PollActor = PaperActor;
export type PollRow = typeof polls.$inferSelect;
export type VoteRow = typeof votes.$inferSelect;
type PollHead = Pick<PollRow, 'id' | 'meetingId' | 'state'>;

const POLL = (id: string) => ({ kind: 'poll' as const, id });

/* ---------------------------------------------------------------- the poll's fixed part, cached ------ */

/** What never changes once a poll is open: read once per process. */
export interface PollFixed {
  id: string;
  meetingId: string;
  meetingTitle: string;
  question: string;
  kind: PollKind;
  options: DecisionOption[];
  roster: RosterEntry[];
  rosterIndex: Map<string, RosterEntry>;
  rosterHash: string;
  paperHashes: PaperHash[];
  rules: MeetingRules;
  presentCount: number;
}

const FIXED_MAX = 2_000;
const fixedCache = new Map<string, PollFixed>();

async function pollFixed(tx: Executor, poll: PollRow): Promise<PollFixed> {
  const hit = fixedCache.get(poll.id);
  if (hit) return hit;
  const [row] = await tx
    .select({ rules: ruleProfiles.rules, title: meetings.title })
    .from(meetings)
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, poll.ruleProfileId))
    .where(eq(meetings.id, poll.meetingId));
  const fixed: PollFixed = {
    id: poll.id,
    meetingId: poll.meetingId,
    meetingTitle: row!.title,
    question: poll.question,
    kind: poll.kind,
    options: poll.options,
    roster: poll.roster,
    rosterIndex: new Map(poll.roster.map((r) => [r.personId, r])),
    rosterHash: poll.rosterHash,
    paperHashes: poll.paperHashes,
    rules: row!.rules,
    presentCount: poll.presentCount,
  };
  if (fixedCache.size >= FIXED_MAX) fixedCache.clear();
  fixedCache.set(poll.id, fixed);
  return fixed;
}

/* ---------------------------------------------------------------- access ------------------------------ */

export function mayRunPolls(access: MeetingAccess, actor: PollActor): boolean {
  return isChair(access, actor) || access.office;
}

/** The poll of this meeting that the actor may see (404 otherwise), with the actor's access to the meeting. */
export async function pollFor(
  tx: Executor,
  actor: PollActor,
  meetingId: string,
  pollId: string,
): Promise<{ access: MeetingAccess; poll: PollRow }> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now).catch((e: unknown) => {
    if (e instanceof AppError) throw new AppError(PollErrors.CABINET_POLL_NOT_FOUND);
    throw e;
  });
  if (!isUuid(pollId)) throw new AppError(PollErrors.CABINET_POLL_NOT_FOUND);
  const [poll] = await tx
    .select()
    .from(polls)
    .where(and(eq(polls.id, pollId), eq(polls.meetingId, access.meeting.id)));
  if (!poll) throw new AppError(PollErrors.CABINET_POLL_NOT_FOUND);
  return { access, poll };
}

/**
 * The hot path's look-up: a roster member reaches the poll with one query (a voting member of the body may
 * see the body's polls); anyone else goes through the meeting's access check, so a stranger gets 404.
 */
async function pollForVoter(
  tx: Executor,
  actor: PollActor,
  meetingId: string,
  pollId: string,
  /** Also tell whether this person's vote is stored (the same query: one round trip on the hot path). */
  voter?: string,
): Promise<{ poll: PollHead; fixed: PollFixed; access: MeetingAccess | null; voted: boolean }> {
  const { poll, fixed, voted } = await pollWithVoters(tx, meetingId, pollId, voter ? [voter] : []);
  const access = fixed.rosterIndex.has(actor.personId)
    ? null
    : (await pollFor(tx, actor, meetingId, pollId)).access;
  return { poll, fixed, access, voted: !!voter && voted.has(voter) };
}

/**
 * The poll's changing head, its cached fixed part, and which of `voters` have a stored vote — one query when
 * the fixed part is cached. It checks no one's access: the caller does (the roster, or pollFor).
 */
async function pollWithVoters(
  tx: Executor,
  meetingId: string,
  pollId: string,
  voters: readonly string[],
): Promise<{ poll: PollHead; fixed: PollFixed; voted: Set<string> }> {
  if (!isUuid(pollId) || !isUuid(meetingId)) throw new AppError(PollErrors.CABINET_POLL_NOT_FOUND);
  const asked = [...new Set(voters.filter(isUuid))];
  // Only the changing part of the row on the hot path; the rest is cached per process.
  const [row] = await tx
    .select({
      id: polls.id,
      meetingId: polls.meetingId,
      state: polls.state,
      voted: asked.length
        ? sql<
            string[] | null
          >`(select array_agg(${votes.personId}) from ${votes} where ${votes.pollId} = ${polls.id} and ${inArray(votes.personId, asked)})`
        : sql<null>`null`,
    })
    .from(polls)
    .where(and(eq(polls.id, pollId), eq(polls.meetingId, meetingId)));
  if (!row) throw new AppError(PollErrors.CABINET_POLL_NOT_FOUND);
  const { voted, ...poll } = row;
  let fixed = fixedCache.get(poll.id);
  if (!fixed) {
    const [full] = await tx.select().from(polls).where(eq(polls.id, poll.id));
    fixed = await pollFixed(tx, full!);
  }
  return { poll, fixed, voted: new Set(voted ?? []) };
}

/** Bumps the meeting's live sequence (its row lock): the room sees the change. */
async function bumpLive(tx: Executor, meetingId: string): Promise<number> {
  const [row] = await tx
    .update(meetings)
    .set({ liveSeq: sql`${meetings.liveSeq} + 1` })
    .where(eq(meetings.id, meetingId))
    .returning({ liveSeq: meetings.liveSeq, status: meetings.status, currentItemId: meetings.currentItemId });
  return row!.liveSeq;
}

/* ---------------------------------------------------------------- open -------------------------------- */

export interface OpenPollInput {
  agendaItemId?: string | null | undefined;
  question: string;
  kind: PollKind;
  /** For kind 'options': the labels, in order. */
  options?: string[] | undefined;
}

export interface PollChange {
  pollId: string;
  meetingId: string;
  /** The meeting's live sequence after the change (announce it to the room). */
  seq: number;
}

/** The latest version of each of the item's papers that everyone in the room may see (not classified, not restricted). */
async function paperHashesOf(tx: Executor, agendaItemId: string): Promise<PaperHash[]> {
  const rows = await tx
    .select({
      paperId: papers.id,
      title: papers.title,
      classification: papers.classification,
      restrictedTo: papers.restrictedTo,
      versionId: paperVersions.id,
      version: paperVersions.version,
      sha256: paperVersions.sha256,
    })
    .from(papers)
    .innerJoin(paperVersions, eq(paperVersions.paperId, papers.id))
    .where(eq(papers.agendaItemId, agendaItemId))
    .orderBy(papers.createdAt, papers.id, desc(paperVersions.version));
  const seen = new Set<string>();
  const out: PaperHash[] = [];
  for (const r of rows) {
    if (seen.has(r.paperId)) continue;
    seen.add(r.paperId);
    if (PAPER_ONLY.has(r.classification) || r.restrictedTo) continue;
    out.push({ versionId: r.versionId, title: r.title, sha256: r.sha256 });
  }
  return out;
}

export async function openPoll(
  tx: Executor,
  p: Platform,
  actor: PollActor,
  meetingId: string,
  input: OpenPollInput,
): Promise<PollChange & { voters: string[] }> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  if (!mayRunPolls(access, actor)) throw new AppError(PollErrors.CABINET_POLL_NOT_CHAIR);
  const question = input.question.trim();
  const labels = (input.options ?? []).map((o) => o.trim());
  if (!question || question.length > 1000)
    throw new AppError(PollErrors.CABINET_POLL_INVALID, { field: 'question' });
  if (input.kind === 'options') {
    if (labels.length < 2 || labels.length > 20 || labels.some((l) => !l || l.length > 300))
      throw new AppError(PollErrors.CABINET_POLL_INVALID, { field: 'options' });
    if (new Set(labels).size !== labels.length)
      throw new AppError(PollErrors.CABINET_POLL_INVALID, { field: 'options' });
  } else if (labels.length) throw new AppError(PollErrors.CABINET_POLL_INVALID, { field: 'options' });

  // The meeting's row lock: one poll opens at a time, after whatever the room did before.
  const seq = await bumpLive(tx, access.meeting.id);
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, access.meeting.id));
  if (meeting!.status !== 'in_progress')
    throw new AppError(PollErrors.CABINET_POLL_MEETING_NOT_IN_PROGRESS, { status: meeting!.status });
  const itemId = input.agendaItemId ?? meeting!.currentItemId;
  if (!itemId || !isUuid(itemId)) throw new AppError(PollErrors.CABINET_POLL_NO_ITEM);
  const [item] = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meeting!.id)));
  if (!item) throw new AppError(PollErrors.CABINET_POLL_NO_ITEM);
  const [already] = await tx
    .select({ id: polls.id })
    .from(polls)
    .where(and(eq(polls.meetingId, meeting!.id), eq(polls.state, 'open')));
  if (already) throw new AppError(PollErrors.CABINET_POLL_ALREADY_OPEN, { pollId: already.id });

  const [profile] = await tx
    .select({ rules: ruleProfiles.rules })
    .from(ruleProfiles)
    .where(eq(ruleProfiles.id, meeting!.ruleProfileId));
  const people = await tx.select().from(participants).where(eq(participants.meetingId, meeting!.id));
  // Present: voting participants checked in now (as the room's quorum counts them).
  const present = computeQuorum(
    people.map((r) => (r.attendance === 'checked_in' ? r : { ...r, attendance: 'invited' as const })),
    profile!.rules,
  ).present;
  const paperHashes = await paperHashesOf(tx, item.id);
  const options: DecisionOption[] =
    input.kind === 'options' ? labels.map((label, i) => ({ id: `opt${i + 1}`, label })) : [];

  const id = crypto.randomUUID();
  const roster = await snapshotRoster(tx, p, POLL(id), access.body.id, actor.now);
  if (!roster.roster.length) throw new AppError(PollErrors.CABINET_POLL_NO_ROSTER);
  const row = {
    id,
    meetingId: meeting!.id,
    agendaItemId: item.id,
    question,
    kind: input.kind,
    options,
    state: 'open' as const,
    ruleProfileId: meeting!.ruleProfileId,
    roster: roster.roster,
    rosterHash: roster.rosterHash,
    rosterPayload: roster.payload,
    rosterSignature: roster.signature,
    presentCount: present,
    paperHashes,
    openedBy: actor.personId,
    openedAt: actor.now,
  };
  await tx.insert(polls).values(row);
  await audit(tx, actor.audit, {
    action: 'cabinet.poll.open',
    objectType: 'cabinet_poll',
    objectId: id,
    after: { ...row, rosterPayload: undefined, rosterSignature: undefined },
  });
  return { pollId: id, meetingId: meeting!.id, seq, voters: roster.roster.map((r) => r.personId) };
}

/**
 * Once a poll has opened (committed), its voters' certificates are checked ahead of their votes, so the room's
 * first votes do not each wait for a certificate path and a revocation answer (identity keeps a good answer a
 * minute; the vote is still checked when cast). Not awaited by the route; never fails.
 */
export function warmVoters(p: Platform, voters: readonly string[]): Promise<number> {
  return warmSigningCertificates(p.db, p, voters, p.clock.now()).catch(() => 0);
}

/* ---------------------------------------------------------------- prepare a vote ---------------------- */

export interface PrepareVoteInput {
  choice: string;
  /** On behalf (office, only if the profile allows): the member whose vote is recorded. */
  memberId?: string | null | undefined;
  evidence?: string | null | undefined;
  certificateId?: string | null | undefined;
}

export interface PreparedVote {
  payload: string;
  payloadSha256: string;
  toBeSigned: string;
  certificateId: string;
  signingTime: string;
  summary: { vi: string[]; en: string[] };
}

function labelOf(fixed: PollFixed, choice: string): { vi: string; en: string } | null {
  const found = choicesOf(fixed.kind, fixed.options).find((c) => c.id === choice);
  return found ? { vi: found.vi, en: found.en } : null;
}

/** The office may record on behalf only when the profile says so; CABINET_VOTE_PROXY_FORBIDDEN otherwise. */
async function requireProxy(
  tx: Executor,
  actor: PollActor,
  fixed: PollFixed,
  access: MeetingAccess | null,
  meetingId: string,
  pollId: string,
): Promise<void> {
  const a = access ?? (await pollFor(tx, actor, meetingId, pollId)).access;
  if (fixed.rules.proxyCapture !== 'with_ratification' || !a.office)
    throw new AppError(PollErrors.CABINET_VOTE_PROXY_FORBIDDEN);
}

export async function prepareVote(
  tx: Executor,
  actor: PollActor,
  meetingId: string,
  pollId: string,
  input: PrepareVoteInput,
): Promise<PreparedVote> {
  const { poll, fixed, access } = await pollForVoter(tx, actor, meetingId, pollId);
  if (poll.state !== 'open') throw new AppError(PollErrors.CABINET_POLL_CLOSED);
  const onBehalf = !!input.memberId && input.memberId !== actor.personId;
  const memberId = onBehalf ? input.memberId! : actor.personId;
  if (onBehalf) {
    await requireProxy(tx, actor, fixed, access, meetingId, pollId);
    if (!input.evidence?.trim())
      throw new AppError(PollErrors.CABINET_VOTE_PAYLOAD_INVALID, { reason: 'evidence' });
  }
  const label = labelOf(fixed, input.choice);
  if (!label) throw new AppError(PollErrors.CABINET_VOTE_PAYLOAD_INVALID, { reason: 'choice' });
  const member = fixed.rosterIndex.get(memberId);
  if (!member) throw new AppError(PollErrors.CABINET_VOTE_NOT_ON_ROSTER);
  const [voted] = await tx
    .select({ id: votes.id })
    .from(votes)
    .where(and(eq(votes.pollId, poll.id), eq(votes.personId, memberId)));
  if (voted) throw new AppError(PollErrors.CABINET_VOTE_DUPLICATE);

  const vote: VotePayload = {
    type: 'cpdt.vote',
    poll: poll.id,
    question: fixed.question,
    member: memberId,
    memberName: member.fullName,
    choice: input.choice,
    choiceLabel: label.vi,
    rosterHash: fixed.rosterHash,
    papers: fixed.paperHashes,
    castAt: actor.now.toISOString(),
    nonce: nonce(),
    ...(onBehalf ? { recordedBy: actor.personId, evidence: input.evidence!.trim() } : {}),
  };
  const payload = canonicalJson(vote);
  const prepared = await prepareSignature(tx, {
    personId: actor.personId,
    payload,
    certificateId: input.certificateId ?? undefined,
    at: actor.now,
  });
  const vi = [
    `Biểu quyết: ${label.vi} — ${fixed.question} — ${fixed.meetingTitle}`,
    ...(onBehalf ? [`Ghi nhận thay cho: ${member.fullName}`, `Căn cứ: ${vote.evidence}`] : []),
    ...fixed.paperHashes.map((h) => `Tài liệu: ${h.title} (SHA-256 ${h.sha256.slice(0, 16)}…)`),
  ];
  const en = [
    `Vote: ${label.en} — ${fixed.question} — ${fixed.meetingTitle}`,
    ...(onBehalf ? [`Recorded on behalf of: ${member.fullName}`, `Evidence: ${vote.evidence}`] : []),
    ...fixed.paperHashes.map((h) => `Paper: ${h.title} (SHA-256 ${h.sha256.slice(0, 16)}…)`),
  ];
  return { payload, ...prepared, summary: { vi, en } };
}

/* ---------------------------------------------------------------- cast a vote (hot path) -------------- */

export interface SignedInput {
  payload: string;
  toBeSigned: string;
  signature: string;
  certificateId: string;
}

export interface Receipt {
  pollId: string;
  memberId: string;
  logSeq: number;
  logHash: string;
  payloadSha256: string;
  /** The receipt's canonical JSON, and the system seal's detached CMS over it (base64 DER). */
  payload: string;
  signature: string;
}

export interface CastResult {
  receipt: Receipt;
  meetingId: string;
}

/** A vote that passed every check that needs no lock: what the writer stores. */
export interface VerifiedVote {
  id: string;
  pollId: string;
  meetingId: string;
  memberId: string;
  choice: string;
  payload: string;
  payloadSha256: string;
  /** The member's (or recorder's) CMS, base64 DER. */
  signature: string;
  certificateId: string;
  recordedBy: string | null;
  evidence: string | null;
  castAt: Date;
  /** When the server received it (receipt's receivedAt). */
  at: Date;
  audit: AuditContext;
}

/** One vote to verify: who sends it, for which poll, and what they signed. */
export interface VoteRequest {
  actor: PollActor;
  meetingId: string;
  pollId: string;
  input: SignedInput;
}

/**
 * Everything about a vote that needs no lock, before anything is written: refusals in this order — 404 (no
 * such poll the caller may see), CABINET_POLL_CLOSED, CABINET_VOTE_PAYLOAD_INVALID, CABINET_VOTE_NOT_ON_ROSTER,
 * CABINET_VOTE_DUPLICATE, (on behalf) CABINET_VOTE_PROXY_FORBIDDEN, then identity's IDENTITY_SIGNATURE_* from
 * completeSignature (the member's certificate and ECDSA signature). Reads only.
 */
export async function verifyVote(
  tx: Executor,
  p: Platform,
  actor: PollActor,
  meetingId: string,
  pollId: string,
  input: SignedInput,
): Promise<VerifiedVote> {
  const [verified] = await verifyVotes(tx, p, [{ actor, meetingId, pollId, input }]);
  if (verified instanceof Error) throw verified;
  return verified!;
}

/**
 * verifyVote for a batch of votes of ONE poll (the group commit's intake): two reads for the whole batch (the
 * poll with who of them has voted; their certificates), then the per-vote checks and signatures. Per request,
 * the verified vote or its refusal, with the same codes in the same order as verifyVote.
 */
export async function verifyVotes(
  tx: Executor,
  p: Platform,
  requests: readonly VoteRequest[],
): Promise<(VerifiedVote | Error)[]> {
  if (!requests.length) return [];
  const { meetingId, pollId } = requests[0]!;
  if (requests.some((r) => r.meetingId !== meetingId || r.pollId !== pollId))
    throw new TypeError('verifyVotes: one poll per batch');
  const results: (VerifiedVote | Error)[] = new Array<VerifiedVote | Error>(requests.length);
  // Each payload is read first only to name the voters in the poll's query; its refusal keeps its turn.
  const parsed = requests.map(({ actor, input }) => {
    try {
      return parseVote(input.payload, actor.now);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  });
  let head: Awaited<ReturnType<typeof pollWithVoters>>;
  try {
    head = await pollWithVoters(
      tx,
      meetingId,
      pollId,
      parsed.flatMap((v) => (v instanceof Error ? [] : [v.member])),
    );
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    return results.fill(e);
  }
  const { poll, fixed, voted } = head;
  const checked: { i: number; vote: VotePayload; onBehalf: boolean }[] = [];
  for (const [i, { actor }] of requests.entries()) {
    try {
      // A stranger to the roster reaches the poll only through the meeting's access check (404 otherwise).
      const access = fixed.rosterIndex.has(actor.personId)
        ? null
        : (await pollFor(tx, actor, meetingId, pollId)).access;
      if (poll.state !== 'open') throw new AppError(PollErrors.CABINET_POLL_CLOSED);
      const vote = parsed[i]!;
      if (vote instanceof Error) throw vote;
      const onBehalf = checkVote(actor, fixed, poll.id, vote, voted);
      if (onBehalf) await requireProxy(tx, actor, fixed, access, meetingId, pollId);
      checked.push({ i, vote, onBehalf });
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      results[i] = e;
    }
  }
  const signed = await completeSignatures(
    tx,
    p,
    checked.map(({ i }) => {
      const { actor, input } = requests[i]!;
      return {
        personId: actor.personId,
        payload: input.payload,
        toBeSigned: input.toBeSigned,
        signature: input.signature,
        certificateId: input.certificateId,
        at: actor.now,
      };
    }),
  );
  checked.forEach(({ i, vote, onBehalf }, k) => {
    const s = signed[k]!;
    const { actor, input } = requests[i]!;
    results[i] =
      s instanceof Error
        ? s
        : {
            id: crypto.randomUUID(),
            pollId: poll.id,
            meetingId: poll.meetingId,
            memberId: vote.member,
            choice: vote.choice,
            payload: input.payload,
            payloadSha256: sha256Hex(input.payload),
            signature: s.cms.toString('base64'),
            certificateId: s.certificateId,
            recordedBy: onBehalf ? actor.personId : null,
            evidence: onBehalf ? vote.evidence! : null,
            castAt: new Date(vote.castAt),
            at: actor.now,
            audit: actor.audit,
          };
  });
  return results;
}

/**
 * The payload against the poll's fixed part and the stored votes: CABINET_VOTE_PAYLOAD_INVALID (naming the
 * field), CABINET_VOTE_NOT_ON_ROSTER, CABINET_VOTE_DUPLICATE. True when the vote is recorded on behalf.
 */
function checkVote(
  actor: PollActor,
  fixed: PollFixed,
  pollId: string,
  vote: VotePayload,
  voted: ReadonlySet<string>,
): boolean {
  const invalid = (reason: string) => new AppError(PollErrors.CABINET_VOTE_PAYLOAD_INVALID, { reason });
  const onBehalf = vote.recordedBy !== undefined || vote.evidence !== undefined;
  if (vote.poll !== pollId) throw invalid('poll');
  if (vote.question !== fixed.question) throw invalid('question');
  if (onBehalf ? vote.recordedBy !== actor.personId || !vote.evidence : vote.member !== actor.personId)
    throw invalid('member');
  if (vote.rosterHash !== fixed.rosterHash) throw invalid('rosterHash');
  if (!samePapers(vote.papers, fixed.paperHashes)) throw invalid('papers');
  const label = labelOf(fixed, vote.choice);
  if (!label || vote.choiceLabel !== label.vi) throw invalid('choice');
  const member = fixed.rosterIndex.get(vote.member);
  if (member && vote.memberName !== member.fullName) throw invalid('memberName');
  if (!member) throw new AppError(PollErrors.CABINET_VOTE_NOT_ON_ROSTER);
  // Early and cheap (no lock): the writer decides again under the log lock, and the unique key under a race.
  if (voted.has(vote.member)) throw new AppError(PollErrors.CABINET_VOTE_DUPLICATE);
  return onBehalf;
}

/**
 * One INSERT … SELECT FROM unnest(arrays) for the whole batch: a column per parameter rather than a parameter
 * per value (200 votes × 14 columns), which the query builder would map one by one. Two writers racing past
 * the pre-check: the unique key decides (DO NOTHING) and the caller sees fewer rows than it sent.
 */
async function insertVotes(
  tx: Executor,
  rows: readonly (VerifiedVote & { receiptPayload: string; receiptSignature: string; logSeq: number })[],
): Promise<number> {
  const column = <T>(pick: (r: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
  const result = await tx.execute(sql`
    insert into ${votes} (id, poll_id, person_id, choice, payload, payload_sha256, signature, certificate_id,
      recorded_by, evidence, receipt_payload, receipt_signature, log_seq, cast_at)
    select * from unnest(
      ${column((r) => r.id)}::uuid[], ${column((r) => r.pollId)}::uuid[], ${column((r) => r.memberId)}::uuid[],
      ${column((r) => r.choice)}::text[], ${column((r) => r.payload)}::text[],
      ${column((r) => r.payloadSha256)}::text[], ${column((r) => r.signature)}::text[],
      ${column((r) => r.certificateId)}::uuid[], ${column((r) => r.recordedBy)}::uuid[],
      ${column((r) => r.evidence)}::text[], ${column((r) => r.receiptPayload)}::text[],
      ${column((r) => r.receiptSignature)}::text[], ${column((r) => r.logSeq)}::integer[],
      ${column((r) => r.castAt.toISOString())}::timestamptz[])
    on conflict (poll_id, person_id) do nothing
    returning id`);
  // Both drivers answer { rows } (node-postgres' QueryResult, PGlite's Results).
  return (result as { rows: unknown[] }).rows.length;
}

/** A refusal decided by the writer (closed poll, duplicate) for one vote; the others of the batch go on. */
type Written = { receipt: Receipt } | { refused: AppError };

/** The unique key lost a race the pre-check could not see: the batch rolls back and its votes go one by one. */
class VoteConflict extends Error {}

/**
 * Writes verified votes of ONE poll in the caller's transaction: the poll row FOR SHARE (a close waits, or
 * has happened: CABINET_POLL_CLOSED for all), the poll's log lock, duplicates against the stored votes and
 * within the batch (CABINET_VOTE_DUPLICATE for the later one), then consecutive log entries, the receipts
 * (naming each entry's seq and hash) sealed, one multi-row insert of the votes and one audit record.
 */
export async function writeVotes(
  tx: Executor,
  p: Platform,
  items: readonly VerifiedVote[],
): Promise<Written[]> {
  if (!items.length) return [];
  const pollId = items[0]!.pollId;
  const decision = POLL(pollId);
  // The poll row before the log lock, as closePoll takes them (FOR UPDATE, then the log): no deadlock.
  const [poll] = await tx.select({ state: polls.state }).from(polls).where(eq(polls.id, pollId)).for('share');
  if (!poll || poll.state !== 'open')
    return items.map(() => ({ refused: new AppError(PollErrors.CABINET_POLL_CLOSED) }));
  await lockLog(tx, decision);
  const stored = await tx
    .select({ personId: votes.personId })
    .from(votes)
    .where(
      and(
        eq(votes.pollId, pollId),
        inArray(
          votes.personId,
          items.map((v) => v.memberId),
        ),
      ),
    );
  const taken = new Set(stored.map((r) => r.personId));
  const accepted: VerifiedVote[] = [];
  const refused = new Map<VerifiedVote, AppError>();
  for (const v of items) {
    if (taken.has(v.memberId)) refused.set(v, new AppError(PollErrors.CABINET_VOTE_DUPLICATE));
    else {
      taken.add(v.memberId);
      accepted.push(v);
    }
  }
  const receipts = new Map<VerifiedVote, Receipt>();
  if (accepted.length) {
    const at = accepted.reduce((m, v) => (v.at > m ? v.at : m), accepted[0]!.at);
    const entries = await appendManyToLog(
      tx,
      decision,
      accepted.map((v) => ({ type: 'vote' as const, payloadSha256: v.payloadSha256, ref: v.id })),
      at,
    );
    const receiptPayloads = accepted.map((v, i) =>
      canonicalJson({
        type: 'cpdt.receipt',
        poll: pollId,
        member: v.memberId,
        payloadSha256: v.payloadSha256,
        logSeq: entries[i]!.seq,
        logHash: entries[i]!.hash,
        receivedAt: v.at.toISOString(),
      } satisfies ReceiptPayload),
    );
    const receiptSignatures = await Promise.all(
      receiptPayloads.map((payload, i) => sealStatement(p, payload, accepted[i]!.at)),
    );
    const inserted = await insertVotes(
      tx,
      accepted.map((v, i) => ({
        ...v,
        receiptPayload: receiptPayloads[i]!,
        receiptSignature: receiptSignatures[i]!,
        logSeq: entries[i]!.seq,
      })),
    );
    if (inserted !== accepted.length) throw new VoteConflict('a vote of the batch is already stored');
    // The choices stay out of the audit record until close: only the payloads' digests.
    const listed = accepted.map((v, i) => ({
      voteId: v.id,
      member: v.memberId,
      payloadSha256: v.payloadSha256,
      logSeq: entries[i]!.seq,
      ...(v.recordedBy ? { recordedBy: v.recordedBy } : {}),
    }));
    if (accepted.length === 1) {
      const v = accepted[0]!;
      await audit(tx, v.audit, {
        action: v.recordedBy ? 'cabinet.poll.vote.on_behalf' : 'cabinet.poll.vote',
        objectType: 'cabinet_poll',
        objectId: pollId,
        after: listed[0],
      });
    } else {
      // One record for the batch; who sent each vote (and from which request) is in the listed digest.
      const actors = new Set(accepted.map((v) => v.audit.actorId));
      await audit(tx, actors.size === 1 ? accepted[0]!.audit : SYSTEM_CONTEXT, {
        action: 'cabinet.poll.votes',
        objectType: 'cabinet_poll',
        objectId: pollId,
        after: {
          votes: listed.map((l, i) => ({
            ...l,
            actorId: accepted[i]!.audit.actorId,
            requestId: accepted[i]!.audit.requestId,
          })),
        },
        detail: `${accepted.length} votes`,
      });
    }
    accepted.forEach((v, i) =>
      receipts.set(v, {
        pollId,
        memberId: v.memberId,
        logSeq: entries[i]!.seq,
        logHash: entries[i]!.hash,
        payloadSha256: v.payloadSha256,
        payload: receiptPayloads[i]!,
        signature: receiptSignatures[i]!,
      }),
    );
  }
  return items.map((v) => {
    const receipt = receipts.get(v);
    return receipt ? { receipt } : { refused: refused.get(v)! };
  });
}

/**
 * Accepts a signed vote in the caller's transaction (one vote, one transaction): verifyVote, then writeVotes.
 * The meeting room's route uses acceptVote (group commit) instead; both write the same rows and log.
 */
export async function castVote(
  tx: Executor,
  p: Platform,
  actor: PollActor,
  meetingId: string,
  pollId: string,
  input: SignedInput,
): Promise<CastResult> {
  const verified = await verifyVote(tx, p, actor, meetingId, pollId, input);
  let written: Written | undefined;
  try {
    [written] = await writeVotes(tx, p, [verified]);
  } catch (e) {
    if (e instanceof VoteConflict) throw new AppError(PollErrors.CABINET_VOTE_DUPLICATE);
    throw e;
  }
  if ('refused' in written!) throw written.refused;
  return { receipt: written!.receipt, meetingId: verified.meetingId };
}

/* ---------------------------------------------------------------- group commit (the room's hot path) --- */

/**
 * Signed votes are verified concurrently, with no lock and outside any write transaction; the verified votes
 * of a poll then queue for its one writer, which stores up to BATCH_MAX of them per transaction (one poll row
 * share lock, one log lock, one multi-row insert, one audit record). While a batch is being written, the next
 * one gathers. Each caller's promise settles only after its batch committed (or with its own refusal): an
 * acknowledged vote is stored. When a batch fails as a whole, its votes are written one by one, so one bad
 * vote never fails the others.
 */
const BATCH_MAX = 200;

interface Pending {
  vote: VerifiedVote;
  notify: (() => void) | undefined;
  resolve: (r: CastResult) => void;
  reject: (e: unknown) => void;
}

interface PollQueue {
  pending: Pending[];
  /** The writer's run, while one is running. */
  running: Promise<void> | null;
}

const queues = new WeakMap<Platform, Map<string, PollQueue>>();

function queueOf(p: Platform, pollId: string): PollQueue {
  let byPoll = queues.get(p);
  if (!byPoll) queues.set(p, (byPoll = new Map<string, PollQueue>()));
  let q = byPoll.get(pollId);
  if (!q) byPoll.set(pollId, (q = { pending: [], running: null }));
  return q;
}

async function writeBatch(p: Platform, batch: readonly Pending[]): Promise<void> {
  let results: Written[] | null = null;
  try {
    results = await p.db.transaction((tx) =>
      writeVotes(
        tx,
        p,
        batch.map((b) => b.vote),
      ),
    );
  } catch (e) {
    if (batch.length === 1) {
      batch[0]!.reject(e instanceof VoteConflict ? new AppError(PollErrors.CABINET_VOTE_DUPLICATE) : e);
      return;
    }
  }
  if (!results) {
    // The batch failed as a whole: each vote alone, so the failure stays with the vote that causes it.
    for (const b of batch) await writeBatch(p, [b]);
    return;
  }
  let notify: (() => void) | undefined;
  results.forEach((r, i) => {
    const b = batch[i]!;
    if ('refused' in r) b.reject(r.refused);
    else {
      notify ??= b.notify;
      b.resolve({ receipt: r.receipt, meetingId: b.vote.meetingId });
    }
  });
  // The room hears once per batch (after the commit; a failing notification changes no vote's answer).
  try {
    notify?.();
  } catch {
    // the live room re-reads on its next change
  }
}

async function runQueue(p: Platform, pollId: string, q: PollQueue): Promise<void> {
  // Let the votes verified in the same turn join the first batch.
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (q.pending.length) {
    const batch = q.pending.splice(0, BATCH_MAX);
    try {
      await writeBatch(p, batch);
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
  q.running = null;
  queues.get(p)?.delete(pollId);
}

/**
 * The intake before the writer: votes arriving for a poll are verified in batches of up to VERIFY_BATCH (two
 * reads per batch, then each vote's checks and signature), with no transaction held; a verified batch joins
 * the poll's writer queue while the next one is verified, so verifying and writing overlap.
 */
const VERIFY_BATCH = 100;

interface Arrival {
  request: VoteRequest;
  notify: (() => void) | undefined;
  resolve: (r: CastResult) => void;
  reject: (e: unknown) => void;
}

interface Intake {
  arrivals: Arrival[];
  running: Promise<void> | null;
}

const intakes = new WeakMap<Platform, Map<string, Intake>>();

async function runIntake(p: Platform, key: string, intake: Intake): Promise<void> {
  // Let the votes that arrive in the same turn join the first batch.
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (intake.arrivals.length) {
    const batch = intake.arrivals.splice(0, VERIFY_BATCH);
    let verified: (VerifiedVote | Error)[];
    try {
      verified = await verifyVotes(
        p.db,
        p,
        batch.map((a) => a.request),
      );
    } catch (e) {
      for (const a of batch) a.reject(e);
      continue;
    }
    batch.forEach((a, i) => {
      const vote = verified[i]!;
      if (vote instanceof Error) return a.reject(vote);
      const q = queueOf(p, vote.pollId);
      q.pending.push({ vote, notify: a.notify, resolve: a.resolve, reject: a.reject });
      q.running ??= runQueue(p, vote.pollId, q);
    });
  }
  intake.running = null;
  intakes.get(p)?.delete(key);
}

/**
 * The meeting room's cast path (POST …/votes): verification in the poll's intake batches with no transaction
 * held, then the poll's group commit. Refusals and codes as castVote. `notify` is called once per committed
 * batch (the live room).
 */
export async function acceptVote(
  p: Platform,
  actor: PollActor,
  meetingId: string,
  pollId: string,
  input: SignedInput,
  notify?: () => void,
): Promise<CastResult> {
  const key = `${meetingId}/${pollId}`;
  let byPoll = intakes.get(p);
  if (!byPoll) intakes.set(p, (byPoll = new Map<string, Intake>()));
  let intake = byPoll.get(key);
  if (!intake) byPoll.set(key, (intake = { arrivals: [], running: null }));
  const result = new Promise<CastResult>((resolve, reject) => {
    intake.arrivals.push({ request: { actor, meetingId, pollId, input }, notify, resolve, reject });
  });
  intake.running ??= runIntake(p, key, intake);
  return result;
}

/** Waits until every vote queued for the poll is written (or refused): close calls it first. */
export async function settleVotes(p: Platform, pollId: string): Promise<void> {
  for (;;) {
    const verifying = [...(intakes.get(p) ?? new Map<string, Intake>()).entries()]
      .filter(([key]) => key.endsWith(`/${pollId}`))
      .map(([, intake]) => intake.running);
    const running = queues.get(p)?.get(pollId)?.running;
    const busy = [...verifying, running].filter((r): r is Promise<void> => !!r);
    if (!busy.length) return;
    await Promise.all(busy);
  }
}

/* ---------------------------------------------------------------- ratification ------------------------ */

async function unratifiedVote(tx: Executor, pollId: string, memberId: string): Promise<VoteRow> {
  const [vote] = await tx
    .select()
    .from(votes)
    .where(and(eq(votes.pollId, pollId), eq(votes.personId, memberId)));
  if (!vote) throw new AppError(PollErrors.CABINET_VOTE_NOT_FOUND);
  if (vote.recordedBy === null || vote.ratifiedAt !== null)
    throw new AppError(PollErrors.CABINET_VOTE_ALREADY_RATIFIED);
  return vote;
}

/** The member's ratification of the vote recorded on their behalf, to sign. */
export async function prepareRatification(
  tx: Executor,
  actor: PollActor,
  meetingId: string,
  pollId: string,
  input: { certificateId?: string | null | undefined },
): Promise<PreparedVote> {
  const { poll, fixed } = await pollForVoter(tx, actor, meetingId, pollId);
  if (poll.state !== 'open') throw new AppError(PollErrors.CABINET_POLL_CLOSED);
  if (!fixed.rosterIndex.has(actor.personId)) throw new AppError(PollErrors.CABINET_VOTE_NOT_ON_ROSTER);
  const vote = await unratifiedVote(tx, poll.id, actor.personId);
  const ratification: RatificationPayload = {
    type: 'cpdt.ratification',
    poll: poll.id,
    member: actor.personId,
    votePayloadSha256: vote.payloadSha256,
    ratifiedAt: actor.now.toISOString(),
    nonce: nonce(),
  };
  const payload = canonicalJson(ratification);
  const prepared = await prepareSignature(tx, {
    personId: actor.personId,
    payload,
    certificateId: input.certificateId ?? undefined,
    at: actor.now,
  });
  const label = labelOf(fixed, vote.choice)!;
  return {
    payload,
    ...prepared,
    summary: {
      vi: [
        `Xác nhận biểu quyết đã được ghi nhận thay: ${label.vi} — ${fixed.question} — ${fixed.meetingTitle}`,
        `Căn cứ ghi nhận: ${vote.evidence ?? ''}`,
      ],
      en: [
        `Ratify the vote recorded on my behalf: ${label.en} — ${fixed.question} — ${fixed.meetingTitle}`,
        `Evidence: ${vote.evidence ?? ''}`,
      ],
    },
  };
}

export async function ratifyVote(
  tx: Executor,
  p: Platform,
  actor: PollActor,
  meetingId: string,
  pollId: string,
  input: SignedInput,
): Promise<{ logSeq: number; logHash: string; meetingId: string }> {
  const { poll, fixed } = await pollForVoter(tx, actor, meetingId, pollId);
  if (poll.state !== 'open') throw new AppError(PollErrors.CABINET_POLL_CLOSED);
  const r = parseRatification(input.payload, actor.now);
  if (r.poll !== poll.id || r.member !== actor.personId)
    throw new AppError(PollErrors.CABINET_VOTE_PAYLOAD_INVALID, { reason: 'member' });
  if (!fixed.rosterIndex.has(actor.personId)) throw new AppError(PollErrors.CABINET_VOTE_NOT_ON_ROSTER);
  const vote = await unratifiedVote(tx, poll.id, actor.personId);
  if (r.votePayloadSha256 !== vote.payloadSha256)
    throw new AppError(PollErrors.CABINET_VOTE_PAYLOAD_INVALID, { reason: 'vote' });
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
    POLL(poll.id),
    { type: 'ratification', payloadSha256, ref: vote.id },
    actor.now,
  );
  await tx
    .update(votes)
    .set({
      ratificationPayload: input.payload,
      ratificationSignature: signed.cms.toString('base64'),
      ratifiedAt: actor.now,
    })
    .where(eq(votes.id, vote.id));
  await audit(tx, actor.audit, {
    action: 'cabinet.poll.vote.ratify',
    objectType: 'cabinet_poll',
    objectId: poll.id,
    after: { voteId: vote.id, payloadSha256, logSeq: entry.seq },
  });
  return { logSeq: entry.seq, logHash: entry.hash, meetingId: poll.meetingId };
}

/* ---------------------------------------------------------------- close ------------------------------- */

/** The outcome of a poll under its rules: yes/no/abstain, or the leading option against the others. */
export function tallyPoll(
  poll: Pick<PollRow, 'kind' | 'options' | 'roster' | 'presentCount'>,
  rules: MeetingRules,
  counted: readonly CountedVote[],
  final: boolean,
): Outcome {
  let favour = 'yes';
  let against: string[] = ['no'];
  if (poll.kind === 'options') {
    const counts = new Map<string, number>();
    for (const v of counted) counts.set(v.choice, (counts.get(v.choice) ?? 0) + 1);
    const ranked = poll.options.map((o) => o.id).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
    favour = ranked[0] ?? '';
    against = ranked.slice(1);
  }
  return evaluateOutcome({
    rules,
    roster: poll.roster,
    votes: counted,
    favour,
    against,
    present: poll.presentCount,
    final,
    ballot: false,
  });
}

export function countedOf(
  rows: readonly Pick<VoteRow, 'personId' | 'choice' | 'recordedBy' | 'ratifiedAt'>[],
): CountedVote[] {
  return rows.map((v) => ({
    personId: v.personId,
    choice: v.choice,
    ratified: v.recordedBy === null || v.ratifiedAt !== null,
  }));
}

/** The close entry's sealed statement, kept in the log row's `ref` (no column for it): see evidence notes. */
export function closeStatementOf(
  row: Pick<LogRow, 'type' | 'ref'>,
): { payload: string; signature: string } | null {
  if (row.type !== 'close' || !row.ref) return null;
  try {
    const parsed = JSON.parse(row.ref) as { payload?: unknown; signature?: unknown };
    if (typeof parsed.payload === 'string' && typeof parsed.signature === 'string')
      return { payload: parsed.payload, signature: parsed.signature };
  } catch {
    // not a close statement
  }
  return null;
}

export async function closePoll(
  tx: Executor,
  p: Platform,
  actor: PollActor,
  meetingId: string,
  pollId: string,
): Promise<PollChange & { outcome: Outcome }> {
  const { access, poll: seen } = await pollFor(tx, actor, meetingId, pollId);
  if (!mayRunPolls(access, actor)) throw new AppError(PollErrors.CABINET_POLL_NOT_CHAIR);
  const seq = await bumpLive(tx, access.meeting.id);
  const [poll] = await tx.select().from(polls).where(eq(polls.id, seen.id)).for('update');
  if (poll!.state !== 'open') throw new AppError(PollErrors.CABINET_POLL_CLOSED);
  const fixed = await pollFixed(tx, poll!);
  const rows = await tx.select().from(votes).where(eq(votes.pollId, poll!.id));
  const outcome = tallyPoll(poll!, fixed.rules, countedOf(rows), true);

  const decision = POLL(poll!.id);
  const statement: CloseStatement = {
    type: 'cpdt.close',
    decision,
    closedAt: actor.now.toISOString(),
    closedBy: actor.personId,
    outcome,
  };
  const closePayload = canonicalJson(statement);
  const closeSignature = await sealStatement(p, closePayload, actor.now);
  const entry = await appendToLog(
    tx,
    decision,
    {
      type: 'close',
      payloadSha256: sha256Hex(closePayload),
      ref: JSON.stringify({ payload: closePayload, signature: closeSignature }),
    },
    actor.now,
  );
  const checkpoint: CheckpointStatement = {
    type: 'cpdt.checkpoint',
    decision,
    size: entry.seq + 1,
    head: entry.hash,
    at: actor.now.toISOString(),
    outcome,
  };
  const checkpointPayload = canonicalJson(checkpoint);
  await tx.insert(decisionCheckpoints).values({
    decisionKind: 'poll',
    decisionId: poll!.id,
    size: checkpoint.size,
    headHash: entry.hash,
    payload: checkpointPayload,
    signature: await sealStatement(p, checkpointPayload, actor.now, { timestamp: true }),
    createdAt: actor.now,
  });
  await tx
    .update(polls)
    .set({ state: 'closed', closedBy: actor.personId, closedAt: actor.now, outcome })
    .where(eq(polls.id, poll!.id));
  await audit(tx, actor.audit, {
    action: 'cabinet.poll.close',
    objectType: 'cabinet_poll',
    objectId: poll!.id,
    before: { state: 'open' },
    after: { state: 'closed', outcome, logSize: checkpoint.size, head: entry.hash },
  });
  return { pollId: poll!.id, meetingId: poll!.meetingId, seq, outcome };
}

/* ---------------------------------------------------------------- reads --------------------------------- */

export { readLog };

/** The open poll of a meeting, or else its latest (for the live room). */
export async function currentPollRow(tx: Executor, meetingId: string): Promise<PollRow | null> {
  const [open] = await tx
    .select()
    .from(polls)
    .where(and(eq(polls.meetingId, meetingId), eq(polls.state, 'open')))
    .limit(1);
  if (open) return open;
  const [latest] = await tx
    .select()
    .from(polls)
    .where(eq(polls.meetingId, meetingId))
    .orderBy(desc(polls.openedAt))
    .limit(1);
  return latest ?? null;
}

export async function votesOf(tx: Executor, pollIds: readonly string[]): Promise<VoteRow[]> {
  if (!pollIds.length) return [];
  return tx
    .select()
    .from(votes)
    .where(inArray(votes.pollId, [...pollIds]));
}

export async function namesOf(tx: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const briefs = await personBriefs(tx, ids);
  return new Map([...briefs.entries()].map(([id, b]) => [id, b.displayName]));
}
