/**
 * Running the meeting: opening it, taking up agenda items one at a time (each discussion span timed against
 * the item's time box), finishing or deferring them, and ending the meeting.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { isUuid } from '../../platform/db/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { LiveErrors } from './live.errors.js';
import {
  auditLive,
  closeSpan,
  liveStep,
  requireInProgress,
  stopSpeaking,
  type LiveActor,
  type LiveResult,
} from './live.service.js';
import { PaperErrors } from './papers.errors.js';
import { agendaItems, itemSpans, meetings, speakers } from './schema.js';

type ItemRow = typeof agendaItems.$inferSelect;

/** Opens an invited meeting: in progress from now. */
export async function openMeeting(tx: Executor, actor: LiveActor, meetingId: string): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'run');
  if (step.meeting.status !== 'invited')
    throw new AppError(LiveErrors.CABINET_LIVE_WRONG_STATE, { status: step.meeting.status });
  await tx
    .update(meetings)
    .set({ status: 'in_progress', actualStart: actor.now, updatedAt: actor.now })
    .where(eq(meetings.id, step.meeting.id));
  return auditLive(tx, actor, step, 'open', {
    before: { status: step.meeting.status },
    after: { status: 'in_progress', actualStart: actor.now.toISOString() },
  });
}

async function itemOf(tx: Executor, meetingId: string, itemId: string): Promise<ItemRow> {
  if (!isUuid(itemId)) throw new AppError(PaperErrors.CABINET_AGENDA_ITEM_NOT_FOUND);
  const [item] = await tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  if (!item) throw new AppError(PaperErrors.CABINET_AGENDA_ITEM_NOT_FOUND);
  return item;
}

/**
 * Leaves the current item: its span closes (adding to its time), whoever speaks on it stops, and it becomes
 * `next` (pending again when merely interrupted by another item).
 */
async function leaveCurrent(
  tx: Executor,
  meetingId: string,
  currentItemId: string | null,
  next: 'pending' | 'done' | 'deferred',
  now: Date,
): Promise<void> {
  await stopSpeaking(tx, meetingId, now);
  if (!currentItemId) return;
  await closeSpan(tx, currentItemId, now);
  await tx
    .update(agendaItems)
    .set({ state: next, ...(next === 'done' ? { endedAt: now } : {}) })
    .where(and(eq(agendaItems.id, currentItemId), eq(agendaItems.state, 'in_discussion')));
}

/** Takes up an item (pending or deferred): it becomes the current item and a discussion span opens. */
export async function takeUpItem(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  itemId: string,
): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'run');
  requireInProgress(step.meeting);
  const item = await itemOf(tx, step.meeting.id, itemId);
  if (item.state !== 'pending' && item.state !== 'deferred')
    throw new AppError(LiveErrors.CABINET_LIVE_ITEM_STATE, { state: item.state });
  const previous = step.meeting.currentItemId;
  await leaveCurrent(tx, step.meeting.id, previous, 'pending', actor.now);
  await tx
    .update(agendaItems)
    .set({ state: 'in_discussion', startedAt: item.startedAt ?? actor.now, endedAt: null })
    .where(eq(agendaItems.id, item.id));
  await tx.insert(itemSpans).values({ agendaItemId: item.id, startedAt: actor.now });
  await tx
    .update(meetings)
    .set({ currentItemId: item.id, updatedAt: actor.now })
    .where(eq(meetings.id, step.meeting.id));
  return auditLive(tx, actor, step, 'item.start', {
    objectType: 'cabinet_agenda_item',
    objectId: item.id,
    before: { currentItemId: previous, state: item.state },
    after: { currentItemId: item.id, state: 'in_discussion' },
  });
}

/**
 * Finishes the current item (done), or defers an item: the current one (its span closes) or a pending one
 * (postponed before it was taken up).
 */
export async function finishItem(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  itemId: string,
  outcome: 'done' | 'deferred',
): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'run');
  requireInProgress(step.meeting);
  const item = await itemOf(tx, step.meeting.id, itemId);
  const current = step.meeting.currentItemId === item.id;
  if (current) {
    await leaveCurrent(tx, step.meeting.id, item.id, outcome, actor.now);
    await tx
      .update(meetings)
      .set({ currentItemId: null, updatedAt: actor.now })
      .where(eq(meetings.id, step.meeting.id));
  } else if (outcome === 'deferred' && item.state === 'pending') {
    await tx.update(agendaItems).set({ state: 'deferred' }).where(eq(agendaItems.id, item.id));
  } else {
    throw new AppError(LiveErrors.CABINET_LIVE_ITEM_STATE, { state: item.state });
  }
  return auditLive(tx, actor, step, outcome === 'done' ? 'item.finish' : 'item.defer', {
    objectType: 'cabinet_agenda_item',
    objectId: item.id,
    before: { state: item.state },
    after: { state: outcome },
  });
}

/** Ends the meeting: the current item is done, the speaker stops, requests still waiting lapse. */
export async function endMeeting(tx: Executor, actor: LiveActor, meetingId: string): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'run');
  requireInProgress(step.meeting);
  await leaveCurrent(tx, step.meeting.id, step.meeting.currentItemId, 'done', actor.now);
  await tx
    .update(speakers)
    .set({ state: 'withdrawn', endedAt: actor.now })
    .where(and(eq(speakers.meetingId, step.meeting.id), inArray(speakers.state, ['requested', 'called'])));
  await tx
    .update(meetings)
    .set({ status: 'ended', actualEnd: actor.now, currentItemId: null, updatedAt: actor.now })
    .where(eq(meetings.id, step.meeting.id));
  return auditLive(tx, actor, step, 'end', {
    before: { status: step.meeting.status, currentItemId: step.meeting.currentItemId },
    after: { status: 'ended', actualEnd: actor.now.toISOString() },
  });
}
