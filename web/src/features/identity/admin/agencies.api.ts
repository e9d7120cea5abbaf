import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type ApiError } from '../../../api/client.js';

/** The agency registry's answers, as src/modules/identity/agencies.routes.ts defines them. */

/** `district` exists only in history (abolished 1 July 2025). */
export const AGENCY_LEVELS = ['central', 'province', 'commune', 'district'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
export const SUCCESSION_KINDS = ['rename', 'merge', 'split'] as const;
export type SuccessionKind = (typeof SUCCESSION_KINDS)[number];

export interface Agency {
  id: string;
  code: string;
  codeStandard: boolean;
  nameVi: string;
  nameEn: string | null;
  shortName: string | null;
  parentId: string | null;
  level: AgencyLevel;
  adminUnitCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  retired: boolean;
  legalBasis: string | null;
  retiredBasis: string | null;
}

export interface AgencyRef {
  id: string;
  code: string;
  nameVi: string;
  validTo: string | null;
}

export interface Succession {
  predecessor: AgencyRef;
  successor: AgencyRef;
  kind: SuccessionKind;
  date: string;
  legalBasis: string | null;
}

export interface AgencyDetail extends Agency {
  parent: AgencyRef | null;
  predecessors: Succession[];
  successors: Succession[];
}

export interface AgencyResolution {
  code: string;
  requested: Agency;
  current: Agency[];
  path: Succession[];
}

export interface AgencyList {
  items: Agency[];
  total: number;
}

export interface AdminUnit {
  code: string;
  level: string;
  type: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  fullNameEn: string | null;
  provinceCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface AgencyFilter {
  q: string;
  level: AgencyLevel | null;
  includeRetired: boolean;
  page: number;
}

export const AGENCY_PAGE_SIZE = 25;
const AGENCIES_KEY = ['agencies'] as const;

export function useAgencies(filter: AgencyFilter) {
  return useQuery({
    queryKey: [...AGENCIES_KEY, 'list', filter],
    queryFn: ({ signal }) =>
      api.get<AgencyList>(
        '/api/agencies',
        {
          q: filter.q.trim(),
          level: filter.level,
          includeRetired: filter.includeRetired ? 'true' : null,
          limit: AGENCY_PAGE_SIZE,
          offset: (filter.page - 1) * AGENCY_PAGE_SIZE,
        },
        signal,
      ),
    placeholderData: keepPreviousData, // keep the rows (and the focused field) while the next page loads
  });
}

/** A few matches for a picker; nothing is fetched until something is typed or the list is opened. */
export function useAgencySearch(q: string, enabled: boolean, includeRetired = false) {
  return useQuery({
    queryKey: [...AGENCIES_KEY, 'search', q.trim(), includeRetired],
    queryFn: ({ signal }) =>
      api.get<AgencyList>(
        '/api/agencies',
        { q: q.trim(), includeRetired: includeRetired ? 'true' : null, limit: 20 },
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useAgency(id: string | null) {
  return useQuery({
    queryKey: [...AGENCIES_KEY, 'detail', id],
    queryFn: ({ signal }) =>
      api.get<AgencyDetail>(`/api/agencies/${encodeURIComponent(id ?? '')}`, {}, signal),
    enabled: id !== null,
  });
}

export function useResolveCode(code: string | null) {
  return useQuery({
    queryKey: [...AGENCIES_KEY, 'resolve', code],
    queryFn: ({ signal }) =>
      api.get<AgencyResolution>(`/api/agencies/resolve/${encodeURIComponent(code ?? '')}`, {}, signal),
    enabled: code !== null,
    retry: false, // an unknown code is an answer, not a hiccup
  });
}

export function useAdminUnitSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['admin-units', q.trim()],
    queryFn: ({ signal }) =>
      api.get<{ items: AdminUnit[] }>('/api/admin-units', { q: q.trim(), limit: 20 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** One unit by its exact code, current or historical (agencies of merged provinces keep their old unit). */
export function useAdminUnit(code: string | null): AdminUnit | null {
  const found = useQuery({
    queryKey: ['admin-units', 'code', code],
    queryFn: ({ signal }) =>
      api.get<{ items: AdminUnit[] }>(
        '/api/admin-units',
        { q: code ?? '', includeHistorical: 'true', limit: 50 },
        signal,
      ),
    enabled: code !== null,
    staleTime: Infinity, // the register changes with a law, not while a page is open
  });
  return found.data?.items.find((u) => u.code === code) ?? null;
}

export interface NewAgency {
  code: string;
  nameVi: string;
  nameEn?: string | null;
  shortName?: string | null;
  parentId?: string | null;
  level: AgencyLevel;
  adminUnitCode?: string | null;
  validFrom?: string | null;
  legalBasis?: string | null;
}

export interface AgencyRename {
  nameVi?: string;
  nameEn?: string | null;
  shortName?: string | null;
  code?: string;
  date?: string;
  legalBasis?: string | null;
}

export interface AgencyMerge {
  sourceIds: string[];
  targetId: string;
  date?: string;
  legalBasis?: string | null;
}

export interface AgencyRetire {
  date?: string;
  legalBasis?: string | null;
}

/** Every write changes lists, details and resolutions: refresh them all. */
function useRegistryWrite<TBody, TResult>(send: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation<TResult, ApiError, TBody>({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: AGENCIES_KEY }),
  });
}

export const useCreateAgency = () =>
  useRegistryWrite((body: NewAgency) => api.post<Agency>('/api/admin/agencies', body));

export const useRenameAgency = () =>
  useRegistryWrite(({ id, ...body }: AgencyRename & { id: string }) =>
    apiRequest<{ agency: Agency; previous: Agency | null }>(`/api/admin/agencies/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body,
    }),
  );

export const useMergeAgencies = () =>
  useRegistryWrite((body: AgencyMerge) =>
    api.post<{ agency: Agency; merged: Agency[] }>('/api/admin/agencies/merge', body),
  );

export const useRetireAgency = () =>
  useRegistryWrite(({ id, ...body }: AgencyRetire & { id: string }) =>
    api.post<Agency>(`/api/admin/agencies/${encodeURIComponent(id)}/retire`, body),
  );
