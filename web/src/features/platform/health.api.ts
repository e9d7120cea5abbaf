import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.js';
import type { Health } from '../../api/types.js';

/** /api/health answers 503 with the same body when the database is down: that is a result, not an error. */
export type HealthView = Pick<Health, 'status'> & Partial<Pick<Health, 'database'>>;

async function fetchHealth(signal: AbortSignal): Promise<HealthView> {
  try {
    return await api.get<Health>('/api/health', undefined, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 503) return { status: 'degraded' };
    throw e;
  }
}

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: 30_000,
  });
}
