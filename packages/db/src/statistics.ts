import { sql } from 'drizzle-orm';
import type { Db } from './open';

/** Anything that runs SQL: the database or a transaction. */
type Executor = Pick<Db, 'execute'>;

/**
 * A table's planner statistics are stale when it was never analysed, or has grown by more than a fifth
 * (plus 8 pages, so small tables are not analysed at every insert) since ANALYZE last counted its pages.
 * `relpages` is what ANALYZE saw; `pg_relation_size` is the size now, this transaction's rows included.
 */
const STALE_GROWTH = 1.2;
const STALE_SLACK_PAGES = 8;

export function isStale(stats: { analysedPages: number; analysedRows: number; pages: number }): boolean {
  return stats.analysedRows < 0 || stats.pages > STALE_GROWTH * stats.analysedPages + STALE_SLACK_PAGES;
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : ((result as { rows?: Record<string, unknown>[] }).rows ?? []);
}

/**
 * ANALYZEs each named table whose statistics are stale (see isStale) and returns the ones it analysed.
 *
 * Why: a query planned on statistics from when a table was empty or a tenth of its size picks nested loops
 * over what are now hundreds of thousands of rows (measured: minutes instead of seconds for a national
 * recompute). PGlite has no autovacuum to refresh them, and on PostgreSQL autovacuum cannot see rows that
 * are not committed yet, such as the ones an import has just written in the transaction that recomputes.
 * Analysing only stale tables keeps a national load from sampling every table after every council
 * (1,569 ANALYZEs, about 90 s on PGlite). Inside a transaction ANALYZE sees its uncommitted rows; its lock
 * is held to commit and only conflicts with another ANALYZE or VACUUM of the same table.
 */
export async function analyzeIfStale(db: Executor, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  for (const t of tables) if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`not a table name: ${t}`);
  const result = await db.execute(sql`
    SELECT c.relname AS name, c.relpages::float8 AS analysed_pages, c.reltuples::float8 AS analysed_rows,
      (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8 AS pages
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r'
      AND c.relname IN (${sql.join(
        tables.map((t) => sql`${t}`),
        sql`, `,
      )})
    ORDER BY c.relname`);
  const stale = rowsOf(result)
    .filter((r) =>
      isStale({
        analysedPages: Number(r.analysed_pages),
        analysedRows: Number(r.analysed_rows),
        pages: Number(r.pages),
      }),
    )
    .map((r) => String(r.name));
  for (const t of stale) await db.execute(sql`ANALYZE ${sql.identifier(t)}`);
  return stale;
}
