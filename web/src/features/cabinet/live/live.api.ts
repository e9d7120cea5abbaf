import { useMutation } from '@tanstack/react-query';
import { api, type ApiError } from '../../../api/client.js';
import type { Attendance, MeetingStatus, ParticipantRole } from '../cabinet.api.js';
import type { LivePoll } from '../polls/polls.api.js';

/** The live room's state as the server sends it (src/modules/cabinet/live.schemas.ts). */
export type AgendaState = 'pending' | 'in_discussion' | 'done' | 'deferred';
export type SpeakerState = 'requested' | 'called' | 'speaking' | 'done' | 'withdrawn';
export type OpinionPosition = 'agree' | 'agree_with_comments' | 'disagree' | 'other';

export interface LiveItem {
  id: string;
  position: number;
  title: string;
  state: AgendaState;
  plannedMinutes: number | null;
  spentSeconds: number;
  openSince: string | null;
  closedSeconds: number;
}

export interface LiveSpeaker {
  id: string;
  personId: string;
  displayName: string;
  state: SpeakerState;
  position: number;
  limitSeconds: number | null;
  requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  spentSeconds: number;
}

export interface LiveAttendee {
  personId: string;
  displayName: string;
  role: ParticipantRole;
  voting: boolean;
  attendance: Attendance;
  checkedInAt: string | null;
  remote: boolean;
}

export interface LiveSnapshot {
  meetingId: string;
  seq: number;
  serverTime: string;
  view: 'chair' | 'participant';
  meeting: {
    title: string;
    status: MeetingStatus;
    chairId: string;
    actualStart: string | null;
    actualEnd: string | null;
  };
  currentItemId: string | null;
  items: LiveItem[];
  speakers: LiveSpeaker[];
  speakingTime: { personId: string; displayName: string; seconds: number; speakingSince: string | null }[];
  attendance: LiveAttendee[];
  quorum: {
    present: number;
    seated: number;
    required: number;
    reached: boolean;
    numerator: number;
    denominator: number;
  };
  opinions:
    | {
        id: string;
        memberId: string;
        displayName: string;
        position: OpinionPosition;
        body: string;
        submittedAt: string | null;
      }[]
    | null;
  /** The open (or latest) poll: turnout only while open (polls/PollPanel). */
  poll: LivePoll | null;
}

export interface LiveViewer {
  personId: string;
  runsRoom: boolean;
  participant: boolean;
}

export const livePath = (meetingId: string) => `/api/cabinet/meetings/${encodeURIComponent(meetingId)}/live`;

export interface LiveAction {
  /** Under …/live, e.g. '/open', '/speakers/<id>/start'. */
  path: string;
  body?: object;
}

/** A room action; the new state arrives over the socket (or through `refresh` when it is down). */
export function useLiveAction(meetingId: string, refresh: () => void) {
  return useMutation<{ seq: number }, ApiError, LiveAction>({
    mutationFn: ({ path, body }) => api.post<{ seq: number }>(`${livePath(meetingId)}${path}`, body),
    onSettled: refresh,
  });
}
