/**
 * Tasks of issued conclusion notices, for the people who carry them out and those who chase them.
 *
 * Who is the assignee (reports state and progress): the person assigned, their secretaries (delegation),
 * and anyone whose current agency is the assignee agency and who holds cabinet.tasks.follow or
 * cabinet.meetings.manage there — the agency's own office reporting for it. Who follows up (the board):
 * holders of cabinet.tasks.follow for tasks of bodies of agencies within their scope, and the notice's
 * follow-up officer. The office or secretariat of the meeting sees its tasks too and alone may cancel one.
 * Anyone else is told the task does not exist.
 */
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { isUuid, toNumber, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { agencyScope, delegationsOf, inScope, personBriefs, Permissions } from '../identity/index.js';
import { FollowUpErrors } from './followup.errors.js';
import { TASK_STATES, type TaskState } from './model.js';
import type { PaperActor } from './paper-access.js';
import { mayPrepare, meetingAccess, type CabinetActor } from './policy.js';
import { meetingDay } from './rules.js';
import { bodies, conclusions, meetings, taskReports, tasks } from './schema.js';
import {
  DUE_SOON_WORKING_DAYS,
  taskViews,
  type TaskContext,
  type TaskRow,
  type TaskView,
} from './tasks.view.js';

export const TASK_NOTE_MAX = 5_000;
export const TASK_LIST_MAX = 500;
export const TASK_FILTERS = ['open', 'due_soon', 'overdue', 'done', 'all'] as const;
export type TaskFilter = (typeof TASK_FILTERS)[number];
export const TASK_LIST_VIEWS = ['mine', 'board'] as const;
export type TaskListView = (typeof TASK_LIST_VIEWS)[number];

const OPEN: TaskState[] = ['open', 'in_progress'];

/** Agency office work on tasks assigned to the agency the actor acts for. */
function actsForAgency(actor: CabinetActor, agencyId: string): boolean {
  return (
    actor.agencyId === agencyId &&
    (actor.permissions.has(Permissions.followTasks) || actor.permissions.has(Permissions.manageMeetings))
  );
}

/** The people whose tasks the actor reports on: themselves and the principals they are secretary to. */
async function selves(tx: Executor, actor: PaperActor): Promise<string[]> {
  return [actor.personId, ...(await delegationsOf(tx, actor.personId, actor.now)).map((p) => p.id)];
}

export interface TaskList {
  items: TaskView[];
  /** How many of the caller's tasks (this view) are in each filter, for the chips. */
  counts: Record<TaskFilter, number>;
}

/** The caller's tasks (mine) or the follow-up board (followers), filtered by where they stand. */
export async function listTasks(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  view: TaskListView,
  filter: TaskFilter,
): Promise<TaskList> {
  let who: SQL | undefined;
  if (view === 'board') {
    if (!actor.permissions.has(Permissions.followTasks))
      throw new AppError(FollowUpErrors.CABINET_TASK_BOARD_FORBIDDEN);
    const scope = await agencyScope(tx, actor);
    const officer = eq(conclusions.followUpOfficerId, actor.personId);
    who =
      scope === null ? undefined : scope.size ? or(inArray(bodies.agencyId, [...scope]), officer) : officer;
  } else {
    const mine = inArray(tasks.assigneePersonId, await selves(tx, actor));
    const agency = actor.agencyId && actsForAgency(actor, actor.agencyId) ? actor.agencyId : null;
    who = agency ? or(mine, eq(tasks.assigneeAgencyId, agency)) : mine;
  }
  const calendar = await p.calendar.current(tx);
  const today = meetingDay(actor.now);
  // Due-soon: at most 3 working days left, i.e. due before the 4th working day from today.
  const soonLimit = calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1).date;
  const filters: Record<TaskFilter, SQL | undefined> = {
    open: inArray(tasks.state, OPEN),
    due_soon: and(inArray(tasks.state, OPEN), gte(tasks.dueOn, today), lt(tasks.dueOn, soonLimit)),
    overdue: and(inArray(tasks.state, OPEN), lt(tasks.dueOn, today)),
    done: eq(tasks.state, 'done'),
    all: undefined,
  };
  const base = and(eq(conclusions.state, 'issued'), who);
  const found = await tx
    .select({ task: tasks, conclusion: conclusions, meeting: { id: meetings.id, title: meetings.title } })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(base, filters[filter]))
    .orderBy(asc(tasks.dueOn), asc(tasks.createdAt), asc(tasks.id))
    .limit(TASK_LIST_MAX);
  // Counted in the database: a scope may hold many thousands of tasks, and only the numbers are needed.
  const countOf = (where: SQL | undefined) =>
    where ? sql<unknown>`count(*) filter (where ${where})` : sql<unknown>`count(*)`;
  const [counted] = await tx
    .select({
      open: countOf(filters.open),
      due_soon: countOf(filters.due_soon),
      overdue: countOf(filters.overdue),
      done: countOf(filters.done),
      all: countOf(filters.all),
    })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(base);
  return {
    items: await taskViews(tx, calendar, actor.now, found),
    counts: {
      open: toNumber(counted?.open),
      due_soon: toNumber(counted?.due_soon),
      overdue: toNumber(counted?.overdue),
      done: toNumber(counted?.done),
      all: toNumber(counted?.all),
    },
  };
}

interface TaskAccess {
  ctx: TaskContext & { conclusion: typeof conclusions.$inferSelect };
  mayReport: boolean;
  mayCancel: boolean;
}

/** The task and what the actor may do with it; not found when they may not see it. */
async function taskFor(tx: Executor, actor: PaperActor, taskId: string, lock = false): Promise<TaskAccess> {
  const notFound = new AppError(FollowUpErrors.CABINET_TASK_NOT_FOUND);
  if (!isUuid(taskId)) throw notFound;
  const q = tx
    .select({
      task: tasks,
      conclusion: conclusions,
      meeting: { id: meetings.id, title: meetings.title },
      bodyAgencyId: bodies.agencyId,
    })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(tasks.id, taskId));
  const [found] = lock ? await q.for('update', { of: tasks }) : await q;
  if (!found) throw notFound;
  const { task, conclusion, bodyAgencyId } = found;
  const access = await meetingAccess(tx, actor, task.meetingId, actor.now);
  const preparer = access !== null && mayPrepare(access);
  const issued = conclusion.state === 'issued';
  const assignee =
    issued &&
    ((task.assigneePersonId !== null && (await selves(tx, actor)).includes(task.assigneePersonId)) ||
      actsForAgency(actor, task.assigneeAgencyId));
  const follower =
    issued &&
    (conclusion.followUpOfficerId === actor.personId ||
      (actor.permissions.has(Permissions.followTasks) &&
        inScope(await agencyScope(tx, actor), [bodyAgencyId])));
  if (!preparer && !assignee && !follower) throw notFound;
  return { ctx: found, mayReport: assignee || preparer, mayCancel: preparer };
}

export interface TaskReportView {
  id: string;
  person: { id: string; displayName: string } | null;
  state: TaskState;
  progress: number;
  note: string;
  createdAt: string;
}

export interface TaskDetail extends TaskView {
  reports: TaskReportView[];
  mayReport: boolean;
  mayCancel: boolean;
}

async function detail(tx: Executor, p: Platform, actor: PaperActor, a: TaskAccess): Promise<TaskDetail> {
  const calendar = await p.calendar.current(tx);
  const [v] = await taskViews(tx, calendar, actor.now, [a.ctx]);
  const history = await tx
    .select()
    .from(taskReports)
    .where(eq(taskReports.taskId, a.ctx.task.id))
    .orderBy(desc(taskReports.createdAt), desc(taskReports.id));
  const people = await personBriefs(
    tx,
    history.map((r) => r.personId),
  );
  return {
    ...v!,
    reports: history.map((r) => {
      const b = people.get(r.personId);
      return {
        id: r.id,
        person: b ? { id: b.id, displayName: b.displayName } : null,
        state: r.state,
        progress: r.progress,
        note: r.note,
        createdAt: r.createdAt.toISOString(),
      };
    }),
    mayReport: a.mayReport && a.ctx.task.state !== 'cancelled',
    mayCancel: a.mayCancel && a.ctx.task.state !== 'cancelled',
  };
}

export async function getTask(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  taskId: string,
): Promise<TaskDetail> {
  return detail(tx, p, actor, await taskFor(tx, actor, taskId));
}

export interface TaskReportInput {
  state: TaskState;
  progress: number;
  note?: string | undefined;
}

/** The assignee reports where the task stands; done records when it was completed. */
export async function reportTask(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  taskId: string,
  input: TaskReportInput,
): Promise<TaskDetail> {
  const a = await taskFor(tx, actor, taskId, true);
  const task: TaskRow = a.ctx.task;
  const invalid = (field: string) => new AppError(FollowUpErrors.CABINET_TASK_REPORT_INVALID, { field });
  if (!TASK_STATES.includes(input.state)) throw invalid('state');
  if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100)
    throw invalid('progress');
  const note = (input.note ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (note.length > TASK_NOTE_MAX) throw invalid('note');
  if (!a.mayReport || (input.state === 'cancelled' && !a.mayCancel))
    throw new AppError(FollowUpErrors.CABINET_TASK_NOT_ASSIGNEE);
  if (task.state === 'cancelled') throw new AppError(FollowUpErrors.CABINET_TASK_CLOSED);
  const progress = input.state === 'done' ? 100 : input.progress;
  const completedAt = input.state === 'done' ? (task.completedAt ?? actor.now) : null;
  const [after] = await tx
    .update(tasks)
    .set({ state: input.state, progress, completedAt })
    .where(eq(tasks.id, task.id))
    .returning();
  await tx.insert(taskReports).values({
    taskId: task.id,
    personId: actor.personId,
    state: input.state,
    progress,
    note,
    createdAt: actor.now,
  });
  await audit(tx, actor.audit, {
    action: 'cabinet.task.report',
    objectType: 'cabinet_task',
    objectId: task.id,
    before: { state: task.state, progress: task.progress },
    after: { state: after!.state, progress: after!.progress, note },
  });
  return detail(tx, p, actor, { ...a, ctx: { ...a.ctx, task: after! } });
}
