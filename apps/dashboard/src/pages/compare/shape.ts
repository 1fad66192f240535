/**
 * Pure data shaping for "Compare pilot councils": the gateway's series -> chart rows and table rows,
 * and the URL's view -> what to ask the gateway for. No React here, so it is unit tested in node.
 */
import { formatCell, formatRank, periodLabel, SYMBOL_ORDER, type CellText } from '../../format/values';
import type { ComparatorPoint, SeriesPoint, SubjectKind, ValueSource } from '../../graphql/schema';
import type { CompareOptionsData, CompareSeriesData, CompareSeriesVariables, IndicatorOption } from './queries';
import type { CompareView } from './urlState';

type Series = CompareSeriesData['series'];
type Point = Pick<SeriesPoint, 'period' | 'value' | 'symbol' | 'source' | 'rank' | 'rankOutOf' | 'quartile'>;

// ---------------------------------------------------------------------------------------------
// View -> request

export interface PilotCouncil {
  code: string;
  name: string;
  wave: number;
}

export interface ResolvedView {
  indicator: IndicatorOption;
  councils: PilotCouncil[];
  from: number | null;
  to: number | null;
  source: ValueSource | null;
  /** Things in the link that could not be shown, said plainly to the user. */
  notices: string[];
}

export function pilotCouncils(options: CompareOptionsData): PilotCouncil[] {
  const seen = new Set<string>();
  const councils: PilotCouncil[] = [];
  for (const wave of [...options.pilotWaves].sort((a, b) => a.wave - b.wave)) {
    for (const council of wave.councils) {
      if (seen.has(council.code)) continue;
      seen.add(council.code);
      councils.push({ code: council.code, name: council.name, wave: wave.wave });
    }
  }
  return councils;
}

export function allIndicators(options: CompareOptionsData): IndicatorOption[] {
  return options.outcomeAreas.flatMap((area) => area.indicators);
}

/**
 * The view the page shows for a URL: the indicator (the first in the framework when none is
 * given or it is unknown) and the pilot councils asked for (all of them when none are given;
 * codes that are not pilot councils are left out, with a notice). Null when there is nothing to
 * show at all (no indicators or no pilot councils).
 */
export function resolveView(view: CompareView, options: CompareOptionsData): ResolvedView | null {
  const indicators = allIndicators(options);
  const pilots = pilotCouncils(options);
  const first = indicators[0];
  if (!first || pilots.length === 0) return null;

  const notices: string[] = [];
  let indicator = first;
  if (view.indicator !== null) {
    const found = indicators.find((i) => i.id === view.indicator);
    if (found) indicator = found;
    else notices.push(`The link asked for an indicator that does not exist ("${view.indicator}"), so "${first.title}" is shown.`);
  }

  let councils = pilots;
  if (view.councils !== null) {
    const byCode = new Map(pilots.map((c) => [c.code, c]));
    const chosen = view.councils.flatMap((code) => byCode.get(code) ?? []);
    const unknown = view.councils.filter((code) => !byCode.has(code));
    if (unknown.length > 0) {
      notices.push(`${unknown.length === 1 ? 'Council' : 'Councils'} ${unknown.join(', ')} in the link ${unknown.length === 1 ? 'is not a pilot council and is' : 'are not pilot councils and are'} left out.`);
    }
    if (chosen.length > 0) councils = chosen;
    else notices.push('None of the councils in the link is a pilot council, so all pilot councils are shown.');
  }

  return { indicator, councils, from: view.from, to: view.to, source: view.source, notices };
}

export function seriesVariables(resolved: ResolvedView): CompareSeriesVariables {
  return {
    indicatorId: resolved.indicator.id,
    subjects: resolved.councils.map((c) => ({ kind: 'COUNCIL' as const, id: c.code })),
    source: resolved.source,
  };
}

// ---------------------------------------------------------------------------------------------
// Series -> chart and table

/** The periods of a series within the chosen years, ascending, each once. */
export function periodsInWindow(periods: readonly number[], from: number | null, to: number | null): number[] {
  return [...new Set(periods)]
    .filter((p) => (from === null || p >= from) && (to === null || p <= to))
    .sort((a, b) => a - b);
}

export const ENGLAND_KEY = 'england';

export interface ChartLine {
  /** The row property holding this line's values: safe for recharts' dataKey (no dots). */
  key: string;
  name: string;
  kind: SubjectKind;
}

export interface ChartRow {
  period: number;
  label: string;
  [lineKey: string]: number | string | null;
}

export interface ChartModel {
  lines: ChartLine[];
  rows: ChartRow[];
}

function byPeriod<P extends { period: number }>(points: readonly P[]): Map<number, P> {
  return new Map(points.map((p) => [p.period, p]));
}

function chartValue(point: { value: number | null } | undefined): number | null {
  return point && point.value !== null && Number.isFinite(point.value) ? point.value : null;
}

/**
 * One row per period, one property per line (subjects in the order asked for, then England).
 * A figure shown as a symbol, or no figure, is null: the line breaks there, and the table and
 * legend say why.
 */
export function toChartModel(series: Series, periods: readonly number[]): ChartModel {
  const lines: ChartLine[] = series.lines.map((line, index) => ({ key: `line${index}`, name: line.subject.name, kind: line.subject.kind }));
  lines.push({ key: ENGLAND_KEY, name: 'England', kind: 'ENGLAND' });
  const pointMaps = series.lines.map((line) => byPeriod(line.points));
  const england = byPeriod(series.england);
  const periodType = series.indicator.periodType;

  const rows = periods.map((period) => {
    const row: ChartRow = { period, label: periodLabel(period, periodType) };
    pointMaps.forEach((points, index) => {
      row[`line${index}`] = chartValue(points.get(period));
    });
    row[ENGLAND_KEY] = chartValue(england.get(period));
    return row;
  });
  return { lines, rows };
}

export interface TableCell extends CellText {
  period: number;
  /** The figure was computed from returns, not published by DfE. */
  computed: boolean;
}

export interface TableRow {
  key: string;
  name: string;
  kind: SubjectKind;
  cells: TableCell[];
  /** Councils: "12 of 152, Q1" in the last period shown, or why there is no rank. Null for England. */
  rank: string | null;
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
  /** The period the rank column describes (the last one shown); null when no periods. */
  rankPeriod: number | null;
  /** Symbols that appear in the table, in legend order then any others. */
  symbols: string[];
  sources: SourceSummary;
  /** True when at least one cell holds a number. */
  hasNumbers: boolean;
}

function rankText(point: Point | undefined): string {
  if (!point) return 'No figure';
  return formatRank(point) ?? 'Not ranked';
}

/** Rows: the subjects in the order asked for, then England. Columns: the periods shown. */
export function toTableModel(series: Series, periods: readonly number[]): TableModel {
  const spec = { unit: series.indicator.unit, decimals: series.indicator.decimals };
  const periodType = series.indicator.periodType;
  const rankPeriod = periods.length > 0 ? (periods[periods.length - 1] ?? null) : null;
  const symbols = new Set<string>();
  const sources = new Set<ValueSource>();
  const computedPeriods = new Set<number>();
  let hasNumbers = false;

  function cell(point: Point | ComparatorPoint | undefined, period: number): TableCell {
    const text = formatCell(point, spec);
    if (text.symbol) symbols.add(text.symbol);
    if (point && point.value !== null) hasNumbers = true;
    const source = point && 'source' in point ? point.source : null;
    if (source) sources.add(source);
    if (source === 'COMPUTED') computedPeriods.add(period);
    return { ...text, period, computed: source === 'COMPUTED' };
  }

  const rows: TableRow[] = series.lines.map((line) => {
    const points = byPeriod(line.points);
    const isCouncil = line.subject.kind === 'COUNCIL';
    return {
      key: `${line.subject.kind}:${line.subject.id}`,
      name: line.subject.name,
      kind: line.subject.kind,
      cells: periods.map((period) => cell(points.get(period), period)),
      rank: isCouncil && rankPeriod !== null ? rankText(points.get(rankPeriod)) : null,
    };
  });
  const england = byPeriod(series.england);
  rows.push({
    key: ENGLAND_KEY,
    name: 'England',
    kind: 'ENGLAND',
    cells: periods.map((period) => cell(england.get(period), period)),
    rank: null,
  });

  const known = SYMBOL_ORDER.filter((s) => symbols.has(s));
  const others = [...symbols].filter((s) => !SYMBOL_ORDER.includes(s)).sort();
  const orderedSources = (['PUBLISHED', 'COMPUTED'] as const).filter((s) => sources.has(s));

  return {
    periods: periods.map((period) => ({ period, label: periodLabel(period, periodType) })),
    rows,
    rankPeriod,
    symbols: [...known, ...others],
    sources: { sources: [...orderedSources], computedPeriods: [...computedPeriods].sort((a, b) => a - b) },
    hasNumbers,
  };
}

/**
 * The source line under the chart: "Published by DfE", "Computed from returns", or both with the
 * computed years named ("Published by DfE; figures marked * are computed from returns (2024-25)").
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
