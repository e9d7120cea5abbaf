import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type ApiError } from '../../../api/client.js';

/** Shapes of the roles API (src/modules/identity/roles.routes.ts). */
export interface Role {
  code: string;
  nameVi: string;
  nameEn: string;
  permissions: string[];
  requiresMfa: boolean;
  builtin: boolean;
  holders: number;
}

export interface PermissionInfo {
  name: string;
  area: string;
  vi: string;
  en: string;
}

export interface RoleInput {
  nameVi: string;
  nameEn: string;
  permissions: string[];
  requiresMfa: boolean;
}

const ROLES_KEY = ['roles'] as const;

export function useRoles() {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: ({ signal }) => api.get<{ items: Role[] }>('/api/admin/roles', undefined, signal),
    staleTime: 30_000,
  });
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: ['permissions'],
    queryFn: ({ signal }) =>
      api.get<{ items: PermissionInfo[] }>('/api/admin/permissions', undefined, signal),
    staleTime: Infinity,
  });
}

function useRolesMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation<R, ApiError, V>({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROLES_KEY }),
  });
}

const roleUrl = (code: string) => `/api/admin/roles/${encodeURIComponent(code)}`;

export const useCreateRole = () =>
  useRolesMutation((body: RoleInput & { code: string }) => api.post<Role>('/api/admin/roles', body));

export const useUpdateRole = (code: string) =>
  useRolesMutation((body: Partial<RoleInput>) => apiRequest<Role>(roleUrl(code), { method: 'PATCH', body }));

export const useDeleteRole = () =>
  useRolesMutation((code: string) => apiRequest<void>(roleUrl(code), { method: 'DELETE' }));
