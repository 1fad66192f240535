import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { sqlArrayInt } from './sql';

/** How many councils' returns a computed England or region figure pools, out of how many councils. */
export interface Coverage {
  councils: number;
  of: number;
}

/** `kind:id:period` of an England or region subject. */
export const coverageKey = (kind: string, id: string, period: number) => `${kind}:${id}:${period}`;

/**
 * Coverage of every computed England and region figure of an indicator in the given periods, one
 * statement. A computed aggregate is the sum of the computed council figures of that indicator and
 * year (@continuity/indicators compute/aggregate.ts), and a council has a computed figure only when
 * its return for the year was accepted, so `councils` counts those council figures (in the region,
 * for a region). `of` is the councils DfE's published table of the indicator lists (a row, a
 * symbol included) in that year, or in its latest published year before it (the current year, not
 * published yet: the latest table's councils), so England is e.g. "14 of 153" as DfE counts
 * councils. An indicator DfE does not publish: the councils that existed that year
 * (councils.first_period .. last_period, the year clamped to the span the reference data holds).
 */
export async function computedCoverage(
  database: Database,
  indicatorId: string,
  periods: readonly number[],
): Promise<Map<string, Coverage>> {
  if (periods.length === 0) return new Map();
  const rows = await database.rows<{ kind: string; id: string; period: number; councils: number; of: number }>(sql`
    WITH agg AS (
      SELECT v.subject_kind::text AS kind, v.subject_id AS id, v.period
      FROM indicator_values v
      WHERE v.indicator_id = ${indicatorId} AND v.source = 'computed' AND v.subject_kind IN ('england', 'region')
        AND v.period = ANY(${sqlArrayInt(periods)})
    ),
    pooled AS (
      SELECT v.period, c.region_code, count(*)::int AS n
      FROM indicator_values v JOIN councils c ON c.code = v.subject_id
      WHERE v.indicator_id = ${indicatorId} AND v.source = 'computed' AND v.subject_kind = 'council'
        AND v.period = ANY(${sqlArrayInt(periods)})
      GROUP BY v.period, c.region_code
    ),
    span AS (SELECT min(first_period) AS lo, max(last_period) AS hi FROM councils),
    era AS (
      SELECT a.*, LEAST(GREATEST(a.period, span.lo), span.hi) AS year FROM agg a, span
    )
    SELECT e.kind, e.id, e.period,
      COALESCE((SELECT sum(p.n) FROM pooled p
        WHERE p.period = e.period AND (e.kind = 'england' OR p.region_code = e.id)), 0)::int AS councils,
      COALESCE(
        NULLIF((SELECT count(*) FROM indicator_values pv JOIN councils c ON c.code = pv.subject_id
          WHERE pv.indicator_id = ${indicatorId} AND pv.source = 'published' AND pv.subject_kind = 'council'
            AND (e.kind = 'england' OR c.region_code = e.id)
            AND pv.period = (SELECT max(q.period) FROM indicator_values q
              WHERE q.indicator_id = ${indicatorId} AND q.source = 'published' AND q.subject_kind = 'council'
                AND q.period <= e.period)), 0),
        (SELECT count(*) FROM councils c
          WHERE (e.kind = 'england' OR c.region_code = e.id)
            AND (c.first_period IS NULL OR c.first_period <= e.year)
            AND (c.last_period IS NULL OR c.last_period >= e.year))
      )::int AS of
    FROM era e`);
  return new Map(
    rows.map((r) => [coverageKey(r.kind, r.id, Number(r.period)), { councils: Number(r.councils), of: Number(r.of) }]),
  );
}
