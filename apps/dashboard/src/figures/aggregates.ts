/**
 * England and region comparators, named for what they are. Where DfE publishes a figure the line is
 * "England" (the published figure). A figure computed from the returns held (the current year, or a
 * series asked for as computed) pools only the councils that submitted: it is never labelled
 * England, but "Pilots' returns (14 of 153 councils)", on a line of its own, with the coverage the
 * API gives (ComparatorPoint.coverage).
 */
import type { FigureLine, FigurePoint, LineRole } from './model';
import type { LineStyle } from '../pages/compare/chartStyle';

interface Coverage {
  councils: number;
  of: number;
}

export interface AggregatePoint extends FigurePoint {
  coverage?: Coverage | null;
}

/** "14 of 153 councils"; a range when the years differ ("12 to 14 of 153 councils"). */
export function coverageText(points: readonly AggregatePoint[]): string {
  const covered = points.flatMap((p) => (p.coverage ? [p.coverage] : []));
  if (covered.length === 0) return 'coverage not known';
  const low = Math.min(...covered.map((c) => c.councils));
  const high = Math.max(...covered.map((c) => c.councils));
  const ofs = [...new Set(covered.map((c) => c.of))];
  const of = ofs.length === 1 ? String(ofs[0]) : `${Math.min(...ofs)} to ${Math.max(...ofs)}`;
  return `${low === high ? low : `${low} to ${high}`} of ${of} councils`;
}

/**
 * One comparator series as lines: its published points under `name`, and its computed points (if
 * any) as a separate line "<returnsName> (N of M councils)". A computed point never joins the
 * published line, so no chart or table shows a partial aggregate as England or as the region.
 */
export function aggregateLines(
  base: Omit<FigureLine, 'points' | 'name' | 'key'> & { key: string; role: LineRole; style: LineStyle },
  name: string,
  returnsName: string,
  points: readonly AggregatePoint[],
): FigureLine[] {
  const published = points.filter((p) => p.source !== 'COMPUTED');
  const computed = points.filter((p) => p.source === 'COMPUTED');
  const lines: FigureLine[] = [{ ...base, name, points: published }];
  if (computed.length > 0) {
    lines.push({
      ...base,
      key: `${base.key}returns`,
      name: `${returnsName} (${coverageText(computed)})`,
      style: { ...base.style, dash: '1 3' },
      subject: null,
      points: computed,
    });
  }
  return lines;
}

/** England: DfE's published figure, and the pilots' returns pooled where that is all there is. */
export function englandLines(points: readonly AggregatePoint[], style: LineStyle): FigureLine[] {
  return aggregateLines(
    { key: 'england', role: 'england', subject: { kind: 'ENGLAND', id: 'E92000001' }, style, ranked: false },
    'England',
    "Pilots' returns",
    points,
  );
}
