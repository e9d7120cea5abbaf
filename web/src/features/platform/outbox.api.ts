import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, type ApiError } from '../../api/client.js';
import { CHANNELS, OUTBOX_STATES, type Channel, type OutboxList, type OutboxState } from '../../api/types.js';
import { NOTIFICATIONS_KEY } from './notifications.api.js';

export interface OutboxFilter {
  channel: Channel | null;
  state: OutboxState | null;
}

const LIMIT = 100;
/** The outbox is live: queued messages turn sent (or failed) within seconds. */
const REFRESH_MS = 5_000;

export function useOutbox(filter: OutboxFilter) {
  return useQuery({
    queryKey: ['outbox', filter],
    queryFn: ({ signal }) =>
      api.get<OutboxList>(
        '/api/admin/outbox',
        { channel: filter.channel, state: filter.state, limit: LIMIT },
        signal,
      ),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData, // keep the list (and the focused filter) while the next one loads
  });
}

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | null =>
  allowed.find((a) => a === value) ?? null;

/** Filters live in the address (?channel=&state=), so a filtered view can be shared and survives reload. */
export function useOutboxFilter(): [OutboxFilter, (next: OutboxFilter) => void] {
  const [params, setParams] = useSearchParams();
  const filter: OutboxFilter = {
    channel: pick(CHANNELS, params.get('channel')),
    state: pick(OUTBOX_STATES, params.get('state')),
  };
  const setFilter = (next: OutboxFilter) => {
    const search = new URLSearchParams();
    if (next.channel) search.set('channel', next.channel);
    if (next.state) search.set('state', next.state);
    setParams(search, { replace: true });
  };
  return [filter, setFilter];
}

export function useSendTest() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, Channel[]>({
    mutationFn: (channels) => api.post('/api/admin/notifications/test', { channels }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['outbox'] });
      await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    },
  });
}
