import { describe, expect, it } from 'vitest';
import { ENGLAND_STYLE } from '../pages/compare/chartStyle';
import { coverageText, englandLines, type AggregatePoint } from './aggregates';

const published = (period: number, value: number): AggregatePoint => ({
  period,
  value,
  symbol: null,
  source: 'PUBLISHED',
  coverage: null,
});
const computed = (period: number, value: number, councils: number, of: number): AggregatePoint => ({
  period,
  value,
  symbol: null,
  source: 'COMPUTED',
  coverage: { councils, of },
});

describe('England comparator lines', () => {
  it('keeps the published figures as England and never labels a partial computed aggregate England', () => {
    const lines = englandLines([published(2024, 10), published(2025, 11), computed(2026, 26, 14, 153)], ENGLAND_STYLE);
    expect(lines.map((l) => [l.key, l.name, l.points.map((p) => p.period)])).toEqual([
      ['england', 'England', [2024, 2025]],
      ['englandreturns', "Pilots' returns (14 of 153 councils)", [2026]],
    ]);
  });

  it('has one line when DfE publishes every year shown', () => {
    expect(englandLines([published(2024, 10)], ENGLAND_STYLE).map((l) => l.name)).toEqual(['England']);
  });

  it('gives the range of coverage when it changes over the years', () => {
    expect(coverageText([computed(2025, 1, 12, 153), computed(2026, 1, 14, 153)])).toBe('12 to 14 of 153 councils');
    expect(coverageText([computed(2021, 1, 5, 152), computed(2026, 1, 5, 153)])).toBe('5 of 152 to 153 councils');
    expect(coverageText([])).toBe('coverage not known');
  });
});
