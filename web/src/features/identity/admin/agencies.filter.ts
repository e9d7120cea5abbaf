import { useSearchParams } from 'react-router';
import { AGENCY_LEVELS, type AgencyFilter } from './agencies.api.js';

/**
 * What the page shows, kept in the address (?q=&level=&status=&page=&agency=) so that a view can be shared
 * and survives a reload.
 */
export interface AgencyPageState {
  filter: AgencyFilter;
  /** The agency whose details are open. */
  openId: string | null;
}

const pagesFrom = (value: string | null): number => {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
};

export function useAgencyPageState(): {
  state: AgencyPageState;
  setFilter: (next: AgencyFilter) => void;
  open: (id: string | null) => void;
} {
  const [params, setParams] = useSearchParams();
  const state: AgencyPageState = {
    filter: {
      q: params.get('q') ?? '',
      level: AGENCY_LEVELS.find((l) => l === params.get('level')) ?? null,
      includeRetired: params.get('status') === 'all',
      page: pagesFrom(params.get('page')),
    },
    openId: params.get('agency'),
  };
  const write = (next: AgencyPageState) => {
    const search = new URLSearchParams();
    if (next.filter.q) search.set('q', next.filter.q);
    if (next.filter.level) search.set('level', next.filter.level);
    if (next.filter.includeRetired) search.set('status', 'all');
    if (next.filter.page > 1) search.set('page', String(next.filter.page));
    if (next.openId) search.set('agency', next.openId);
    setParams(search, { replace: true });
  };
  return {
    state,
    setFilter: (filter) => write({ ...state, filter }),
    open: (openId) => write({ ...state, openId }),
  };
}
