import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type ApiError } from '../../../api/client.js';

/** The follow-up officer's permission (src/modules/identity/policy.ts `followTasks`). */

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface MinutesSection {
  key: string;
  heading: string;
  body: string;
}

export interface Minutes {
  meetingId: string;
  state: 'draft' | 'approved';
  sections: MinutesSection[];
  revision: number;
  generatedAt: string;
  updatedBy: PersonRef | null;
  updatedAt: string;
  approvedBy: PersonRef | null;
  approvedAt: string | null;
  pdfSha256: string | null;
  mayEdit: boolean;
}

export const TASK_STATES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export type TaskStanding = 'on_time' | 'due_soon' | 'overdue' | 'done' | 'cancelled';

export interface Task {
  id: string;
  conclusionId: string;
  meeting: { id: string; title: string };
  conclusion: { reference: string | null; state: 'draft' | 'issued' };
  agendaItemId: string | null;
  title: string;
  detail: string;
  assigneeAgency: { id: string; nameVi: string; nameEn: string | null };
  assigneePerson: PersonRef | null;
  dueOn: string;
  state: TaskState;
  progress: number;
  completedAt: string | null;
  createdAt: string;
  standing: TaskStanding;
  workingDaysLeft: number;
}

export interface TaskDetail extends Task {
  reports: {
    id: string;
    person: PersonRef | null;
    state: TaskState;
    progress: number;
    note: string;
    createdAt: string;
  }[];
  mayReport: boolean;
  mayCancel: boolean;
}

export interface Conclusion {
  id: string;
  meetingId: string;
  reference: string | null;
  title: string;
  body: string;
  state: 'draft' | 'issued';
  dueOn: string;
  workingDaysLeft: number;
  followUpOfficer: PersonRef | null;
  issuedBy: PersonRef | null;
  issuedAt: string | null;
  createdAt: string;
  revision: number;
  tasks: Task[];
}

export interface ConclusionPage {
  dueOn: string | null;
  workingDaysLeft: number | null;
  /** May draft, edit and issue the notice. */
  mayEdit: boolean;
  /** May add tasks (to a draft or an issued notice). */
  mayAssign: boolean;
  conclusion: Conclusion | null;
}

export const TASK_FILTERS = ['open', 'due_soon', 'overdue', 'done'] as const;
export type TaskFilter = (typeof TASK_FILTERS)[number];
export type TaskListView = 'mine' | 'board';

export interface TaskList {
  items: Task[];
  counts: Record<TaskFilter | 'all', number>;
}

export interface NewTask {
  title: string;
  detail: string;
  assigneeAgencyId: string;
  dueOn: string;
}

const meetingPath = (meetingId: string) => `/api/cabinet/meetings/${encodeURIComponent(meetingId)}`;
export const minutesPdfUrl = (meetingId: string) => `${meetingPath(meetingId)}/minutes/pdf`;

const minutesKey = (meetingId: string) => ['cabinet', 'minutes', meetingId] as const;
const conclusionKey = (meetingId: string) => ['cabinet', 'conclusion', meetingId] as const;
const tasksKey = ['cabinet', 'tasks'] as const;

/** The minutes, or null when there are none the caller may read yet (a 404). */
export function useMinutes(meetingId: string) {
  return useQuery({
    queryKey: minutesKey(meetingId),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Minutes>(`${meetingPath(meetingId)}/minutes`, {}, signal);
      } catch (e) {
        if ((e as ApiError).status === 404 && (e as ApiError).code === 'CABINET_MINUTES_NOT_FOUND')
          return null;
        throw e;
      }
    },
  });
}

function useMinutesWrite<In>(meetingId: string, write: (input: In) => Promise<Minutes>) {
  const queryClient = useQueryClient();
  return useMutation<Minutes, ApiError, In>({
    mutationFn: write,
    onSuccess: (minutes) => queryClient.setQueryData(minutesKey(meetingId), minutes),
  });
}

export const useGenerateMinutes = (meetingId: string) =>
  useMinutesWrite(meetingId, (revision: number | undefined) =>
    api.post<Minutes>(
      `${meetingPath(meetingId)}/minutes/generate`,
      revision === undefined ? {} : { revision },
    ),
  );

export const useEditMinutes = (meetingId: string) =>
  useMinutesWrite(meetingId, (input: { revision: number; sections: MinutesSection[] }) =>
    api.patch<Minutes>(`${meetingPath(meetingId)}/minutes`, input),
  );

export const useApproveMinutes = (meetingId: string) =>
  useMinutesWrite(meetingId, (revision: number) =>
    api.post<Minutes>(`${meetingPath(meetingId)}/minutes/approve`, { revision }),
  );

export function useConclusion(meetingId: string) {
  return useQuery({
    queryKey: conclusionKey(meetingId),
    queryFn: ({ signal }) => api.get<ConclusionPage>(`${meetingPath(meetingId)}/conclusion`, {}, signal),
  });
}

function useConclusionWrite<In, Out>(meetingId: string, write: (input: In) => Promise<Out>) {
  const queryClient = useQueryClient();
  return useMutation<Out, ApiError, In>({
    mutationFn: write,
    // Not awaited: issuing unmounts the draft form, and the caller's own onSuccess must run before that.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conclusionKey(meetingId) });
      void queryClient.invalidateQueries({ queryKey: ['cabinet', 'meeting'] });
      void queryClient.invalidateQueries({ queryKey: tasksKey });
    },
  });
}

export const useSaveConclusion = (meetingId: string) =>
  useConclusionWrite(meetingId, (input: { title: string; body: string; revision?: number }) =>
    apiRequest<Conclusion>(`${meetingPath(meetingId)}/conclusion`, { method: 'PUT', body: input }),
  );

export const useIssueConclusion = (meetingId: string) =>
  useConclusionWrite(meetingId, (input: { reference: string; revision: number }) =>
    api.post<Conclusion>(`${meetingPath(meetingId)}/conclusion/issue`, input),
  );

export const useAddTask = (meetingId: string) =>
  useConclusionWrite(meetingId, (task: NewTask) =>
    api.post<Task>(`${meetingPath(meetingId)}/conclusion/tasks`, task),
  );

export function useTasks(view: TaskListView, filter: TaskFilter, enabled = true) {
  return useQuery({
    queryKey: [...tasksKey, view, filter],
    queryFn: ({ signal }) => api.get<TaskList>('/api/cabinet/tasks', { view, filter }, signal),
    enabled,
  });
}

export function useTask(taskId: string | null) {
  return useQuery({
    queryKey: [...tasksKey, 'one', taskId],
    queryFn: ({ signal }) =>
      api.get<TaskDetail>(`/api/cabinet/tasks/${encodeURIComponent(taskId ?? '')}`, {}, signal),
    enabled: taskId !== null,
  });
}

export function useReportTask(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation<TaskDetail, ApiError, { state: TaskState; progress: number; note: string }>({
    mutationFn: (report) =>
      api.post<TaskDetail>(`/api/cabinet/tasks/${encodeURIComponent(taskId)}/reports`, report),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  });
}
