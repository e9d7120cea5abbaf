/**
 * Accent-insensitive search across what the caller may read: meetings (title, location), agenda items, papers
 * (title, reference, and the text of their latest version, page by page) and minutes. The set of readable
 * meetings is worked out in one query from the same rules as policy.ts: the office of the body's agency, the
 * participants, and the secretaries acting for participants. Restricted papers only for those they are meant
 * for; a classified paper's text is never searched (it has none: its content circulates on paper).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  containsText,
  rows,
  searchVector,
  toNumber,
  tsQuery,
  type Executor,
} from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { PAPER_ONLY, type Classification } from './model.js';
import type { CabinetActor } from './policy.js';
import { readableMeetings, uuidArray } from './readable.js';
import { InsightErrors } from './search.errors.js';

export const SEARCH_KINDS = ['meeting', 'agenda_item', 'paper', 'minutes'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_QUERY_MAX = 200;
export const SEARCH_LIMIT_MAX = 50;

/** A piece of a highlighted text: `hit` where the query matched. Rendered as text, never as HTML. */
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
  /** The first page (1-based) of the paper's latest version where the text matched. */
  page: number | null;
  /** Meeting, item or paper title; for minutes, the heading of the matching section. */
  title: Segment[];
  reference: string | null;
  classification: Classification | null;
  /** Classified: metadata only, its content is on paper. */
  paperOnly: boolean;
  /** Where in the text it matched (paper page, minutes section, meeting location). */
  snippet: Segment[] | null;
  rank: number;
}

export interface SearchResult {
  query: string;
  items: SearchHit[];
  counts: Record<SearchKind, number>;
}

// Marks of a match in ts_headline's output, taken out of the source text first so they cannot be forged.
const OPEN = '⟦';
const CLOSE = '⟧';
const SNIPPET = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;
const WHOLE = `StartSel=${OPEN}, StopSel=${CLOSE}, HighlightAll=true`;
const clean = (text: SQL) => sql`translate(${text}, ${OPEN + CLOSE}, '')`;

export function segments(marked: string | null): Segment[] | null {
  if (marked === null) return null;
  const out: Segment[] = [];
  const re = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');
  let last = 0;
  for (let m = re.exec(marked); m; m = re.exec(marked)) {
    if (m.index > last) out.push({ text: marked.slice(last, m.index), hit: false });
    out.push({ text: m[1] ?? '', hit: true });
    last = m.index + m[0].length;
  }
  if (last < marked.length) out.push({ text: marked.slice(last), hit: false });
  // A hit's neighbours split by a space only read better as one highlight.
  return out.reduce<Segment[]>((acc, s) => {
    const prev = acc[acc.length - 2];
    const gap = acc[acc.length - 1];
    if (s.hit && prev?.hit && gap && !gap.hit && /^\s+$/.test(gap.text)) {
      acc.splice(-2, 2, { text: prev.text + gap.text + s.text, hit: true });
    } else acc.push(s);
    return acc;
  }, []);
}

function words(query: string): string[] {
  return query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
}

interface MeetingRow {
  meeting_id: string;
  meeting_title: string;
  planned_start: Date | string;
}

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

function hit(
  kind: SearchKind,
  r: MeetingRow & { title_hl: string; rank: unknown },
  more: Partial<SearchHit> = {},
): SearchHit {
  return {
    kind,
    meetingId: r.meeting_id,
    meetingTitle: r.meeting_title,
    meetingStart: iso(r.planned_start),
    agendaItemId: null,
    paperId: null,
    page: null,
    title: segments(r.title_hl) ?? [],
    reference: null,
    classification: null,
    paperOnly: false,
    snippet: null,
    rank: toNumber(r.rank),
    ...more,
  };
}

export async function search(
  tx: Executor,
  actor: CabinetActor,
  at: Date,
  input: { q: string; limit?: number | undefined },
): Promise<SearchResult> {
  const query = input.q.normalize('NFC').trim();
  const ws = words(query);
  if (!query || query.length > SEARCH_QUERY_MAX || !ws.length)
    throw new AppError(InsightErrors.CABINET_SEARCH_QUERY_INVALID);
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 20), 1), SEARCH_LIMIT_MAX);
  const { cte, people } = await readableMeetings(tx, actor, at);
  const q = tsQuery(ws.join(' '));
  const paperOnly = sql.join(
    [...PAPER_ONLY].map((c) => sql`${c}`),
    sql`, `,
  );
  const visiblePaper = sql`(pa.restricted_to is null or r.prepare or pa.restricted_to && ${uuidArray(people)})`;

  const meetingVector = searchVector(sql`m.title`, sql`m.location`);
  const meetingRows = await rows<
    MeetingRow & { title_hl: string; location_hl: string | null; rank: unknown }
  >(
    tx,
    sql`with ${cte}
      select m.id as meeting_id, m.title as meeting_title, m.planned_start,
        ts_headline('vn', ${clean(sql`m.title`)}, ${q}, ${WHOLE}) as title_hl,
        case when to_tsvector('vn', coalesce(m.location, '')) @@ ${q}
          then ts_headline('vn', ${clean(sql`m.location`)}, ${q}, ${WHOLE}) end as location_hl,
        ts_rank(${meetingVector}, ${q}) as rank
      from cabinet_meetings m join readable r on r.meeting_id = m.id
      where ${meetingVector} @@ ${q}
      order by rank desc, m.planned_start desc limit ${limit}`,
  );

  const itemVector = searchVector(sql`ai.title`);
  const itemRows = await rows<
    MeetingRow & { id: string; title_hl: string; classification: string; rank: unknown }
  >(
    tx,
    sql`with ${cte}
      select ai.id, m.id as meeting_id, m.title as meeting_title, m.planned_start, ai.classification,
        ts_headline('vn', ${clean(sql`ai.title`)}, ${q}, ${WHOLE}) as title_hl,
        ts_rank(${itemVector}, ${q}) as rank
      from cabinet_agenda_items ai join readable r on r.meeting_id = ai.meeting_id
        join cabinet_meetings m on m.id = ai.meeting_id
      where ${itemVector} @@ ${q}
      order by rank desc, m.planned_start desc limit ${limit}`,
  );

  type PaperRow = MeetingRow & {
    id: string;
    agenda_item_id: string | null;
    title_hl: string;
    reference: string | null;
    classification: Classification;
    rank: unknown;
  };
  const paperVector = searchVector(sql`pa.title`, sql`pa.reference`);
  const paperRows = await rows<PaperRow>(
    tx,
    sql`with ${cte}
      select pa.id, pa.agenda_item_id, pa.reference, pa.classification,
        m.id as meeting_id, m.title as meeting_title, m.planned_start,
        ts_headline('vn', ${clean(sql`pa.title`)}, ${q}, ${WHOLE}) as title_hl,
        greatest(ts_rank(${paperVector}, ${q}), case when ${containsText(sql`pa.reference`, query)} then 1 else 0 end) as rank
      from cabinet_papers pa join readable r on r.meeting_id = pa.meeting_id
        join cabinet_meetings m on m.id = pa.meeting_id
      where ${visiblePaper} and (${paperVector} @@ ${q} or ${containsText(sql`pa.reference`, query)})
      order by rank desc, m.planned_start desc limit ${limit}`,
  );

  // The text of each visible, unclassified paper's latest version; the first matching page per paper.
  const textRows = await rows<PaperRow & { page: unknown; snippet: string }>(
    tx,
    sql`with ${cte}, found as (
        select distinct on (pa.id) pa.id, pa.agenda_item_id, pa.reference, pa.classification,
          m.id as meeting_id, m.title as meeting_title, m.planned_start,
          ts_headline('vn', ${clean(sql`pa.title`)}, ${q}, ${WHOLE}) as title_hl,
          pg.page, ts_headline('vn', ${clean(sql`pg.txt`)}, ${q}, ${SNIPPET}) as snippet,
          ts_rank(to_tsvector('vn', pg.txt), ${q}) as rank
        from cabinet_paper_texts pt
          join cabinet_paper_versions v on v.id = pt.version_id
          join cabinet_papers pa on pa.id = v.paper_id
          join readable r on r.meeting_id = pa.meeting_id
          join cabinet_meetings m on m.id = pa.meeting_id
          cross join lateral jsonb_array_elements_text(pt.pages) with ordinality as pg(txt, page)
        where to_tsvector('vn'::regconfig, cpdt_json_text(pt.pages)) @@ ${q}
          and to_tsvector('vn', pg.txt) @@ ${q}
          and pa.classification not in (${paperOnly})
          and ${visiblePaper}
          and v.version = (select max(v2.version) from cabinet_paper_versions v2 where v2.paper_id = pa.id)
        order by pa.id, pg.page
      )
      select * from found order by rank desc, planned_start desc limit ${limit}`,
  );

  const minutesRows = await rows<MeetingRow & { title_hl: string; snippet: string; rank: unknown }>(
    tx,
    sql`with ${cte}, found as (
        select distinct on (mi.meeting_id) mi.meeting_id, m.title as meeting_title, m.planned_start,
          ts_headline('vn', ${clean(sql`coalesce(s.sec->>'heading', '')`)}, ${q}, ${WHOLE}) as title_hl,
          ts_headline('vn', ${clean(sql`coalesce(s.sec->>'body', '')`)}, ${q}, ${SNIPPET}) as snippet,
          ts_rank(to_tsvector('vn', coalesce(s.sec->>'heading', '') || ' ' || coalesce(s.sec->>'body', '')), ${q}) as rank
        from cabinet_minutes mi
          join readable r on r.meeting_id = mi.meeting_id
          join cabinet_meetings m on m.id = mi.meeting_id
          cross join lateral jsonb_array_elements(mi.sections) with ordinality as s(sec, ord)
        where to_tsvector('vn'::regconfig, cpdt_json_text(mi.sections)) @@ ${q}
          and to_tsvector('vn', coalesce(s.sec->>'heading', '') || ' ' || coalesce(s.sec->>'body', '')) @@ ${q}
          and (mi.state = 'approved' or r.prepare)
        order by mi.meeting_id, s.ord
      )
      select * from found order by rank desc, planned_start desc limit ${limit}`,
  );

  const items: SearchHit[] = [
    ...meetingRows.map((r) => hit('meeting', r, { snippet: segments(r.location_hl) })),
    ...itemRows.map((r) =>
      hit('agenda_item', r, { agendaItemId: r.id, classification: r.classification as Classification }),
    ),
  ];
  // One hit per paper: its title and, when the text matched too, the page and the snippet.
  const papers = new Map<string, SearchHit>();
  const paperHit = (r: PaperRow) =>
    hit('paper', r, {
      agendaItemId: r.agenda_item_id,
      paperId: r.id,
      reference: r.reference,
      classification: r.classification,
      paperOnly: PAPER_ONLY.has(r.classification),
    });
  for (const r of paperRows) papers.set(r.id, paperHit(r));
  for (const r of textRows) {
    const text = { page: toNumber(r.page), snippet: segments(r.snippet) };
    const known = papers.get(r.id);
    if (known) Object.assign(known, text, { rank: known.rank + toNumber(r.rank) });
    else papers.set(r.id, { ...paperHit(r), ...text });
  }
  items.push(...papers.values());
  items.push(...minutesRows.map((r) => hit('minutes', r, { snippet: segments(r.snippet) })));
  items.sort((a, b) => b.rank - a.rank || b.meetingStart.localeCompare(a.meetingStart));
  const counts = { meeting: 0, agenda_item: 0, paper: 0, minutes: 0 };
  for (const i of items) counts[i.kind]++;
  return { query, items: items.slice(0, limit), counts };
}
