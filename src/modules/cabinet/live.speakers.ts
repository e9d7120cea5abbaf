/**
 * The list of speakers of the current item: a checked-in participant asks to speak (once while waiting) or
 * withdraws; the chair orders the list, calls, starts (with an optional time limit) and stops speakers. Time
 * spoken is kept per turn and added up per person across the meeting.
 */
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { isUuid } from '../../platform/db/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { SpeakerState } from './model.js';
import { LiveErrors } from './live.errors.js';
import {
  auditLive,
  liveStep,
  requireInProgress,
  stopSpeaking,
  type LiveActor,
  type LiveResult,
  type LiveStep,
} from './live.service.js';
import { participants, speakers } from './schema.js';

type SpeakerRow = typeof speakers.$inferSelect;

/** Still on the list: asked, or called and not yet done. */
const WAITING: readonly SpeakerState[] = ['requested', 'called'];
export const LIMIT_MIN_SECONDS = 10;
export const LIMIT_MAX_SECONDS = 3600;

function currentItem(step: LiveStep): string {
  requireInProgress(step.meeting);
  if (!step.meeting.currentItemId) throw new AppError(LiveErrors.CABINET_LIVE_NO_CURRENT_ITEM);
  return step.meeting.currentItemId;
}

async function speakerOf(tx: Executor, step: LiveStep, speakerId: string): Promise<SpeakerRow> {
  if (!isUuid(speakerId)) throw new AppError(LiveErrors.CABINET_LIVE_SPEAKER_NOT_FOUND);
  const [row] = await tx
    .select()
    .from(speakers)
    .where(and(eq(speakers.id, speakerId), eq(speakers.meetingId, step.meeting.id)));
  if (!row) throw new AppError(LiveErrors.CABINET_LIVE_SPEAKER_NOT_FOUND);
  return row;
}

function requireState(row: SpeakerRow, allowed: readonly SpeakerState[]): void {
  if (!allowed.includes(row.state))
    throw new AppError(LiveErrors.CABINET_LIVE_SPEAKER_STATE, { state: row.state });
}

/** Audits a change to one turn, from the state it was in. */
function auditTurn(
  tx: Executor,
  actor: LiveActor,
  step: LiveStep,
  row: SpeakerRow,
  action: string,
  after: Record<string, unknown>,
): Promise<LiveResult> {
  return auditLive(tx, actor, step, `speaker.${action}`, {
    objectType: 'cabinet_speaker',
    objectId: row.id,
    before: { state: row.state },
    after,
  });
}

/** A checked-in participant asks to speak on the current item. */
export async function requestToSpeak(tx: Executor, actor: LiveActor, meetingId: string): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'take_part');
  const itemId = currentItem(step);
  const [me] = await tx
    .select()
    .from(participants)
    .where(and(eq(participants.meetingId, step.meeting.id), eq(participants.personId, actor.personId)));
  if (!me) throw new AppError(LiveErrors.CABINET_LIVE_NOT_PARTICIPANT);
  if (me.attendance !== 'checked_in') throw new AppError(LiveErrors.CABINET_LIVE_NOT_CHECKED_IN);
  const pending = await tx
    .select({ id: speakers.id })
    .from(speakers)
    .where(
      and(
        eq(speakers.agendaItemId, itemId),
        eq(speakers.personId, actor.personId),
        inArray(speakers.state, [...WAITING, 'speaking']),
      ),
    );
  if (pending.length) throw new AppError(LiveErrors.CABINET_LIVE_ALREADY_REQUESTED);
  const [last] = await tx
    .select({ n: max(speakers.position) })
    .from(speakers)
    .where(eq(speakers.agendaItemId, itemId));
  const [row] = await tx
    .insert(speakers)
    .values({
      meetingId: step.meeting.id,
      agendaItemId: itemId,
      personId: actor.personId,
      state: 'requested',
      position: (last?.n ?? 0) + 1,
      requestedAt: actor.now,
    })
    .returning();
  return auditLive(tx, actor, step, 'speaker.request', {
    objectType: 'cabinet_speaker',
    objectId: row!.id,
    after: { personId: actor.personId, agendaItemId: itemId, position: row!.position },
  });
}

/** The speaker withdraws a waiting request (the chair may strike it off too). */
export async function withdrawSpeaker(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  speakerId: string,
): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'take_part');
  requireInProgress(step.meeting);
  const row = await speakerOf(tx, step, speakerId);
  if (row.personId !== actor.personId && !step.runner) throw new AppError(LiveErrors.CABINET_LIVE_NOT_CHAIR);
  requireState(row, WAITING);
  await tx.update(speakers).set({ state: 'withdrawn', endedAt: actor.now }).where(eq(speakers.id, row.id));
  return auditTurn(tx, actor, step, row, 'withdraw', { state: 'withdrawn' });
}

/** The chair calls the next speaker (who gets ready). */
export async function callSpeaker(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  speakerId: string,
): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'run');
  requireInProgress(step.meeting);
  const row = await speakerOf(tx, step, speakerId);
  requireState(row, ['requested']);
  await tx.update(speakers).set({ state: 'called' }).where(eq(speakers.id, row.id));
  return auditTurn(tx, actor, step, row, 'call', { state: 'called' });
}

/** The chair gives the floor (whoever was speaking stops); the timer runs from now, with an optional limit. */
export async function startSpeaker(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  speakerId: string,
  limitSeconds: number | null,
): Promise<LiveResult> {
  if (
    limitSeconds !== null &&
    (!Number.isInteger(limitSeconds) || limitSeconds < LIMIT_MIN_SECONDS || limitSeconds > LIMIT_MAX_SECONDS)
  )
    throw new AppError(LiveErrors.CABINET_LIVE_LIMIT_INVALID);
  const step = await liveStep(tx, actor, meetingId, 'run');
  const itemId = currentItem(step);
  const row = await speakerOf(tx, step, speakerId);
  if (row.agendaItemId !== itemId)
    throw new AppError(LiveErrors.CABINET_LIVE_SPEAKER_STATE, { state: row.state });
  requireState(row, WAITING);
  await stopSpeaking(tx, step.meeting.id, actor.now);
  await tx
    .update(speakers)
    .set({ state: 'speaking', startedAt: actor.now, limitSeconds })
    .where(eq(speakers.id, row.id));
  return auditTurn(tx, actor, step, row, 'start', { state: 'speaking', limitSeconds });
}

/** The chair ends the turn: its time is added to the speaker's. */
export async function stopSpeaker(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  speakerId: string,
): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'run');
  requireInProgress(step.meeting);
  const row = await speakerOf(tx, step, speakerId);
  requireState(row, ['speaking']);
  await stopSpeaking(tx, step.meeting.id, actor.now);
  return auditTurn(tx, actor, step, row, 'stop', { state: 'done' });
}

/** The chair orders the waiting speakers of the current item: every one of them, exactly once. */
export async function orderSpeakers(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  speakerIds: readonly string[],
): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'run');
  const itemId = currentItem(step);
  const waiting = await tx
    .select()
    .from(speakers)
    .where(and(eq(speakers.agendaItemId, itemId), inArray(speakers.state, [...WAITING])))
    .orderBy(asc(speakers.position));
  const ids = new Set(waiting.map((s) => s.id));
  if (
    speakerIds.length !== ids.size ||
    new Set(speakerIds).size !== ids.size ||
    !speakerIds.every((id) => ids.has(id))
  )
    throw new AppError(LiveErrors.CABINET_LIVE_ORDER_INVALID);
  const base = Math.min(...waiting.map((s) => s.position));
  for (const [index, id] of speakerIds.entries())
    await tx
      .update(speakers)
      .set({ position: base + index })
      .where(eq(speakers.id, id));
  return auditLive(tx, actor, step, 'speaker.order', {
    objectType: 'cabinet_agenda_item',
    objectId: itemId,
    before: waiting.map((s) => s.id),
    after: { order: speakerIds },
  });
}
