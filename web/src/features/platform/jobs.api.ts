import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../api/client.js';
import type { JobState, JobsList } from '../../api/types.js';

const JOBS_KEY = ['jobs'] as const;
const LIMIT = 100;
const REFRESH_MS = 5_000;

export function useJobs(state: JobState | null) {
  return useQuery({
    queryKey: [...JOBS_KEY, state],
    queryFn: ({ signal }) => api.get<JobsList>('/api/admin/jobs', { state, limit: LIMIT }, signal),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData, // keep the list (and the focused filter) while the next one loads
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, number>({
    mutationFn: (id) => api.post(`/api/admin/jobs/${id}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}
