/**
 * Shortage monitor shaping: a council's workforce indicators against its statistical neighbours'
 * quartiles, worst first; and workforce movement beside placement and social-worker stability.
 * Pure: unit tested in node. Every number comes from the API's series; the neighbours' quartiles are
 * computed here from the neighbours' own figures in the same answer (method stated on the page).
 */
import { formatValue, periodLabel } from '../../format/values';
import {
  quartileBand,
  quartilesOf,
  type FigureBand,
  type FigureLine,
  type FigurePoint,
  type Quartiles,
} from '../../figures/model';
import type { FigureSeriesData, IndicatorFields, SeriesVariables } from '../../figures/queries';
import { ENGLAND_STYLE, lineStyle, NEIGHBOURS_STYLE, REGION_STYLE } from '../compare/chartStyle';
import { aggregateLines, englandLines } from '../../figures/aggregates';
import type { ShortageOptionsData } from './queries';

type Series = FigureSeriesData['series'];
type Council = NonNullable<ShortageOptionsData['council']>;

export function workforceIndicators(options: ShortageOptionsData): IndicatorFields[] {
  return options.outcomeAreas.filter((a) => a.area === 'WORKFORCE').flatMap((a) => a.indicators);
}

/** The council, its practices and its statistical neighbours, in one series request. */
export function shortageVariables(indicatorId: string, council: Council): SeriesVariables {
  return {
    indicatorId,
    subjects: [
      { kind: 'COUNCIL', id: council.code },
      ...council.practices.map((p) => ({ kind: 'PRACTICE' as const, id: p.id })),
      ...council.statisticalNeighbours
        .filter((n) => n.code !== council.code)
        .map((n) => ({ kind: 'COUNCIL' as const, id: n.code })),
    ],
    source: null,
  };
}

/** The neighbours' quartiles per period, over the neighbours that have a number that period. */
function neighbourQuartiles(series: Series, neighbourCodes: readonly string[]): Map<number, Quartiles> {
  const wanted = new Set(neighbourCodes);
  const neighbours = series.lines.filter((l) => l.subject.kind === 'COUNCIL' && wanted.has(l.subject.id));
  const result = new Map<number, Quartiles>();
  for (const period of series.periods) {
    const values = neighbours.map((l) => l.points.find((p) => p.period === period)?.value ?? null);
    result.set(period, quartilesOf(values));
  }
  return result;
}

export interface Standing {
  indicator: IndicatorFields;
  /** The latest period in which the council has a number; null when it has none. */
  period: number | null;
  value: number | null;
  quartiles: Quartiles | null;
  /** 1 = best quarter of its neighbours .. 4 = worst; null when it cannot be placed. */
  band: 1 | 2 | 3 | 4 | null;
  /** How far beyond the neighbours' median, in the bad direction, in interquartile ranges: sorts within a band. */
  badness: number;
  /** National rank text ("12 of 152, Q1") in that period. */
  rank: { rank: number | null; rankOutOf: number | null; quartile: number | null } | null;
  /** The change since the council's previous figure, and whether it is for the better. */
  trend: Trend | null;
}

export interface Trend {
  from: number;
  change: number;
  direction: 'better' | 'worse' | 'same' | 'neutral';
}

export function trendOf(points: readonly FigurePoint[], polarity: string, latest: number | null): Trend | null {
  if (latest === null) return null;
  const withValues = points.filter((p) => p.value !== null && p.period < latest).sort((a, b) => b.period - a.period);
  const previous = withValues[0];
  const current = points.find((p) => p.period === latest);
  if (!previous || !current || current.value === null || previous.value === null) return null;
  const change = current.value - previous.value;
  let direction: Trend['direction'] = 'same';
  if (polarity !== 'HIGHER_BETTER' && polarity !== 'LOWER_BETTER') direction = change === 0 ? 'same' : 'neutral';
  else if (change !== 0) direction = change > 0 === (polarity === 'HIGHER_BETTER') ? 'better' : 'worse';
  return { from: previous.period, change, direction };
}

export function standingOf(series: Series, councilCode: string, neighbourCodes: readonly string[]): Standing {
  const line = series.lines.find((l) => l.subject.kind === 'COUNCIL' && l.subject.id === councilCode);
  const withValue = (line?.points ?? []).filter((p) => p.value !== null).sort((a, b) => b.period - a.period);
  const latest = withValue[0] ?? null;
  const indicator = series.indicator;
  if (!latest || latest.value === null) {
    return {
      indicator,
      period: null,
      value: null,
      quartiles: null,
      band: null,
      badness: Number.NEGATIVE_INFINITY,
      rank: null,
      trend: null,
    };
  }
  const quartiles = neighbourQuartiles(series, neighbourCodes).get(latest.period) ?? null;
  const band = quartiles ? quartileBand(latest.value, quartiles, indicator.polarity) : null;
  let badness = 0;
  if (quartiles && quartiles.median !== null && quartiles.lower !== null && quartiles.upper !== null) {
    const spread = quartiles.upper - quartiles.lower || 1;
    const above = (latest.value - quartiles.median) / spread;
    badness = indicator.polarity === 'HIGHER_BETTER' ? -above : indicator.polarity === 'LOWER_BETTER' ? above : 0;
  }
  return {
    indicator,
    period: latest.period,
    value: latest.value,
    quartiles,
    band,
    badness,
    rank: { rank: latest.rank ?? null, rankOutOf: latest.rankOutOf ?? null, quartile: latest.quartile ?? null },
    trend: trendOf(line?.points ?? [], indicator.polarity, latest.period),
  };
}

/** Worst first: the worst quarter of neighbours, then the next; within a band, furthest beyond the median first; unplaced last. */
export function worstFirst(standings: readonly Standing[]): Standing[] {
  return [...standings].sort(
    (a, b) =>
      (b.band ?? 0) - (a.band ?? 0) || b.badness - a.badness || a.indicator.title.localeCompare(b.indicator.title),
  );
}

export const BAND_TEXT: Readonly<Record<1 | 2 | 3 | 4, { text: string; tag: string }>> = {
  4: { text: 'Worst quarter of neighbours', tag: 'govuk-tag--red' },
  3: { text: 'Below neighbours\u2019 middle', tag: 'govuk-tag--orange' },
  2: { text: 'Above neighbours\u2019 middle', tag: 'govuk-tag--blue' },
  1: { text: 'Best quarter of neighbours', tag: 'govuk-tag--green' },
};

/**
 * The lines of one workforce figure: the council, its practices, its region, its neighbours pooled
 * and England drawn; then, in the table and CSV only, the neighbours' quartiles and each neighbour.
 * The band is the neighbours' middle half.
 */
export function shortageFigure(series: Series, council: Council): { lines: FigureLine[]; band: FigureBand } {
  const neighbourCodes = council.statisticalNeighbours.map((n) => n.code);
  const quartiles = neighbourQuartiles(series, neighbourCodes);
  const lines: FigureLine[] = [];
  const own = series.lines.find((l) => l.subject.kind === 'COUNCIL' && l.subject.id === council.code);
  if (own) {
    lines.push({
      key: 'council',
      name: own.subject.name,
      role: 'subject',
      subject: own.subject,
      style: lineStyle(0),
      points: own.points,
      ranked: true,
    });
  }
  series.lines
    .filter((l) => l.subject.kind === 'PRACTICE')
    .forEach((l, index) => {
      lines.push({
        key: `practice${index}`,
        name: l.subject.name,
        role: 'subject',
        subject: l.subject,
        style: lineStyle(index + 1),
        points: l.points,
        ranked: false,
      });
    });
  if (own) {
    lines.push({
      key: 'neighbours',
      name: 'Statistical neighbours (pooled)',
      role: 'neighbours',
      style: NEIGHBOURS_STYLE,
      points: own.neighbourAverage,
      ranked: false,
    });
    lines.push(
      ...aggregateLines(
        { key: 'region', role: 'region', style: REGION_STYLE, ranked: false },
        `${council.region.name} (region)`,
        `${council.region.name}: pilots' returns`,
        own.region,
      ),
    );
  }
  lines.push(...englandLines(series.england, ENGLAND_STYLE));

  const quartilePoints = (pick: (q: Quartiles) => number | null): FigurePoint[] =>
    [...quartiles.entries()].map(([period, q]) => {
      const value = q.count >= 4 ? pick(q) : null;
      return { period, value, symbol: value === null ? 'x' : null };
    });
  const hidden = { role: 'peers' as const, style: NEIGHBOURS_STYLE, ranked: false, drawn: false };
  lines.push({ ...hidden, key: 'nq1', name: 'Neighbours: lower quartile', points: quartilePoints((q) => q.lower) });
  lines.push({ ...hidden, key: 'nq2', name: 'Neighbours: median', points: quartilePoints((q) => q.median) });
  lines.push({ ...hidden, key: 'nq3', name: 'Neighbours: upper quartile', points: quartilePoints((q) => q.upper) });
  const wanted = new Set(neighbourCodes);
  series.lines
    .filter((l) => l.subject.kind === 'COUNCIL' && wanted.has(l.subject.id) && l.subject.id !== council.code)
    .forEach((l, index) => {
      lines.push({
        ...hidden,
        key: `n${index}`,
        name: l.subject.name,
        subject: l.subject,
        points: l.points,
        ranked: true,
      });
    });

  const low = new Map<number, number | null>();
  const high = new Map<number, number | null>();
  for (const [period, q] of quartiles) {
    low.set(period, q.count >= 4 ? q.lower : null);
    high.set(period, q.count >= 4 ? q.upper : null);
  }
  return { lines, band: { name: "Neighbours' middle half (lower to upper quartile)", low, high } };
}

/**
 * Workforce figures are a census at 30 September; stability figures are years ending 31 March. A
 * census is lined up with the year ending the next 31 March (30 September 2023 with 2023-24), the
 * year it falls in.
 */
export function reportingYearOf(period: number, periodType: string): number {
  return periodType === 'census' ? period + 1 : period;
}

/** One line per indicator for the council, on the reporting-year axis, for the movement and stability figure. */
export function movementLines(
  seriesList: readonly Series[],
  councilCode: string,
): { lines: FigureLine[]; periods: number[] } {
  const lines: FigureLine[] = [];
  const periods = new Set<number>();
  seriesList.forEach((series, index) => {
    const own = series.lines.find((l) => l.subject.kind === 'COUNCIL' && l.subject.id === councilCode);
    if (!own) return;
    const type = series.indicator.periodType;
    const points = own.points.map((p) => ({
      ...p,
      period: reportingYearOf(p.period, type),
      rank: null,
      rankOutOf: null,
      quartile: null,
    }));
    for (const p of points) periods.add(p.period);
    const style = lineStyle(index);
    lines.push({
      key: `m${index}`,
      name: series.indicator.title,
      role: 'subject',
      subject: own.subject,
      style: series.indicator.area === 'WORKFORCE' ? style : { ...style, dashed: true, dash: '6 3' },
      points,
      ranked: false,
    });
  });
  return { lines, periods: [...periods].sort((a, b) => a - b) };
}

/** "12.3% (2023-24)" for a standing's figure; "No figure" when none. */
export function standingValueText(standing: Standing): string {
  if (standing.value === null || standing.period === null) return 'No figure';
  const { unit, decimals, periodType } = standing.indicator;
  return `${formatValue(standing.value, { unit, decimals })} (${periodLabel(standing.period, periodType)})`;
}
