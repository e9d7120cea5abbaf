import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/index.js';

/** Our tables in dependency order (a table after every table it references), so a restore satisfies FKs. */
export async function tablesInDependencyOrder(db: Executor): Promise<string[]> {
  const tables = (
    await rows<{ name: string }>(
      db,
      sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'cpdt_migrations' order by 1`,
    )
  ).map((t) => t.name);
  const edges = await rows<{ child: string; parent: string }>(
    db,
    sql`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'`,
  );
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t) || path.has(t)) return; // a self-reference is inserted in one statement
    path.add(t);
    for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent, path);
    seen.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/** Columns fed by a sequence (serial / identity): their sequences are moved past restored values. */
export async function sequenceColumns(db: Executor): Promise<{ table: string; column: string }[]> {
  return rows(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`,
  );
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
