/**
 * Telling people about a task, by e-mail, SMS and in-app, each message once (dedupe keys): the assignee
 * when it is assigned, and the recipients of each reminder or escalation.
 */
import { publicLink } from '../../platform/http/index.js';
import type { Executor } from '../../platform/db/index.js';
import { getAgency, personBriefs } from '../identity/index.js';
import type { Platform } from '../../platform/platform.js';
import type { AuditContext } from '../../platform/audit/index.js';
import type { TaskAlert } from './model.js';
import type { meetings } from './schema.js';
import { ASSIGNEE_MAX, TaskTemplates } from './tasks.templates.js';
import type { ConclusionRow, TaskRow } from './tasks.view.js';

type MeetingRef = Pick<typeof meetings.$inferSelect, 'id' | 'title'>;

/**
 * At most `max` UTF-16 units (what the template's zod limit counts), cut with an ellipsis. A name (up to 200)
 * with its agency (up to 300) may exceed the template's limit, which would fail the send (and with it the issue
 * of the notice, or every reminder of the task). Cuts between code points, so no surrogate pair is split.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

async function assigneeName(tx: Executor, task: TaskRow): Promise<string> {
  let agency: string;
  try {
    agency = (await getAgency(tx, task.assigneeAgencyId)).nameVi;
  } catch {
    agency = '—';
  }
  const person = task.assigneePersonId
    ? (await personBriefs(tx, [task.assigneePersonId])).get(task.assigneePersonId)
    : undefined;
  return clip(person ? `${person.displayName} (${agency})` : agency, ASSIGNEE_MAX);
}

async function params(
  tx: Executor,
  p: Platform,
  task: TaskRow,
  conclusion: ConclusionRow,
  meeting: MeetingRef,
) {
  return {
    title: task.title,
    dueOn: task.dueOn,
    reference: conclusion.reference ?? '',
    meetingTitle: meeting.title,
    assignee: await assigneeName(tx, task),
    url: publicLink(p.config, `/cabinet/tasks?task=${task.id}`),
  };
}

/** The assigned person hears of the task (a task given to an agency only is announced by the notice itself). */
export async function notifyAssigned(
  tx: Executor,
  p: Platform,
  actor: { audit: AuditContext },
  task: TaskRow,
  conclusion: ConclusionRow,
  meeting: MeetingRef,
): Promise<void> {
  if (!task.assigneePersonId) return;
  await p.notify.send(
    tx,
    {
      to: { personId: task.assigneePersonId },
      channels: ['email', 'sms', 'inapp'],
      template: TaskTemplates.taskAssigned,
      params: await params(tx, p, task, conclusion, meeting),
      dedupeKey: `cabinet.task:${task.id}:assigned:${task.assigneePersonId}`,
    },
    actor.audit,
  );
}

/** One reminder or escalation to each recipient; returns how many messages were new. */
export async function notifyAlert(
  tx: Executor,
  p: Platform,
  ctx: AuditContext,
  alert: { kind: TaskAlert; daysOverdue: number; recipients: readonly string[] },
  task: TaskRow,
  conclusion: ConclusionRow,
  meeting: MeetingRef,
): Promise<number> {
  const base = await params(tx, p, task, conclusion, meeting);
  let fresh = 0;
  for (const personId of new Set(alert.recipients)) {
    const sent = await p.notify.send(
      tx,
      {
        to: { personId },
        channels: ['email', 'sms', 'inapp'],
        template: TaskTemplates.taskAlert,
        params: { ...base, kind: alert.kind, daysOverdue: alert.daysOverdue },
        dedupeKey: `cabinet.task:${task.id}:${alert.kind}:${personId}`,
      },
      ctx,
    );
    fresh += sent.filter((s) => !s.duplicate).length;
  }
  return fresh;
}
