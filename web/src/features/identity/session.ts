import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.js';
import type { Session, SignInResult } from '../../api/types.js';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    return await api.get<Session>('/api/auth/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null; // signed out is an answer, not an error
    throw e;
  }
}

/** The signed-in person and their permissions; `data` is null when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

export function hasPermission(session: Session | null | undefined, permission: string): boolean {
  return session?.permissions.includes(permission) ?? false;
}

export interface Credentials {
  username: string;
  password: string;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation<SignInResult, ApiError, Credentials>({
    mutationFn: (credentials) => api.post<SignInResult>('/api/auth/sign-in', credentials),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError>({
    mutationFn: async () => {
      try {
        await api.post('/api/auth/sign-out');
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 401)) throw e; // already signed out
      }
    },
    onSuccess: () => {
      // Forget everything the previous person could see.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}

/** Acts for another of the person's agencies; everything shown may differ, so all queries are refetched. */
export function useActFor() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (agencyId) => api.post('/api/auth/session/agency', { agencyId }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
