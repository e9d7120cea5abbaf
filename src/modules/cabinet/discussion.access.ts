/**
 * What the discussion and the opinions share: when a meeting's discussion is open, the agenda item (never a
 * classified one: its matter circulates on paper, so nothing about it is written online either), who may write
 * as whom, and the event that tells open pages to refresh.
 */
import { and, eq } from 'drizzle-orm';
import { isUuid, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { delegatesOf } from '../identity/index.js';
import { DiscussionErrors } from './discussion.errors.js';
import { PAPER_ONLY, type Classification, type MeetingStatus } from './model.js';
import { PaperErrors } from './papers.errors.js';
import { mayPrepare, type CabinetActor, type MeetingAccess } from './policy.js';
import { agendaItems, papers, participants } from './schema.js';

export type AgendaItemRow = typeof agendaItems.$inferSelect;

/** Threads take no new words once the meeting is over (the minutes take over from there). */
const DISCUSSION_CLOSED: ReadonlySet<MeetingStatus> = new Set(['ended', 'concluded', 'cancelled']);
/** Opinions are given in advance: once the meeting starts, members speak in the room instead. */
const OPINIONS_CLOSED: ReadonlySet<MeetingStatus> = new Set([
  'in_progress',
  'ended',
  'concluded',
  'cancelled',
]);

export const COMMENT_MAX = 5000;
export const OPINION_MAX = 5000;

export const discussionOpen = (access: MeetingAccess): boolean =>
  !DISCUSSION_CLOSED.has(access.meeting.status);
export const opinionsOpen = (access: MeetingAccess): boolean => !OPINIONS_CLOSED.has(access.meeting.status);

export function requireDiscussionOpen(access: MeetingAccess): void {
  if (!discussionOpen(access))
    throw new AppError(DiscussionErrors.CABINET_DISCUSSION_CLOSED, { status: access.meeting.status });
}

export function requireNotClassified(classification: Classification): void {
  if (PAPER_ONLY.has(classification))
    throw new AppError(DiscussionErrors.CABINET_DISCUSSION_CLASSIFIED, { classification });
}

/** An agenda item of this meeting (404 otherwise). */
export async function agendaItemOf(
  tx: Executor,
  access: MeetingAccess,
  itemId: string,
): Promise<AgendaItemRow> {
  const [item] = isUuid(itemId)
    ? await tx
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, access.meeting.id)))
    : [];
  if (!item) throw new AppError(PaperErrors.CABINET_AGENDA_ITEM_NOT_FOUND, { agendaItemId: itemId });
  return item;
}

/**
 * Whether a person may write in the meeting's threads in their own name: participants other than guests (an
 * invited presenter reads and answers in the room), and the office preparing the meeting.
 */
export function speaksInOwnName(access: MeetingAccess): boolean {
  if (mayPrepare(access)) return true;
  return access.participant !== null && access.participant.role !== 'guest';
}

/**
 * Who the actor writes as: themselves, or a member they act for as secretary (the comment is the member's,
 * shown as written by the secretary).
 */
export function writerFor(
  access: MeetingAccess,
  actor: CabinetActor,
  onBehalfOf: string | null | undefined,
): { authorId: string; writtenBy: string | null } {
  if (!onBehalfOf || onBehalfOf === actor.personId) {
    if (!speaksInOwnName(access)) throw new AppError(DiscussionErrors.CABINET_DISCUSSION_NOT_ALLOWED);
    return { authorId: actor.personId, writtenBy: null };
  }
  if (!access.onBehalfOf.includes(onBehalfOf)) throw new AppError(DiscussionErrors.CABINET_NOT_ON_BEHALF);
  return { authorId: onBehalfOf, writtenBy: actor.personId };
}

/**
 * Whether a participant may read a paper in their own right: everyone for an unrestricted paper; for a
 * restricted one, those it is restricted to and the secretariat (who prepare every paper). A secretary
 * writing "as" a member is held to what that member may read, not to what the secretary may read through
 * another member they serve.
 */
export function participantMaySeePaper(
  participant: { personId: string; role: string },
  restrictedTo: readonly string[] | null,
): boolean {
  if (!restrictedTo) return true;
  return participant.role === 'secretariat' || restrictedTo.includes(participant.personId);
}

export interface DiscussionChange {
  meetingId: string;
  agendaItemId: string | null;
  paperId: string | null;
  what: 'comment' | 'opinion';
}

/**
 * After commit: pages open on the meeting refresh their threads and summaries (no content in the event). It
 * goes to each participant and the secretaries acting for them, over their own live-events socket; the office,
 * not invited, sees changes on its next refresh. A restricted paper's thread is announced only to those who
 * may read the paper (and the secretaries of those members), so its existence does not leak to the others.
 */
export async function publishDiscussionChange(p: Platform, change: DiscussionChange): Promise<void> {
  let restrictedTo: string[] | null = null;
  if (change.paperId) {
    const [paper] = await p.db
      .select({ restrictedTo: papers.restrictedTo })
      .from(papers)
      .where(and(eq(papers.id, change.paperId), eq(papers.meetingId, change.meetingId)));
    if (!paper) return;
    restrictedTo = paper.restrictedTo;
  }
  const invited = (
    await p.db
      .select({ personId: participants.personId, role: participants.role })
      .from(participants)
      .where(eq(participants.meetingId, change.meetingId))
  ).filter((r) => participantMaySeePaper(r, restrictedTo));
  // The secretariat sees every paper, but its own secretaries only those their member may read.
  const principals = invited
    .filter((r) => !(r.role === 'secretariat' && restrictedTo && !restrictedTo.includes(r.personId)))
    .map((r) => r.personId);
  const secretaries = await delegatesOf(p.db, principals, p.clock.now());
  const audience = new Set([...invited.map((r) => r.personId), ...secretaries.map((s) => s.id)]);
  for (const personId of audience)
    p.events.publish({ type: 'cabinet.discussion.changed', audience: personId, data: change });
}
