import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, apiRequest, type ErrorBody } from '../../../api/client.js';

export const BALLOT_STATES = [
  'draft',
  'submitted',
  'approved',
  'open',
  'closed',
  'recalled',
  'cancelled',
] as const;
export type BallotState = (typeof BALLOT_STATES)[number];
export type BallotChoice = 'agree' | 'other_opinion' | 'other_option';
export type ResponseState = 'pending' | 'drafted' | 'signed' | 'deemed';
export type OutcomeResult =
  | 'passing'
  | 'failing'
  | 'cannot_pass'
  | 'undecided'
  | 'passed'
  | 'passed_by_tie_break'
  | 'rejected'
  | 'rejected_by_tie_break'
  | 'not_decided'
  | 'no_quorum';

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface Answer {
  questionId: string;
  choice: BallotChoice;
  optionId?: string;
  text?: string;
}

export interface Question {
  id: string;
  text: string;
  options: { id: string; label: string }[];
}

export interface BallotPaper {
  id: string;
  title: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface Response {
  personId: string;
  fullName: string;
  title: string | null;
  state: ResponseState;
  deliveredAt: string | null;
  openedAt: string | null;
  draft: Answer[] | null;
  draftedBy: PersonRef | null;
  draftedAt: string | null;
  signedAt: string | null;
  answers: Answer[] | null;
  receipt: { payload: string; signature: string } | null;
  mySelf: boolean;
  overdue: boolean;
}

export interface BoardRow extends Response {
  deemed: boolean;
}

export interface Outcome {
  result: OutcomeResult;
  final: boolean;
  base: number;
  needed: number;
  counts: Record<string, number>;
  deemed: number;
  missing: number;
  trace: { vi: string; en: string }[];
}

export interface Ballot {
  id: string;
  body: { id: string; name: string };
  reference: string | null;
  title: string;
  summary: string;
  questions: Question[];
  state: BallotState;
  answerDays: number;
  deadline: string | null;
  originalDeadline: string | null;
  followUpBy: string | null;
  createdBy: PersonRef | null;
  createdAt: string;
  submittedAt: string | null;
  approvedBy: PersonRef | null;
  approvedAt: string | null;
  sentAt: string | null;
  closedAt: string | null;
  recalledReason: string | null;
  outcome: Record<string, Outcome> | null;
  hasResult: boolean;
  revision: number;
  papers: BallotPaper[];
  roster: { personId: string; fullName: string; title: string | null; chair: boolean }[] | null;
  rosterHash: string | null;
  ruleProfile: {
    code: string;
    name: string;
    ballotMin: number;
    ballotMax: number;
    ballotNonResponse: 'deemed_agree' | 'abstain' | 'not_counted';
    legalBasis: string[];
  } | null;
  may: Record<
    'edit' | 'submit' | 'approve' | 'send' | 'extend' | 'recall' | 'cancel' | 'close' | 'board',
    boolean
  >;
  mine: Response[];
  /** The server's clock when read. */
  now: string;
}

export interface BallotListItem {
  id: string;
  reference: string | null;
  title: string;
  state: BallotState;
  body: { id: string; name: string };
  deadline: string | null;
  createdAt: string;
  sentAt: string | null;
  answered: number;
  members: number;
  mine: { personId: string; state: ResponseState }[];
}

export type BallotListView = 'office' | 'mine';

export interface BallotInput {
  title: string;
  summary: string;
  questions: { id?: string; text: string; options: { id?: string; label: string }[] }[];
  answerDays: number;
}

export interface PreparedAnswer {
  payload: string;
  payloadSha256: string;
  toBeSigned: string;
  certificateId: string;
  signingTime: string;
  summary: { vi: string[]; en: string[] };
}

const KEY = ['cabinet', 'ballots'] as const;
const path = (id: string) => `/api/cabinet/ballots/${encodeURIComponent(id)}`;
export const resultUrl = (id: string) => `${path(id)}/result`;
export const paperUrl = (id: string, paperId: string) => `${path(id)}/papers/${encodeURIComponent(paperId)}`;

export function useBallots(view: BallotListView) {
  return useQuery({
    queryKey: [...KEY, 'list', view],
    queryFn: ({ signal }) =>
      api.get<{ items: BallotListItem[]; now: string }>('/api/cabinet/ballots', { view }, signal),
  });
}

export function useBallot(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Ballot>(path(id), undefined, signal),
  });
}

export function useBoard(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'board', id],
    queryFn: ({ signal }) => api.get<{ items: BoardRow[] }>(`${path(id)}/board`, undefined, signal),
    enabled,
  });
}

/** Any change to one ballot: the answer replaces the cached ballot; lists and the board reload. */
export function useBallotWrite<In>(id: string, write: (input: In) => Promise<Ballot>) {
  const queryClient = useQueryClient();
  return useMutation<Ballot, ApiError, In>({
    mutationFn: write,
    onSuccess: (ballot) => {
      queryClient.setQueryData([...KEY, 'one', id], ballot);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'board', id] });
    },
  });
}

export const useStep = (id: string, step: string) =>
  useBallotWrite(id, (body: Record<string, unknown>) => api.post<Ballot>(`${path(id)}/${step}`, body));

export const useEditBallot = (id: string) =>
  useBallotWrite(id, (input: BallotInput & { revision: number }) =>
    apiRequest<Ballot>(path(id), { method: 'PUT', body: input }),
  );

export const useSaveDraft = (id: string) =>
  useBallotWrite(id, (input: { personId: string; answers: Answer[] }) =>
    apiRequest<Ballot>(`${path(id)}/responses/${encodeURIComponent(input.personId)}/draft`, {
      method: 'PUT',
      body: { answers: input.answers },
    }),
  );

export function useCreateBallot() {
  const queryClient = useQueryClient();
  return useMutation<Ballot, ApiError, BallotInput & { bodyId: string }>({
    mutationFn: (input) => api.post<Ballot>('/api/cabinet/ballots', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

export const prepareAnswer = (id: string, body: { answers: Answer[]; certificateId?: string }) =>
  api.post<PreparedAnswer>(`${path(id)}/prepare`, body);

export function useSubmitAnswer(id: string) {
  const queryClient = useQueryClient();
  return useMutation<
    { payload: string; signature: string; logSeq: number; logHash: string },
    ApiError,
    { payload: string; toBeSigned: string; signature: string; certificateId: string }
  >({
    mutationFn: (body) => api.post(`${path(id)}/answer`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export const markOpened = (id: string) => api.post<Ballot>(`${path(id)}/opened`, {});

export function useRemovePaper(id: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (paperId) => api.delete(paperUrl(id, paperId)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}

/** One file as multipart/form-data; its title travels in `?title=`. */
export function useUploadPaper(id: string) {
  const queryClient = useQueryClient();
  return useMutation<BallotPaper, ApiError, { file: File; title: string }>({
    mutationFn: async ({ file, title }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      const query = title.trim() ? `?${new URLSearchParams({ title: title.trim() }).toString()}` : '';
      let response: globalThis.Response;
      try {
        response = await fetch(`${path(id)}/papers${query}`, {
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
      return payload as BallotPaper;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
  });
}
