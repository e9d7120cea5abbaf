import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.js';
import { useServerEvents } from '../../api/events.js';
import type { MyNotifications, ServerEvent } from '../../api/types.js';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useMyNotifications(enabled: boolean) {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: ({ signal }) => api.get<MyNotifications>('/api/notifications/mine', undefined, signal),
    enabled,
    retry: false,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** A pushed in-app notice refreshes the bell (and the outbox, where the notice is listed too). */
export function useLiveNotifications(enabled: boolean): void {
  const queryClient = useQueryClient();
  const onEvent = useCallback(
    (event: ServerEvent) => {
      if (event.type !== 'notify.inapp') return;
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['outbox'] });
    },
    [queryClient],
  );
  useServerEvents(enabled, onEvent);
}
