import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.js';
import type { Classification } from '../cabinet.api.js';

/** Search and the dashboard as the server sends them (src/modules/cabinet/search.routes.ts). */
export type SearchKind = 'meeting' | 'agenda_item' | 'paper' | 'minutes';

/** A piece of highlighted text: `hit` where the words matched. Shown as text, never as HTML. */
export interface Segment {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  kind: SearchKind;
  meetingId: string;
  meetingTitle: string;
  meetingStart: string;
  agendaItemId: string | null;
  paperId: string | null;
  page: number | null;
  title: Segment[];
  reference: string | null;
  classification: Classification | null;
  paperOnly: boolean;
  snippet: Segment[] | null;
}

export interface SearchResult {
  query: string;
  items: SearchHit[];
  counts: Record<SearchKind, number>;
}

export interface MeetingFigures {
  held: number;
  timed: number;
  totalMinutes: number;
  averageMinutes: number | null;
}

export interface Dashboard {
  body: { id: string; code: string; nameVi: string; nameEn: string | null };
  period: { from: string; to: string };
  baselinePeriod: { from: string; to: string };
  meetings: MeetingFigures;
  baseline: MeetingFigures;
  items: {
    timed: number;
    averageRatio: number | null;
    over: number;
    list: {
      meetingId: string;
      meetingTitle: string;
      agendaItemId: string;
      title: string;
      plannedMinutes: number;
      spentMinutes: number;
    }[];
  };
  papers: { total: number; onTime: number; late: number; onTimeShare: number | null };
  tasks: {
    total: number;
    doneOnTime: number;
    doneLate: number;
    overdue: number;
    open: number;
    onTimeShare: number | null;
  };
  reduction: { percent: number | null; target: number; met: boolean | null };
}

export interface DashboardQuery {
  bodyId: string;
  from?: string;
  to?: string;
  baselineFrom?: string;
  baselineTo?: string;
}

const KEY = 'cabinet';

export function useSearch(q: string) {
  return useQuery({
    queryKey: [KEY, 'search', q],
    queryFn: ({ signal }) => api.get<SearchResult>('/api/cabinet/search', { q, limit: 50 }, signal),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useDashboard(query: DashboardQuery | null) {
  return useQuery({
    queryKey: [KEY, 'dashboard', query],
    queryFn: ({ signal }) => api.get<Dashboard>('/api/cabinet/dashboard', { ...query }, signal),
    enabled: query !== null,
  });
}
