import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type ErrorBody } from '../../../api/client.js';
import type { Paper as PaperBase, PaperVersion as VersionBase } from '../papers/papers.api.js';

export type ViewState = 'pending' | 'ready' | 'failed' | 'unavailable';
export type ViewerVersion = VersionBase & { viewState: ViewState };
export type ViewerPaper = Omit<PaperBase, 'versions' | 'latestVersion'> & {
  versions: ViewerVersion[];
  latestVersion: ViewerVersion | null;
};

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  page: number;
}

export interface Annotation {
  id: string;
  note: string;
  selector: QuoteSelector;
  madeOnVersion: number;
  createdAt: string;
  updatedAt: string;
  anchor: { page: number; start: number; end: number; match: 'quote' | 'exact' } | null;
  orphaned: boolean;
}

const paperPath = (meetingId: string, paperId: string) =>
  `/api/cabinet/meetings/${encodeURIComponent(meetingId)}/papers/${encodeURIComponent(paperId)}`;

/** The reader's watermarked copy (the server stamps the name on every page). */
export const viewUrl = (meetingId: string, paperId: string, version: number) =>
  `${paperPath(meetingId, paperId)}/versions/${version}/view`;
/** A download: readers get their watermarked copy, the office the original. */
export const downloadUrl = (meetingId: string, paperId: string, version: number) =>
  `${paperPath(meetingId, paperId)}/versions/${version}/file?disposition=attachment`;

const key = (meetingId: string, paperId: string) => ['cabinet', 'viewer', meetingId, paperId] as const;

/** The paper with its versions; asked again every few seconds while the shown version is being prepared. */
export function useViewerPaper(meetingId: string, paperId: string, waiting: boolean) {
  return useQuery({
    queryKey: key(meetingId, paperId),
    queryFn: ({ signal }) => api.get<ViewerPaper>(paperPath(meetingId, paperId), {}, signal),
    refetchInterval: waiting ? 5000 : false,
  });
}

export function usePageTexts(meetingId: string, paperId: string, version: number | null) {
  return useQuery({
    queryKey: [...key(meetingId, paperId), 'text', version],
    queryFn: ({ signal }) =>
      api.get<{ version: number; pages: string[] }>(
        `${paperPath(meetingId, paperId)}/versions/${version ?? 0}/text`,
        {},
        signal,
      ),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

export function useAnnotations(meetingId: string, paperId: string, version: number | null) {
  return useQuery({
    queryKey: [...key(meetingId, paperId), 'annotations', version],
    queryFn: ({ signal }) =>
      api.get<{ version: number; items: Annotation[] }>(
        `${paperPath(meetingId, paperId)}/annotations`,
        { version: version ?? 'latest' },
        signal,
      ),
    enabled: version !== null,
  });
}

function useAnnotationWrite<In, Out>(meetingId: string, paperId: string, write: (input: In) => Promise<Out>) {
  const queryClient = useQueryClient();
  return useMutation<Out, ApiError, In>({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key(meetingId, paperId), 'annotations'] }),
  });
}

export const useAddAnnotation = (meetingId: string, paperId: string) =>
  useAnnotationWrite(
    meetingId,
    paperId,
    (input: { version: number; selector: QuoteSelector; note: string }) =>
      api.post<Annotation>(`${paperPath(meetingId, paperId)}/annotations`, input),
  );

export const useEditAnnotation = (meetingId: string, paperId: string) =>
  useAnnotationWrite(meetingId, paperId, ({ id, note }: { id: string; note: string }) =>
    api.patch<Annotation>(`${paperPath(meetingId, paperId)}/annotations/${encodeURIComponent(id)}`, { note }),
  );

export const useRemoveAnnotation = (meetingId: string, paperId: string) =>
  useAnnotationWrite(meetingId, paperId, (id: string) =>
    api.delete(`${paperPath(meetingId, paperId)}/annotations/${encodeURIComponent(id)}`),
  );

/** The PDF bytes of the reader's copy; a refusal carries the server's code like every other call. */
export async function fetchViewPdf(url: string, signal: AbortSignal): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (cause) {
    throw new ApiError(0, null, { cause });
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
    throw new ApiError(response.status, typeof payload?.error?.code === 'string' ? payload.error : null);
  }
  return response.arrayBuffer();
}
