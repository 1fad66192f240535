import { sql, type SQL } from 'drizzle-orm';

/** `ARRAY[...]::int[]`, valid even when empty. */
export function sqlArrayInt(values: readonly number[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::int[]`;
}

/** `ARRAY[...]::text[]`, valid even when empty. */
export function sqlArrayText(values: readonly string[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}
