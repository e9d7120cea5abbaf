/**
 * Members' written opinions on agenda items, given before the meeting. Only voting participants (the chair,
 * members, a substitute when the rules let them vote) have one. A secretary drafts it for the member they
 * serve; only the member submits it (a secretary prepares the answer, the member signs it). The member may
 * change it until the meeting starts. Drafts are seen by the member and their secretaries only; everyone who
 * reads the meeting sees the submitted ones, summarised per item with what differs from "agree" first.
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { registerTemplate, textToHtml } from '../../platform/notify/index.js';
import type { Platform } from '../../platform/platform.js';
import { personBriefs } from '../identity/index.js';
import { agendaItemOf, OPINION_MAX, opinionsOpen, requireNotClassified } from './discussion.access.js';
import { DiscussionErrors } from './discussion.errors.js';
import {
  OPINION_POSITIONS,
  PAPER_ONLY,
  type Classification,
  type OpinionPosition,
  type OpinionState,
} from './model.js';
import type { PaperActor } from './paper-access.js';
import { loadMeetingFor, type MeetingAccess } from './policy.js';
import { agendaItems, comments, opinions, participants } from './schema.js';

type OpinionRow = typeof opinions.$inferSelect;

export interface SubmittedOpinion {
  memberId: string;
  agendaItemId: string;
  position: OpinionPosition;
  body: string;
  submittedAt: Date;
}

/**
 * The members' submitted opinions on a meeting (or one of its items), oldest first. No access check: the live
 * room and the minutes call it after checking theirs.
 */
export async function submittedOpinions(
  tx: Executor,
  meetingId: string,
  agendaItemId?: string,
): Promise<SubmittedOpinion[]> {
  const rows = await tx
    .select()
    .from(opinions)
    .where(
      and(
        eq(opinions.meetingId, meetingId),
        eq(opinions.state, 'submitted'),
        agendaItemId ? eq(opinions.agendaItemId, agendaItemId) : undefined,
      ),
    )
    .orderBy(asc(opinions.submittedAt), asc(opinions.id));
  return rows.map((r) => ({
    memberId: r.memberId,
    agendaItemId: r.agendaItemId,
    position: r.position,
    body: r.body,
    submittedAt: r.submittedAt!,
  }));
}

export const OpinionTemplates = {
  drafted: registerTemplate({
    key: 'cabinet.opinion.drafted',
    params: z.object({
      meetingTitle: z.string().max(500),
      itemTitle: z.string().max(2000),
      secretaryName: z.string().max(500),
    }),
    render: (m) => {
      const vi =
        `${m.secretaryName} đã soạn dự thảo ý kiến của đồng chí về nội dung "${m.itemTitle}" (${m.meetingTitle}). ` +
        'Vui lòng xem, chỉnh sửa nếu cần và gửi ý kiến trên hệ thống CPĐT.';
      const en =
        `${m.secretaryName} has drafted your opinion on "${m.itemTitle}" (${m.meetingTitle}). ` +
        'Please review it, change it if needed and submit it on CPĐT.';
      return {
        vi: { subject: `Dự thảo ý kiến: ${m.itemTitle}`, text: vi, html: textToHtml(vi) },
        en: { subject: `Draft opinion: ${m.itemTitle}`, text: en, html: textToHtml(en) },
      };
    },
  }),
};

export interface OpinionView {
  agendaItemId: string;
  memberId: string;
  memberName: string | null;
  position: OpinionPosition;
  body: string;
  state: OpinionState;
  /** Who last wrote it: the member, or a secretary (a draft "soạn thay"). */
  draftedBy: string;
  draftedByName: string | null;
  submittedAt: string | null;
  updatedAt: string;
}

export interface MemberRef {
  memberId: string;
  displayName: string | null;
}

export interface ItemOpinions {
  agendaItemId: string;
  position: number;
  title: string;
  classification: Classification;
  /** Classified: no opinions or discussion online (the lists below are empty). */
  classified: boolean;
  /** Comments on the item's thread (not deleted). */
  comments: number;
  /** Voting members expected to give an opinion. */
  expected: number;
  counts: Record<OpinionPosition, number>;
  /** Submitted opinions: those that differ from a plain "agree" first, then the agreements. */
  submitted: OpinionView[];
  notAnswered: MemberRef[];
  /** The caller's own opinion and those of the members they serve, drafts included. */
  mine: OpinionView[];
}

export interface OpinionsSummary {
  /** Opinions may still be given or changed (the meeting has not started). */
  open: boolean;
  /** Whom the caller may write an opinion for: themselves (a voting member) and the members they serve. */
  writeFor: (MemberRef & { self: boolean })[];
  items: ItemOpinions[];
}

const zeroCounts = (): Record<OpinionPosition, number> => ({
  agree: 0,
  agree_with_comments: 0,
  disagree: 0,
  other: 0,
});

/** Voting participants of the meeting (the chair, members, and substitutes the rules let vote). */
async function votingMembers(tx: Executor, meetingId: string): Promise<string[]> {
  const rows = await tx
    .select({ personId: participants.personId })
    .from(participants)
    .where(and(eq(participants.meetingId, meetingId), eq(participants.voting, true)));
  return rows.map((r) => r.personId);
}

function writersOf(access: MeetingAccess, actor: PaperActor, voting: ReadonlySet<string>): string[] {
  return [actor.personId, ...access.onBehalfOf.filter((id) => id !== actor.personId)].filter((id) =>
    voting.has(id),
  );
}

export async function opinionsSummary(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
): Promise<OpinionsSummary> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const id = access.meeting.id;
  const voting = await votingMembers(tx, id);
  const votingSet = new Set(voting);
  const mineIds = new Set(writersOf(access, actor, votingSet));
  const items = await tx
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, id))
    .orderBy(asc(agendaItems.position));
  const rows = await tx.select().from(opinions).where(eq(opinions.meetingId, id));
  const counted = await tx
    .select({ itemId: comments.agendaItemId, n: sql<number>`count(*)` })
    .from(comments)
    .where(and(eq(comments.meetingId, id), isNull(comments.paperId), isNull(comments.deletedAt)))
    .groupBy(comments.agendaItemId);
  const commentCount = new Map(counted.map((c) => [c.itemId, Number(c.n)]));
  const names = await personBriefs(tx, [...voting, ...rows.map((r) => r.draftedBy), ...mineIds]);
  const name = (personId: string) => names.get(personId)?.displayName ?? null;
  const view = (r: OpinionRow): OpinionView => ({
    agendaItemId: r.agendaItemId,
    memberId: r.memberId,
    memberName: name(r.memberId),
    position: r.position,
    body: r.body,
    state: r.state,
    draftedBy: r.draftedBy,
    draftedByName: name(r.draftedBy),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  });
  const byName = (a: MemberRef, b: MemberRef) =>
    (a.displayName ?? a.memberId).localeCompare(b.displayName ?? b.memberId, 'vi');

  const summary = items.map((item): ItemOpinions => {
    const classified = PAPER_ONLY.has(item.classification);
    const base = {
      agendaItemId: item.id,
      position: item.position,
      title: item.title,
      classification: item.classification,
      classified,
      expected: voting.length,
      counts: zeroCounts(),
    };
    if (classified) return { ...base, comments: 0, submitted: [], notAnswered: [], mine: [] };
    const ofItem = rows.filter((r) => r.agendaItemId === item.id);
    const submitted = ofItem
      .filter((r) => r.state === 'submitted' && votingSet.has(r.memberId))
      .sort(
        (a, b) =>
          Number(a.position === 'agree') - Number(b.position === 'agree') ||
          a.submittedAt!.getTime() - b.submittedAt!.getTime(),
      );
    for (const r of submitted) base.counts[r.position]++;
    const answered = new Set(submitted.map((r) => r.memberId));
    return {
      ...base,
      comments: commentCount.get(item.id) ?? 0,
      submitted: submitted.map(view),
      notAnswered: voting
        .filter((m) => !answered.has(m))
        .map((m) => ({ memberId: m, displayName: name(m) }))
        .sort(byName),
      mine: ofItem.filter((r) => mineIds.has(r.memberId)).map(view),
    };
  });
  return {
    open: opinionsOpen(access),
    writeFor: [...mineIds].map((m) => ({ memberId: m, displayName: name(m), self: m === actor.personId })),
    items: summary,
  };
}

export interface OpinionInput {
  /** A secretary drafting for the member they serve; the caller when absent. */
  memberId?: string | null | undefined;
  position: string;
  body?: string | null | undefined;
  /** Submit as the member's opinion (the member only); otherwise keep as a draft. */
  submit?: boolean | undefined;
}

export async function saveOpinion(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  meetingId: string,
  itemId: string,
  input: OpinionInput,
): Promise<OpinionView> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const item = await agendaItemOf(tx, access, itemId);
  requireNotClassified(item.classification);
  if (!opinionsOpen(access))
    throw new AppError(DiscussionErrors.CABINET_OPINION_CLOSED, { status: access.meeting.status });
  const memberId = input.memberId || actor.personId;
  const self = memberId === actor.personId;
  if (!self && !access.onBehalfOf.includes(memberId))
    throw new AppError(DiscussionErrors.CABINET_NOT_ON_BEHALF);
  if (!(await votingMembers(tx, access.meeting.id)).includes(memberId))
    throw new AppError(DiscussionErrors.CABINET_OPINION_NOT_MEMBER);
  const submit = input.submit === true;
  if (submit && !self) throw new AppError(DiscussionErrors.CABINET_OPINION_SECRETARY_CANNOT_SUBMIT);
  const position = input.position as OpinionPosition;
  const body = (input.body ?? '').normalize('NFC').trim();
  if (
    !OPINION_POSITIONS.includes(position) ||
    body.length > OPINION_MAX ||
    (submit && position !== 'agree' && !body)
  )
    throw new AppError(DiscussionErrors.CABINET_OPINION_INVALID);

  const [before] = await tx
    .select()
    .from(opinions)
    .where(and(eq(opinions.agendaItemId, item.id), eq(opinions.memberId, memberId)))
    .for('update');
  if (!self && before?.state === 'submitted')
    throw new AppError(DiscussionErrors.CABINET_OPINION_ALREADY_SUBMITTED);
  const state: OpinionState = submit ? 'submitted' : 'draft';
  const values = {
    position,
    body,
    state,
    draftedBy: actor.personId,
    submittedAt: submit ? actor.now : null,
    updatedAt: actor.now,
  };
  const [row] = await tx
    .insert(opinions)
    .values({ meetingId: access.meeting.id, agendaItemId: item.id, memberId, ...values })
    .onConflictDoUpdate({
      target: [opinions.agendaItemId, opinions.memberId],
      set: values,
      // The lock above takes nothing when no row exists yet: the member may submit in between, and a
      // secretary's draft must never overwrite that.
      ...(self ? {} : { setWhere: ne(opinions.state, 'submitted') }),
    })
    .returning();
  if (!row) throw new AppError(DiscussionErrors.CABINET_OPINION_ALREADY_SUBMITTED);
  await audit(tx, actor.audit, {
    action: submit ? 'cabinet.opinion.submit' : 'cabinet.opinion.draft',
    objectType: 'cabinet_opinion',
    objectId: row.id,
    before: before ? { position: before.position, body: before.body, state: before.state } : null,
    after: {
      agendaItemId: item.id,
      memberId,
      position,
      body,
      state: values.state,
      draftedBy: actor.personId,
    },
  });
  const names = await personBriefs(tx, [memberId, actor.personId]);
  if (!self)
    await p.notify.send(
      tx,
      {
        to: { personId: memberId },
        channels: ['inapp'],
        template: OpinionTemplates.drafted,
        params: {
          meetingTitle: access.meeting.title,
          itemTitle: item.title,
          secretaryName: names.get(actor.personId)?.displayName ?? '',
        },
        // One notice per item and secretary a day, however many times the draft is saved.
        dedupeKey: `cabinet.opinion.drafted:${item.id}:${memberId}:${actor.personId}:${actor.now.toISOString().slice(0, 10)}`,
      },
      actor.audit,
    );
  return {
    agendaItemId: item.id,
    memberId,
    memberName: names.get(memberId)?.displayName ?? null,
    position: row.position,
    body: row.body,
    state: row.state,
    draftedBy: row.draftedBy,
    draftedByName: names.get(row.draftedBy)?.displayName ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
