/**
 * What people see of a poll. While it is open: the question, the turnout (voted / roster / needed) and WHO has
 * voted — never a choice, not even to the chair (a member sees their own receipt). After close: the outcome
 * with the rule and its legal basis, the counts, the named votes with their choices, and the receipts.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { agendaItems, decisionCheckpoints, polls, ruleProfiles } from './schema.js';
import type { LegalBasis, MeetingRules, Outcome } from './model.js';
import { choicesOf } from './polls.payload.js';
import { loadMeetingFor } from './policy.js';
import {
  countedOf,
  currentPollRow,
  mayRunPolls,
  namesOf,
  pollFor,
  tallyPoll,
  votesOf,
  type PollActor,
  type PollRow,
  type VoteRow,
} from './polls.service.js';

export interface PollChoiceView {
  id: string;
  vi: string;
  en: string;
}

export interface PollSummaryView {
  id: string;
  meetingId: string;
  agendaItemId: string;
  question: string;
  kind: PollRow['kind'];
  choices: PollChoiceView[];
  state: PollRow['state'];
  openedAt: string;
  closedAt: string | null;
  rosterSize: number;
  voted: number;
  /** Votes in favour needed to pass (from the profile and the roster; 'cast' base: of the votes so far). */
  needed: number;
  presentCount: number;
  /** After close only. */
  outcome: Outcome | null;
}

export interface PollMemberView {
  personId: string;
  fullName: string;
  title: string | null;
  chair: boolean;
  voted: boolean;
  castAt: string | null;
  /** After close only (or the caller's own). */
  choice: string | null;
  recordedBy: string | null;
  recordedByName: string | null;
  evidence: string | null;
  ratified: boolean;
  logSeq: number | null;
  receipt: { payload: string; signature: string } | null;
}

export interface PollDetailView extends PollSummaryView {
  agendaItemTitle: string;
  unratified: number;
  rule: { code: string; name: string; rules: MeetingRules; legalBasis: LegalBasis[] };
  rosterHash: string;
  paperHashes: PollRow['paperHashes'];
  members: PollMemberView[];
  mine: { onRoster: boolean; voted: boolean; needsRatification: boolean; receipt: PollMemberView['receipt'] };
  mayRun: boolean;
  mayRecord: boolean;
  checkpoint: { size: number; headHash: string } | null;
}

function summaryOf(poll: PollRow, rules: MeetingRules, rows: readonly VoteRow[]): PollSummaryView {
  const closed = poll.state !== 'open';
  // While open the tally runs on hidden choices: only the base and the threshold come out of it.
  const hidden = tallyPoll(
    poll,
    rules,
    countedOf(rows).map((v) => ({ ...v, choice: '?' })),
    false,
  );
  return {
    id: poll.id,
    meetingId: poll.meetingId,
    agendaItemId: poll.agendaItemId,
    question: poll.question,
    kind: poll.kind,
    choices: choicesOf(poll.kind, poll.options),
    state: poll.state,
    openedAt: poll.openedAt.toISOString(),
    closedAt: poll.closedAt?.toISOString() ?? null,
    rosterSize: poll.roster.length,
    voted: rows.length,
    needed: closed && poll.outcome ? poll.outcome.needed : hidden.needed,
    presentCount: poll.presentCount,
    outcome: closed ? poll.outcome : null,
  };
}

async function rulesOfPoll(tx: Executor, poll: PollRow) {
  const [profile] = await tx.select().from(ruleProfiles).where(eq(ruleProfiles.id, poll.ruleProfileId));
  return profile!;
}

export async function listPolls(
  tx: Executor,
  actor: PollActor,
  meetingId: string,
): Promise<PollSummaryView[]> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const rows = await tx
    .select()
    .from(polls)
    .where(eq(polls.meetingId, access.meeting.id))
    .orderBy(asc(polls.openedAt));
  if (!rows.length) return [];
  const all = await votesOf(
    tx,
    rows.map((r) => r.id),
  );
  const [profile] = await tx
    .select({ rules: ruleProfiles.rules })
    .from(ruleProfiles)
    .where(eq(ruleProfiles.id, rows[0]!.ruleProfileId));
  return rows.map((r) =>
    summaryOf(
      r,
      profile!.rules,
      all.filter((v) => v.pollId === r.id),
    ),
  );
}

export async function pollDetail(
  tx: Executor,
  actor: PollActor,
  meetingId: string,
  pollId: string,
): Promise<PollDetailView> {
  const { access, poll } = await pollFor(tx, actor, meetingId, pollId);
  const profile = await rulesOfPoll(tx, poll);
  const rows = await votesOf(tx, [poll.id]);
  const [item] = await tx
    .select({ title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.id, poll.agendaItemId));
  const [checkpoint] = await tx
    .select({ size: decisionCheckpoints.size, headHash: decisionCheckpoints.headHash })
    .from(decisionCheckpoints)
    .where(and(eq(decisionCheckpoints.decisionKind, 'poll'), eq(decisionCheckpoints.decisionId, poll.id)));
  const closed = poll.state !== 'open';
  const byPerson = new Map(rows.map((v) => [v.personId, v]));
  const recorders = await namesOf(
    tx,
    rows.flatMap((v) => (v.recordedBy ? [v.recordedBy] : [])),
  );
  const members: PollMemberView[] = poll.roster.map((r) => {
    const v = byPerson.get(r.personId);
    const own = r.personId === actor.personId;
    const shown = !!v && (closed || own);
    return {
      personId: r.personId,
      fullName: r.fullName,
      title: r.title,
      chair: r.chair,
      voted: !!v,
      castAt: v?.castAt.toISOString() ?? null,
      choice: shown ? v.choice : null,
      recordedBy: v?.recordedBy ?? null,
      recordedByName: v?.recordedBy ? (recorders.get(v.recordedBy) ?? null) : null,
      evidence: v?.evidence ?? null,
      ratified: !!v && (v.recordedBy === null || v.ratifiedAt !== null),
      logSeq: v?.logSeq ?? null,
      receipt: shown ? { payload: v.receiptPayload, signature: v.receiptSignature } : null,
    };
  });
  const mineRow = byPerson.get(actor.personId);
  const summary = summaryOf(poll, profile.rules, rows);
  return {
    ...summary,
    agendaItemTitle: item?.title ?? '',
    unratified: rows.filter((v) => v.recordedBy !== null && v.ratifiedAt === null).length,
    rule: {
      code: profile.code,
      name: profile.nameVi,
      rules: profile.rules,
      legalBasis: profile.legalBasis,
    },
    rosterHash: poll.rosterHash,
    paperHashes: poll.paperHashes,
    members,
    mine: {
      onRoster: poll.roster.some((r) => r.personId === actor.personId),
      voted: !!mineRow,
      needsRatification: !!mineRow && mineRow.recordedBy !== null && mineRow.ratifiedAt === null,
      receipt: mineRow ? { payload: mineRow.receiptPayload, signature: mineRow.receiptSignature } : null,
    },
    mayRun: mayRunPolls(access, actor),
    mayRecord: access.office && profile.rules.proxyCapture === 'with_ratification',
    checkpoint: checkpoint ?? null,
  };
}

/** The live room's view of the meeting's open poll (or its latest): turnout and who voted, no choices. */
export interface LivePollView {
  id: string;
  agendaItemId: string;
  question: string;
  kind: PollRow['kind'];
  choices: PollChoiceView[];
  state: PollRow['state'];
  rosterSize: number;
  voted: number;
  needed: number;
  /** Who is on the roster, and who of them has voted. */
  roster: string[];
  voters: string[];
  unratified: number;
  /** After close: the result and the counts. */
  outcome: { result: Outcome['result']; counts: Record<string, number> } | null;
}

export async function livePoll(
  tx: Executor,
  meetingId: string,
  rules: MeetingRules,
): Promise<LivePollView | null> {
  const poll = await currentPollRow(tx, meetingId);
  if (!poll) return null;
  const rows = await votesOf(tx, [poll.id]);
  const summary = summaryOf(poll, rules, rows);
  return {
    id: poll.id,
    agendaItemId: poll.agendaItemId,
    question: poll.question,
    kind: poll.kind,
    choices: summary.choices,
    state: poll.state,
    rosterSize: summary.rosterSize,
    voted: summary.voted,
    needed: summary.needed,
    roster: poll.roster.map((r) => r.personId),
    voters: rows.map((v) => v.personId),
    unratified: rows.filter((v) => v.recordedBy !== null && v.ratifiedAt === null).length,
    outcome: poll.outcome ? { result: poll.outcome.result, counts: poll.outcome.counts } : null,
  };
}
