/**
 * Facts for a statement, read from the one fact table (indicator_values) with set-based SQL:
 * three statements whatever the number of indicators (definitions, the council's neighbours, then
 * every figure and every group aggregate in one pass).
 *
 * Which figures:
 * - the practice's actual value for the period and its baseline: its *computed* figures (practices
 *   have no published ones; a practice serving several councils has one figure pooled over them);
 * - comparison groups (statistical neighbours of the contract's council, or named comparison
 *   councils): DfE's *published* council figures for the same period only. They are the official
 *   statistic both parties can check, and reading other councils' computed figures would show a
 *   council what it may not see. This is `chosenValues` with source 'published', read here by exact
 *   key for every indicator at once;
 * - neighbours: the contract council's list in the terms' SN model, or its latest model.
 * A figure with no value keeps its symbol; a missing row is `found: false`. Nothing becomes 0.
 * Pooled value and percentiles are worked out by SQL, as the series comparators are (series.ts):
 * pooled = sum of numerators x scale / sum of denominators over members with both (denominator > 0);
 * percentiles by percentile_cont over members with a value, null when fewer than 4 have one.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import { indicators, type Db } from '@continuity/db';
import type { Terms } from './terms';
import type { GroupFact, IndicatorFact, IndicatorFacts, StatementFacts, ValueFact } from './engine/types';

/** Anything that runs SQL: the database or a transaction. */
export type Executor = Pick<Db, 'execute' | 'select'>;

/** Rows of `execute`, whichever engine (postgres.js gives an array, PGlite `{ rows }`). */
export async function rowsOf<T>(executor: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export interface FactsRequest {
  councilCode: string;
  practiceId: string;
  period: number;
  terms: Terms;
}

export async function readDefinitions(executor: Executor, ids: readonly string[]): Promise<Map<string, IndicatorFact>> {
  if (ids.length === 0) return new Map();
  const rows = await executor
    .select()
    .from(indicators)
    .where(inArray(indicators.id, [...ids]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        area: r.area,
        unit: r.unit,
        polarity: r.polarity,
        numerator: r.numerator,
        denominator: r.denominator,
        source: r.source,
        method: r.method,
        periodType: r.periodType,
        decimals: r.decimals,
        scale: r.scale,
      },
    ]),
  );
}

/** The council's statistical neighbours by closeness in `model`, or in its latest model. */
export async function readNeighbours(
  executor: Executor,
  councilCode: string,
  model: string | undefined,
): Promise<{ model: string | null; codes: string[] }> {
  const rows = await rowsOf<{ model: string; neighbour_code: string }>(
    executor,
    sql`SELECT sn.model, sn.neighbour_code FROM statistical_neighbours sn
      WHERE sn.council_code = ${councilCode}
        AND sn.model = ${model === undefined ? sql`(SELECT max(m.model) FROM statistical_neighbours m WHERE m.council_code = ${councilCode})` : sql`${model}`}
      ORDER BY sn.position`,
  );
  return { model: rows[0]?.model ?? model ?? null, codes: rows.map((r) => r.neighbour_code) };
}

type Role = 'actual' | 'baseline' | 'group';

interface Ask {
  indicatorId: string;
  role: Role;
  subjectKind: 'council' | 'practice';
  subjectId: string;
  period: number;
  source: 'published' | 'computed';
}

interface FactRow {
  row_kind: 'value' | 'group';
  ord: number;
  indicator_id: string;
  role: Role;
  subject_kind: 'council' | 'practice';
  subject_id: string;
  period: number;
  source: 'published' | 'computed';
  found: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  numerator_symbol: string | null;
  denominator_symbol: string | null;
  submission_id: number | null;
  pooled_councils: number | null;
  valued: number | null;
  p0: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p100: number | null;
}

/**
 * One statement: each asked figure by exact key (left join, so a missing row comes back as
 * found = false), and per group the pooled value and the percentiles of its members.
 */
function factsQuery(asks: readonly Ask[]): SQL {
  const values = sql.join(
    asks.map(
      (a, i) =>
        sql`(${i}::int, ${a.indicatorId}::text, ${a.role}::text, ${a.subjectKind}::text, ${a.subjectId}::text, ${a.period}::int, ${a.source}::text)`,
    ),
    sql`, `,
  );
  return sql`
    WITH req(ord, indicator_id, role, subject_kind, subject_id, period, source) AS (VALUES ${values}),
    v AS (
      SELECT r.*, iv.id IS NOT NULL AS found, iv.value, iv.numerator, iv.denominator, iv.symbol,
        iv.numerator_symbol, iv.denominator_symbol, iv.submission_id,
        (iv.numerator IS NOT NULL AND iv.denominator IS NOT NULL AND iv.denominator > 0) AS pooled
      FROM req r
      LEFT JOIN indicator_values iv
        ON iv.indicator_id = r.indicator_id AND iv.subject_kind = r.subject_kind::subject_kind
        AND iv.subject_id = r.subject_id AND iv.period = r.period AND iv.source = r.source::value_source
    )
    SELECT 'value' AS row_kind, v.ord, v.indicator_id, v.role, v.subject_kind, v.subject_id, v.period, v.source,
      v.found, v.value, v.numerator, v.denominator, v.symbol, v.numerator_symbol, v.denominator_symbol,
      v.submission_id, NULL::int AS pooled_councils, NULL::int AS valued,
      NULL::float8 AS p0, NULL::float8 AS p25, NULL::float8 AS p50, NULL::float8 AS p75, NULL::float8 AS p100
    FROM v
    UNION ALL
    SELECT 'group', min(v.ord), v.indicator_id, v.role, 'council', '', min(v.period), 'published',
      true,
      -- scale first, as series.ts: counts x 100 stay exact
      sum(v.numerator) FILTER (WHERE v.pooled) * max(i.scale) / NULLIF(sum(v.denominator) FILTER (WHERE v.pooled), 0),
      sum(v.numerator) FILTER (WHERE v.pooled), sum(v.denominator) FILTER (WHERE v.pooled),
      NULL, NULL, NULL, NULL,
      (count(*) FILTER (WHERE v.pooled))::int, count(v.value)::int,
      percentile_cont(0) WITHIN GROUP (ORDER BY v.value),
      percentile_cont(0.25) WITHIN GROUP (ORDER BY v.value),
      percentile_cont(0.5) WITHIN GROUP (ORDER BY v.value),
      percentile_cont(0.75) WITHIN GROUP (ORDER BY v.value),
      percentile_cont(1) WITHIN GROUP (ORDER BY v.value)
    FROM v JOIN indicators i ON i.id = v.indicator_id
    WHERE v.role = 'group'
    GROUP BY v.indicator_id, v.role
    ORDER BY 2`;
}

function valueFact(r: FactRow): ValueFact {
  return {
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    period: r.period,
    source: r.source,
    found: r.found,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    symbol: r.symbol,
    numeratorSymbol: r.numerator_symbol,
    denominatorSymbol: r.denominator_symbol,
    submissionId: r.submission_id,
  };
}

/** Thrown when the terms name an indicator the catalogue does not hold. */
export class UnknownIndicatorError extends Error {
  constructor(readonly ids: string[]) {
    super(`Unknown indicator${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}`);
    this.name = 'UnknownIndicatorError';
  }
}

export async function readFacts(executor: Executor, request: FactsRequest): Promise<StatementFacts> {
  const { terms, period, practiceId, councilCode } = request;
  const ids = terms.indicators.map((t) => t.indicatorId);
  // rate-card indicators: only the practice's own figure (its numerator is the count paid for)
  const rateOnly = (terms.rateCard?.rates ?? []).map((r) => r.indicatorId).filter((id) => !ids.includes(id));
  ids.push(...rateOnly);
  const definitions = await readDefinitions(executor, ids);
  const unknown = ids.filter((id) => !definitions.has(id));
  if (unknown.length) throw new UnknownIndicatorError(unknown);

  const wantsNeighbours = terms.indicators.some((t) => t.target.type === 'neighbours');
  const neighbours = wantsNeighbours
    ? await readNeighbours(executor, councilCode, terms.neighbourModel)
    : { model: null, codes: [] };

  const asks: Ask[] = [];
  const membersOf = new Map<string, string[]>();
  for (const term of terms.indicators) {
    const indicatorId = term.indicatorId;
    asks.push({
      indicatorId,
      role: 'actual',
      subjectKind: 'practice',
      subjectId: practiceId,
      period,
      source: 'computed',
    });
    const { target } = term;
    if (target.type === 'improvement') {
      asks.push({
        indicatorId,
        role: 'baseline',
        subjectKind: 'practice',
        subjectId: practiceId,
        period: target.baselinePeriod,
        source: 'computed',
      });
    } else if (target.type === 'neighbours' || target.type === 'comparison') {
      const members = target.type === 'neighbours' ? neighbours.codes : target.councils;
      membersOf.set(indicatorId, members);
      for (const code of members)
        asks.push({ indicatorId, role: 'group', subjectKind: 'council', subjectId: code, period, source: 'published' });
    }
  }
  for (const indicatorId of rateOnly)
    asks.push({
      indicatorId,
      role: 'actual',
      subjectKind: 'practice',
      subjectId: practiceId,
      period,
      source: 'computed',
    });
  const rows = await rowsOf<FactRow>(executor, factsQuery(asks));

  const out: Record<string, IndicatorFacts> = {};
  const groupValues = new Map<string, ValueFact[]>();
  const groupRows = new Map<string, FactRow>();
  for (const id of rateOnly) out[id] = { definition: definitions.get(id)!, actual: undefined as unknown as ValueFact };
  for (const term of terms.indicators) {
    out[term.indicatorId] = {
      definition: definitions.get(term.indicatorId)!,
      actual: undefined as unknown as ValueFact,
    };
  }
  for (const r of rows) {
    const entry = out[r.indicator_id]!;
    if (r.row_kind === 'group') groupRows.set(r.indicator_id, r);
    else if (r.role === 'actual') entry.actual = valueFact(r);
    else if (r.role === 'baseline') entry.baseline = valueFact(r);
    else {
      const list = groupValues.get(r.indicator_id) ?? [];
      list.push(valueFact(r));
      groupValues.set(r.indicator_id, list);
    }
  }
  for (const term of terms.indicators) {
    const { target } = term;
    if (target.type !== 'neighbours' && target.type !== 'comparison') continue;
    const g = groupRows.get(term.indicatorId);
    const valued = g?.valued ?? 0;
    const group: GroupFact = {
      kind: target.type,
      councilCode: target.type === 'neighbours' ? councilCode : null,
      model: target.type === 'neighbours' ? neighbours.model : null,
      members: membersOf.get(term.indicatorId) ?? [],
      values: groupValues.get(term.indicatorId) ?? [],
      pooled: {
        numerator: g?.numerator ?? null,
        denominator: g?.denominator ?? null,
        value: g?.value ?? null,
        councils: g?.pooled_councils ?? 0,
      },
      percentiles:
        g && valued >= 4 ? { count: valued, p0: g.p0!, p25: g.p25!, p50: g.p50!, p75: g.p75!, p100: g.p100! } : null,
    };
    out[term.indicatorId]!.group = group;
  }
  return { practiceId, councilCode, period, indicators: out };
}
