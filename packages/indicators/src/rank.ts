import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { chosenValues, sqlArray, type ValueFilter } from './series-values';

/** A council's place among all councils for one indicator and period. */
export interface CouncilRank {
  councilCode: string;
  period: number;
  value: number;
  /** 1 = best; tied values share a rank (the next rank is skipped, as SQL RANK()). Null when the indicator is neutral. */
  rank: number | null;
  /** How many councils had a numeric value that period (symbols are not ranked). */
  rankOutOf: number;
  /** 1 = best quarter .. 4 = worst; null when neutral or fewer than 4 councils are ranked. */
  quartile: number | null;
}

/**
 * The chosen values (see `chosenValues`) of every subject, each with the indicator's scale and,
 * on council rows, its place among all councils that period. Columns: subject_kind, subject_id,
 * period, source, numerator, denominator, value, symbol, scale, ranked, rank, n, quartile.
 *
 * Ranks of published figures are final: DfE's table is public, so every viewer sees every
 * published council figure and gets these ranks. Ranks of computed figures are *raw*, over every
 * council's computed value, suppressed ones included: right only for a reader who sees every
 * council's figure. Shown to anyone else they would place a suppressed value (ranks 5 and 7
 * visible at 10% and 12%: the missing rank 6 lies between), so computed ranks leaving the API are
 * re-ranked among the values the viewer sees, the raw rank serving as the order (see
 * @continuity/schema, disclosure/ranks.ts; `series` returns the whole field for it).
 *
 * Rank: RANK() among the period's councils that have a number *from the same source*, best first
 * (highest value first when higher is better, lowest first when lower is better), so ties share a
 * rank. Published figures are ranked among the published table only: that is LAIT's method (DfE's
 * Local Authority Interactive Tool, `calculate_rank`: R's rank(values, ties.method = "min") over
 * the councils with a published value for that measure and year, regions and England left out),
 * so a published rank is what anyone computes from DfE's file, the same for every viewer.
 * Computed figures (no published twin) are ranked among the computed ones; those are re-ranked per
 * viewer after disclosure control. Neutral indicators are not ranked. n, the number of ranked
 * councils of the row's source, is on every council row, a suppressed one too; regions, England and
 * practices have none of the three.
 *
 * Quartile: LAIT's quartile banding (`calculate_quartile_band`): the 25%, 50% and 75% quantiles of
 * the ranked values (R's quantile(), type 7 = linear interpolation between order statistics, which
 * is PostgreSQL's percentile_cont), then
 *   lower is better:  value <= Q25 -> 1 (A), <= Q50 -> 2, <= Q75 -> 3, else 4 (D);
 *   higher is better: value <= Q25 -> 4 (D), <= Q50 -> 3, <= Q75 -> 2, else 1 (A).
 * (A value on a boundary goes to the lower band of values in both cases, as in LAIT.) Tied
 * councils have equal values, so they share a quartile. One deviation: with n < 4 "quartile"
 * means little and is null (LAIT would still band; no published table has fewer than 4 councils).
 * Computed figures are banded ceil(4 x rank / n), the rule disclosure/ranks.ts applies when it
 * re-ranks them per viewer, so a viewer who sees every computed figure gets these quartiles.
 *
 * One pass of window functions over the chosen rows plus one grouped pass for the quantiles, so
 * callers filter rather than join back.
 */
export function rankedValues(filter: ValueFilter): SQL {
  // Uncorrelated scalar subqueries: PostgreSQL reads the indicator row once, not once per value.
  const polarity = sql`(SELECT i.polarity::text FROM indicators i WHERE i.id = ${filter.indicatorId})`;
  const scale = sql`(SELECT i.scale FROM indicators i WHERE i.id = ${filter.indicatorId})`;
  return sql`
    WITH c AS (
      SELECT x.*, (x.subject_kind = 'council' AND x.value IS NOT NULL) AS ranked
      FROM (${chosenValues(filter)}) x
    ),
    w AS (
      SELECT c.*, ${scale} AS scale,
        CASE WHEN c.ranked AND ${polarity} <> 'neutral' THEN (RANK() OVER (
          PARTITION BY c.period, c.source, c.ranked
          ORDER BY CASE WHEN ${polarity} = 'higher_better' THEN -c.value ELSE c.value END
        ))::int END AS rank,
        CASE WHEN c.subject_kind = 'council' THEN (COUNT(*) FILTER (WHERE c.ranked) OVER (PARTITION BY c.period, c.source))::int END AS n
      FROM c
    ),
    q AS (
      SELECT c.period, c.source,
        percentile_cont(0.25) WITHIN GROUP (ORDER BY c.value) AS q1,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY c.value) AS q2,
        percentile_cont(0.75) WITHIN GROUP (ORDER BY c.value) AS q3
      FROM c WHERE c.ranked GROUP BY c.period, c.source
    )
    SELECT w.*,
      CASE WHEN w.rank IS NOT NULL AND w.n >= 4 THEN
        CASE WHEN w.source = 'computed' THEN (4 * w.rank + w.n - 1) / w.n
        WHEN ${polarity} = 'higher_better' THEN
          CASE WHEN w.value <= q.q1 THEN 4 WHEN w.value <= q.q2 THEN 3 WHEN w.value <= q.q3 THEN 2 ELSE 1 END
        ELSE
          CASE WHEN w.value <= q.q1 THEN 1 WHEN w.value <= q.q2 THEN 2 WHEN w.value <= q.q3 THEN 3 ELSE 4 END
        END
      END AS quartile
    FROM w LEFT JOIN q ON w.ranked AND q.period = w.period AND q.source = w.source`;
}

export interface RankFilter extends ValueFilter {
  /** Return only these councils' ranks (they are still ranked among all councils). */
  councils?: readonly string[] | null | undefined;
}

/**
 * Ranks and quartiles of councils for an indicator, one SQL statement. Ordered by period, then rank.
 * Raw ranks among every council (see `rankedValues`): not for a viewer who does not see every figure.
 */
export async function rankCouncils(database: Database, filter: RankFilter): Promise<CouncilRank[]> {
  const only = filter.councils ? sql`AND r.subject_id = ANY(${sqlArray(filter.councils, 'text')})` : sql``;
  const rows = await database.rows<{
    subject_id: string;
    period: number;
    value: number;
    rank: number | null;
    n: number;
    quartile: number | null;
  }>(sql`
    SELECT r.subject_id, r.period, r.value, r.rank, r.n, r.quartile
    FROM (${rankedValues(filter)}) r
    WHERE r.ranked ${only}
    ORDER BY r.period, r.rank NULLS LAST, r.value, r.subject_id`);
  return rows.map((r) => ({
    councilCode: r.subject_id,
    period: r.period,
    value: r.value,
    rank: r.rank,
    rankOutOf: r.n,
    quartile: r.quartile,
  }));
}
