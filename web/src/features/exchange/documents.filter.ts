import { useSearchParams } from 'react-router';
import { DIRECTIONS, STATES_BY_DIRECTION, type DocumentFilter } from './exchange.api.js';

/** The documents page's tabs: the two directions, and the statistics. */
export type DocumentsTab = DocumentFilter['direction'] | 'stats';

/**
 * What the documents page shows, kept in the address (?tab=&state=&agency=&q=&page=) so that a view can be
 * shared, survives a reload, and the back button from a document returns to the same page of the list.
 */
export interface DocumentsPageState {
  tab: DocumentsTab;
  filter: DocumentFilter;
}

const pageFrom = (value: string | null): number => {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
};

export function useDocumentsPageState(): {
  state: DocumentsPageState;
  setTab: (tab: DocumentsTab) => void;
  setFilter: (next: DocumentFilter) => void;
} {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: DocumentsTab =
    tabParam === 'stats' ? 'stats' : (DIRECTIONS.find((d) => d === tabParam) ?? 'inbound');
  const direction = tab === 'stats' ? 'inbound' : tab;
  const state: DocumentsPageState = {
    tab,
    filter: {
      direction,
      // A state of the other direction (an edited address) is dropped rather than sent.
      state: STATES_BY_DIRECTION[direction].find((s) => s === params.get('state')) ?? null,
      agency: params.get('agency') || null,
      q: params.get('q') ?? '',
      page: pageFrom(params.get('page')),
    },
  };
  const write = (next: DocumentsPageState) => {
    const search = new URLSearchParams();
    if (next.tab !== 'inbound') search.set('tab', next.tab);
    if (next.filter.state) search.set('state', next.filter.state);
    if (next.filter.agency) search.set('agency', next.filter.agency);
    if (next.filter.q) search.set('q', next.filter.q);
    if (next.filter.page > 1) search.set('page', String(next.filter.page));
    setParams(search, { replace: true });
  };
  return {
    state,
    // A new tab starts on page 1 with no state filter (states differ by direction); agency and text stay.
    setTab: (next) =>
      write({
        tab: next,
        filter: {
          ...state.filter,
          direction: next === 'stats' ? 'inbound' : next,
          state: null,
          page: 1,
        },
      }),
    setFilter: (filter) => write({ ...state, filter }),
  };
}
