import { sql, type SQL } from 'drizzle-orm';

/** `ARRAY[...]::int[]`, valid even when empty. */
export function sqlArrayInt(values: readonly number[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::int[]`;
}
