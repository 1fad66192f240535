import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '@continuity/db';

/**
 * Simulates, for measurement only, the change proposed for importReturn's statistics step (src/import):
 * analyse a table just written only when its statistics are stale, instead of always (PGlite) or after
 * 5,000+ rows (PostgreSQL). Stale: never analysed, or grown by more than 20% (plus 8 pages) since the
 * statistics were taken, read from pg_class (relpages is what ANALYZE last saw) against the table's size
 * now. The wrapper sees importReturn's `ANALYZE <table>` statements through the transaction's `execute`
 * and applies the rule; every other statement passes through unchanged.
 *
 * It relies on the statement being drizzle's sql`ANALYZE ${sql.identifier(table)}`, as import.ts writes
 * it today; anything else goes through as is. Counters say what it did.
 */
export interface StaleAnalyzeStats {
  seen: number;
  run: number;
  milliseconds: number;
}

function analyzedTable(query: unknown): string | null {
  const chunks = (query as { queryChunks?: unknown[] } | null)?.queryChunks;
  if (!Array.isArray(chunks) || chunks.length < 2) return null;
  const head = (chunks[0] as { value?: unknown })?.value;
  const name = (chunks[1] as { value?: unknown })?.value;
  if (!Array.isArray(head) || head.join('').trim().toUpperCase() !== 'ANALYZE' || typeof name !== 'string') return null;
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : null;
}

export function withStaleAnalyze(database: Database): { database: Database; stats: StaleAnalyzeStats } {
  const stats: StaleAnalyzeStats = { seen: 0, run: 0, milliseconds: 0 };
  const wrapTx = (tx: Db): Db =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === 'execute') {
          return async (query: SQL) => {
            const table = analyzedTable(query);
            if (!table) return target.execute(query);
            stats.seen++;
            const started = performance.now();
            const [row] = (await target.execute(sql`
              SELECT c.relpages::float8 AS analysed_pages, c.reltuples::float8 AS analysed_rows,
                (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8 AS pages
              FROM pg_class c WHERE c.oid = ${`public.${table}`}::regclass`).then(rowsOf)) as {
              analysed_pages: number;
              analysed_rows: number;
              pages: number;
            }[];
            let result: unknown = undefined;
            if (!row || row.analysed_rows < 0 || row.pages > 1.2 * row.analysed_pages + 8) {
              stats.run++;
              result = await target.execute(query);
            }
            stats.milliseconds += performance.now() - started;
            return result;
          };
        }
        if (prop === 'transaction') {
          const inner = Reflect.get(target, prop, receiver) as Db['transaction'];
          return (fn: (tx: Db) => Promise<unknown>, config?: unknown) =>
            inner.call(target, (t) => fn(wrapTx(t as unknown as Db)) as never, config as never);
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  const db = new Proxy(database.db, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        const inner = Reflect.get(target, prop, receiver) as Db['transaction'];
        return (fn: (tx: Db) => Promise<unknown>, config?: unknown) =>
          inner.call(target, (t) => fn(wrapTx(t as unknown as Db)) as never, config as never);
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { database: { ...database, db }, stats };
}

/** drizzle's execute gives an array on postgres-js and `{ rows }` on PGlite. */
function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
}
