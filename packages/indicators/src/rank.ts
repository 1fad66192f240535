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
 * These are *raw* ranks, over every council's value, suppressed ones included: right only for a
 * reader who sees every council's figure. Shown to anyone else they would place a suppressed value
 * (ranks 5 and 7 visible at 10% and 12%: the missing rank 6 lies between). Anything that leaves the
 * API is re-ranked among the values the viewer sees, the raw rank serving as the order (see
 * @continuity/schema, disclosure/ranks.ts; `series` returns the whole field for it).
 *
 * Rank: RANK() among the period's councils that have a number, best first (highest value first
 * when higher is better, lowest first when lower is better), so ties share a rank. Neutral
 * indicators are not ranked. n, the number of ranked councils, is on every council row,
 * a suppressed one too; regions, England and practices have none of the three.
 *
 * Quartile = ceil(4 x rank / n), n the number of ranked councils. This is DfE LAIT's banding: with
 * n = 152, ranks 1-38 are quartile 1 (A), 39-76 quartile 2, 77-114 quartile 3, 115-152 quartile 4.
 * Tied councils share a rank, so they share a quartile. With n < 4 a quarter holds less than one
 * council and "quartile" means nothing, so it is null.
 *
 * One pass of window functions over the chosen rows, so callers filter rather than join back.
 */
export function rankedValues(filter: ValueFilter): SQL {
  // Uncorrelated scalar subqueries: PostgreSQL reads the indicator row once, not once per value.
  const polarity = sql`(SELECT i.polarity::text FROM indicators i WHERE i.id = ${filter.indicatorId})`;
  const scale = sql`(SELECT i.scale FROM indicators i WHERE i.id = ${filter.indicatorId})`;
  return sql`
    SELECT w.*,
      CASE WHEN w.n >= 4 THEN (4 * w.rank + w.n - 1) / w.n END AS quartile
    FROM (
      SELECT c.*, ${scale} AS scale,
        CASE WHEN c.ranked AND ${polarity} <> 'neutral' THEN (RANK() OVER (
          PARTITION BY c.period, c.ranked
          ORDER BY CASE WHEN ${polarity} = 'higher_better' THEN -c.value ELSE c.value END
        ))::int END AS rank,
        CASE WHEN c.subject_kind = 'council' THEN (COUNT(*) FILTER (WHERE c.ranked) OVER (PARTITION BY c.period))::int END AS n
      FROM (
        SELECT x.*, (x.subject_kind = 'council' AND x.value IS NOT NULL) AS ranked
        FROM (${chosenValues(filter)}) x
      ) c
    ) w`;
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
