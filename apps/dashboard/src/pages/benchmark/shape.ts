/**
 * My benchmark shaping: a practice against its anonymised peers (their quartiles) and its host
 * council, per indicator and per outcome area. Pure: unit tested in node. The peers' quartiles are
 * computed here from the peers' figures in the same answer; everything else is the API's.
 */
import {
  quartileBand,
  quartilesOf,
  type FigureBand,
  type FigureLine,
  type FigurePoint,
  type Quartiles,
} from '../../figures/model';
import type { PeerSeriesData, SeriesVariables } from '../../figures/queries';
import type { SubjectInput } from '../../graphql/schema';
import { ENGLAND_STYLE, lineStyle, NEIGHBOURS_STYLE } from '../compare/chartStyle';
import { englandLines } from '../../figures/aggregates';
import { trendOf, type Trend } from '../shortages/shape';
import type { BenchmarkOptionsData } from './queries';

type Series = PeerSeriesData['series'];

export interface BenchmarkSubjects {
  practiceId: string;
  peerIds: string[];
  councilCodes: string[];
}

export function benchmarkSubjects(options: BenchmarkOptionsData, practiceId: string): BenchmarkSubjects {
  const own = options.practice?.id ?? practiceId;
  return {
    practiceId: own,
    peerIds: options.practices.map((p) => p.id).filter((id) => id !== own && id !== practiceId),
    councilCodes: (options.practice?.councils ?? []).map((c) => c.code),
  };
}

export function benchmarkVariables(indicatorId: string, subjects: BenchmarkSubjects): SeriesVariables {
  const list: SubjectInput[] = [
    { kind: 'PRACTICE', id: subjects.practiceId },
    ...subjects.peerIds.map((id) => ({ kind: 'PRACTICE' as const, id })),
    ...subjects.councilCodes.map((code) => ({ kind: 'COUNCIL' as const, id: code })),
  ];
  // The gateway answers at most 50 subjects in one series.
  return { indicatorId, subjects: list.slice(0, 50), source: null };
}

function isPeer(line: Series['lines'][number], subjects: BenchmarkSubjects): boolean {
  return line.subject.kind === 'PRACTICE' && line.subject.id !== subjects.practiceId;
}

function peerQuartiles(series: Series, subjects: BenchmarkSubjects): Map<number, Quartiles> {
  const peers = series.lines.filter((l) => isPeer(l, subjects));
  const result = new Map<number, Quartiles>();
  for (const period of series.periods) {
    result.set(period, quartilesOf(peers.map((l) => l.points.find((p) => p.period === period)?.value ?? null)));
  }
  return result;
}

export interface Score {
  indicatorId: string;
  period: number | null;
  practice: FigurePoint | null;
  council: FigurePoint | null;
  england: { value: number | null; symbol: string | null } | null;
  peers: Quartiles | null;
  band: 1 | 2 | 3 | 4 | null;
  trend: Trend | null;
}

/** The practice's latest figure, where it falls among its peers, its host council and England that year, and its trend. */
export function scoreOf(series: Series, subjects: BenchmarkSubjects): Score {
  const own = series.lines.find((l) => l.subject.kind === 'PRACTICE' && l.subject.id === subjects.practiceId);
  const council = series.lines.find((l) => l.subject.kind === 'COUNCIL');
  const latest = (own?.points ?? []).filter((p) => p.value !== null).sort((a, b) => b.period - a.period)[0] ?? null;
  // With no figure for the practice, show the latest year the series holds (why: the symbol).
  const period = latest?.period ?? (series.periods.length > 0 ? Math.max(...series.periods) : null);
  if (period === null)
    return {
      indicatorId: series.indicator.id,
      period: null,
      practice: null,
      council: null,
      england: null,
      peers: null,
      band: null,
      trend: null,
    };
  const peers = peerQuartiles(series, subjects).get(period) ?? null;
  const practicePoint = own?.points.find((p) => p.period === period) ?? null;
  return {
    indicatorId: series.indicator.id,
    period,
    practice: practicePoint,
    council: council?.points.find((p) => p.period === period) ?? null,
    england: series.england.find((p) => p.period === period) ?? null,
    peers,
    band: peers ? quartileBand(practicePoint?.value ?? null, peers, series.indicator.polarity) : null,
    trend: latest ? trendOf(own?.points ?? [], series.indicator.polarity, latest.period) : null,
  };
}

export interface AreaSummary {
  /** Indicators placed in each band, 1 = best quarter of peers. */
  bands: Record<1 | 2 | 3 | 4, number>;
  placed: number;
  total: number;
}

export function summariseArea(scores: readonly Score[], total: number): AreaSummary {
  const bands: Record<1 | 2 | 3 | 4, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let placed = 0;
  for (const s of scores) {
    if (s.band !== null) {
      bands[s.band] += 1;
      placed += 1;
    }
  }
  return { bands, placed, total };
}

/** The detail figure: the practice, its host council and England drawn, the peers' middle half as a band; peers in the table. */
export function benchmarkFigure(
  series: Series,
  subjects: BenchmarkSubjects,
  practiceName: string,
): { lines: FigureLine[]; band: FigureBand } {
  const lines: FigureLine[] = [];
  const own = series.lines.find((l) => l.subject.kind === 'PRACTICE' && l.subject.id === subjects.practiceId);
  if (own)
    lines.push({
      key: 'practice',
      name: practiceName,
      role: 'subject',
      subject: own.subject,
      style: lineStyle(0),
      points: own.points,
      ranked: false,
    });
  series.lines
    .filter((l) => l.subject.kind === 'COUNCIL')
    .forEach((l, index) => {
      lines.push({
        key: `council${index}`,
        name: `${l.subject.name} (host council)`,
        role: 'subject',
        subject: l.subject,
        style: lineStyle(index + 1),
        points: l.points,
        ranked: true,
      });
    });
  lines.push(...englandLines(series.england, ENGLAND_STYLE));

  const quartiles = peerQuartiles(series, subjects);
  const hidden = { role: 'peers' as const, style: NEIGHBOURS_STYLE, ranked: false, drawn: false };
  const pick = (f: (q: Quartiles) => number | null): FigurePoint[] =>
    [...quartiles.entries()].map(([period, q]) => {
      const value = q.count >= 4 ? f(q) : null;
      return { period, value, symbol: value === null ? 'x' : null };
    });
  lines.push({ ...hidden, key: 'pq1', name: 'Peers: lower quartile', points: pick((q) => q.lower) });
  lines.push({ ...hidden, key: 'pq2', name: 'Peers: median', points: pick((q) => q.median) });
  lines.push({ ...hidden, key: 'pq3', name: 'Peers: upper quartile', points: pick((q) => q.upper) });
  series.lines
    .filter((l) => isPeer(l, subjects))
    .forEach((l, index) => {
      lines.push({ ...hidden, key: `peer${index}`, name: l.subject.name, subject: l.subject, points: l.points });
    });

  const low = new Map<number, number | null>();
  const high = new Map<number, number | null>();
  for (const [period, q] of quartiles) {
    low.set(period, q.count >= 4 ? q.lower : null);
    high.set(period, q.count >= 4 ? q.upper : null);
  }
  return { lines, band: { name: "Peers' middle half (lower to upper quartile)", low, high } };
}

export const PEER_BAND_TEXT: Readonly<Record<1 | 2 | 3 | 4, { text: string; tag: string }>> = {
  1: { text: 'Best quarter of peers', tag: 'govuk-tag--green' },
  2: { text: 'Second quarter of peers', tag: 'govuk-tag--blue' },
  3: { text: 'Third quarter of peers', tag: 'govuk-tag--orange' },
  4: { text: 'Worst quarter of peers', tag: 'govuk-tag--red' },
};
