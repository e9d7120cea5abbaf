/**
 * The live meeting room: the common step of every live action. The chair, the office of the body's agency
 * and the meeting's secretariat run the room; participants check in and ask to speak. Each action runs in one
 * transaction that first takes the meeting's row lock by bumping its live sequence, so concurrent actions
 * apply one after the other and every client can tell a newer state from an older one.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { LiveErrors } from './live.errors.js';
import type { PaperActor } from './paper-access.js';
import { isChair, loadMeetingFor, mayPrepare, type MeetingAccess, type MeetingRow } from './policy.js';
import { agendaItems, itemSpans, meetings, speakers } from './schema.js';

export type LiveActor = PaperActor;

/** What an action answers: the live sequence its change produced (clients show that state or a later one). */
export interface LiveResult {
  meetingId: string;
  seq: number;
}

export interface LiveStep {
  access: MeetingAccess;
  /** The meeting as locked by this transaction (fresher than access.meeting). */
  meeting: MeetingRow;
  runner: boolean;
}

/** The chair, the office and the secretariat run the room. */
export function mayRun(access: MeetingAccess, actor: LiveActor): boolean {
  return isChair(access, actor) || mayPrepare(access);
}

/**
 * Access check (404 for a stranger, CABINET_LIVE_NOT_CHAIR when `run` and the actor does not run the room),
 * then the meeting's row lock with its live sequence bumped.
 */
export async function liveStep(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  need: 'run' | 'take_part',
): Promise<LiveStep> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const runner = mayRun(access, actor);
  if (need === 'run' && !runner) throw new AppError(LiveErrors.CABINET_LIVE_NOT_CHAIR);
  const [meeting] = await tx
    .update(meetings)
    .set({ liveSeq: sql`${meetings.liveSeq} + 1` })
    .where(eq(meetings.id, access.meeting.id))
    .returning();
  return { access, meeting: meeting!, runner };
}

export function requireInProgress(meeting: MeetingRow): void {
  if (meeting.status !== 'in_progress')
    throw new AppError(LiveErrors.CABINET_LIVE_WRONG_STATE, { status: meeting.status });
}

/** Whole seconds between two instants (never negative: a clock set back does not subtract time). */
export function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}

/** Closes the item's open span, if any, and adds its length to the time spent on the item. */
export async function closeSpan(tx: Executor, itemId: string, now: Date): Promise<number> {
  const closed = await tx
    .update(itemSpans)
    .set({ endedAt: now })
    .where(and(eq(itemSpans.agendaItemId, itemId), isNull(itemSpans.endedAt)))
    .returning({ startedAt: itemSpans.startedAt });
  const seconds = closed.reduce((n, s) => n + secondsBetween(s.startedAt, now), 0);
  if (seconds > 0)
    await tx
      .update(agendaItems)
      .set({ spentSeconds: sql`${agendaItems.spentSeconds} + ${seconds}` })
      .where(eq(agendaItems.id, itemId));
  return seconds;
}

/** Ends whoever is speaking in the meeting, adding the turn to their time. */
export async function stopSpeaking(tx: Executor, meetingId: string, now: Date): Promise<void> {
  const speaking = await tx
    .select()
    .from(speakers)
    .where(and(eq(speakers.meetingId, meetingId), eq(speakers.state, 'speaking')));
  for (const s of speaking)
    await tx
      .update(speakers)
      .set({
        state: 'done',
        endedAt: now,
        spentSeconds: s.spentSeconds + secondsBetween(s.startedAt ?? now, now),
      })
      .where(eq(speakers.id, s.id));
}

/** The audit record of a live action, in the action's transaction. */
export async function auditLive(
  tx: Executor,
  actor: LiveActor,
  step: LiveStep,
  action: string,
  detail: { before?: unknown; after?: unknown; objectType?: string; objectId?: string },
): Promise<LiveResult> {
  await audit(tx, actor.audit, {
    action: `cabinet.live.${action}`,
    objectType: detail.objectType ?? 'cabinet_meeting',
    objectId: detail.objectId ?? step.meeting.id,
    before: detail.before,
    after: { ...(detail.after as object | undefined), seq: step.meeting.liveSeq },
  });
  return { meetingId: step.meeting.id, seq: step.meeting.liveSeq };
}
