import { sql, type SQL } from 'drizzle-orm';
import { idList } from './scope';

/**
 * England ('E92000001') and region subjects, pooled from the computed council rows: the sum of the
 * councils' numerators over the sum of their denominators, never an average of rates. Only councils
 * with an accepted council-level return that year have council rows, so a computed England or region
 * figure covers the councils that submitted, not every council: compare it with DfE's published
 * figure with that in mind. Practice rows are not added in (a council's own return already holds the
 * children whose cases a practice holds). England and region rows carry no submission.
 */
export function aggregates(ids: readonly string[], fromYear: number, toYear: number): SQL {
  return sql`council_rows AS (
    SELECT d.indicator_id, d.period, d.numerator, d.denominator, c.region_code
    FROM indicator_values d JOIN councils c ON c.code = d.subject_id
    WHERE d.source = 'computed' AND d.subject_kind = 'council' AND d.indicator_id IN (${idList(ids)})
      AND d.period BETWEEN ${fromYear} AND ${toYear}
  ),
  computed AS (
    SELECT indicator_id, 'england' AS subject_kind, 'E92000001' AS subject_id, period, NULL::int AS submission_id,
      sum(numerator) AS numerator, sum(denominator) AS denominator
    FROM council_rows GROUP BY indicator_id, period
    UNION ALL
    SELECT indicator_id, 'region', region_code, period, NULL::int, sum(numerator), sum(denominator)
    FROM council_rows GROUP BY indicator_id, region_code, period
  )`;
}

export const AGGREGATE_SUBJECTS = sql`d.subject_kind IN ('england', 'region')`;
