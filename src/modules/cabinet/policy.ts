/**
 * Who may do what to which meeting. The office of the body's agency (cabinet.meetings.manage within the
 * actor's agency scope) and the meeting's secretariat prepare it; its participants — and the secretaries they
 * delegated to — read it. Anyone else is told the meeting does not exist (404), so its existence does not leak.
 */
import { isUuid } from '../../platform/db/index.js';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { agencyScope, delegationsOf, inScope, Permissions } from '../identity/index.js';
import { CabinetErrors } from './errors.js';
import { bodies, meetings, participants } from './schema.js';

/** The caller as the e-Cabinet needs it (an HTTP Actor fits). */
export interface CabinetActor {
  personId: string;
  agencyId: string | null;
  permissions: ReadonlySet<string>;
}

export type MeetingRow = typeof meetings.$inferSelect;
export type BodyRow = typeof bodies.$inferSelect;
export type ParticipantRow = typeof participants.$inferSelect;

/** What the actor is to one meeting, worked out once per request. */
export interface MeetingAccess {
  meeting: MeetingRow;
  body: BodyRow;
  /** The actor's own participant row, if invited. */
  participant: ParticipantRow | null;
  /** Members the actor acts for as their secretary (delegation) who take part in this meeting. */
  onBehalfOf: string[];
  /** The office of the body's agency (scoped permission). */
  office: boolean;
}

/** Office work on a body's meetings: the permission, within the actor's agency scope. */
export async function isOfficeOf(tx: Executor, actor: CabinetActor, body: BodyRow): Promise<boolean> {
  if (!actor.permissions.has(Permissions.manageMeetings)) return false;
  return inScope(await agencyScope(tx, actor), [body.agencyId]);
}

/** Prepare: change the composition, agenda, papers, send invitations. */
export function mayPrepare(access: MeetingAccess): boolean {
  return access.office || access.participant?.role === 'secretariat';
}

/** Read: see the meeting, its participants, agenda and (unrestricted) papers. */
export function mayRead(access: MeetingAccess): boolean {
  return mayPrepare(access) || access.participant !== null || access.onBehalfOf.length > 0;
}

/** The chair of the meeting (decides on absences together with the office). */
export function isChair(access: MeetingAccess, actor: CabinetActor): boolean {
  return access.meeting.chairId === actor.personId;
}

/** Works out the actor's access to a meeting, or null when there is no such meeting. */
export async function meetingAccess(
  tx: Executor,
  actor: CabinetActor,
  meetingId: string,
  at: Date,
): Promise<MeetingAccess | null> {
  if (!isUuid(meetingId)) return null;
  const [found] = await tx
    .select({ meeting: meetings, body: bodies })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(meetings.id, meetingId));
  if (!found) return null;
  const [participant] = await tx
    .select()
    .from(participants)
    .where(and(eq(participants.meetingId, meetingId), eq(participants.personId, actor.personId)));
  const principals = await delegationsOf(tx, actor.personId, at);
  let onBehalfOf: string[] = [];
  if (principals.length) {
    const invited = await tx
      .select({ personId: participants.personId })
      .from(participants)
      .where(eq(participants.meetingId, meetingId));
    const ids = new Set(invited.map((r) => r.personId));
    onBehalfOf = principals.map((p) => p.id).filter((id) => ids.has(id));
  }
  return {
    ...found,
    participant: participant ?? null,
    onBehalfOf,
    office: await isOfficeOf(tx, actor, found.body),
  };
}

/**
 * The meeting for an action: 404 CABINET_MEETING_NOT_FOUND when the actor may not even see it, 403
 * CABINET_NOT_PREPARER when they may read but the action needs the office or the secretariat.
 */
export async function loadMeetingFor(
  tx: Executor,
  actor: CabinetActor,
  meetingId: string,
  need: 'read' | 'prepare',
  at: Date = new Date(),
): Promise<MeetingAccess> {
  const access = await meetingAccess(tx, actor, meetingId, at);
  if (!access || !mayRead(access)) throw new AppError(CabinetErrors.CABINET_MEETING_NOT_FOUND);
  if (need === 'prepare' && !mayPrepare(access)) throw new AppError(CabinetErrors.CABINET_NOT_PREPARER);
  return access;
}
