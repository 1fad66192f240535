/**
 * Pilots against comparison councils around a reference year (by default the pilots' start year):
 * a difference in differences on published council figures. Pure: unit tested in node.
 *
 * Method (stated on the page):
 * - Pilot group: the pilot councils chosen. Comparison group: their DfE statistical neighbours that
 *   are not pilots themselves (each council counted once).
 * - Each group's figure for a year is the unweighted mean of its councils' figures that year (councils
 *   without a number that year are left out; the count is shown).
 * - Before = the mean of the group's yearly figures in the years before the reference year; after =
 *   the mean in the reference year and later (only years in the chosen range).
 * - Difference in differences = (pilots after - pilots before) - (comparison after - comparison before).
 *   It reads as the pilots' change beyond the change seen in similar councils. It assumes both groups
 *   would have moved in parallel without the pilots; no standard error is given, the groups are small.
 */
import type { FigureLine, FigurePoint } from '../../figures/model';
import { lineStyle } from './chartStyle';

export interface DidSeriesLine {
  subject: { kind: string; id: string; name: string };
  points: readonly { period: number; value: number | null; symbol: string | null }[];
}

/** The comparison councils: the pilots' statistical neighbours that are not pilots, once each, closest first. */
export function comparisonCouncils(
  chosenPilots: readonly {
    code: string;
    name: string;
    statisticalNeighbours: readonly { code: string; name: string }[];
  }[],
  allPilotCodes: ReadonlySet<string>,
): { code: string; name: string }[] {
  const seen = new Set<string>();
  const out: { code: string; name: string }[] = [];
  // Round-robin by closeness, so the nearest neighbour of each pilot comes before anyone's tenth.
  const longest = Math.max(0, ...chosenPilots.map((p) => p.statisticalNeighbours.length));
  for (let i = 0; i < longest; i += 1) {
    for (const pilot of chosenPilots) {
      const n = pilot.statisticalNeighbours[i];
      if (!n || allPilotCodes.has(n.code) || seen.has(n.code)) continue;
      seen.add(n.code);
      out.push(n);
    }
  }
  return out;
}

export interface GroupYear {
  period: number;
  mean: number | null;
  /** Councils with a number that year. */
  count: number;
}

export function groupMeans(
  lines: readonly DidSeriesLine[],
  codes: readonly string[],
  periods: readonly number[],
): GroupYear[] {
  const wanted = new Set(codes);
  const members = lines.filter((l) => l.subject.kind === 'COUNCIL' && wanted.has(l.subject.id));
  return periods.map((period) => {
    const values = members.flatMap((l) => {
      const v = l.points.find((p) => p.period === period)?.value;
      return typeof v === 'number' && Number.isFinite(v) ? [v] : [];
    });
    return {
      period,
      mean: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null,
      count: values.length,
    };
  });
}

function meanOf(years: readonly GroupYear[]): number | null {
  const values = years.flatMap((y) => (y.mean === null ? [] : [y.mean]));
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

export interface Did {
  referenceYear: number;
  before: number[];
  after: number[];
  pilots: { before: number | null; after: number | null; change: number | null };
  comparison: { before: number | null; after: number | null; change: number | null };
  /** null when either group lacks a figure before or after. */
  difference: number | null;
}

export function differenceInDifferences(
  pilots: readonly GroupYear[],
  comparison: readonly GroupYear[],
  referenceYear: number,
): Did {
  const periods = pilots.map((y) => y.period);
  const before = periods.filter((p) => p < referenceYear);
  const after = periods.filter((p) => p >= referenceYear);
  const side = (group: readonly GroupYear[]) => {
    const b = meanOf(group.filter((y) => y.period < referenceYear));
    const a = meanOf(group.filter((y) => y.period >= referenceYear));
    return { before: b, after: a, change: a !== null && b !== null ? a - b : null };
  };
  const p = side(pilots);
  const c = side(comparison);
  return {
    referenceYear,
    before,
    after,
    pilots: p,
    comparison: c,
    difference: p.change !== null && c.change !== null ? p.change - c.change : null,
  };
}

/** Is the difference good news, given the indicator's polarity? */
export function didReading(difference: number | null, polarity: string): 'better' | 'worse' | 'none' | 'neutral' {
  if (difference === null) return 'none';
  if (difference === 0) return 'none';
  if (polarity !== 'HIGHER_BETTER' && polarity !== 'LOWER_BETTER') return 'neutral';
  return difference > 0 === (polarity === 'HIGHER_BETTER') ? 'better' : 'worse';
}

/** The two group lines for the figure (means per year), as FigureLines; the count of councils goes in the CSV only via the table rows. */
export function didLines(pilots: readonly GroupYear[], comparison: readonly GroupYear[]): FigureLine[] {
  const points = (group: readonly GroupYear[]): FigurePoint[] =>
    group.map((y) => ({
      period: y.period,
      value: y.mean,
      symbol: y.mean === null ? 'x' : null,
      source: 'PUBLISHED' as const,
    }));
  return [
    {
      key: 'pilots',
      name: 'Pilot councils (mean)',
      role: 'subject',
      style: lineStyle(0),
      points: points(pilots),
      ranked: false,
    },
    {
      key: 'comparison',
      name: 'Comparison councils (mean)',
      role: 'neighbours',
      style: { ...lineStyle(4), dashed: true, dash: '6 3' },
      points: points(comparison),
      ranked: false,
    },
  ];
}
