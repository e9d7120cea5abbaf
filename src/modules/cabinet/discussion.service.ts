/**
 * Discussion threads before the meeting: one per agenda item and one per paper, replies one level deep.
 * Anyone who may read the meeting reads them (a restricted paper's thread only those who may read the paper);
 * participants (not guests) and the office write; a secretary writes for the member they serve, and the
 * comment stays the member's, shown as written by the secretary. Authors edit or delete their own while the
 * meeting is not over; the office may hide any comment. Deleting is soft: the row stays, its text is never
 * shown again, the audit log keeps who did it. Classified items and papers have no thread online.
 */
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { isUuid, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { personBriefs } from '../identity/index.js';
import {
  agendaItemOf,
  COMMENT_MAX,
  discussionOpen,
  participantMaySeePaper,
  requireDiscussionOpen,
  requireNotClassified,
  speaksInOwnName,
  writerFor,
} from './discussion.access.js';
import { DiscussionErrors } from './discussion.errors.js';
import { paperOf, type PaperActor } from './paper-access.js';
import { loadMeetingFor, mayPrepare, type MeetingAccess } from './policy.js';
import { comments, participants } from './schema.js';

type CommentRow = typeof comments.$inferSelect;

export interface ThreadTarget {
  agendaItemId?: string | null | undefined;
  paperId?: string | null | undefined;
}

interface ResolvedTarget {
  agendaItemId: string | null;
  paperId: string | null;
}

export interface CommentView {
  id: string;
  agendaItemId: string | null;
  paperId: string | null;
  parentId: string | null;
  authorId: string;
  authorName: string | null;
  /** The secretary who wrote it for the author ("soạn thay"), or null. */
  writtenBy: string | null;
  writtenByName: string | null;
  /** Empty once deleted. */
  body: string;
  deleted: boolean;
  createdAt: string;
  editedAt: string | null;
  /** The caller may edit or delete it (their own, or written by them for their member). */
  mayEdit: boolean;
  /** The caller may hide it (the office). */
  mayHide: boolean;
  replies: CommentView[];
}

export interface PostAs {
  personId: string;
  displayName: string | null;
  self: boolean;
}

export interface ThreadView {
  agendaItemId: string | null;
  paperId: string | null;
  /** The meeting is over or cancelled: read only. */
  closed: boolean;
  /** Whom the caller may write as (empty: read only). */
  postAs: PostAs[];
  items: CommentView[];
}

export interface NewComment extends ThreadTarget {
  body: string;
  parentId?: string | null | undefined;
  /** A secretary writing for the member they serve. */
  onBehalfOf?: string | null | undefined;
}

/** Exactly one of an agenda item or a paper of this meeting, neither classified (nor on a classified item). */
async function resolveTarget(
  tx: Executor,
  access: MeetingAccess,
  actor: PaperActor,
  target: ThreadTarget,
): Promise<ResolvedTarget> {
  const itemId = target.agendaItemId || null;
  const paperId = target.paperId || null;
  if ((itemId === null) === (paperId === null))
    throw new AppError(DiscussionErrors.CABINET_DISCUSSION_TARGET_INVALID);
  if (itemId !== null) {
    const item = await agendaItemOf(tx, access, itemId);
    requireNotClassified(item.classification);
    return { agendaItemId: item.id, paperId: null };
  }
  const paper = await paperOf(tx, access, actor, paperId!);
  requireNotClassified(paper.classification);
  if (paper.agendaItemId)
    requireNotClassified((await agendaItemOf(tx, access, paper.agendaItemId)).classification);
  return { agendaItemId: null, paperId: paper.id };
}

function threadWhere(meetingId: string, t: ResolvedTarget): SQL {
  return and(
    eq(comments.meetingId, meetingId),
    t.paperId
      ? eq(comments.paperId, t.paperId)
      : and(eq(comments.agendaItemId, t.agendaItemId!), isNull(comments.paperId)),
  )!;
}

function mayEdit(access: MeetingAccess, actor: PaperActor, c: CommentRow): boolean {
  if (c.deletedAt || !discussionOpen(access)) return false;
  if (c.authorId === actor.personId) return true;
  return c.writtenBy === actor.personId && access.onBehalfOf.includes(c.authorId);
}

function mayHide(access: MeetingAccess, c: CommentRow): boolean {
  return !c.deletedAt && discussionOpen(access) && mayPrepare(access);
}

/** Comments as the caller sees them, with names; a flat list (replies not nested). */
async function flatViews(
  tx: Executor,
  access: MeetingAccess,
  actor: PaperActor,
  rows: CommentRow[],
): Promise<CommentView[]> {
  const names = await personBriefs(
    tx,
    rows.flatMap((r) => (r.writtenBy ? [r.authorId, r.writtenBy] : [r.authorId])),
  );
  return rows.map((r) => ({
    id: r.id,
    agendaItemId: r.agendaItemId,
    paperId: r.paperId,
    parentId: r.parentId,
    authorId: r.authorId,
    authorName: names.get(r.authorId)?.displayName ?? null,
    writtenBy: r.writtenBy,
    writtenByName: r.writtenBy ? (names.get(r.writtenBy)?.displayName ?? null) : null,
    body: r.deletedAt ? '' : r.body,
    deleted: r.deletedAt !== null,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    mayEdit: mayEdit(access, actor, r),
    mayHide: mayHide(access, r),
    replies: [],
  }));
}

/** The thread: comments in order, each with its replies; deleted replies left out. */
async function threadViews(
  tx: Executor,
  access: MeetingAccess,
  actor: PaperActor,
  rows: CommentRow[],
): Promise<CommentView[]> {
  const all = await flatViews(tx, access, actor, rows);
  const top = all.filter((v) => v.parentId === null);
  const byId = new Map(top.map((v) => [v.id, v]));
  for (const v of all) if (v.parentId !== null && !v.deleted) byId.get(v.parentId)?.replies.push(v);
  // A deleted comment stays as a placeholder only while replies hang from it.
  return top.filter((v) => !v.deleted || v.replies.length > 0);
}

async function oneView(tx: Executor, access: MeetingAccess, actor: PaperActor, row: CommentRow) {
  const [view] = await flatViews(tx, access, actor, [row]);
  return view!;
}

/** Whom a paper thread is restricted to (null: an agenda item's thread, or an unrestricted paper). */
async function restrictionOf(
  tx: Executor,
  access: MeetingAccess,
  actor: PaperActor,
  t: ResolvedTarget,
): Promise<string[] | null> {
  return t.paperId ? (await paperOf(tx, access, actor, t.paperId)).restrictedTo : null;
}

/** The members (and the caller) the caller may write as in this thread. */
async function postAsOf(
  tx: Executor,
  access: MeetingAccess,
  actor: PaperActor,
  restrictedTo: string[] | null,
): Promise<PostAs[]> {
  if (!discussionOpen(access)) return [];
  const members = await writableMembers(tx, access);
  const mayWriteAs = (id: string): boolean => {
    const role = members.get(id);
    return role !== undefined && participantMaySeePaper({ personId: id, role }, restrictedTo);
  };
  const ids = [
    ...(speaksInOwnName(access) ? [actor.personId] : []),
    ...access.onBehalfOf.filter((id) => id !== actor.personId && mayWriteAs(id)),
  ];
  const names = await personBriefs(tx, ids);
  return ids.map((id) => ({
    personId: id,
    displayName: names.get(id)?.displayName ?? null,
    self: id === actor.personId,
  }));
}

/** Participants who may have a secretary write for them (everyone but guests). */
async function writableMembers(tx: Executor, access: MeetingAccess): Promise<Map<string, string>> {
  const rows = await tx
    .select({ personId: participants.personId, role: participants.role })
    .from(participants)
    .where(eq(participants.meetingId, access.meeting.id));
  return new Map(rows.filter((r) => r.role !== 'guest').map((r) => [r.personId, r.role]));
}

export async function listComments(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  target: ThreadTarget,
): Promise<ThreadView> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const t = await resolveTarget(tx, access, actor, target);
  const restrictedTo = await restrictionOf(tx, access, actor, t);
  const rows = await tx
    .select()
    .from(comments)
    .where(threadWhere(access.meeting.id, t))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  return {
    ...t,
    closed: !discussionOpen(access),
    postAs: await postAsOf(tx, access, actor, restrictedTo),
    items: await threadViews(tx, access, actor, rows),
  };
}

function cleanBody(body: string): string {
  const text = body.normalize('NFC').trim();
  if (!text || text.length > COMMENT_MAX) throw new AppError(DiscussionErrors.CABINET_COMMENT_INVALID);
  return text;
}

export async function postComment(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  input: NewComment,
): Promise<CommentView> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  requireDiscussionOpen(access);
  const t = await resolveTarget(tx, access, actor, input);
  const body = cleanBody(input.body);
  const who = writerFor(access, actor, input.onBehalfOf);
  if (who.writtenBy) {
    const role = (await writableMembers(tx, access)).get(who.authorId);
    if (!role) throw new AppError(DiscussionErrors.CABINET_DISCUSSION_NOT_ALLOWED);
    // The secretary may read the paper through another member they serve; the member written for may not.
    if (
      t.paperId &&
      !participantMaySeePaper({ personId: who.authorId, role }, await restrictionOf(tx, access, actor, t))
    )
      throw new AppError(DiscussionErrors.CABINET_DISCUSSION_NOT_ALLOWED);
  }
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await commentIn(tx, access, input.parentId);
    const sameThread =
      parent.paperId === t.paperId && (t.paperId !== null || parent.agendaItemId === t.agendaItemId);
    if (!sameThread || parent.deletedAt) throw new AppError(DiscussionErrors.CABINET_COMMENT_NOT_FOUND);
    // Replies are one level deep: answering a reply answers the comment it hangs from.
    parentId = parent.parentId ?? parent.id;
  }
  const [row] = await tx
    .insert(comments)
    .values({
      meetingId: access.meeting.id,
      agendaItemId: t.agendaItemId,
      paperId: t.paperId,
      parentId,
      authorId: who.authorId,
      writtenBy: who.writtenBy,
      body,
      createdAt: actor.now,
    })
    .returning();
  await audit(tx, actor.audit, {
    action: 'cabinet.comment.post',
    objectType: 'cabinet_comment',
    objectId: row!.id,
    after: { ...t, parentId, authorId: who.authorId, writtenBy: who.writtenBy, body },
  });
  return oneView(tx, access, actor, row!);
}

async function commentIn(tx: Executor, access: MeetingAccess, commentId: string): Promise<CommentRow> {
  const [row] = isUuid(commentId)
    ? await tx
        .select()
        .from(comments)
        .where(and(eq(comments.id, commentId), eq(comments.meetingId, access.meeting.id)))
    : [];
  if (!row) throw new AppError(DiscussionErrors.CABINET_COMMENT_NOT_FOUND);
  return row;
}

/**
 * A comment the actor may see: of this meeting, and on a thread they may read (a restricted paper's thread is
 * not found for those who may not read the paper).
 */
async function visibleComment(
  tx: Executor,
  access: MeetingAccess,
  actor: PaperActor,
  commentId: string,
): Promise<CommentRow> {
  const row = await commentIn(tx, access, commentId);
  try {
    await resolveTarget(tx, access, actor, { agendaItemId: row.agendaItemId, paperId: row.paperId });
  } catch (e) {
    if (e instanceof AppError && e.status === 404)
      throw new AppError(DiscussionErrors.CABINET_COMMENT_NOT_FOUND);
    throw e;
  }
  return row;
}

export async function editComment(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  commentId: string,
  input: { body: string },
): Promise<CommentView> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  requireDiscussionOpen(access);
  const row = await visibleComment(tx, access, actor, commentId);
  if (row.deletedAt) throw new AppError(DiscussionErrors.CABINET_COMMENT_NOT_FOUND);
  if (!mayEdit(access, actor, row)) throw new AppError(DiscussionErrors.CABINET_COMMENT_NOT_YOURS);
  const body = cleanBody(input.body);
  const [after] = await tx
    .update(comments)
    .set({ body, editedAt: actor.now })
    .where(eq(comments.id, row.id))
    .returning();
  await audit(tx, actor.audit, {
    action: 'cabinet.comment.edit',
    objectType: 'cabinet_comment',
    objectId: row.id,
    before: { body: row.body },
    after: { body },
  });
  return oneView(tx, access, actor, after!);
}

/**
 * The author (or the secretary who wrote it) deletes it; the office hides it. Either way the row stays with
 * `deletedAt`, and the audit record says who and which.
 */
export async function deleteComment(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  commentId: string,
): Promise<ResolvedTarget> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  requireDiscussionOpen(access);
  const row = await visibleComment(tx, access, actor, commentId);
  if (row.deletedAt) throw new AppError(DiscussionErrors.CABINET_COMMENT_NOT_FOUND);
  const own = mayEdit(access, actor, row);
  if (!own && !mayHide(access, row)) throw new AppError(DiscussionErrors.CABINET_COMMENT_NOT_YOURS);
  await tx.update(comments).set({ deletedAt: actor.now }).where(eq(comments.id, row.id));
  await audit(tx, actor.audit, {
    action: own ? 'cabinet.comment.delete' : 'cabinet.comment.hide',
    objectType: 'cabinet_comment',
    objectId: row.id,
    before: { authorId: row.authorId, writtenBy: row.writtenBy, body: row.body },
  });
  return { agendaItemId: row.agendaItemId, paperId: row.paperId };
}
