import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';

/** One computed council figure beside DfE's published figure for the same indicator and year. */
export interface ReconciliationPair {
  indicatorId: string;
  period: number;
  computed: { numerator: number | null; denominator: number | null; value: number | null; symbol: string | null };
  /** Null when DfE has no row for the council and year. */
  published: {
    numerator: number | null;
    denominator: number | null;
    value: number | null;
    symbol: string | null;
  } | null;
}

/**
 * Every computed figure of one council (every indicator, every year), each with its published twin
 * if any: one statement, a self-join on the unique key of indicator_values.
 */
export async function reconciliationPairs(database: Database, councilCode: string): Promise<ReconciliationPair[]> {
  const rows = await database.rows<{
    indicator_id: string;
    period: number;
    numerator: number | null;
    denominator: number | null;
    value: number | null;
    symbol: string | null;
    has_published: boolean;
    p_numerator: number | null;
    p_denominator: number | null;
    p_value: number | null;
    p_symbol: string | null;
  }>(sql`
    SELECT v.indicator_id, v.period, v.numerator, v.denominator, v.value, v.symbol,
      p.indicator_id IS NOT NULL AS has_published,
      p.numerator AS p_numerator, p.denominator AS p_denominator, p.value AS p_value, p.symbol AS p_symbol
    FROM indicator_values v
    LEFT JOIN indicator_values p
      ON p.indicator_id = v.indicator_id AND p.subject_kind = v.subject_kind AND p.subject_id = v.subject_id
      AND p.period = v.period AND p.source = 'published'
    WHERE v.source = 'computed' AND v.subject_kind = 'council' AND v.subject_id = ${councilCode}
    ORDER BY v.indicator_id, v.period`);
  return rows.map((r) => ({
    indicatorId: r.indicator_id,
    period: Number(r.period),
    computed: { numerator: r.numerator, denominator: r.denominator, value: r.value, symbol: r.symbol },
    published: r.has_published
      ? { numerator: r.p_numerator, denominator: r.p_denominator, value: r.p_value, symbol: r.p_symbol }
      : null,
  }));
}
