import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The `set` of an upsert that overwrites these columns with the row that was proposed:
 * `.onConflictDoUpdate({ target: councils.code, set: updateFromExcluded(councils, ['name', 'regionCode']) })`.
 * Columns are named by their drizzle keys, so the SQL names (`excluded.region_code`) cannot drift.
 */
export function updateFromExcluded<T extends PgTable, K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
): Record<K, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql`excluded.${sql.identifier(columns[key]!.name)}`])) as Record<
    K,
    SQL
  >;
}
