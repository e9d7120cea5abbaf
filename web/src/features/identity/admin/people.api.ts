import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, apiRequest, type ApiError } from '../../../api/client.js';

/** Shapes of the people API (src/modules/identity/people.schemas.ts). */
export const PERSON_KINDS = ['official', 'citizen', 'business'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export const GOVERNMENT_OFFICES = [
  'prime_minister',
  'deputy_prime_minister',
  'minister',
  'head_of_agency',
] as const;
export type GovernmentOffice = (typeof GOVERNMENT_OFFICES)[number];
export const OFFICES_WITH_AGENCY: readonly GovernmentOffice[] = ['minister', 'head_of_agency'];
export const REPRESENTATIVE_ROLES = ['legal', 'authorised'] as const;
export type RepresentativeRole = (typeof REPRESENTATIVE_ROLES)[number];

export interface AgencyBrief {
  id: string;
  code: string;
  nameVi: string;
}

export interface LockState {
  failedAttempts: number;
  lockedUntil: string | null;
  locked: boolean;
}

export interface PersonSummary {
  id: string;
  kind: PersonKind;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  agency: AgencyBrief | null;
  roles: string[];
  lock: LockState;
}

export interface PersonBrief {
  id: string;
  username: string;
  displayName: string;
}

export interface Delegation {
  id: string;
  principal: PersonBrief;
  delegate: PersonBrief;
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
  current: boolean;
}

export interface MemberTerm {
  id: string;
  office: GovernmentOffice;
  agency: AgencyBrief | null;
  titleVi: string;
  titleEn: string | null;
  validFrom: string;
  validTo: string | null;
  current: boolean;
}

export interface PersonDetail extends Omit<PersonSummary, 'roles'> {
  locale: string;
  personalId: string | null;
  birthDate: string | null;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
  posts: {
    agency: AgencyBrief & { validTo: string | null };
    position: string | null;
    positionEn: string | null;
    main: boolean;
  }[];
  roles: { code: string; nameVi: string; nameEn: string; requiresMfa: boolean }[];
  memberTerms: MemberTerm[];
  actsFor: Delegation[];
  delegates: Delegation[];
  businesses: {
    business: { id: string; enterpriseCode: string; name: string };
    role: RepresentativeRole;
    validFrom: string | null;
    validTo: string | null;
  }[];
  mfa: { totp: boolean; passkeys: number; recoveryCodesLeft: number; required: boolean };
}

export interface PeopleList {
  items: PersonSummary[];
  total: number;
}

export interface Lockout {
  person: PersonSummary;
  lockedUntil: string;
  failedAttempts: number;
}

export interface NewPerson {
  kind: PersonKind;
  username?: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  password?: string | null;
  roles?: string[];
  posts?: { agencyId: string; position?: string | null }[];
  personalId?: string | null;
  birthDate?: string | null;
  business?: { enterpriseCode: string; name?: string | null; role?: RepresentativeRole };
}

export interface PersonChange {
  username?: string;
  displayName?: string;
  email?: string | null;
  phone?: string | null;
  locale?: 'vi' | 'en';
  active?: boolean;
  password?: string | null;
  roles?: string[];
  mainAgencyId?: string;
  personalId?: string | null;
  birthDate?: string | null;
}

export interface PeopleFilter {
  q: string;
  kind: PersonKind | null;
  agency: string | null;
  locked: boolean;
  role: string | null;
  page: number;
}

export const PAGE_SIZE = 25;
const PEOPLE_KEY = 'people';

export function usePeople(filter: PeopleFilter) {
  return useQuery({
    queryKey: [PEOPLE_KEY, 'list', filter],
    queryFn: ({ signal }) =>
      api.get<PeopleList>(
        '/api/admin/people',
        {
          q: filter.q.trim() || undefined,
          kind: filter.kind,
          agency: filter.agency,
          role: filter.role,
          locked: filter.locked ? 'true' : undefined,
          limit: PAGE_SIZE,
          offset: (filter.page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Filters live in the address, so a filtered list can be shared and survives a reload. */
export function usePeopleFilter(): [PeopleFilter, (next: PeopleFilter) => void] {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page'));
  const filter: PeopleFilter = {
    q: params.get('q') ?? '',
    kind: PERSON_KINDS.find((k) => k === params.get('kind')) ?? null,
    agency: params.get('agency'),
    locked: params.get('locked') === 'true',
    role: params.get('role'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
  const setFilter = (next: PeopleFilter) => {
    const search = new URLSearchParams();
    if (next.q) search.set('q', next.q);
    if (next.kind) search.set('kind', next.kind);
    if (next.agency) search.set('agency', next.agency);
    if (next.locked) search.set('locked', 'true');
    if (next.role) search.set('role', next.role);
    if (next.page > 1) search.set('page', String(next.page));
    setParams(search, { replace: true });
  };
  return [filter, setFilter];
}

/** People found by a few typed letters, for pickers. */
export function usePeopleSearch(q: string, kind?: PersonKind) {
  return useQuery({
    queryKey: [PEOPLE_KEY, 'search', q, kind ?? null],
    queryFn: ({ signal }) =>
      api.get<PeopleList>('/api/admin/people', { q: q.trim() || undefined, kind, limit: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: [PEOPLE_KEY, 'detail', id],
    queryFn: ({ signal }) =>
      api.get<PersonDetail>(`/api/admin/people/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useLockouts() {
  return useQuery({
    queryKey: [PEOPLE_KEY, 'lockouts'],
    queryFn: ({ signal }) => api.get<{ items: Lockout[] }>('/api/admin/lockouts', undefined, signal),
  });
}

/** After any change: the person's page shows the answer, every list refetches. */
function usePeopleMutation<V, R = PersonDetail>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation<R, ApiError, V>({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [PEOPLE_KEY] });
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
    },
  });
}

const personUrl = (id: string, rest = '') => `/api/admin/people/${encodeURIComponent(id)}${rest}`;

export const useCreatePerson = () =>
  usePeopleMutation((body: NewPerson) => api.post<PersonDetail>('/api/admin/people', body));

export const useUpdatePerson = (id: string) =>
  usePeopleMutation((body: PersonChange) =>
    apiRequest<PersonDetail>(personUrl(id), { method: 'PATCH', body }),
  );

export type PersonAction = 'unlock' | 'reset-mfa' | 'revoke-sessions';

export const usePersonAction = () =>
  usePeopleMutation(({ id, action }: { id: string; action: PersonAction }) =>
    api.post<unknown>(personUrl(id, `/${action}`)),
  );

export const useAddPost = (id: string) =>
  usePeopleMutation(
    (body: { agencyId: string; position?: string | null; positionEn?: string | null; main?: boolean }) =>
      api.post<PersonDetail>(personUrl(id, '/posts'), body),
  );

export const useRemovePost = (id: string) =>
  usePeopleMutation((agencyId: string) =>
    apiRequest<PersonDetail>(personUrl(id, `/posts/${encodeURIComponent(agencyId)}`), { method: 'DELETE' }),
  );

export interface NewMemberTerm {
  office: GovernmentOffice;
  agencyId?: string | null;
  titleVi: string;
  titleEn?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export const useAddMemberTerm = (id: string) =>
  usePeopleMutation((body: NewMemberTerm) => api.post<PersonDetail>(personUrl(id, '/member-terms'), body));

export const useEndMemberTerm = (id: string) =>
  usePeopleMutation(({ termId, validTo }: { termId: string; validTo: string | null }) =>
    api.post<PersonDetail>(personUrl(id, `/member-terms/${encodeURIComponent(termId)}/end`), { validTo }),
  );

export const useCreateDelegation = () =>
  usePeopleMutation(
    (body: { principalId: string; delegateId: string; validFrom?: string | null; validTo?: string | null }) =>
      api.post<Delegation>('/api/admin/delegations', body),
  );

export const useRevokeDelegation = () =>
  usePeopleMutation((delegationId: string) =>
    api.post<Delegation>(`/api/admin/delegations/${encodeURIComponent(delegationId)}/revoke`),
  );

export interface AgencyOption {
  id: string;
  code: string;
  nameVi: string;
}

/** One agency by id, to name a filter that came in the address. */
export function useAgency(id: string | null) {
  return useQuery({
    queryKey: ['agencies', 'one', id],
    queryFn: ({ signal }) =>
      api.get<AgencyOption>(`/api/agencies/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: id !== null,
    staleTime: 300_000,
  });
}

/** Current agencies matching a few typed letters (name without diacritics, or the start of the code). */
export function useAgencySearch(q: string) {
  return useQuery({
    queryKey: ['agencies', 'search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: AgencyOption[] }>('/api/agencies', { q: q.trim() || undefined, limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
