/**
 * A task as people read it: with its meeting, its notice, the agency and person assigned, and where it
 * stands against its due date in working days (the board's colours and filters).
 */
import type { WorkingCalendar } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { getAgency, personBriefs } from '../identity/index.js';
import type { TaskState } from './model.js';
import { meetingDay } from './rules.js';
import type { conclusions, meetings, tasks } from './schema.js';

export type TaskRow = typeof tasks.$inferSelect;
export type ConclusionRow = typeof conclusions.$inferSelect;

/** Due-soon: at most this many working days left (the due day included). */
export const DUE_SOON_WORKING_DAYS = 3;

export type TaskStanding = 'on_time' | 'due_soon' | 'overdue' | 'done' | 'cancelled';

export interface TaskView {
  id: string;
  conclusionId: string;
  meeting: { id: string; title: string };
  conclusion: { reference: string | null; state: 'draft' | 'issued' };
  agendaItemId: string | null;
  title: string;
  detail: string;
  assigneeAgency: { id: string; nameVi: string; nameEn: string | null };
  assigneePerson: { id: string; displayName: string } | null;
  dueOn: string;
  state: TaskState;
  progress: number;
  completedAt: string | null;
  createdAt: string;
  standing: TaskStanding;
  /** Working days from today to the due day; negative: working days overdue. */
  workingDaysLeft: number;
}

export function standingOf(
  state: TaskState,
  dueOn: string,
  today: string,
  calendar: WorkingCalendar,
): { standing: TaskStanding; workingDaysLeft: number } {
  const workingDaysLeft = calendar.workingDaysBetween(today, dueOn);
  if (state === 'done' || state === 'cancelled') return { standing: state, workingDaysLeft };
  if (dueOn < today) return { standing: 'overdue', workingDaysLeft };
  return { standing: workingDaysLeft <= DUE_SOON_WORKING_DAYS ? 'due_soon' : 'on_time', workingDaysLeft };
}

export interface TaskContext {
  task: TaskRow;
  conclusion: Pick<ConclusionRow, 'reference' | 'state'>;
  meeting: Pick<typeof meetings.$inferSelect, 'id' | 'title'>;
}

/** Views of many tasks at once (names looked up once each). */
export async function taskViews(
  tx: Executor,
  calendar: WorkingCalendar,
  now: Date,
  rows: readonly TaskContext[],
): Promise<TaskView[]> {
  const today = meetingDay(now);
  const people = await personBriefs(
    tx,
    rows.map((r) => r.task.assigneePersonId ?? ''),
  );
  const agencies = new Map<string, TaskView['assigneeAgency']>();
  for (const id of new Set(rows.map((r) => r.task.assigneeAgencyId))) {
    try {
      const a = await getAgency(tx, id);
      agencies.set(id, { id, nameVi: a.nameVi, nameEn: a.nameEn ?? null });
    } catch {
      agencies.set(id, { id, nameVi: '—', nameEn: null });
    }
  }
  return rows.map(({ task: t, conclusion, meeting }) => {
    const person = t.assigneePersonId ? people.get(t.assigneePersonId) : undefined;
    return {
      id: t.id,
      conclusionId: t.conclusionId,
      meeting: { id: meeting.id, title: meeting.title },
      conclusion: { reference: conclusion.reference, state: conclusion.state },
      agendaItemId: t.agendaItemId,
      title: t.title,
      detail: t.detail,
      assigneeAgency: agencies.get(t.assigneeAgencyId)!,
      assigneePerson: person ? { id: person.id, displayName: person.displayName } : null,
      dueOn: t.dueOn,
      state: t.state,
      progress: t.progress,
      completedAt: t.completedAt?.toISOString() ?? null,
      createdAt: t.createdAt.toISOString(),
      ...standingOf(t.state, t.dueOn, today, calendar),
    };
  });
}
