import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

/**
 * Vietnamese accent-insensitive search. The `vn` text-search configuration (migration 0000) maps words
 * through `unaccent`, so "chinh phu" matches "Chính phủ". `cpdt_unaccent` is an immutable wrapper usable
 * in indexes and in ILIKE filters on short fields (names, codes).
 */
export function searchVector(...columns: (AnyColumn | SQL)[]): SQL {
  const joined = sql.join(
    columns.map((c) => sql`coalesce(${c}, '')`),
    sql` || ' ' || `,
  );
  return sql`to_tsvector('vn', ${joined})`;
}

/** Full-text match: every word of the query, prefix-matching the last one as people type. */
export function matchesText(vector: SQL, query: string): SQL {
  return sql`${vector} @@ ${tsQuery(query)}`;
}

export function tsQuery(query: string): SQL {
  const words = query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return sql`''::tsquery`;
  const terms = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w));
  return sql`to_tsquery('vn', ${terms.map((t) => t.replace(/'/g, '')).join(' & ')})`;
}

/** Substring match on a short field, ignoring diacritics and case. */
export function containsText(column: AnyColumn | SQL, query: string): SQL {
  const pattern = `%${query.normalize('NFC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`cpdt_unaccent(${column}) ilike cpdt_unaccent(${pattern})`;
}

/** Lower case without diacritics ("Công văn" → "cong van"), for search columns filled by the application. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().normalize('NFC');
}
