/**
 * Reminders and escalations for open tasks of issued notices, in working days:
 *  - due_soon: 3 working days or fewer before the due day → the assignee;
 *  - due_today: on the due day → the assignee;
 *  - overdue: from the first working day after the due day → the assignee and their secretaries;
 *  - overdue_escalated: from 5 working days overdue → those and the notice's follow-up officer.
 * Only the stage the task has reached is sent (a task found 6 days late gets the escalation, not a
 * "due soon" first). Each stage is sent once: its cabinet_task_alerts row is inserted (on conflict, nothing)
 * in the same transaction as the messages, so the job may run any number of times, on any number of nodes.
 * A task given to an agency without a person: its reminders go to the follow-up officer, so someone chases it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import type { WorkingCalendar } from '../../platform/calendar/index.js';
import type { Platform } from '../../platform/platform.js';
import { delegatesOf } from '../identity/index.js';
import type { TaskAlert } from './model.js';
import { meetingDay } from './rules.js';
import { conclusions, meetings, taskAlerts, tasks } from './schema.js';
import { notifyAlert } from './tasks.notify.js';
import { DUE_SOON_WORKING_DAYS } from './tasks.view.js';

export const TASK_ALERTS_QUEUE = 'cabinet.tasks.alerts';
export const TASK_ALERTS_EVERY_MS = 15 * 60_000;
/** Working days overdue after which the follow-up officer is told. */
export const ESCALATE_AFTER_WORKING_DAYS = 5;

/** The stage a task has reached today, with the working days it is overdue. */
export function alertStage(
  calendar: WorkingCalendar,
  dueOn: string,
  today: string,
): { kind: TaskAlert; daysOverdue: number } | null {
  if (today < dueOn)
    return calendar.workingDaysBetween(today, dueOn) <= DUE_SOON_WORKING_DAYS
      ? { kind: 'due_soon', daysOverdue: 0 }
      : null;
  if (today === dueOn) return { kind: 'due_today', daysOverdue: 0 };
  const daysOverdue = calendar.workingDaysBetween(dueOn, today);
  if (daysOverdue >= ESCALATE_AFTER_WORKING_DAYS) return { kind: 'overdue_escalated', daysOverdue };
  if (daysOverdue >= 1) return { kind: 'overdue', daysOverdue };
  return null; // past the due day, but no working day yet (a weekend)
}

export interface AlertRun {
  checked: number;
  alerts: number;
  messages: number;
}

/** One pass over the open tasks (the job's handler; tests call it directly). */
export async function runTaskAlerts(p: Platform): Promise<AlertRun> {
  const now = p.clock.now();
  const today = meetingDay(now);
  const calendar = await p.calendar.current();
  const open = await p.db
    .select({ id: tasks.id, dueOn: tasks.dueOn })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .where(and(eq(conclusions.state, 'issued'), inArray(tasks.state, ['open', 'in_progress'])));
  const run: AlertRun = { checked: open.length, alerts: 0, messages: 0 };
  for (const { id, dueOn } of open) {
    const stage = alertStage(calendar, dueOn, today);
    if (!stage) continue;
    // One short transaction per task: a failure on one task does not hold back the others.
    const sent = await p.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ task: tasks, conclusion: conclusions, meeting: { id: meetings.id, title: meetings.title } })
        .from(tasks)
        .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
        .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
        .where(eq(tasks.id, id))
        .for('update', { of: tasks });
      // Finished between the scan and now: nothing to say.
      if (!row || !['open', 'in_progress'].includes(row.task.state)) return null;
      const [claimed] = await tx
        .insert(taskAlerts)
        .values({ taskId: id, kind: stage.kind, sentAt: now })
        .onConflictDoNothing()
        .returning();
      if (!claimed) return null;
      const { task, conclusion, meeting } = row;
      const recipients: string[] = [];
      const officer = conclusion.followUpOfficerId;
      if (task.assigneePersonId) {
        recipients.push(task.assigneePersonId);
        if (stage.kind === 'overdue' || stage.kind === 'overdue_escalated')
          recipients.push(...(await delegatesOf(tx, task.assigneePersonId, now)).map((d) => d.id));
        if (stage.kind === 'overdue_escalated' && officer) recipients.push(officer);
      } else if (officer) recipients.push(officer);
      const messages = await notifyAlert(
        tx,
        p,
        SYSTEM_CONTEXT,
        { ...stage, recipients },
        task,
        conclusion,
        meeting,
      );
      await audit(tx, SYSTEM_CONTEXT, {
        action: 'cabinet.task.alert',
        objectType: 'cabinet_task',
        objectId: id,
        after: { kind: stage.kind, daysOverdue: stage.daysOverdue, recipients: [...new Set(recipients)] },
      });
      return messages;
    });
    if (sent !== null) {
      run.alerts++;
      run.messages += sent;
    }
  }
  return run;
}

export function registerTaskJobs(p: Platform): void {
  p.jobs.register(TASK_ALERTS_QUEUE, async () => {
    await runTaskAlerts(p);
  });
  p.jobs.every(TASK_ALERTS_QUEUE, TASK_ALERTS_EVERY_MS);
}
