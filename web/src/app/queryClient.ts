import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { SESSION_KEY } from '../features/identity/session.js';

const isClientError = (error: unknown) =>
  error instanceof ApiError && error.status >= 400 && error.status < 500;

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A 401 anywhere means the session ended (idle timeout, signed out elsewhere): re-check it.
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== SESSION_KEY[0])
          void client.invalidateQueries({ queryKey: SESSION_KEY });
      },
    }),
    defaultOptions: {
      // Retrying a refusal (4xx) cannot succeed; retry network and server failures twice.
      queries: { retry: (failures, error) => !isClientError(error) && failures < 2 },
    },
  });
  return client;
}
