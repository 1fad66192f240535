import { sql } from 'drizzle-orm';
import type { Db } from '@continuity/db';
import type { PublishedValue } from './build';

/**
 * Rows per statement. Each chunk travels as one JSON parameter expanded by jsonb_to_recordset: one
 * set-based INSERT per chunk, ~3x faster on PGlite than binding ten parameters per row.
 */
const CHUNK_ROWS = 5000;

/**
 * Upserts published values on `indicator_values_key` (source 'published'), all chunks in one
 * transaction. Only rows whose figures differ are rewritten, so loading the same files again changes
 * nothing (not even loaded_at). Returns how many rows were inserted or changed.
 */
export async function upsertPublishedValues(db: Db, values: readonly PublishedValue[]): Promise<number> {
  return db.transaction(async (tx) => {
    let written = 0;
    for (let start = 0; start < values.length; start += CHUNK_ROWS) {
      const chunk = JSON.stringify(values.slice(start, start + CHUNK_ROWS));
      const result = await tx.execute(sql`
        insert into indicator_values as v (indicator_id, subject_kind, subject_id, period, source,
          numerator, denominator, value, symbol, numerator_symbol, denominator_symbol)
        select "indicatorId", "subjectKind", "subjectId", period, 'published',
          numerator, denominator, value, symbol, "numeratorSymbol", "denominatorSymbol"
        from jsonb_to_recordset(${chunk}::jsonb) as t("indicatorId" text, "subjectKind" subject_kind,
          "subjectId" text, period integer, numerator double precision, denominator double precision,
          value double precision, symbol text, "numeratorSymbol" text, "denominatorSymbol" text)
        on conflict (indicator_id, subject_kind, subject_id, period, source) do update set
          numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,
          symbol = excluded.symbol, numerator_symbol = excluded.numerator_symbol,
          denominator_symbol = excluded.denominator_symbol, loaded_at = now()
        where (v.numerator, v.denominator, v.value, v.symbol, v.numerator_symbol, v.denominator_symbol)
          is distinct from (excluded.numerator, excluded.denominator, excluded.value, excluded.symbol,
            excluded.numerator_symbol, excluded.denominator_symbol)
        returning 1`);
      written += rowCount(result);
    }
    return written;
  });
}

// postgres.js returns the rows as an array; PGlite returns { rows }.
function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return (result as { rows: unknown[] }).rows.length;
}
