import { describe, expect, it } from 'vitest';
import type { FigureSeriesData } from '../../figures/queries';
import {
  movementLines,
  reportingYearOf,
  shortageFigure,
  shortageVariables,
  standingOf,
  trendOf,
  worstFirst,
} from './shape';

type Series = FigureSeriesData['series'];
const indicator = (id: string, polarity = 'LOWER_BETTER', periodType = 'census') =>
  ({
    id,
    title: id,
    area: 'WORKFORCE',
    unit: 'percent',
    polarity,
    numerator: '',
    denominator: '',
    source: '',
    method: '',
    periodType,
    decimals: 1,
  }) as Series['indicator'];
const pts = (values: Record<number, number | null>) =>
  Object.entries(values).map(([period, value]) => ({
    period: Number(period),
    value,
    symbol: value === null ? 'c' : null,
    source: 'PUBLISHED' as const,
    rank: null,
    rankOutOf: null,
    quartile: null,
    numerator: null,
    denominator: null,
  }));
const line = (kind: 'COUNCIL' | 'PRACTICE', id: string, values: Record<number, number | null>) => ({
  subject: { kind, id, name: id },
  points: pts(values),
  region: [
    {
      period: 2024,
      value: 15,
      symbol: null,
      numerator: null,
      denominator: null,
      source: 'PUBLISHED' as const,
      coverage: null,
    },
  ],
  neighbourAverage: [
    { period: 2024, value: 14, symbol: null, numerator: null, denominator: null, source: null, coverage: null },
  ],
});
const council = {
  code: 'K',
  name: 'Kent',
  region: { code: 'SE', name: 'South East' },
  statisticalNeighbours: ['A', 'B', 'C', 'D', 'E'].map((code) => ({ code, name: code })),
  practices: [{ id: 'p1', name: 'Practice one' }],
};
// Neighbours 10, 12, 14, 16, 18 in 2024: lower 12, median 14, upper 16.
const series = (id: string, kent: Record<number, number | null>, polarity = 'LOWER_BETTER'): Series => ({
  indicator: indicator(id, polarity),
  periods: [2023, 2024],
  lines: [
    line('COUNCIL', 'K', kent),
    line('PRACTICE', 'p1', { 2024: 30 }),
    ...['A', 'B', 'C', 'D', 'E'].map((code, i) => line('COUNCIL', code, { 2024: 10 + 2 * i })),
  ],
  england: [{ period: 2024, value: 13, symbol: null, source: 'PUBLISHED' as const, coverage: null }],
});

describe('shortage monitor', () => {
  it('asks for the council, its practices and its neighbours in one series', () => {
    expect(shortageVariables('t', council).subjects.map((s) => `${s.kind}:${s.id}`)).toEqual([
      'COUNCIL:K',
      'PRACTICE:p1',
      'COUNCIL:A',
      'COUNCIL:B',
      'COUNCIL:C',
      'COUNCIL:D',
      'COUNCIL:E',
    ]);
  });

  it('places the latest figure among the neighbours, with the trend, and sorts worst first', () => {
    const high = standingOf(series('turnover', { 2023: 15, 2024: 18 }), 'K', ['A', 'B', 'C', 'D', 'E']);
    expect(high).toMatchObject({
      period: 2024,
      value: 18,
      band: 4,
      quartiles: { lower: 12, median: 14, upper: 16, count: 5 },
    });
    expect(high.trend).toEqual({ from: 2023, change: 3, direction: 'worse' });
    const low = standingOf(series('vacancy', { 2024: 11 }), 'K', ['A', 'B', 'C', 'D', 'E']);
    expect(low.band).toBe(1);
    const better = standingOf(series('stable', { 2024: 11 }, 'HIGHER_BETTER'), 'K', ['A', 'B', 'C', 'D', 'E']);
    expect(better.band).toBe(4);
    const none = standingOf(series('absence', { 2024: null }), 'K', ['A', 'B', 'C', 'D', 'E']);
    expect(none.band).toBeNull();
    // Both in the worst quarter: turnover is 1 interquartile range beyond the median, stable 0.75.
    expect(worstFirst([low, none, high, better]).map((s) => s.indicator.id)).toEqual([
      'turnover',
      'stable',
      'vacancy',
      'absence',
    ]);
  });

  it('reads a trend by polarity', () => {
    expect(trendOf(pts({ 2022: 5, 2023: null, 2024: 4 }), 'LOWER_BETTER', 2024)).toEqual({
      from: 2022,
      change: -1,
      direction: 'better',
    });
    expect(trendOf(pts({ 2024: 4 }), 'LOWER_BETTER', 2024)).toBeNull();
    expect(trendOf(pts({ 2023: 4, 2024: 4 }), 'LOWER_BETTER', 2024)?.direction).toBe('same');
  });

  it('draws the council, practices, neighbours, region and England; tables the quartiles and each neighbour', () => {
    const { lines, band } = shortageFigure(series('turnover', { 2024: 17 }), council);
    expect(lines.filter((l) => l.drawn !== false).map((l) => l.name)).toEqual([
      'K',
      'p1',
      'Statistical neighbours (pooled)',
      'South East (region)',
      'England',
    ]);
    expect(lines.filter((l) => l.drawn === false).map((l) => l.name)).toEqual([
      'Neighbours: lower quartile',
      'Neighbours: median',
      'Neighbours: upper quartile',
      'A',
      'B',
      'C',
      'D',
      'E',
    ]);
    expect([band.low.get(2024), band.high.get(2024)]).toEqual([12, 16]);
    // 2023: no neighbour has a figure, so no band and the quartile rows say x.
    expect(band.low.get(2023)).toBeNull();
    expect(lines.find((l) => l.key === 'nq2')?.points.find((p) => p.period === 2023)).toEqual({
      period: 2023,
      value: null,
      symbol: 'x',
    });
  });

  it('lines a census up with the reporting year it falls in', () => {
    expect(reportingYearOf(2023, 'census')).toBe(2024);
    expect(reportingYearOf(2024, 'reporting_year')).toBe(2024);
    const stability = {
      ...series('placements', { 2024: 10 }),
      indicator: indicator('placements', 'LOWER_BETTER', 'reporting_year'),
    };
    stability.indicator = { ...stability.indicator, area: 'STABILITY' };
    const { lines, periods } = movementLines([series('turnover', { 2023: 15 }), stability], 'K');
    expect(periods).toEqual([2024]);
    expect(lines.map((l) => [l.name, l.points[0]?.period, l.style.dashed])).toEqual([
      ['turnover', 2024, false],
      ['placements', 2024, true],
    ]);
  });
});
