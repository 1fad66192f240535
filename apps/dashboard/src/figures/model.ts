/**
 * One figure (an indicator over time for some lines) as chart rows, table rows and CSV rows.
 * Every journey builds a list of FigureLine from the API's series (subjects, their region and
 * statistical-neighbour comparators, England, peers) and hands it here, so every chart has the same
 * table, symbols, sources and download. Pure: unit tested in node.
 */
import { formatCell, formatRank, periodLabel, SYMBOL_ORDER, type CellText } from '../format/values';
import type { SubjectKind, ValueSource } from '../graphql/schema';
import type { LineStyle } from '../pages/compare/chartStyle';
import type { CsvCell } from './csv';

/** What a line stands for. */
export type LineRole = 'subject' | 'region' | 'neighbours' | 'england' | 'peers';

export interface FigurePoint {
  period: number;
  value: number | null;
  symbol: string | null;
  source?: ValueSource | null;
  rank?: number | null;
  rankOutOf?: number | null;
  quartile?: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface FigureLine {
  /** The chart row property: letters and digits only (recharts' dataKey reads dots as paths). */
  key: string;
  name: string;
  role: LineRole;
  /** The subject's kind and id (subjects and England), for the CSV. */
  subject?: { kind: SubjectKind; id: string } | null;
  style: LineStyle;
  points: readonly FigurePoint[];
  /** Show a rank column for this line (councils ranked among all councils). */
  ranked: boolean;
  /** A comparator row shown under its subject in the table ("South East, region of Kent"). */
  comparatorOf?: string | null;
  /** Drawn in the chart (false: table and CSV only). */
  drawn?: boolean;
}

/** A shaded range in the chart, e.g. the statistical neighbours' middle half (lower to upper quartile). */
export interface FigureBand {
  name: string;
  low: ReadonlyMap<number, number | null>;
  high: ReadonlyMap<number, number | null>;
}

interface ChartLine {
  key: string;
  name: string;
  kind: SubjectKind;
  style?: LineStyle;
}

interface ChartRow {
  period: number;
  label: string;
  [lineKey: string]: number | string | null | [number, number];
}

export interface ChartModel {
  lines: ChartLine[];
  rows: ChartRow[];
  /** Set when rows carry a `band` property: [low, high] per period (null where not known). */
  band?: { name: string } | undefined;
}

export const BAND_KEY = 'band';

export interface TableCell extends CellText {
  period: number;
  /** The figure was computed from returns, not published by DfE. */
  computed: boolean;
}

interface TableRow {
  key: string;
  name: string;
  kind: SubjectKind;
  cells: TableCell[];
  /** "12 of 152, Q1" in the last period shown, or why there is no rank; null when the row is not ranked. */
  rank: string | null;
  style?: LineStyle;
  /** Shown indented under the row it compares with. */
  comparator?: boolean;
}

export interface SourceSummary {
  /** Distinct sources of the figures shown, published first. */
  sources: ValueSource[];
  /** Periods in which at least one shown figure was computed from returns. */
  computedPeriods: number[];
}

export interface TableModel {
  periods: { period: number; label: string }[];
  rows: TableRow[];
  /** The period the rank column describes (the last one shown); null when no periods or nothing ranked. */
  rankPeriod: number | null;
  /** Symbols that appear in the table, in legend order then any others. */
  symbols: string[];
  sources: SourceSummary;
  /** True when at least one cell holds a number. */
  hasNumbers: boolean;
}

function kindOf(line: FigureLine): SubjectKind {
  if (line.subject) return line.subject.kind;
  if (line.role === 'england') return 'ENGLAND';
  if (line.role === 'region') return 'REGION';
  return 'COUNCIL';
}

function byPeriod<P extends { period: number }>(points: readonly P[]): Map<number, P> {
  return new Map(points.map((p) => [p.period, p]));
}

function chartValue(point: { value: number | null } | undefined): number | null {
  return point && point.value !== null && Number.isFinite(point.value) ? point.value : null;
}

/** One row per period, one property per drawn line; a symbol or no figure is null (the line breaks there). */
export function buildChart(
  lines: readonly FigureLine[],
  periods: readonly number[],
  periodType: string,
  band?: FigureBand | null,
): ChartModel {
  const drawn = lines.filter((l) => l.drawn !== false);
  const maps = drawn.map((l) => byPeriod(l.points));
  const rows = periods.map((period) => {
    const row: ChartRow = { period, label: periodLabel(period, periodType) };
    drawn.forEach((line, index) => {
      row[line.key] = chartValue(maps[index]?.get(period));
    });
    if (band) {
      const low = band.low.get(period) ?? null;
      const high = band.high.get(period) ?? null;
      row[BAND_KEY] = low !== null && high !== null ? [low, high] : null;
    }
    return row;
  });
  return {
    lines: drawn.map((l) => ({ key: l.key, name: l.name, kind: kindOf(l), style: l.style })),
    rows,
    band: band ? { name: band.name } : undefined,
  };
}

/** Rows in the order given; the rank column covers the last period shown. */
export function buildTable(
  lines: readonly FigureLine[],
  periods: readonly number[],
  spec: { unit: string; decimals: number; periodType: string },
): TableModel {
  const anyRanked = lines.some((l) => l.ranked);
  const rankPeriod = anyRanked && periods.length > 0 ? (periods[periods.length - 1] ?? null) : null;
  const symbols = new Set<string>();
  const sources = new Set<ValueSource>();
  const computedPeriods = new Set<number>();
  let hasNumbers = false;

  function cell(point: FigurePoint | undefined, period: number): TableCell {
    const text = formatCell(point, spec);
    if (text.symbol) symbols.add(text.symbol);
    if (point && point.value !== null) hasNumbers = true;
    const source = point?.source ?? null;
    if (source) sources.add(source);
    if (source === 'COMPUTED') computedPeriods.add(period);
    return { ...text, period, computed: source === 'COMPUTED' };
  }

  const rows: TableRow[] = lines.map((line) => {
    const points = byPeriod(line.points);
    let rank: string | null = null;
    if (line.ranked && rankPeriod !== null) {
      const point = points.get(rankPeriod);
      rank = point
        ? (formatRank({
            rank: point.rank ?? null,
            rankOutOf: point.rankOutOf ?? null,
            quartile: point.quartile ?? null,
          }) ?? 'Not ranked')
        : 'No figure';
    }
    return {
      key: line.key,
      name: line.name,
      kind: kindOf(line),
      cells: periods.map((period) => cell(points.get(period), period)),
      rank,
      style: line.style,
      comparator: Boolean(line.comparatorOf),
    };
  });

  const known = SYMBOL_ORDER.filter((s) => symbols.has(s));
  const others = [...symbols].filter((s) => !SYMBOL_ORDER.includes(s)).sort();
  const orderedSources = (['PUBLISHED', 'COMPUTED'] as const).filter((s) => sources.has(s));
  return {
    periods: periods.map((period) => ({ period, label: periodLabel(period, spec.periodType) })),
    rows,
    rankPeriod,
    symbols: [...known, ...others],
    sources: { sources: [...orderedSources], computedPeriods: [...computedPeriods].sort((a, b) => a - b) },
    hasNumbers,
  };
}

export const CSV_HEADER = [
  'indicator_id',
  'indicator',
  'unit',
  'line',
  'line_type',
  'subject_kind',
  'subject_id',
  'compared_with',
  'period',
  'period_label',
  'value',
  'symbol',
  'source',
  'numerator',
  'denominator',
  'rank',
  'rank_out_of',
  'quartile',
] as const;

/**
 * The figure's data in long form, one row per line and period shown: the value as the API gave it
 * (not rounded), its symbol, source and rank. A period with no figure is written with symbol x.
 */
export function buildCsvRows(
  indicator: { id: string; title: string; unit: string; periodType: string },
  lines: readonly FigureLine[],
  periods: readonly number[],
): CsvCell[][] {
  const rows: CsvCell[][] = [[...CSV_HEADER]];
  const names = new Map(lines.map((l) => [l.key, l.name]));
  for (const line of lines) {
    const points = byPeriod(line.points);
    for (const period of periods) {
      const p = points.get(period);
      rows.push([
        indicator.id,
        indicator.title,
        indicator.unit,
        line.name,
        line.role,
        line.subject?.kind ?? null,
        line.subject?.id ?? null,
        line.comparatorOf ? (names.get(line.comparatorOf) ?? line.comparatorOf) : null,
        period,
        periodLabel(period, indicator.periodType),
        p?.value ?? null,
        p ? p.symbol : 'x',
        p?.source ?? null,
        p?.numerator ?? null,
        p?.denominator ?? null,
        p?.rank ?? null,
        p?.rankOutOf ?? null,
        p?.quartile ?? null,
      ]);
    }
  }
  return rows;
}

/**
 * The source line: "Published by DfE", "Computed from returns", or both with the computed years
 * named ("Published by DfE, except figures marked * which are computed from returns (2024-25)").
 */
export function describeSources(summary: SourceSummary, periodType: string): string | null {
  const published = summary.sources.includes('PUBLISHED');
  const computed = summary.sources.includes('COMPUTED');
  if (published && computed) {
    const years = summary.computedPeriods.map((p) => periodLabel(p, periodType)).join(', ');
    return `Published by DfE, except figures marked * which are computed from returns (${years})`;
  }
  if (published) return 'Published by DfE';
  if (computed) return 'Computed from returns';
  return null;
}

/** The value at the quantile q (0..1) of sorted numbers, linearly interpolated (as Excel's QUARTILE.INC). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] ?? 0;
  const b = sorted[upper] ?? a;
  return a + (b - a) * (position - lower);
}

export interface Quartiles {
  /** Numbers the quartiles are taken over. */
  count: number;
  lower: number | null;
  median: number | null;
  upper: number | null;
}

export function quartilesOf(values: readonly (number | null | undefined)[]): Quartiles {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  return {
    count: sorted.length,
    lower: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    upper: quantile(sorted, 0.75),
  };
}

/**
 * Which quarter of a group a value falls in, 1 = best quarter .. 4 = worst, given the group's
 * quartiles and the indicator's polarity; null when there is no value, too few in the group (< 4) or
 * no direction is better.
 */
export function quartileBand(value: number | null | undefined, q: Quartiles, polarity: string): 1 | 2 | 3 | 4 | null {
  if (value === null || value === undefined || q.count < 4 || q.lower === null || q.median === null || q.upper === null)
    return null;
  if (polarity !== 'HIGHER_BETTER' && polarity !== 'LOWER_BETTER') return null;
  const position = value <= q.lower ? 1 : value <= q.median ? 2 : value <= q.upper ? 3 : 4;
  // position 1 = lowest quarter; flip when higher is better.
  const band = polarity === 'LOWER_BETTER' ? position : 5 - position;
  return band as 1 | 2 | 3 | 4;
}
