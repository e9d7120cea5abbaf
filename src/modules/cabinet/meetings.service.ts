/**
 * Meetings of a body: created by the office with the rule profile in force on the meeting day attached, the
 * papers-due day counted back in working days, and the body's seats on that day as participants. Edited with
 * optimistic concurrency (`revision`, also the invitation's SEQUENCE); cancelled with a reason.
 */
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { agencyScope, delegationsOf, personBriefs, Permissions } from '../identity/index.js';
import { bodyForMeeting, seatsOn, type CabinetCall } from './bodies.service.js';
import { CabinetErrors } from './errors.js';
import { sendCancellations } from './invitations.js';
import {
  MEETING_KINDS,
  type AttendanceState,
  type MeetingKind,
  type MeetingStatus,
  type ParticipantRole,
} from './model.js';
import {
  isChair,
  isOfficeOf,
  loadMeetingFor,
  mayPrepare,
  type MeetingAccess,
  type ParticipantRow,
} from './policy.js';
import { computeQuorum, rulesOf, type Quorum } from './participants.service.js';
import { meetingDay, papersDueOn } from './rules.js';
import { profileInForce } from './rules.seed.js';
import { bodies, meetings, participants } from './schema.js';

export interface NewMeeting {
  bodyId: string;
  title: string;
  kind: MeetingKind;
  plannedStart: string;
  plannedEnd: string;
  location?: string | null | undefined;
  onlineUrl?: string | null | undefined;
}

export interface MeetingChange {
  revision: number;
  title?: string | undefined;
  kind?: MeetingKind | undefined;
  plannedStart?: string | undefined;
  plannedEnd?: string | undefined;
  location?: string | null | undefined;
  onlineUrl?: string | null | undefined;
}

export interface ParticipantView {
  personId: string;
  displayName: string;
  role: ParticipantRole;
  voting: boolean;
  substituteFor: string | null;
  attendance: AttendanceState;
  absenceReason: string | null;
  absenceDecidedBy: string | null;
  respondedAt: string | null;
  checkedInAt: string | null;
  remote: boolean;
}

export interface MeetingSummary {
  id: string;
  body: { id: string; code: string; nameVi: string; nameEn: string | null };
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  plannedStart: string;
  plannedEnd: string;
  location: string | null;
  papersDueOn: string;
  /** The caller's own answer to the invitation, when invited (lists show what still needs a reply). */
  myAttendance: AttendanceState | null;
}

export interface MeetingView extends MeetingSummary {
  ruleProfileId: string;
  onlineUrl: string | null;
  chairId: string;
  invitationsSentAt: string | null;
  /** Invitations went out by the papers-due day (null until they go out). */
  noticeMet: boolean | null;
  revision: number;
  cancelledReason: string | null;
  participants: ParticipantView[];
  quorum: Quorum;
  me: { role: ParticipantRole | null; mayPrepare: boolean; isChair: boolean; onBehalfOf: string[] };
}

const CLOSED: ReadonlySet<MeetingStatus> = new Set(['cancelled', 'ended', 'concluded']);
const ROLE_ORDER: Record<ParticipantRole, number> = {
  chair: 0,
  member: 1,
  substitute: 2,
  guest: 3,
  secretariat: 4,
};

const invalid = (field: string) => new AppError(CabinetErrors.CABINET_INPUT_INVALID, { field });

function instant(value: string, field: string): Date {
  // ISO 8601 with a zone (Z or ±hh:mm): a bare local time would be ambiguous between Vietnam and UTC.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    throw invalid(field);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalid(field);
  return d;
}

function text(value: string | null | undefined, field: string, max: number, required = false): string | null {
  const t = value?.trim() ?? '';
  if (required && !t) throw invalid(field);
  if (t.length > max) throw invalid(field);
  return t || null;
}

function url(value: string | null | undefined): string | null {
  const t = text(value, 'onlineUrl', 2000);
  if (t === null) return null;
  try {
    const u = new URL(t);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
  } catch {
    throw invalid('onlineUrl');
  }
  return t;
}

function times(startText: string, endText: string): { start: Date; end: Date } {
  const start = instant(startText, 'plannedStart');
  const end = instant(endText, 'plannedEnd');
  if (end <= start) throw new AppError(CabinetErrors.CABINET_MEETING_TIME_INVALID);
  if (end.getTime() - start.getTime() > 7 * 24 * 3600_000)
    throw new AppError(CabinetErrors.CABINET_MEETING_TIME_INVALID);
  return { start, end };
}

export async function createMeeting(
  tx: Executor,
  p: Platform,
  call: CabinetCall,
  input: NewMeeting,
): Promise<MeetingView> {
  if (!call.actor.permissions.has(Permissions.manageMeetings))
    throw new AppError(CabinetErrors.CABINET_NOT_PREPARER);
  const { start, end } = times(input.plannedStart, input.plannedEnd);
  const day = meetingDay(start);
  const body = await bodyForMeeting(tx, call.actor, input.bodyId, day);
  if (!(await isOfficeOf(tx, call.actor, body))) throw new AppError(CabinetErrors.CABINET_NOT_PREPARER);
  const title = text(input.title, 'title', 500, true)!;
  if (!(MEETING_KINDS as readonly string[]).includes(input.kind)) throw invalid('kind');
  const location = text(input.location, 'location', 500);
  const onlineUrl = url(input.onlineUrl);
  const profile = await profileInForce(tx, body.ruleProfileCode, day);
  const calendar = await p.calendar.current(tx);
  const seats = await seatsOn(tx, body.id, day);
  const chair = seats.find((s) => s.role === 'chair');
  if (!chair) throw new AppError(CabinetErrors.CABINET_NO_CHAIR);

  const [meeting] = await tx
    .insert(meetings)
    .values({
      bodyId: body.id,
      ruleProfileId: profile.id,
      title,
      kind: input.kind,
      status: 'draft',
      plannedStart: start,
      plannedEnd: end,
      location,
      onlineUrl,
      chairId: chair.personId,
      papersDueOn: papersDueOn(calendar, start, profile.rules.deadlines.papersBefore),
      revision: 0,
      createdBy: call.actor.personId,
      createdAt: call.now,
      updatedAt: call.now,
    })
    .returning();
  // One row per person: their highest seat (by rank) decides the role.
  const seen = new Set<string>();
  const rows = [];
  for (const s of seats) {
    if (seen.has(s.personId)) continue;
    seen.add(s.personId);
    const office = s.role === 'office_leader' || s.role === 'office_specialist';
    rows.push({
      meetingId: meeting!.id,
      personId: s.personId,
      role: (s.personId === chair.personId ? 'chair' : office ? 'secretariat' : 'member') as ParticipantRole,
      voting: !office && s.voting,
      attendance: 'invited' as const,
    });
  }
  if (rows.length) await tx.insert(participants).values(rows);
  await audit(tx, call.audit, {
    action: 'cabinet.meeting.create',
    objectType: 'cabinet_meeting',
    objectId: meeting!.id,
    after: { ...meeting, participants: rows.map((r) => ({ personId: r.personId, role: r.role })) },
  });
  return getMeeting(tx, call, meeting!.id);
}

function assertRevision(access: MeetingAccess, revision: number): void {
  if (CLOSED.has(access.meeting.status)) throw new AppError(CabinetErrors.CABINET_MEETING_CLOSED);
  if (access.meeting.revision !== revision)
    throw new AppError(CabinetErrors.CABINET_MEETING_CHANGED, { revision: access.meeting.revision });
}

export async function updateMeeting(
  tx: Executor,
  p: Platform,
  call: CabinetCall,
  id: string,
  change: MeetingChange,
): Promise<MeetingView> {
  const access = await loadMeetingFor(tx, call.actor, id, 'prepare', call.now);
  assertRevision(access, change.revision);
  const before = access.meeting;
  const { start, end } = times(
    change.plannedStart ?? before.plannedStart.toISOString(),
    change.plannedEnd ?? before.plannedEnd.toISOString(),
  );
  if (change.kind !== undefined && !(MEETING_KINDS as readonly string[]).includes(change.kind))
    throw invalid('kind');
  const set = {
    title: change.title !== undefined ? text(change.title, 'title', 500, true)! : before.title,
    kind: change.kind ?? before.kind,
    plannedStart: start,
    plannedEnd: end,
    location: change.location !== undefined ? text(change.location, 'location', 500) : before.location,
    onlineUrl: change.onlineUrl !== undefined ? url(change.onlineUrl) : before.onlineUrl,
    papersDueOn: before.papersDueOn,
    revision: before.revision + 1,
    updatedAt: call.now,
  };
  if (start.getTime() !== before.plannedStart.getTime()) {
    const rules = await rulesOf(tx, access);
    set.papersDueOn = papersDueOn(await p.calendar.current(tx), start, rules.deadlines.papersBefore);
  }
  const [after] = await tx
    .update(meetings)
    .set(set)
    .where(and(eq(meetings.id, id), eq(meetings.revision, before.revision)))
    .returning();
  if (!after) throw new AppError(CabinetErrors.CABINET_MEETING_CHANGED);
  await audit(tx, call.audit, {
    action: 'cabinet.meeting.update',
    objectType: 'cabinet_meeting',
    objectId: id,
    before,
    after,
  });
  return getMeeting(tx, call, id);
}

/** Cancels with a reason; participants already invited get a cancellation (METHOD:CANCEL). */
export async function cancelMeeting(
  tx: Executor,
  p: Platform,
  call: CabinetCall,
  id: string,
  input: { revision: number; reason: string },
): Promise<MeetingView> {
  const access = await loadMeetingFor(tx, call.actor, id, 'prepare', call.now);
  assertRevision(access, input.revision);
  const reason = text(input.reason, 'reason', 1000, true)!;
  if (reason.length < 3) throw invalid('reason');
  const [after] = await tx
    .update(meetings)
    .set({
      status: 'cancelled',
      cancelledReason: reason,
      revision: access.meeting.revision + 1,
      updatedAt: call.now,
    })
    .where(and(eq(meetings.id, id), eq(meetings.revision, access.meeting.revision)))
    .returning();
  if (!after) throw new AppError(CabinetErrors.CABINET_MEETING_CHANGED);
  await audit(tx, call.audit, {
    action: 'cabinet.meeting.cancel',
    objectType: 'cabinet_meeting',
    objectId: id,
    before: access.meeting,
    after,
    detail: 'cancelled',
  });
  if (access.meeting.invitationsSentAt) await sendCancellations(tx, p, call, { ...access, meeting: after });
  return getMeeting(tx, call, id);
}

function summary(
  m: typeof meetings.$inferSelect,
  b: typeof bodies.$inferSelect,
  myAttendance: AttendanceState | null = null,
): MeetingSummary {
  return {
    id: m.id,
    body: { id: b.id, code: b.code, nameVi: b.nameVi, nameEn: b.nameEn },
    title: m.title,
    kind: m.kind,
    status: m.status,
    plannedStart: m.plannedStart.toISOString(),
    plannedEnd: m.plannedEnd.toISOString(),
    location: m.location,
    papersDueOn: m.papersDueOn,
    myAttendance,
  };
}

/**
 * `mine`: meetings the caller (or a member they act for as secretary) takes part in; `office`: every meeting of
 * the bodies the caller prepares meetings for.
 */
export async function listMeetings(
  tx: Executor,
  call: CabinetCall,
  view: 'mine' | 'office',
  limit = 100,
): Promise<MeetingSummary[]> {
  let where: SQL | undefined;
  if (view === 'office') {
    if (!call.actor.permissions.has(Permissions.manageMeetings)) return [];
    const scope = await agencyScope(tx, call.actor);
    if (scope !== null && !scope.size) return [];
    where = scope === null ? undefined : inArray(bodies.agencyId, [...scope]);
  } else {
    const principals = await delegationsOf(tx, call.actor.personId, call.now);
    const people = [call.actor.personId, ...principals.map((p) => p.id)];
    const mine = await tx
      .selectDistinct({ id: participants.meetingId })
      .from(participants)
      .where(inArray(participants.personId, people));
    if (!mine.length) return [];
    where = inArray(
      meetings.id,
      mine.map((m) => m.id),
    );
  }
  const found = await tx
    .select({ m: meetings, b: bodies })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(where)
    .orderBy(desc(meetings.plannedStart))
    .limit(limit);
  if (!found.length) return [];
  const mine = await tx
    .select({ meetingId: participants.meetingId, attendance: participants.attendance })
    .from(participants)
    .where(
      and(
        eq(participants.personId, call.actor.personId),
        inArray(
          participants.meetingId,
          found.map((r) => r.m.id),
        ),
      ),
    );
  const attendance = new Map(mine.map((r) => [r.meetingId, r.attendance]));
  return found.map((r) => summary(r.m, r.b, attendance.get(r.m.id) ?? null));
}

export async function participantViews(
  tx: Executor,
  rows: readonly ParticipantRow[],
): Promise<ParticipantView[]> {
  const names = await personBriefs(
    tx,
    rows.map((r) => r.personId),
  );
  return [...rows]
    .sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        (names.get(a.personId)?.displayName ?? '').localeCompare(
          names.get(b.personId)?.displayName ?? '',
          'vi',
        ),
    )
    .map((r) => ({
      personId: r.personId,
      displayName: names.get(r.personId)?.displayName ?? '',
      role: r.role,
      voting: r.voting,
      substituteFor: r.substituteFor,
      attendance: r.attendance,
      absenceReason: r.absenceReason,
      absenceDecidedBy: r.absenceDecidedBy,
      respondedAt: r.respondedAt?.toISOString() ?? null,
      checkedInAt: r.checkedInAt?.toISOString() ?? null,
      remote: r.remote,
    }));
}

export async function meetingView(
  tx: Executor,
  call: CabinetCall,
  access: MeetingAccess,
): Promise<MeetingView> {
  const m = access.meeting;
  const rows = await tx
    .select()
    .from(participants)
    .where(eq(participants.meetingId, m.id))
    .orderBy(asc(participants.role));
  const rules = await rulesOf(tx, access);
  const sent = m.invitationsSentAt;
  return {
    ...summary(m, access.body, access.participant?.attendance ?? null),
    ruleProfileId: m.ruleProfileId,
    onlineUrl: m.onlineUrl,
    chairId: m.chairId,
    invitationsSentAt: sent?.toISOString() ?? null,
    noticeMet: sent ? meetingDay(sent) <= m.papersDueOn : null,
    revision: m.revision,
    cancelledReason: m.cancelledReason,
    participants: await participantViews(tx, rows),
    quorum: computeQuorum(rows, rules),
    me: {
      role: access.participant?.role ?? null,
      mayPrepare: mayPrepare(access),
      isChair: isChair(access, call.actor),
      onBehalfOf: access.onBehalfOf,
    },
  };
}

export async function getMeeting(tx: Executor, call: CabinetCall, id: string): Promise<MeetingView> {
  return meetingView(tx, call, await loadMeetingFor(tx, call.actor, id, 'read', call.now));
}
