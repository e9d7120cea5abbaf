/**
 * Attendance on the day: a participant checks in (in the room or remotely) and leaves; the office, the
 * secretariat or the chair record it for anyone invited. Check-in opens with the invitation and closes when
 * the meeting ends.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { LiveErrors } from './live.errors.js';
import { auditLive, liveStep, type LiveActor, type LiveResult } from './live.service.js';
import type { LiveStep } from './live.service.js';
import { participants } from './schema.js';

const CHECK_IN_OPEN = new Set(['invited', 'in_progress']);

async function targetOf(tx: Executor, actor: LiveActor, step: LiveStep, personId: string | undefined) {
  const target = personId ?? actor.personId;
  if (target !== actor.personId && !step.runner) throw new AppError(LiveErrors.CABINET_LIVE_NOT_CHAIR);
  const [row] = await tx
    .select()
    .from(participants)
    .where(and(eq(participants.meetingId, step.meeting.id), eq(participants.personId, target)));
  if (!row) throw new AppError(LiveErrors.CABINET_LIVE_NOT_PARTICIPANT);
  return row;
}

export async function checkIn(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  input: { personId?: string | undefined; remote?: boolean | undefined },
): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'take_part');
  if (!CHECK_IN_OPEN.has(step.meeting.status))
    throw new AppError(LiveErrors.CABINET_LIVE_WRONG_STATE, { status: step.meeting.status });
  const row = await targetOf(tx, actor, step, input.personId);
  const remote = input.remote ?? false;
  if (row.attendance === 'checked_in' && row.remote === remote)
    throw new AppError(LiveErrors.CABINET_LIVE_ATTENDANCE_STATE, { attendance: row.attendance });
  await tx
    .update(participants)
    .set({ attendance: 'checked_in', checkedInAt: row.checkedInAt ?? actor.now, remote })
    .where(and(eq(participants.meetingId, row.meetingId), eq(participants.personId, row.personId)));
  return auditLive(tx, actor, step, 'check_in', {
    before: { personId: row.personId, attendance: row.attendance, remote: row.remote },
    after: { personId: row.personId, attendance: 'checked_in', remote },
  });
}

export async function leaveMeeting(
  tx: Executor,
  actor: LiveActor,
  meetingId: string,
  input: { personId?: string | undefined },
): Promise<LiveResult> {
  const step = await liveStep(tx, actor, meetingId, 'take_part');
  if (!CHECK_IN_OPEN.has(step.meeting.status))
    throw new AppError(LiveErrors.CABINET_LIVE_WRONG_STATE, { status: step.meeting.status });
  const row = await targetOf(tx, actor, step, input.personId);
  if (row.attendance !== 'checked_in')
    throw new AppError(LiveErrors.CABINET_LIVE_ATTENDANCE_STATE, { attendance: row.attendance });
  await tx
    .update(participants)
    .set({ attendance: 'left' })
    .where(and(eq(participants.meetingId, row.meetingId), eq(participants.personId, row.personId)));
  return auditLive(tx, actor, step, 'leave', {
    before: { personId: row.personId, attendance: row.attendance },
    after: { personId: row.personId, attendance: 'left' },
  });
}
