/**
 * The conclusion notice (thông báo kết luận) of a meeting. The office — or the meeting's secretariat, who
 * prepare the meeting with it — drafts it after the meeting has ended, adds the tasks it assigns, and issues
 * it under its reference number: participants are told, assignees receive their tasks, and the meeting is
 * concluded. It is due the profile's `conclusionAfter` working days after the last day of the meeting; the
 * views carry the working days left for the countdown (negative when late).
 */
import { publicLink } from '../../platform/http/index.js';
import { and, asc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { parseIsoDate, formatJdn, type WorkingCalendar } from '../../platform/calendar/index.js';
import { isUuid, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { getAgency, personBriefs, Permissions } from '../identity/index.js';
import { FollowUpErrors } from './followup.errors.js';
import { AFTER_MEETING } from './minutes.service.js';
import type { ConclusionState } from './model.js';
import type { PaperActor } from './paper-access.js';
import { rulesOf } from './participants.service.js';
import { loadMeetingFor, mayPrepare, type MeetingAccess } from './policy.js';
import { meetingDay } from './rules.js';
import { agendaItems, conclusions, meetings, participants, tasks } from './schema.js';
import { notifyAssigned } from './tasks.notify.js';
import { TaskTemplates } from './tasks.templates.js';
import { taskViews, type ConclusionRow, type TaskView } from './tasks.view.js';

export const CONCLUSION_TITLE_MAX = 500;
export const CONCLUSION_BODY_MAX = 50_000;
export const REFERENCE_MAX = 100;
export const TASK_TITLE_MAX = 500;
export const TASK_DETAIL_MAX = 5_000;

export interface ConclusionView {
  id: string;
  meetingId: string;
  reference: string | null;
  title: string;
  body: string;
  state: ConclusionState;
  dueOn: string;
  workingDaysLeft: number;
  followUpOfficer: { id: string; displayName: string } | null;
  issuedBy: { id: string; displayName: string } | null;
  issuedAt: string | null;
  createdAt: string;
  revision: number;
  tasks: TaskView[];
}

export interface ConclusionPage {
  /** When the notice is due (null before the meeting has ended). */
  dueOn: string | null;
  workingDaysLeft: number | null;
  /** The caller may draft, edit and issue the notice. */
  mayEdit: boolean;
  /** The caller may add tasks (to the draft or the issued notice). */
  mayAssign: boolean;
  conclusion: ConclusionView | null;
}

/** The last day of the meeting plus the profile's working days. */
async function dueOnOf(tx: Executor, calendar: WorkingCalendar, access: MeetingAccess): Promise<string> {
  const m = access.meeting;
  const rules = await rulesOf(tx, access);
  return calendar.addWorkingDays(meetingDay(m.actualEnd ?? m.plannedEnd), rules.deadlines.conclusionAfter)
    .date;
}

async function view(
  tx: Executor,
  calendar: WorkingCalendar,
  now: Date,
  access: MeetingAccess,
  row: ConclusionRow,
): Promise<ConclusionView> {
  const briefs = await personBriefs(tx, [row.followUpOfficerId ?? '', row.issuedBy ?? '']);
  const who = (id: string | null) => {
    const b = id ? briefs.get(id) : undefined;
    return b ? { id: b.id, displayName: b.displayName } : null;
  };
  const rows = await tx
    .select()
    .from(tasks)
    .where(eq(tasks.conclusionId, row.id))
    .orderBy(asc(tasks.createdAt), asc(tasks.id));
  return {
    id: row.id,
    meetingId: row.meetingId,
    reference: row.reference,
    title: row.title,
    body: row.body,
    state: row.state,
    dueOn: row.dueOn,
    workingDaysLeft: calendar.workingDaysBetween(meetingDay(now), row.dueOn),
    followUpOfficer: who(row.followUpOfficerId),
    issuedBy: who(row.issuedBy),
    issuedAt: row.issuedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    revision: row.revision,
    tasks: await taskViews(
      tx,
      calendar,
      now,
      rows.map((task) => ({ task, conclusion: row, meeting: access.meeting })),
    ),
  };
}

async function rowOf(tx: Executor, meetingId: string, lock = false): Promise<ConclusionRow | undefined> {
  const q = tx.select().from(conclusions).where(eq(conclusions.meetingId, meetingId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Drafts for the office and the secretariat; the issued notice for everyone who reads the meeting. */
export async function getConclusion(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  meetingId: string,
): Promise<ConclusionPage> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const calendar = await p.calendar.current(tx);
  const row = await rowOf(tx, access.meeting.id);
  const shown = row && (row.state === 'issued' || mayPrepare(access)) ? row : null;
  const ended = AFTER_MEETING.has(access.meeting.status);
  const dueOn = shown?.dueOn ?? (ended ? await dueOnOf(tx, calendar, access) : null);
  return {
    dueOn,
    workingDaysLeft: dueOn ? calendar.workingDaysBetween(meetingDay(actor.now), dueOn) : null,
    mayEdit: ended && mayPrepare(access) && shown?.state !== 'issued',
    mayAssign: ended && mayPrepare(access) && shown !== null,
    conclusion: shown ? await view(tx, calendar, actor.now, access, shown) : null,
  };
}

async function toWrite(tx: Executor, actor: PaperActor, meetingId: string): Promise<MeetingAccess> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'prepare', actor.now);
  if (!AFTER_MEETING.has(access.meeting.status))
    throw new AppError(FollowUpErrors.CABINET_MEETING_NOT_ENDED, { status: access.meeting.status });
  return access;
}

export interface ConclusionInput {
  title: string;
  body?: string | undefined;
  followUpOfficerId?: string | null | undefined;
  revision?: number | undefined;
}

/** Creates the draft (due date fixed then) or edits it against the revision read. */
export async function putConclusion(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  meetingId: string,
  input: ConclusionInput,
): Promise<ConclusionView> {
  const access = await toWrite(tx, actor, meetingId);
  const invalid = (field: string) => new AppError(FollowUpErrors.CABINET_CONCLUSION_INVALID, { field });
  const title = input.title.normalize('NFC').trim();
  if (!title || title.length > CONCLUSION_TITLE_MAX) throw invalid('title');
  const body = input.body?.normalize('NFC').replace(/\r\n?/g, '\n');
  if (body !== undefined && body.length > CONCLUSION_BODY_MAX) throw invalid('body');
  let officer = input.followUpOfficerId;
  if (officer && !(await personBriefs(tx, [officer])).has(officer)) throw invalid('followUpOfficerId');
  const calendar = await p.calendar.current(tx);
  const existing = await rowOf(tx, access.meeting.id, true);
  let row: ConclusionRow | undefined;
  if (!existing) {
    // The one who drafts it follows it up by default, if that is their job.
    if (officer === undefined && actor.permissions.has(Permissions.followTasks)) officer = actor.personId;
    [row] = await tx
      .insert(conclusions)
      .values({
        meetingId: access.meeting.id,
        title,
        body: body ?? '',
        state: 'draft',
        dueOn: await dueOnOf(tx, calendar, access),
        followUpOfficerId: officer ?? null,
        createdBy: actor.personId,
        createdAt: actor.now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError(FollowUpErrors.CABINET_CONCLUSION_CHANGED);
  } else {
    if (existing.state === 'issued') throw new AppError(FollowUpErrors.CABINET_CONCLUSION_ISSUED);
    if (input.revision !== undefined && input.revision !== existing.revision)
      throw new AppError(FollowUpErrors.CABINET_CONCLUSION_CHANGED, { revision: existing.revision });
    [row] = await tx
      .update(conclusions)
      .set({
        title,
        ...(body !== undefined ? { body } : {}),
        ...(officer !== undefined ? { followUpOfficerId: officer } : {}),
        revision: existing.revision + 1,
      })
      .where(eq(conclusions.id, existing.id))
      .returning();
  }
  await audit(tx, actor.audit, {
    action: existing ? 'cabinet.conclusion.edit' : 'cabinet.conclusion.create',
    objectType: 'cabinet_conclusion',
    objectId: row!.id,
    before: existing
      ? { title: existing.title, body: existing.body, followUpOfficerId: existing.followUpOfficerId }
      : undefined,
    after: {
      title: row!.title,
      body: row!.body,
      followUpOfficerId: row!.followUpOfficerId,
      dueOn: row!.dueOn,
    },
  });
  return view(tx, calendar, actor.now, access, row!);
}

/** Issues the draft under its reference: participants are told, assignees get their tasks, meeting concluded. */
export async function issueConclusion(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  meetingId: string,
  input: { reference: string; revision?: number | undefined },
): Promise<ConclusionView> {
  const access = await toWrite(tx, actor, meetingId);
  const existing = await rowOf(tx, access.meeting.id, true);
  if (!existing) throw new AppError(FollowUpErrors.CABINET_CONCLUSION_NOT_FOUND);
  if (existing.state === 'issued') throw new AppError(FollowUpErrors.CABINET_CONCLUSION_ISSUED);
  // Issuing freezes the text: only the revision the issuer read may be issued, never a concurrent edit unseen.
  if (input.revision === undefined || input.revision !== existing.revision)
    throw new AppError(FollowUpErrors.CABINET_CONCLUSION_CHANGED, { revision: existing.revision });
  const reference = input.reference.normalize('NFC').trim();
  if (!reference || reference.length > REFERENCE_MAX)
    throw new AppError(FollowUpErrors.CABINET_CONCLUSION_REFERENCE_REQUIRED);
  const [row] = await tx
    .update(conclusions)
    .set({
      state: 'issued',
      reference,
      issuedBy: actor.personId,
      issuedAt: actor.now,
      revision: existing.revision + 1,
    })
    .where(eq(conclusions.id, existing.id))
    .returning();
  await tx
    .update(meetings)
    .set({ status: 'concluded', updatedAt: actor.now })
    .where(eq(meetings.id, access.meeting.id));
  const assigned = await tx.select().from(tasks).where(eq(tasks.conclusionId, existing.id));
  const people = await tx
    .select({ personId: participants.personId })
    .from(participants)
    .where(eq(participants.meetingId, access.meeting.id));
  const url = publicLink(p.config, `/cabinet/meetings/${access.meeting.id}/minutes`);
  for (const { personId } of people)
    await p.notify.send(
      tx,
      {
        to: { personId },
        channels: ['email', 'sms', 'inapp'],
        template: TaskTemplates.conclusionIssued,
        params: {
          reference,
          title: row!.title,
          meetingTitle: access.meeting.title,
          bodyVi: access.body.nameVi,
          bodyEn: access.body.nameEn ?? access.body.nameVi,
          tasks: assigned.length,
          url,
        },
        dedupeKey: `cabinet.conclusion:${row!.id}:${personId}`,
      },
      actor.audit,
    );
  for (const task of assigned) await notifyAssigned(tx, p, actor, task, row!, access.meeting);
  await audit(tx, actor.audit, {
    action: 'cabinet.conclusion.issue',
    objectType: 'cabinet_conclusion',
    objectId: row!.id,
    before: { state: existing.state, meetingStatus: access.meeting.status },
    after: { state: 'issued', reference, meetingStatus: 'concluded', notified: people.length },
  });
  return view(tx, await p.calendar.current(tx), actor.now, access, row!);
}

export interface TaskInput {
  title: string;
  detail?: string | undefined;
  assigneeAgencyId: string;
  assigneePersonId?: string | null | undefined;
  agendaItemId?: string | null | undefined;
  dueOn: string;
}

/** Adds a task to the notice (draft or issued); on an issued one the assignee is told at once. */
export async function addTask(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  meetingId: string,
  input: TaskInput,
): Promise<TaskView> {
  const access = await toWrite(tx, actor, meetingId);
  // The notice's row lock orders this with issuing: the new task is announced by exactly one of them.
  const conclusion = await rowOf(tx, access.meeting.id, true);
  if (!conclusion) throw new AppError(FollowUpErrors.CABINET_CONCLUSION_NOT_FOUND);
  const invalid = (field: string) => new AppError(FollowUpErrors.CABINET_TASK_INVALID, { field });
  const title = input.title.normalize('NFC').trim();
  if (!title || title.length > TASK_TITLE_MAX) throw invalid('title');
  const detail = (input.detail ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (detail.length > TASK_DETAIL_MAX) throw invalid('detail');
  if (!isUuid(input.assigneeAgencyId) || !(await agencyExists(tx, input.assigneeAgencyId)))
    throw invalid('assigneeAgencyId');
  const person = input.assigneePersonId ?? null;
  if (person !== null && !(await personBriefs(tx, [person])).has(person)) throw invalid('assigneePersonId');
  const item = input.agendaItemId ?? null;
  if (item !== null) {
    if (!isUuid(item)) throw invalid('agendaItemId');
    const [found] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, item), eq(agendaItems.meetingId, access.meeting.id)));
    if (!found) throw invalid('agendaItemId');
  }
  const calendar = await p.calendar.current(tx);
  const dueOn = isoDay(input.dueOn);
  if (!dueOn || dueOn < meetingDay(actor.now) || !calendar.isWorkingDay(dueOn)) throw invalid('dueOn');
  const [task] = await tx
    .insert(tasks)
    .values({
      conclusionId: conclusion.id,
      meetingId: access.meeting.id,
      agendaItemId: item,
      title,
      detail,
      assigneeAgencyId: input.assigneeAgencyId,
      assigneePersonId: person,
      dueOn,
      state: 'open',
      createdBy: actor.personId,
      createdAt: actor.now,
    })
    .returning();
  if (conclusion.state === 'issued') await notifyAssigned(tx, p, actor, task!, conclusion, access.meeting);
  await audit(tx, actor.audit, {
    action: 'cabinet.task.create',
    objectType: 'cabinet_task',
    objectId: task!.id,
    after: { conclusionId: conclusion.id, title, assigneeAgencyId: task!.assigneeAgencyId, person, dueOn },
  });
  const [v] = await taskViews(tx, calendar, actor.now, [
    { task: task!, conclusion, meeting: access.meeting },
  ]);
  return v!;
}

function isoDay(value: string): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    return formatJdn(parseIsoDate(value));
  } catch {
    return null;
  }
}

async function agencyExists(tx: Executor, id: string): Promise<boolean> {
  try {
    await getAgency(tx, id);
    return true;
  } catch {
    return false;
  }
}
