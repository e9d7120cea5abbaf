import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api, type ApiError } from '../../api/client.js';
import type { MfaSummary, SessionInfo } from '../../api/types.js';
import { SESSION_KEY } from './session.js';

export const MFA_KEY = ['mfa'] as const;
export const SESSIONS_KEY = ['sessions'] as const;

export function useMfaSummary(enabled = true) {
  return useQuery({
    queryKey: MFA_KEY,
    queryFn: () => api.get<MfaSummary>('/api/auth/mfa'),
    enabled,
  });
}

/** After any change to factors or the session, what the app knows about both is stale. */
export function useRefreshIdentity() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
      queryClient.invalidateQueries({ queryKey: MFA_KEY }),
      queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
    ]);
}

export interface TotpSetup {
  secret: string;
  uri: string;
  qrSvg: string;
}

export function useStartTotp() {
  return useMutation<TotpSetup, ApiError>({
    mutationFn: () => api.post<TotpSetup>('/api/auth/mfa/totp/setup'),
  });
}

/** Not refreshing the session here: the recovery codes must be seen before an enrolment page moves on. */
export function useConfirmTotp() {
  return useMutation<{ recoveryCodes: string[] }, ApiError, string>({
    mutationFn: (code) => api.post('/api/auth/mfa/totp/confirm', { code }),
  });
}

export function useRemoveTotp() {
  const refresh = useRefreshIdentity();
  return useMutation<void, ApiError>({
    mutationFn: () => api.delete('/api/auth/mfa/totp'),
    onSuccess: () => void refresh(),
  });
}

export function useVerifySecondFactor() {
  const refresh = useRefreshIdentity();
  return useMutation<void, ApiError, { code: string } | { recoveryCode: string }>({
    mutationFn: (body) => api.post('/api/auth/mfa/verify', body),
    onSuccess: () => void refresh(),
  });
}

export function useRegenerateRecoveryCodes() {
  const refresh = useRefreshIdentity();
  return useMutation<{ recoveryCodes: string[] }, ApiError>({
    mutationFn: () => api.post('/api/auth/mfa/recovery-codes'),
    onSuccess: () => void refresh(),
  });
}

interface Ceremony<T> {
  challengeId: string;
  options: T;
}

/** Registers a passkey on this device: the server's options, the browser's ceremony, the server's check. */
export function useRegisterPasskey() {
  const refresh = useRefreshIdentity();
  return useMutation<{ id: string }, Error, string>({
    mutationFn: async (name) => {
      const { challengeId, options } = await api.post<Ceremony<PublicKeyCredentialCreationOptionsJSON>>(
        '/api/auth/passkeys/register/options',
      );
      const response = await startRegistration({ optionsJSON: options });
      return api.post<{ id: string }>('/api/auth/passkeys/register', { challengeId, name, response });
    },
    onSuccess: () => void refresh(),
  });
}

/** Signs in with a passkey: passwordless from nothing, or as the second step of a pending session. */
export function usePasskeySignIn() {
  const refresh = useRefreshIdentity();
  return useMutation<unknown, Error>({
    mutationFn: async () => {
      const { challengeId, options } = await api.post<Ceremony<PublicKeyCredentialRequestOptionsJSON>>(
        '/api/auth/passkeys/authenticate/options',
      );
      const response = await startAuthentication({ optionsJSON: options });
      return api.post('/api/auth/passkeys/authenticate', { challengeId, response });
    },
    onSuccess: () => void refresh(),
  });
}

export function useRemovePasskey() {
  const refresh = useRefreshIdentity();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => api.delete(`/api/auth/passkeys/${id}`),
    onSuccess: () => void refresh(),
  });
}

export function useMySessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: () => api.get<SessionInfo[]>('/api/auth/sessions') });
}

export function useRevokeSession() {
  const refresh = useRefreshIdentity();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => api.delete(`/api/auth/sessions/${id}`),
    onSuccess: () => void refresh(),
  });
}

export function useRevokeOtherSessions() {
  const refresh = useRefreshIdentity();
  return useMutation<{ revoked: number }, ApiError>({
    mutationFn: () => api.post('/api/auth/sessions/revoke-others'),
    onSuccess: () => void refresh(),
  });
}

/**
 * Passkeys need WebAuthn (every current browser; not some embedded web views) and a site reached by name:
 * WebAuthn refuses an IP address such as 127.0.0.1 (use localhost).
 */
export function passkeysSupported(): boolean {
  if (typeof window === 'undefined' || typeof window.PublicKeyCredential !== 'function') return false;
  const host = window.location.hostname;
  return !/^[0-9.]+$/.test(host) && !host.includes(':') && !host.startsWith('[');
}
