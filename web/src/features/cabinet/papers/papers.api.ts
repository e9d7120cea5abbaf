import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, ApiError, type ErrorBody } from '../../../api/client.js';

export const CLASSIFICATIONS = ['public', 'internal', 'mat', 'toi_mat', 'tuyet_mat'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
/** Mật, Tối mật, Tuyệt mật circulate on paper only: the server never takes their content. */
export const PAPER_ONLY: ReadonlySet<Classification> = new Set(['mat', 'toi_mat', 'tuyet_mat']);

export const PAPER_KINDS = [
  'submission',
  'draft_law',
  'draft_decree',
  'report',
  'proposal',
  'other',
] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

/** What the file input offers; the server decides by content (src/modules/cabinet/papers.service.ts). */
export const PAPER_FILE_ACCEPT = '.pdf,.docx,.png,.jpg';

export interface PaperVersion {
  id: string;
  version: number;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  late: boolean;
  note: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

export interface Paper {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  title: string;
  kind: PaperKind;
  classification: Classification;
  paperOnly: boolean;
  reference: string | null;
  paperCirculationNote: string | null;
  restrictedTo: string[] | null;
  createdAt: string;
  versions: PaperVersion[];
  latestVersion: PaperVersion | null;
  late: boolean;
}

export interface AgendaItem {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  presenterAgencyId: string | null;
  presenterPersonId: string | null;
  plannedMinutes: number | null;
  state: 'pending' | 'in_discussion' | 'done' | 'deferred';
  classification: Classification;
  spentSeconds: number;
}

export interface Agenda {
  items: (AgendaItem & { papers: Paper[] })[];
  otherPapers: Paper[];
}

export interface AgendaItemFields {
  title: string;
  plannedMinutes: number | null;
  classification: Classification;
  presenterAgencyId: string | null;
}

export interface NewPaper {
  title: string;
  kind: PaperKind;
  classification: Classification;
  reference: string | null;
  agendaItemId: string | null;
  paperCirculationNote: string | null;
}

export interface Reader {
  personId: string;
  displayName: string | null;
  expected: boolean;
  lastVersionRead: number | null;
  firstReadAt: string | null;
  lastReadAt: string | null;
  downloads: number;
}

export interface ReadReceipts {
  paperId: string;
  latestVersion: number | null;
  read: Reader[];
  notRead: Reader[];
}

const meetingPath = (meetingId: string) => `/api/cabinet/meetings/${encodeURIComponent(meetingId)}`;
const paperPath = (meetingId: string, paperId: string) =>
  `${meetingPath(meetingId)}/papers/${encodeURIComponent(paperId)}`;

/** Where a version can be opened (the server records it as read). */
export const versionFileUrl = (meetingId: string, paperId: string, version: number) =>
  `${paperPath(meetingId, paperId)}/versions/${version}/file?disposition=inline`;

/** The same key as the meeting page's read-only agenda (cabinet.api.ts): one fetch, and both show changes. */
const agendaKey = (meetingId: string) => ['cabinet', 'agenda', meetingId] as const;

export function useAgenda(meetingId: string) {
  return useQuery({
    queryKey: agendaKey(meetingId),
    queryFn: ({ signal }) => api.get<Agenda>(`${meetingPath(meetingId)}/agenda`, {}, signal),
  });
}

/** Every change to the agenda or a paper shows in the one agenda answer (and the receipts below it). */
function useAgendaWrite<In, Out>(meetingId: string, write: (input: In) => Promise<Out>) {
  const queryClient = useQueryClient();
  return useMutation<Out, ApiError, In>({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agendaKey(meetingId) }),
  });
}

export const useAddItem = (meetingId: string) =>
  useAgendaWrite(meetingId, (fields: AgendaItemFields) =>
    api.post<AgendaItem>(`${meetingPath(meetingId)}/agenda`, fields),
  );

export const useEditItem = (meetingId: string) =>
  useAgendaWrite(meetingId, ({ id, ...fields }: AgendaItemFields & { id: string }) =>
    api.patch<AgendaItem>(`${meetingPath(meetingId)}/agenda/${encodeURIComponent(id)}`, fields),
  );

export const useReorder = (meetingId: string) =>
  useAgendaWrite(meetingId, (itemIds: string[]) =>
    apiRequest<{ items: AgendaItem[] }>(`${meetingPath(meetingId)}/agenda/order`, {
      method: 'PUT',
      body: { itemIds },
    }),
  );

export const useRemoveItem = (meetingId: string) =>
  useAgendaWrite(meetingId, (itemId: string) =>
    api.delete(`${meetingPath(meetingId)}/agenda/${encodeURIComponent(itemId)}`),
  );

export const useCreatePaper = (meetingId: string) =>
  useAgendaWrite(meetingId, (paper: NewPaper) => api.post<Paper>(`${meetingPath(meetingId)}/papers`, paper));

export const useUploadVersion = (meetingId: string, paperId: string) =>
  useAgendaWrite(meetingId, ({ file, note }: { file: File; note: string }) =>
    uploadVersion(paperPath(meetingId, paperId), file, note),
  );

export function useReadReceipts(meetingId: string, paperId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...agendaKey(meetingId), 'receipts', paperId],
    queryFn: ({ signal }) => api.get<ReadReceipts>(`${paperPath(meetingId, paperId)}/receipts`, {}, signal),
    enabled,
  });
}

/** One file as multipart/form-data; the version note travels in `?note=`, as the route reads it. */
async function uploadVersion(path: string, file: File, note: string): Promise<PaperVersion> {
  const form = new FormData();
  form.append('file', file, file.name);
  const query = note.trim() ? `?${new URLSearchParams({ note: note.trim() }).toString()}` : '';
  let response: Response;
  try {
    response = await fetch(`${path}/versions${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      body: form,
    });
  } catch (cause) {
    throw new ApiError(0, null, { cause });
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as Partial<ErrorBody> | undefined)?.error;
    throw new ApiError(response.status, typeof error?.code === 'string' ? error : null);
  }
  return payload as PaperVersion;
}
