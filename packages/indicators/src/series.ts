import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { rankedValues } from './rank';
import { sqlArray, type SubjectKind, type ValueFilter, type ValueSource } from './series-values';

/** The DfE / ONS code of England, the subject id of every england row. */
export const ENGLAND_CODE = 'E92000001';

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}

export interface SeriesPoint {
  period: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  source: ValueSource;
  /**
   * Councils only: raw place among all councils that period (`rankedValues`), suppressed values
   * included. Not for display: disclosure re-ranks among what the viewer sees (`councilValues`).
   */
  rank: number | null;
  rankOutOf: number | null;
  quartile: number | null;
}

export interface ComparatorPoint {
  period: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  /** England and region: the source of the chosen row. Neighbour averages: null (pooled). */
  source: ValueSource | null;
}

export interface SeriesLine {
  /** `name` is null when the subject does not exist. */
  subject: SubjectRef & { name: string | null };
  /** The council a comparison is anchored on: the council itself, or a practice's first council. */
  anchorCouncil: string | null;
  regionCode: string | null;
  /** The anchor's statistical neighbours (latest model) that the neighbour average pools over. */
  neighbours: string[];
  points: SeriesPoint[];
  region: ComparatorPoint[];
  neighbourAverage: ComparatorPoint[];
}

/** One council's chosen value, raw, as a member of the field a rank is taken in. */
interface CouncilValue {
  councilCode: string;
  period: number;
  source: ValueSource;
  numerator: number | null;
  denominator: number | null;
  value: number;
  symbol: string | null;
  /** Raw rank among all councils (`rankedValues`); null when the indicator is neutral. */
  rank: number | null;
}

export interface SeriesResult {
  indicatorId: string;
  /** Every period with a value for a line or for England, ascending. */
  periods: number[];
  lines: SeriesLine[];
  england: ComparatorPoint[];
  /**
   * The ranking field: every council with a number, in each period where a requested council has a
   * point, whether or not the request named it, ordered by period and raw rank. Disclosure control
   * re-ranks the requested councils among the members the viewer sees (`rankAmong`), so a rank
   * depends on the period's data and the viewer, never on the request.
   */
  councilValues: CouncilValue[];
}

export interface SeriesRequest extends Omit<ValueFilter, 'periods'> {
  subjects: readonly SubjectRef[];
}

/** `(VALUES (0, 'council', '886'), ...)` of the requested subjects, in request order. */
function subjectValues(subjects: readonly SubjectRef[]): SQL {
  if (subjects.length === 0) return sql`SELECT NULL::int AS ord, NULL::text AS kind, NULL::text AS id WHERE false`;
  return sql`SELECT * FROM (VALUES ${sql.join(
    subjects.map((s, i) => sql`(${i}::int, ${s.kind}::text, ${s.id}::text)`),
    sql`, `,
  )}) AS s(ord, kind, id)`;
}

interface SubjectRow {
  ord: number;
  kind: SubjectKind;
  id: string;
  name: string | null;
  anchor_council: string | null;
  region_code: string | null;
  /** The anchor's statistical neighbours in its latest SN model. */
  neighbours: string[] | null;
}

/**
 * Statement 1: each subject's name and what it is compared with. A council is its own anchor; a
 * practice is anchored on its first council (lowest DfE code) for region and neighbours; a practice's
 * part for a council (practice_part, `<practice>@<council>`) on that council, and named "practice
 * (council)" when the practice serves it. Regions
 * and England have no region or neighbour comparators. Neighbours are resolved here so statement 2
 * gets them as a VALUES list, whose size the planner knows (it then hash-joins the values).
 */
function resolveSubjects(database: Database, subjects: readonly SubjectRef[]): Promise<SubjectRow[]> {
  return database.rows<SubjectRow>(sql`
    WITH subj AS (${subjectValues(subjects)})
    SELECT s.ord, s.kind, s.id,
      CASE s.kind
        WHEN 'england' THEN CASE WHEN s.id = ${ENGLAND_CODE} THEN 'England' END
        WHEN 'region' THEN r.name
        WHEN 'council' THEN c.name
        WHEN 'practice' THEN p.name
        WHEN 'practice_part' THEN CASE WHEN pc.council_code IS NOT NULL THEN pp.name || ' (' || pcn.name || ')' END
      END AS name,
      a.code AS anchor_council, a.region_code, n.neighbours
    FROM subj s
    LEFT JOIN regions r ON s.kind = 'region' AND r.code = s.id
    LEFT JOIN councils c ON s.kind = 'council' AND c.code = s.id
    LEFT JOIN practices p ON s.kind = 'practice' AND p.id = s.id
    -- a part (practice@council) names a practice and a council it serves
    LEFT JOIN practice_councils pc ON s.kind = 'practice_part'
      AND pc.practice_id = split_part(s.id, '@', 1) AND pc.council_code = split_part(s.id, '@', 2)
    LEFT JOIN practices pp ON pp.id = pc.practice_id
    LEFT JOIN councils pcn ON pcn.code = pc.council_code
    LEFT JOIN LATERAL (
      SELECT ac.code, ac.region_code FROM councils ac
      WHERE (s.kind = 'council' AND ac.code = s.id)
         OR (s.kind = 'practice_part' AND ac.code = pc.council_code)
         OR (s.kind = 'practice' AND ac.code IN (
              SELECT pc.council_code FROM practice_councils pc WHERE pc.practice_id = s.id))
      ORDER BY ac.code
      LIMIT 1
    ) a ON true
    LEFT JOIN LATERAL (
      SELECT array_agg(sn.neighbour_code ORDER BY sn.position) AS neighbours
      FROM statistical_neighbours sn
      WHERE sn.council_code = a.code
        AND sn.model = (SELECT max(m.model) FROM statistical_neighbours m WHERE m.council_code = a.code)
    ) n ON true
    ORDER BY s.ord`);
}

interface ValueRow {
  role: 'point' | 'england' | 'region' | 'neighbours' | 'field';
  kind: string | null;
  /** Null on field rows. */
  key: string;
  period: number;
  source: ValueSource | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  symbol: string | null;
  rank: number | null;
  rank_out_of: number | null;
  quartile: number | null;
  /** field rows: [council, source, numerator, denominator, value, symbol, raw rank] of every member. */
  members: [string, ValueSource, number | null, number | null, number, string | null, number | null][] | null;
}

/**
 * Statement 2: every figure of the series in one pass, tagged by role:
 * - point: the subjects' own values, with council ranks among all councils;
 * - field: per period where a requested council has a point, every council with a number there and
 *   its raw rank (~155 a period), for re-ranking after disclosure: one row a period, the members as
 *   one JSON array (on PGlite parsing 2,325 rows for 15 years cost ~30 ms, the JSON ~6 ms);
 * - england: the england row;
 * - region: the region rows of the anchors' regions;
 * - neighbours: per anchor council, the pooled statistical-neighbour average
 *   = sum of neighbours' numerators / sum of their denominators x the indicator's scale, over the
 *   neighbours (latest SN model) that have both numbers that period. Pooled, not a mean of rates, so
 *   each neighbour weighs by its number of children; null when no neighbour has both.
 */
function readValues(
  database: Database,
  request: SeriesRequest,
  regionCodes: string[],
  neighbours: [anchor: string, neighbour: string][],
): Promise<ValueRow[]> {
  const filter: ValueFilter = {
    indicatorId: request.indicatorId,
    fromPeriod: request.fromPeriod,
    toPeriod: request.toPeriod,
    source: request.source,
    computedFor: request.computedFor,
  };
  const pairs =
    neighbours.length === 0
      ? sql`SELECT NULL::text AS anchor, NULL::text AS neighbour WHERE false`
      : sql`SELECT * FROM (VALUES ${sql.join(
          neighbours.map(([a, n]) => sql`(${a}::text, ${n}::text)`),
          sql`, `,
        )}) AS p(anchor, neighbour)`;
  const councils = request.subjects.flatMap((s) => (s.kind === 'council' ? [s.id] : []));
  return database.rows<ValueRow>(sql`
    WITH v AS (${rankedValues(filter)}),
    subj AS (${subjectValues(request.subjects)}),
    nb AS (${pairs})
    SELECT 'point' AS role, v.subject_kind AS kind, v.subject_id AS key, v.period, v.source,
      v.numerator, v.denominator, v.value, v.symbol, v.rank, v.n AS rank_out_of, v.quartile, NULL::json AS members
    FROM v
    WHERE (v.subject_kind, v.subject_id) IN (SELECT kind, id FROM subj)
    UNION ALL
    SELECT 'england', 'england', v.subject_id, v.period, v.source, v.numerator, v.denominator, v.value, v.symbol,
      NULL, NULL, NULL, NULL
    FROM v WHERE v.subject_kind = 'england'
    UNION ALL
    SELECT 'region', 'region', v.subject_id, v.period, v.source, v.numerator, v.denominator, v.value, v.symbol,
      NULL, NULL, NULL, NULL
    FROM v WHERE v.subject_kind = 'region' AND v.subject_id = ANY(${sqlArray(regionCodes, 'text')})
    UNION ALL
    SELECT 'neighbours', 'council', nb.anchor, c.period, NULL,
      sum(c.numerator) FILTER (WHERE c.pooled), sum(c.denominator) FILTER (WHERE c.pooled),
      -- scale first: counts times 100 stay exact, so 35 / 250 gives 14, not 14.000000000000002
      sum(c.numerator) FILTER (WHERE c.pooled) * max(c.scale) / NULLIF(sum(c.denominator) FILTER (WHERE c.pooled), 0),
      NULL, NULL, NULL, NULL, NULL
    FROM nb
    JOIN (
      SELECT v.*, (v.numerator IS NOT NULL AND v.denominator IS NOT NULL AND v.denominator > 0) AS pooled
      FROM v WHERE v.subject_kind = 'council'
    ) c ON c.subject_id = nb.neighbour
    GROUP BY nb.anchor, c.period
    UNION ALL
    SELECT 'field', 'council', NULL, f.period, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      json_agg(json_build_array(f.subject_id, f.source, f.numerator, f.denominator, f.value, f.symbol, f.rank)
        ORDER BY f.rank, f.subject_id)
    FROM (
      -- The periods wanted by a window, not a semi-join on v, which the planner may run as a rescan of
      -- v for each row of v without statistics (seconds for 155 councils x 15 years): one more sort.
      SELECT v.*, bool_or(v.subject_kind = 'council' AND v.subject_id = ANY(${sqlArray(councils, 'text')}))
        OVER (PARTITION BY v.period) AS wanted
      FROM v
    ) f
    WHERE f.wanted AND f.ranked
    GROUP BY f.period
    ORDER BY role, key, period`);
}

function comparator(row: ValueRow): ComparatorPoint {
  return {
    period: row.period,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    symbol: row.symbol,
    source: row.source,
  };
}

/** Appends to the list under `key`, creating it. */
function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * A chart's worth of one indicator: each subject's points, plus England, its region and its
 * statistical neighbours' pooled average. Two SQL statements whatever the number of subjects; the
 * JavaScript below only files rows under their line.
 */
export async function series(database: Database, request: SeriesRequest): Promise<SeriesResult> {
  const subjects = await resolveSubjects(database, request.subjects);
  const regionCodes = [...new Set(subjects.flatMap((s) => (s.region_code ? [s.region_code] : [])))];
  const neighboursOf = new Map<string, string[]>();
  for (const s of subjects) if (s.anchor_council && s.neighbours) neighboursOf.set(s.anchor_council, s.neighbours);
  const pairs = [...neighboursOf].flatMap(([anchor, list]) => list.map((n): [string, string] => [anchor, n]));
  const rows = await readValues(database, request, regionCodes, pairs);

  const points = new Map<string, SeriesPoint[]>();
  const regions = new Map<string, ComparatorPoint[]>();
  const neighbours = new Map<string, ComparatorPoint[]>();
  const england: ComparatorPoint[] = [];
  const councilValues: CouncilValue[] = [];
  const periods = new Set<number>();
  for (const row of rows) {
    if (row.role === 'field') {
      for (const [councilCode, source, numerator, denominator, value, symbol, rank] of row.members ?? []) {
        councilValues.push({ councilCode, period: row.period, source, numerator, denominator, value, symbol, rank });
      }
    } else if (row.role === 'point') {
      periods.add(row.period);
      push(points, `${row.kind}:${row.key}`, {
        period: row.period,
        value: row.value,
        numerator: row.numerator,
        denominator: row.denominator,
        symbol: row.symbol,
        source: row.source ?? 'published',
        rank: row.rank,
        rankOutOf: row.rank_out_of,
        quartile: row.quartile,
      });
    } else if (row.role === 'england') {
      periods.add(row.period);
      england.push(comparator(row));
    } else if (row.role === 'region') {
      push(regions, row.key, comparator(row));
    } else {
      push(neighbours, row.key, comparator(row));
    }
  }

  return {
    indicatorId: request.indicatorId,
    periods: [...periods].sort((a, b) => a - b),
    england,
    councilValues,
    lines: subjects.map((s) => ({
      subject: { kind: s.kind, id: s.id, name: s.name },
      anchorCouncil: s.anchor_council,
      regionCode: s.region_code,
      neighbours: s.neighbours ?? [],
      points: points.get(`${s.kind}:${s.id}`) ?? [],
      region: (s.region_code && regions.get(s.region_code)) || [],
      neighbourAverage: (s.anchor_council && neighbours.get(s.anchor_council)) || [],
    })),
  };
}
