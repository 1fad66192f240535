/**
 * LAIT's core table (issue 16): every council for one indicator and year, from DfE's published
 * figures only (public, so the same table for every viewer): value, rank and quartile band (LAIT's
 * method, rank.ts), last year's and the year before's values (change and trend), the council's
 * statistical neighbours (latest model, in order) and their median. One SQL statement.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { rankedValues } from './rank';
import { ENGLAND_CODE } from './series';

export interface CouncilTableRow {
  code: string;
  name: string;
  regionCode: string;
  /** The council's last reporting year in DfE's tables (null: not recorded). */
  lastPeriod: number | null;
  /** Its last year is before the latest any council has: a council since reorganised away. */
  former: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  rank: number | null;
  rankOutOf: number | null;
  quartile: number | null;
  /** Published values a year and two years before; null when not published (or suppressed). */
  previous: number | null;
  twoBefore: number | null;
  /** Statistical neighbours (latest model), closest first. */
  neighbours: string[];
  /** Median of the neighbours' published values this year (type 7), over those with a value; null when none has. */
  neighbourMedian: number | null;
  neighboursWithValue: number;
}

export interface CouncilTable {
  period: number;
  england: { value: number | null; numerator: number | null; denominator: number | null; symbol: string | null } | null;
  rows: CouncilTableRow[];
}

/**
 * Councils listed: those with a published row that year (a value or a symbol), and those in being
 * that year (first_period .. last_period) without one, so a missing council is seen as missing.
 */
export async function councilTable(database: Database, indicatorId: string, period: number): Promise<CouncilTable> {
  const rows = await database.rows<{
    kind: string;
    code: string;
    name: string | null;
    region_code: string | null;
    last_period: number | null;
    former: boolean | null;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    symbol: string | null;
    rank: number | null;
    n: number | null;
    quartile: number | null;
    previous: number | null;
    two_before: number | null;
    neighbours: string[] | null;
    neighbour_median: number | null;
    neighbours_with_value: number | null;
  }>(sql`
    WITH r AS (${rankedValues({ indicatorId, source: 'published', fromPeriod: period - 2, toPeriod: period })}),
    cur AS (SELECT * FROM r WHERE r.subject_kind = 'council' AND r.period = ${period}),
    sn AS (
      SELECT s.council_code, s.neighbour_code, s.position FROM statistical_neighbours s
      WHERE s.model = (SELECT max(m.model) FROM statistical_neighbours m WHERE m.council_code = s.council_code)
    ),
    nb AS (
      SELECT sn.council_code,
        array_agg(sn.neighbour_code ORDER BY sn.position) AS neighbours,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY cur.value) FILTER (WHERE cur.value IS NOT NULL) AS neighbour_median,
        count(cur.value)::int AS neighbours_with_value
      FROM sn LEFT JOIN cur ON cur.subject_id = sn.neighbour_code
      GROUP BY sn.council_code
    )
    SELECT 'council' AS kind, c.code, c.name, c.region_code, c.last_period,
      COALESCE(c.last_period < (SELECT max(x.last_period) FROM councils x), false) AS former,
      cur.value, cur.numerator, cur.denominator, cur.symbol, cur.rank, cur.n, cur.quartile,
      p1.value AS previous, p2.value AS two_before,
      nb.neighbours, nb.neighbour_median, nb.neighbours_with_value
    FROM councils c
    LEFT JOIN cur ON cur.subject_id = c.code
    LEFT JOIN r p1 ON p1.subject_kind = 'council' AND p1.subject_id = c.code AND p1.period = ${period - 1}
    LEFT JOIN r p2 ON p2.subject_kind = 'council' AND p2.subject_id = c.code AND p2.period = ${period - 2}
    LEFT JOIN nb ON nb.council_code = c.code
    WHERE cur.subject_id IS NOT NULL
      OR ((c.first_period IS NULL OR c.first_period <= ${period}) AND (c.last_period IS NULL OR c.last_period >= ${period}))
    UNION ALL
    SELECT 'england', e.subject_id, NULL, NULL, NULL, NULL, e.value, e.numerator, e.denominator, e.symbol,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM r e WHERE e.subject_kind = 'england' AND e.subject_id = ${ENGLAND_CODE} AND e.period = ${period}
    ORDER BY 1, 11 NULLS LAST, 3`);
  const england = rows.find((r) => r.kind === 'england');
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    period,
    england: england
      ? {
          value: num(england.value),
          numerator: num(england.numerator),
          denominator: num(england.denominator),
          symbol: england.symbol,
        }
      : null,
    rows: rows
      .filter((r) => r.kind === 'council')
      .map((r) => ({
        code: r.code,
        name: r.name ?? r.code,
        regionCode: r.region_code ?? '',
        lastPeriod: r.last_period,
        former: r.former === true,
        value: num(r.value),
        numerator: num(r.numerator),
        denominator: num(r.denominator),
        symbol: r.symbol,
        rank: r.rank,
        rankOutOf: r.n,
        quartile: r.quartile,
        previous: num(r.previous),
        twoBefore: num(r.two_before),
        neighbours: r.neighbours ?? [],
        neighbourMedian: num(r.neighbour_median),
        neighboursWithValue: r.neighbours_with_value ?? 0,
      })),
  };
}
