import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';

/**
 * How big each council is, from the published DfE figures `@continuity/published` loads:
 *  - children: children looked after at 31 March, the denominator of the published `placements_3plus`
 *    (DfE table "Children looked after at 31 March ... with three or more placements");
 *  - workers: in-post FTE of children's social workers at 30 September, the denominator of the published
 *    `workforce_turnover`.
 * Each is taken for the year asked or, when that year's figure is missing or suppressed, the latest
 * earlier year that has one; null when the council has none at all.
 */
export interface CouncilSize {
  code: string;
  children: number | null;
  workers: number | null;
}

export const SIZE_INDICATORS = { children: 'placements_3plus', workers: 'workforce_turnover' } as const;

export async function publishedSizes(
  database: Database,
  options: { childrenYear: number; workersYear: number; councils?: readonly string[] },
): Promise<Map<string, CouncilSize>> {
  const only = options.councils
    ? sql`AND v.subject_id IN (${sql.join(
        options.councils.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await database.rows<{ code: string; indicator_id: string; denominator: number }>(sql`
    SELECT DISTINCT ON (v.subject_id, v.indicator_id) v.subject_id AS code, v.indicator_id, v.denominator
    FROM indicator_values v
    WHERE v.source = 'published' AND v.subject_kind = 'council' AND v.denominator IS NOT NULL AND v.denominator > 0
      AND ((v.indicator_id = ${SIZE_INDICATORS.children} AND v.period <= ${options.childrenYear})
        OR (v.indicator_id = ${SIZE_INDICATORS.workers} AND v.period <= ${options.workersYear}))
      ${only}
    ORDER BY v.subject_id, v.indicator_id, v.period DESC`);
  const out = new Map<string, CouncilSize>();
  for (const r of rows) {
    const size = out.get(r.code) ?? { code: r.code, children: null, workers: null };
    if (r.indicator_id === SIZE_INDICATORS.children) size.children = Number(r.denominator);
    else size.workers = Number(r.denominator);
    out.set(r.code, size);
  }
  return out;
}

/** The latest periods (most recent last) for which the published figures hold a value of an indicator. */
export async function publishedYears(database: Database, indicatorId: string, count: number): Promise<number[]> {
  const rows = await database.rows<{ period: number }>(sql`
    SELECT DISTINCT period FROM indicator_values
    WHERE source = 'published' AND indicator_id = ${indicatorId} AND subject_kind = 'council' AND denominator IS NOT NULL
    ORDER BY period DESC LIMIT ${count}`);
  return rows.map((r) => Number(r.period)).sort((a, b) => a - b);
}
