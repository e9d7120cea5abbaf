/**
 * Who takes part in a meeting and whether they come: guests, substitutes for members, attendance answers,
 * absences decided by the chair or the office, and the quorum those make.
 */
import { and, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { personBriefs } from '../identity/index.js';
import type { CabinetCall } from './bodies.service.js';
import { CabinetErrors } from './errors.js';
import type { AttendanceState, MeetingRules } from './model.js';
import { isChair, loadMeetingFor, type MeetingAccess, type ParticipantRow } from './policy.js';
import { quorumRequired } from './rules.js';
import { participants, ruleProfiles } from './schema.js';

export interface Quorum {
  /** Voting participants who confirmed or checked in (a voting substitute counts for an absent member). */
  present: number;
  /** Voting seats of the body in this meeting (chair and members). */
  seated: number;
  required: number;
  reached: boolean;
}

const PRESENT: ReadonlySet<AttendanceState> = new Set(['confirmed', 'checked_in']);
const CLOSED = new Set(['cancelled', 'ended', 'concluded']);

/** Quorum from the participants: seats are the chair and members; substitutes stand in only when allowed. */
export function computeQuorum(rows: readonly ParticipantRow[], rules: Pick<MeetingRules, 'quorum'>): Quorum {
  const seats = rows.filter((r) => (r.role === 'chair' || r.role === 'member') && r.voting);
  const presentSeats = new Set(seats.filter((r) => PRESENT.has(r.attendance)).map((r) => r.personId));
  const standIns = rows.filter(
    (r) =>
      r.role === 'substitute' &&
      r.voting &&
      PRESENT.has(r.attendance) &&
      r.substituteFor !== null &&
      !presentSeats.has(r.substituteFor),
  );
  const present = presentSeats.size + new Set(standIns.map((r) => r.substituteFor)).size;
  const required = quorumRequired(seats.length, rules);
  return { present, seated: seats.length, required, reached: seats.length > 0 && present >= required };
}

export async function rulesOf(tx: Executor, access: MeetingAccess): Promise<MeetingRules> {
  const [profile] = await tx
    .select({ rules: ruleProfiles.rules })
    .from(ruleProfiles)
    .where(eq(ruleProfiles.id, access.meeting.ruleProfileId));
  return profile!.rules;
}

function open(access: MeetingAccess): void {
  if (CLOSED.has(access.meeting.status)) throw new AppError(CabinetErrors.CABINET_MEETING_CLOSED);
}

async function participantRow(tx: Executor, meetingId: string, personId: string) {
  const [row] = await tx
    .select()
    .from(participants)
    .where(and(eq(participants.meetingId, meetingId), eq(participants.personId, personId)));
  return row;
}

async function existingPerson(tx: Executor, personId: string) {
  const person = (await personBriefs(tx, [personId])).get(personId);
  if (!person) throw new AppError(CabinetErrors.CABINET_PERSON_NOT_FOUND);
  return person;
}

/** The office or the secretariat invites a guest (no vote). */
export async function addGuest(
  tx: Executor,
  call: CabinetCall,
  meetingId: string,
  input: { personId: string; remote?: boolean | undefined },
): Promise<void> {
  const access = await loadMeetingFor(tx, call.actor, meetingId, 'prepare', call.now);
  open(access);
  await existingPerson(tx, input.personId);
  if (await participantRow(tx, meetingId, input.personId))
    throw new AppError(CabinetErrors.CABINET_ALREADY_PARTICIPANT);
  const row = {
    meetingId,
    personId: input.personId,
    role: 'guest' as const,
    voting: false,
    attendance: 'invited' as const,
    remote: input.remote ?? false,
  };
  await tx.insert(participants).values(row);
  await audit(tx, call.audit, {
    action: 'cabinet.meeting.participant.add',
    objectType: 'cabinet_meeting',
    objectId: meetingId,
    after: row,
  });
}

/**
 * A member (or the office, or the member's secretary) names someone to attend for them. Whether the substitute
 * votes is the rule profile's (no under VN-GOV-39/2022). The member's own answer becomes an absence request.
 */
export async function nominateSubstitute(
  tx: Executor,
  call: CabinetCall,
  meetingId: string,
  input: { memberId: string; personId: string },
): Promise<void> {
  const access = await loadMeetingFor(tx, call.actor, meetingId, 'read', call.now);
  open(access);
  const self = input.memberId === call.actor.personId || access.onBehalfOf.includes(input.memberId);
  if (!self && !access.office && access.participant?.role !== 'secretariat')
    throw new AppError(CabinetErrors.CABINET_NOT_PREPARER);
  const member = await participantRow(tx, meetingId, input.memberId);
  if (!member || !member.voting || (member.role !== 'member' && member.role !== 'chair'))
    throw new AppError(CabinetErrors.CABINET_SUBSTITUTE_NOT_FOR_MEMBER);
  await existingPerson(tx, input.personId);
  if (await participantRow(tx, meetingId, input.personId))
    throw new AppError(CabinetErrors.CABINET_ALREADY_PARTICIPANT);
  const rules = await rulesOf(tx, access);
  const row = {
    meetingId,
    personId: input.personId,
    role: 'substitute' as const,
    voting: rules.substituteCanVote,
    substituteFor: member.personId,
    attendance: 'invited' as const,
  };
  await tx.insert(participants).values(row);
  if (member.attendance === 'invited' || member.attendance === 'confirmed')
    await tx
      .update(participants)
      .set({
        attendance: 'absence_requested',
        absenceReason: 'Cử người dự họp thay / Substitute nominated',
        respondedAt: call.now,
      })
      .where(and(eq(participants.meetingId, meetingId), eq(participants.personId, member.personId)));
  await audit(tx, call.audit, {
    action: 'cabinet.meeting.substitute.add',
    objectType: 'cabinet_meeting',
    objectId: meetingId,
    after: row,
  });
}

/** Removes a guest or a substitute (members and the secretariat come from the body's seats). */
export async function removeParticipant(
  tx: Executor,
  call: CabinetCall,
  meetingId: string,
  personId: string,
) {
  const access = await loadMeetingFor(tx, call.actor, meetingId, 'prepare', call.now);
  open(access);
  const row = await participantRow(tx, meetingId, personId);
  if (!row) throw new AppError(CabinetErrors.CABINET_PARTICIPANT_NOT_FOUND);
  if (row.role !== 'guest' && row.role !== 'substitute')
    throw new AppError(CabinetErrors.CABINET_NOT_A_GUEST);
  await tx
    .delete(participants)
    .where(and(eq(participants.meetingId, meetingId), eq(participants.personId, personId)));
  await audit(tx, call.audit, {
    action: 'cabinet.meeting.participant.remove',
    objectType: 'cabinet_meeting',
    objectId: meetingId,
    before: row,
  });
}

export interface AttendanceAnswer {
  answer: 'confirm' | 'absent';
  reason?: string | undefined;
  /** A secretary answering for the member they act for; default the caller. */
  personId?: string | undefined;
}

/** A participant confirms, or asks to be excused with a reason (the chair or the office decides). */
export async function respond(tx: Executor, call: CabinetCall, meetingId: string, input: AttendanceAnswer) {
  const access = await loadMeetingFor(tx, call.actor, meetingId, 'read', call.now);
  open(access);
  const personId = input.personId ?? call.actor.personId;
  if (personId !== call.actor.personId && !access.onBehalfOf.includes(personId))
    throw new AppError(CabinetErrors.CABINET_PARTICIPANT_NOT_FOUND);
  const row = await participantRow(tx, meetingId, personId);
  if (!row) throw new AppError(CabinetErrors.CABINET_PARTICIPANT_NOT_FOUND);
  if (row.attendance === 'checked_in' || row.attendance === 'left')
    throw new AppError(CabinetErrors.CABINET_ATTENDANCE_STATE, { attendance: row.attendance });
  const reason = input.reason?.trim() ?? '';
  if (input.answer === 'absent' && (reason.length < 3 || reason.length > 1000))
    throw new AppError(CabinetErrors.CABINET_INPUT_INVALID, { field: 'reason' });
  const change =
    input.answer === 'confirm'
      ? {
          attendance: 'confirmed' as const,
          absenceReason: null,
          absenceDecidedBy: null,
          respondedAt: call.now,
        }
      : {
          attendance: 'absence_requested' as const,
          absenceReason: reason,
          absenceDecidedBy: null,
          respondedAt: call.now,
        };
  await tx
    .update(participants)
    .set(change)
    .where(and(eq(participants.meetingId, meetingId), eq(participants.personId, personId)));
  await audit(tx, call.audit, {
    action:
      input.answer === 'confirm' ? 'cabinet.meeting.attendance.confirm' : 'cabinet.meeting.absence.request',
    objectType: 'cabinet_meeting',
    objectId: meetingId,
    before: { personId, attendance: row.attendance },
    after: { personId, attendance: change.attendance },
  });
}

/** The chair, or the office on their behalf, approves or refuses an absence request. */
export async function decideAbsence(
  tx: Executor,
  call: CabinetCall,
  meetingId: string,
  personId: string,
  approve: boolean,
) {
  const access = await loadMeetingFor(tx, call.actor, meetingId, 'read', call.now);
  open(access);
  if (!isChair(access, call.actor) && !access.office && access.participant?.role !== 'secretariat')
    throw new AppError(CabinetErrors.CABINET_NOT_CHAIR_OR_OFFICE);
  const row = await participantRow(tx, meetingId, personId);
  if (!row) throw new AppError(CabinetErrors.CABINET_PARTICIPANT_NOT_FOUND);
  if (row.attendance !== 'absence_requested')
    throw new AppError(CabinetErrors.CABINET_ATTENDANCE_STATE, { attendance: row.attendance });
  const attendance = approve ? ('absence_approved' as const) : ('absence_refused' as const);
  await tx
    .update(participants)
    .set({ attendance, absenceDecidedBy: call.actor.personId })
    .where(and(eq(participants.meetingId, meetingId), eq(participants.personId, personId)));
  await audit(tx, call.audit, {
    action: approve ? 'cabinet.meeting.absence.approve' : 'cabinet.meeting.absence.refuse',
    objectType: 'cabinet_meeting',
    objectId: meetingId,
    before: { personId, attendance: row.attendance },
    after: { personId, attendance },
  });
}
