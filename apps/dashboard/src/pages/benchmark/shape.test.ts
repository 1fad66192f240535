import { describe, expect, it } from 'vitest';
import type { PeerSeriesData } from '../../figures/queries';
import { benchmarkFigure, benchmarkSubjects, benchmarkVariables, scoreOf, summariseArea } from './shape';

type Series = PeerSeriesData['series'];
const pts = (values: Record<number, number | null>) =>
  Object.entries(values).map(([period, value]) => ({
    period: Number(period),
    value,
    symbol: value === null ? 'c' : null,
    source: 'COMPUTED' as const,
    rank: null,
    rankOutOf: null,
    quartile: null,
    numerator: null,
    denominator: null,
  }));

const options = {
  outcomeAreas: [],
  practice: { id: 'swp-kent', name: 'Kent SWP', model: null, councils: [{ code: '886', name: 'Kent' }] },
  practices: [
    { id: 'swp-kent', name: 'Kent SWP' },
    ...['a', 'b', 'c', 'd'].map((x) => ({ id: `anon-${x}`, name: `Practice ${x}` })),
  ],
};

// Peers 10, 20, 30, 40 in 2024: lower 17.5, median 25, upper 32.5.
const series: Series = {
  indicator: {
    id: 'placements_3plus',
    title: '3+ placements',
    area: 'STABILITY',
    unit: 'percent',
    polarity: 'LOWER_BETTER',
    numerator: '',
    denominator: '',
    source: '',
    method: '',
    periodType: 'reporting_year',
    decimals: 0,
  },
  periods: [2023, 2024],
  lines: [
    { subject: { kind: 'PRACTICE', id: 'swp-kent', name: 'Kent SWP' }, points: pts({ 2023: 20, 2024: 15 }) },
    ...['a', 'b', 'c', 'd'].map((x, i) => ({
      subject: { kind: 'PRACTICE' as const, id: `anon-${x}`, name: `Practice ${x}` },
      points: pts({ 2024: 10 * (i + 1) }),
    })),
    { subject: { kind: 'COUNCIL', id: '886', name: 'Kent' }, points: pts({ 2024: 12 }) },
  ],
  england: [{ period: 2024, value: 11, symbol: null, source: 'PUBLISHED', coverage: null }],
};

describe('my benchmark', () => {
  const subjects = benchmarkSubjects(options, 'swp-kent');

  it('asks for the practice, its peers and its host council', () => {
    expect(subjects).toEqual({
      practiceId: 'swp-kent',
      peerIds: ['anon-a', 'anon-b', 'anon-c', 'anon-d'],
      councilCodes: ['886'],
    });
    expect(benchmarkVariables('x', subjects).subjects.map((s) => `${s.kind}:${s.id}`)).toEqual([
      'PRACTICE:swp-kent',
      'PRACTICE:anon-a',
      'PRACTICE:anon-b',
      'PRACTICE:anon-c',
      'PRACTICE:anon-d',
      'COUNCIL:886',
    ]);
  });

  it('scores the latest figure among peers (not counting itself), with host council, England and trend', () => {
    const score = scoreOf(series, subjects);
    expect(score).toMatchObject({ period: 2024, band: 1, peers: { count: 4, lower: 17.5, median: 25, upper: 32.5 } });
    expect(score.practice?.value).toBe(15);
    expect(score.council?.value).toBe(12);
    expect(score.england?.value).toBe(11);
    expect(score.trend).toEqual({ from: 2023, change: -5, direction: 'better' });
    expect(summariseArea([score, { ...score, band: 4 }, { ...score, band: null }], 3)).toEqual({
      bands: { 1: 1, 2: 0, 3: 0, 4: 1 },
      placed: 2,
      total: 3,
    });
  });

  it('without a figure for the practice: the latest year held, not placed', () => {
    const none = {
      ...series,
      lines: series.lines.map((l) => (l.subject.id === 'swp-kent' ? { ...l, points: [] } : l)),
    };
    expect(scoreOf(none, subjects)).toMatchObject({ period: 2024, practice: null, band: null, trend: null });
  });

  it('draws the practice, host council and England with the peers\u2019 middle half; peers in the table only', () => {
    const { lines, band } = benchmarkFigure(series, subjects, 'Kent SWP');
    expect(lines.filter((l) => l.drawn !== false).map((l) => l.name)).toEqual([
      'Kent SWP',
      'Kent (host council)',
      'England',
    ]);
    expect(lines.filter((l) => l.drawn === false).map((l) => l.name)).toEqual([
      'Peers: lower quartile',
      'Peers: median',
      'Peers: upper quartile',
      'Practice a',
      'Practice b',
      'Practice c',
      'Practice d',
    ]);
    expect([band.low.get(2024), band.high.get(2024), band.low.get(2023)]).toEqual([17.5, 32.5, null]);
  });
});
