import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type ApiError } from '../../../api/client.js';

/** The registry of OIDC clients, as src/modules/identity/oidc-clients.routes.ts answers. */

export const OIDC_CLIENT_TYPES = ['confidential', 'public'] as const;
export type OidcClientType = (typeof OIDC_CLIENT_TYPES)[number];
/** What the form offers: the two sign-in kinds, and a machine (client credentials, e.g. a system on the hub). */
export const OIDC_CLIENT_KINDS = [...OIDC_CLIENT_TYPES, 'machine'] as const;
export type OidcClientKind = (typeof OIDC_CLIENT_KINDS)[number];

export interface OidcClient {
  clientId: string;
  name: string;
  agency: { id: string; code: string; nameVi: string } | null;
  type: OidcClientType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  /** Gets tokens for itself (client credentials); no person signs in, so it has no addresses. */
  machine: boolean;
  createdAt: string;
  disabledAt: string | null;
}

/** A secret is in the answer once, when it is issued; it is never fetched again. */
export interface IssuedSecret {
  client: OidcClient;
  clientSecret: string | null;
}

export interface NewOidcClient {
  name: string;
  agencyId?: string | null;
  type: OidcClientType;
  machine?: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
}

export interface OidcClientPatch {
  name?: string;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string | null;
  disabled?: boolean;
}

const KEY = ['oidc-clients'] as const;
const path = (clientId: string) => `/api/admin/oidc-clients/${encodeURIComponent(clientId)}`;

export function useOidcClients() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<{ items: OidcClient[] }>('/api/admin/oidc-clients', {}, signal),
  });
}

function useRegistryWrite<TBody, TResult>(send: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation<TResult, ApiError, TBody>({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export const useCreateOidcClient = () =>
  useRegistryWrite((body: NewOidcClient) => api.post<IssuedSecret>('/api/admin/oidc-clients', body));

export const useUpdateOidcClient = () =>
  useRegistryWrite(({ clientId, ...body }: OidcClientPatch & { clientId: string }) =>
    apiRequest<OidcClient>(path(clientId), { method: 'PATCH', body }),
  );

export const useRotateOidcSecret = () =>
  useRegistryWrite((clientId: string) => api.post<IssuedSecret>(`${path(clientId)}/secret`));

/** One address per line, blanks dropped: how the form's text areas become lists. */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
