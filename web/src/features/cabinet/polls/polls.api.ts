import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../../api/client.js';

/** Polls in the meeting room (src/modules/cabinet/polls.routes.ts). */
export type PollKind = 'yes_no_abstain' | 'options';
export type PollState = 'open' | 'closed' | 'cancelled';
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

export interface PollChoice {
  id: string;
  vi: string;
  en: string;
}

export interface Outcome {
  result: OutcomeResult;
  final: boolean;
  base: number;
  needed: number;
  counts: Record<string, number>;
  deemed: number;
  unratified: number;
  missing: number;
  trace: { vi: string; en: string }[];
}

/** The open (or latest) poll in the live snapshot: turnout and who voted, never a choice while open. */
export interface LivePoll {
  id: string;
  agendaItemId: string;
  question: string;
  kind: PollKind;
  choices: PollChoice[];
  state: PollState;
  rosterSize: number;
  voted: number;
  needed: number;
  roster: string[];
  voters: string[];
  unratified: number;
  outcome: { result: OutcomeResult; counts: Record<string, number> } | null;
}

export interface SignedReceipt {
  payload: string;
  signature: string;
}

export interface PollMember {
  personId: string;
  fullName: string;
  title: string | null;
  chair: boolean;
  voted: boolean;
  castAt: string | null;
  choice: string | null;
  recordedBy: string | null;
  recordedByName: string | null;
  evidence: string | null;
  ratified: boolean;
  logSeq: number | null;
  receipt: SignedReceipt | null;
}

export interface PollDetail {
  id: string;
  meetingId: string;
  agendaItemId: string;
  agendaItemTitle: string;
  question: string;
  kind: PollKind;
  choices: PollChoice[];
  state: PollState;
  openedAt: string;
  closedAt: string | null;
  rosterSize: number;
  voted: number;
  needed: number;
  presentCount: number;
  outcome: Outcome | null;
  unratified: number;
  rule: {
    code: string;
    name: string;
    rules: {
      pass: { op: '>' | '>='; numerator: number; denominator: number; base: string };
      tieBreak: string;
    };
    legalBasis: { instrument: string; articles: string[]; verified: boolean }[];
  };
  rosterHash: string;
  paperHashes: { versionId: string; title: string; sha256: string }[];
  members: PollMember[];
  mine: { onRoster: boolean; voted: boolean; needsRatification: boolean; receipt: SignedReceipt | null };
  mayRun: boolean;
  mayRecord: boolean;
  checkpoint: { size: number; headHash: string } | null;
}

export interface PreparedSignature {
  payload: string;
  payloadSha256: string;
  toBeSigned: string;
  certificateId: string;
  signingTime: string;
  summary: { vi: string[]; en: string[] };
}

export interface Receipt {
  pollId: string;
  memberId: string;
  logSeq: number;
  logHash: string;
  payloadSha256: string;
  payload: string;
  signature: string;
}

export interface SignedBody {
  payload: string;
  toBeSigned: string;
  signature: string;
  certificateId: string;
}

export const pollsPath = (meetingId: string) =>
  `/api/cabinet/meetings/${encodeURIComponent(meetingId)}/polls`;
export const pollPath = (meetingId: string, pollId: string) =>
  `${pollsPath(meetingId)}/${encodeURIComponent(pollId)}`;

export const pollKey = (meetingId: string, pollId: string) =>
  ['cabinet', 'polls', meetingId, pollId] as const;

export function usePoll(meetingId: string, pollId: string | null, refreshKey?: unknown) {
  return useQuery<PollDetail, ApiError>({
    queryKey: [...pollKey(meetingId, pollId ?? ''), refreshKey],
    queryFn: ({ signal }) => api.get<PollDetail>(pollPath(meetingId, pollId!), undefined, signal),
    enabled: !!pollId,
  });
}

export function useOpenPoll(meetingId: string) {
  return useMutation<
    { pollId: string },
    ApiError,
    { question: string; kind: PollKind; options?: string[]; agendaItemId?: string | null }
  >({ mutationFn: (body) => api.post(pollsPath(meetingId), body) });
}

export function useClosePoll(meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation<{ outcome: Outcome }, ApiError, string>({
    mutationFn: (pollId) => api.post(`${pollPath(meetingId, pollId)}/close`, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cabinet', 'polls', meetingId] }),
  });
}

export function usePrepareVote(meetingId: string, pollId: string) {
  return useMutation<
    PreparedSignature,
    ApiError,
    { choice: string; certificateId?: string | undefined; memberId?: string; evidence?: string }
  >({ mutationFn: (body) => api.post(`${pollPath(meetingId, pollId)}/ballot`, body) });
}

export function useCastVote(meetingId: string, pollId: string) {
  const queryClient = useQueryClient();
  return useMutation<Receipt, ApiError, SignedBody>({
    mutationFn: (body) => api.post(`${pollPath(meetingId, pollId)}/votes`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pollKey(meetingId, pollId) }),
  });
}

export function usePrepareRatification(meetingId: string, pollId: string) {
  return useMutation<PreparedSignature, ApiError, { certificateId?: string | undefined }>({
    mutationFn: (body) => api.post(`${pollPath(meetingId, pollId)}/ratification`, body),
  });
}

export function useRatify(meetingId: string, pollId: string) {
  const queryClient = useQueryClient();
  return useMutation<{ logSeq: number }, ApiError, SignedBody>({
    mutationFn: (body) => api.post(`${pollPath(meetingId, pollId)}/ratification/sign`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pollKey(meetingId, pollId) }),
  });
}

/** Downloads a text as a file (receipts, their seals). */
export function download(name: string, content: string | Uint8Array, type = 'application/octet-stream') {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Which label of a choice to show. */
export const choiceLabel = (choices: PollChoice[], id: string | null, language: 'vi' | 'en'): string =>
  id === null ? '' : (choices.find((c) => c.id === id)?.[language] ?? id);
