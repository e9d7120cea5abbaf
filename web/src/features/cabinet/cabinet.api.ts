import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../api/client.js';

/** The e-Cabinet's vocabulary as the server sends it (src/modules/cabinet/model.ts). */
export const MEETING_KINDS = ['regular', 'thematic', 'ad_hoc'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type MeetingStatus = 'draft' | 'invited' | 'in_progress' | 'ended' | 'concluded' | 'cancelled';
export const PARTICIPANT_ROLES = ['chair', 'member', 'substitute', 'guest', 'secretariat'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export type Attendance =
  | 'invited'
  | 'confirmed'
  | 'absence_requested'
  | 'absence_approved'
  | 'absence_refused'
  | 'checked_in'
  | 'left';
export type Classification = 'public' | 'internal' | 'mat' | 'toi_mat' | 'tuyet_mat';
export type PaperKind = 'submission' | 'draft_law' | 'draft_decree' | 'report' | 'proposal' | 'other';

export interface BodyRef {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string | null;
}

export interface MeetingSummary {
  id: string;
  body: BodyRef;
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  plannedStart: string;
  plannedEnd: string;
  location: string | null;
  papersDueOn: string;
  /** The caller's own answer to the invitation, when invited. */
  myAttendance: Attendance | null;
}

export interface Participant {
  personId: string;
  displayName: string;
  role: ParticipantRole;
  voting: boolean;
  substituteFor: string | null;
  attendance: Attendance;
  absenceReason: string | null;
  absenceDecidedBy: string | null;
  respondedAt: string | null;
  checkedInAt: string | null;
  remote: boolean;
}

export interface Meeting extends MeetingSummary {
  ruleProfileId: string;
  onlineUrl: string | null;
  chairId: string;
  invitationsSentAt: string | null;
  noticeMet: boolean | null;
  revision: number;
  cancelledReason: string | null;
  participants: Participant[];
  quorum: { present: number; seated: number; required: number; reached: boolean };
  me: { role: ParticipantRole | null; mayPrepare: boolean; isChair: boolean; onBehalfOf: string[] };
}

export interface PaperVersion {
  id: string;
  version: number;
  fileName: string;
  mediaType: string;
  size: number;
  late: boolean;
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
  latestVersion: PaperVersion | null;
  late: boolean;
}

export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  plannedMinutes: number | null;
  classification: Classification;
  papers: Paper[];
}

export interface Agenda {
  items: AgendaItem[];
  otherPapers: Paper[];
}

export interface Body extends BodyRef {
  kind: string;
}

export interface NewMeeting {
  bodyId: string;
  title: string;
  kind: MeetingKind;
  plannedStart: string;
  plannedEnd: string;
  location: string | null;
  onlineUrl: string | null;
}

export interface InviteResult {
  sent: number;
  alreadySent: number;
  revision: number;
  noticeMet: boolean;
}

export type MeetingsView = 'mine' | 'office';

const KEY = 'cabinet';
const meetingPath = (id: string) => `/api/cabinet/meetings/${encodeURIComponent(id)}`;

/** Where a paper's latest version downloads from (the server watermarks it with the reader's name). */
export const paperFileUrl = (paper: Paper, version: number) =>
  `${meetingPath(paper.meetingId)}/papers/${encodeURIComponent(paper.id)}/versions/${version}/file`;

export function useMeetings(view: MeetingsView, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'meetings', view],
    queryFn: ({ signal }) => api.get<{ items: MeetingSummary[] }>('/api/cabinet/meetings', { view }, signal),
    enabled,
  });
}

export function useBodies(enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'bodies'],
    queryFn: ({ signal }) => api.get<{ items: Body[] }>('/api/cabinet/bodies', undefined, signal),
    enabled,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: [KEY, 'meeting', id],
    queryFn: ({ signal }) => api.get<Meeting>(meetingPath(id), undefined, signal),
  });
}

export function useAgenda(id: string) {
  return useQuery({
    queryKey: [KEY, 'agenda', id],
    queryFn: ({ signal }) => api.get<Agenda>(`${meetingPath(id)}/agenda`, undefined, signal),
  });
}

export function useCreateMeeting() {
  const queryClient = useQueryClient();
  return useMutation<Meeting, ApiError, NewMeeting>({
    mutationFn: (body) => api.post<Meeting>('/api/admin/cabinet/meetings', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY, 'meetings'] }),
  });
}

/** A change that answers with the meeting: the answer replaces what is on screen, and lists refresh. */
function useMeetingChange<V>(id: string, send: (vars: V) => Promise<Meeting>) {
  const queryClient = useQueryClient();
  return useMutation<Meeting, ApiError, V>({
    mutationFn: send,
    onSuccess: async (meeting) => {
      queryClient.setQueryData([KEY, 'meeting', id], meeting);
      await queryClient.invalidateQueries({ queryKey: [KEY, 'meetings'] });
    },
  });
}

export function useRespond(id: string) {
  return useMeetingChange<{ answer: 'confirm' | 'absent'; reason?: string; personId?: string }>(id, (body) =>
    api.post<Meeting>(`${meetingPath(id)}/attendance`, body),
  );
}

export function useDecideAbsence(id: string) {
  return useMeetingChange<{ personId: string; approve: boolean }>(id, ({ personId, approve }) =>
    api.post<Meeting>(`${meetingPath(id)}/participants/${encodeURIComponent(personId)}/absence`, { approve }),
  );
}

export function useCancelMeeting(id: string) {
  return useMeetingChange<{ revision: number; reason: string }>(id, (body) =>
    api.post<Meeting>(`${meetingPath(id)}/cancel`, body),
  );
}

export function useInvite(id: string) {
  const queryClient = useQueryClient();
  return useMutation<InviteResult, ApiError, void>({
    mutationFn: () => api.post<InviteResult>(`${meetingPath(id)}/invite`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}
