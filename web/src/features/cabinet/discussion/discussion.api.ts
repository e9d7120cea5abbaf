import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, apiRequest } from '../../../api/client.js';
import { useServerEvents } from '../../../api/events.js';
import type { ServerEvent } from '../../../api/types.js';

export const OPINION_POSITIONS = ['agree', 'agree_with_comments', 'disagree', 'other'] as const;
export type OpinionPosition = (typeof OPINION_POSITIONS)[number];

export interface Comment {
  id: string;
  agendaItemId: string | null;
  paperId: string | null;
  parentId: string | null;
  authorId: string;
  authorName: string | null;
  writtenBy: string | null;
  writtenByName: string | null;
  body: string;
  deleted: boolean;
  createdAt: string;
  editedAt: string | null;
  mayEdit: boolean;
  mayHide: boolean;
  replies: Comment[];
}

export interface PostAs {
  personId: string;
  displayName: string | null;
  self: boolean;
}

export interface Thread {
  agendaItemId: string | null;
  paperId: string | null;
  closed: boolean;
  postAs: PostAs[];
  items: Comment[];
}

export interface Opinion {
  agendaItemId: string;
  memberId: string;
  memberName: string | null;
  position: OpinionPosition;
  body: string;
  state: 'draft' | 'submitted';
  draftedBy: string;
  draftedByName: string | null;
  submittedAt: string | null;
  updatedAt: string;
}

export interface MemberRef {
  memberId: string;
  displayName: string | null;
}

export interface ItemOpinions {
  agendaItemId: string;
  position: number;
  title: string;
  classification: string;
  classified: boolean;
  comments: number;
  expected: number;
  counts: Record<OpinionPosition, number>;
  submitted: Opinion[];
  notAnswered: MemberRef[];
  mine: Opinion[];
}

export interface OpinionsSummary {
  open: boolean;
  writeFor: (MemberRef & { self: boolean })[];
  items: ItemOpinions[];
}

export interface ThreadTarget {
  agendaItemId?: string | undefined;
  paperId?: string | undefined;
}

/** Another person's change shows within this time even if the live event does not reach the page. */
const REFRESH_MS = 20_000;

const meetingPath = (meetingId: string) => `/api/cabinet/meetings/${encodeURIComponent(meetingId)}`;
const threadKey = (meetingId: string, target: ThreadTarget) =>
  ['cabinet', 'discussion', meetingId, 'thread', target.agendaItemId ?? '', target.paperId ?? ''] as const;
const opinionsKey = (meetingId: string) => ['cabinet', 'discussion', meetingId, 'opinions'] as const;
const meetingKey = (meetingId: string) => ['cabinet', 'discussion', meetingId] as const;

export function useThread(meetingId: string, target: ThreadTarget) {
  return useQuery({
    queryKey: threadKey(meetingId, target),
    queryFn: ({ signal }) =>
      api.get<Thread>(
        `${meetingPath(meetingId)}/comments`,
        { agendaItemId: target.agendaItemId, paperId: target.paperId },
        signal,
      ),
    refetchInterval: REFRESH_MS,
  });
}

export function useOpinions(meetingId: string) {
  return useQuery({
    queryKey: opinionsKey(meetingId),
    queryFn: ({ signal }) => api.get<OpinionsSummary>(`${meetingPath(meetingId)}/opinions`, {}, signal),
    refetchInterval: REFRESH_MS,
  });
}

function useRefreshMeeting(meetingId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: meetingKey(meetingId) });
}

export interface NewComment extends ThreadTarget {
  body: string;
  parentId?: string | undefined;
  onBehalfOf?: string | undefined;
}

export function usePostComment(meetingId: string) {
  const refresh = useRefreshMeeting(meetingId);
  return useMutation({
    mutationFn: (input: NewComment) => api.post<Comment>(`${meetingPath(meetingId)}/comments`, input),
    onSuccess: refresh,
  });
}

export function useEditComment(meetingId: string) {
  const refresh = useRefreshMeeting(meetingId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      api.patch<Comment>(`${meetingPath(meetingId)}/comments/${encodeURIComponent(id)}`, { body }),
    onSuccess: refresh,
  });
}

export function useDeleteComment(meetingId: string) {
  const refresh = useRefreshMeeting(meetingId);
  return useMutation({
    mutationFn: (id: string) => api.delete(`${meetingPath(meetingId)}/comments/${encodeURIComponent(id)}`),
    onSuccess: refresh,
  });
}

export interface OpinionInput {
  itemId: string;
  memberId?: string | undefined;
  position: OpinionPosition;
  body: string;
  submit: boolean;
}

export function useSaveOpinion(meetingId: string) {
  const refresh = useRefreshMeeting(meetingId);
  return useMutation({
    mutationFn: ({ itemId, ...body }: OpinionInput) =>
      apiRequest<Opinion>(`${meetingPath(meetingId)}/opinions/${encodeURIComponent(itemId)}`, {
        method: 'PUT',
        body,
      }),
    onSuccess: refresh,
  });
}

/**
 * Refreshes the meeting's threads and summaries when the server says the discussion changed (the event is
 * published to the meeting's audience; polling covers a socket that does not carry it).
 */
export function useLiveDiscussion(meetingId: string): void {
  const queryClient = useQueryClient();
  const onEvent = useCallback(
    (event: ServerEvent) => {
      if (event.type !== 'cabinet.discussion.changed') return;
      const data = event.data as { meetingId?: unknown } | null;
      if (data && data.meetingId !== meetingId) return;
      void queryClient.invalidateQueries({ queryKey: meetingKey(meetingId) });
    },
    [queryClient, meetingId],
  );
  useServerEvents(true, onEvent);
}
