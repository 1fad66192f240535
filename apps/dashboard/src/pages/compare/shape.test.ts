import { describe, expect, it } from 'vitest';
import type { FigureSeriesData } from '../../figures/queries';
import type { CompareOptionsData } from './queries';
import {
  describeSources,
  periodsInWindow,
  pilotCouncils,
  resolveView,
  seriesVariables,
  toChartModel,
  toTableModel,
} from './shape';
import { DEFAULT_VIEW } from './urlState';

const options: CompareOptionsData = {
  outcomeAreas: [
    {
      area: 'STABILITY',
      title: 'Stability and continuity',
      indicators: [{ id: 'placements_3plus', title: '3 or more placements' }],
    },
    { area: 'HEALTHY', title: 'Being healthy', indicators: [{ id: 'sdq_average', title: 'Average SDQ score' }] },
  ],
  pilotWaves: [
    {
      wave: 2,
      name: 'Second wave',
      startYear: 2011,
      councils: [{ code: '801', name: 'Bristol', statisticalNeighbours: [] }],
    },
    {
      wave: 1,
      name: 'First wave',
      startYear: 2009,
      councils: [
        { code: '886', name: 'Kent', statisticalNeighbours: [{ code: '845', name: 'East Sussex' }] },
        { code: '312', name: 'Hillingdon', statisticalNeighbours: [] },
      ],
    },
  ],
  councils: [
    { code: '886', name: 'Kent' },
    { code: '845', name: 'East Sussex' },
    { code: '801', name: 'Bristol' },
    { code: '312', name: 'Hillingdon' },
  ],
  practices: [
    { id: 'swp-kent', name: 'Kent social work practice' },
    { id: 'anon-X', name: 'Practice X' },
  ],
};

const point = (
  period: number,
  value: number | null,
  extra: Partial<{
    symbol: string;
    source: 'PUBLISHED' | 'COMPUTED';
    rank: number;
    rankOutOf: number;
    quartile: number;
  }> = {},
) => ({
  period,
  value,
  symbol: extra.symbol ?? null,
  source: extra.source ?? ('PUBLISHED' as const),
  rank: extra.rank ?? null,
  rankOutOf: extra.rankOutOf ?? null,
  quartile: extra.quartile ?? null,
  numerator: null,
  denominator: null,
});

/**
 * Hand-worked: 3+ placements (percent, 0 decimals), four years ending 31 March 2022..2025.
 * Kent: 9 (ranked 12 of 152, Q1), suppressed, nothing held, 11 computed from returns.
 * Hillingdon: 10.4, 12, 14 flagged u (low reliability), nothing held.
 * England: 10, 10, 11, not yet published.
 */
const series: FigureSeriesData['series'] = {
  indicator: {
    id: 'placements_3plus',
    title: '3 or more placements',
    area: 'STABILITY',
    unit: 'percent',
    polarity: 'LOWER_BETTER',
    numerator: 'n',
    denominator: 'd',
    source: 's',
    method: 'm',
    periodType: 'reporting_year',
    decimals: 0,
  },
  periods: [2022, 2023, 2024, 2025],
  lines: [
    {
      subject: { kind: 'COUNCIL', id: '886', name: 'Kent' },
      region: [{ period: 2022, value: 8, symbol: null, source: 'PUBLISHED', coverage: null }],
      neighbourAverage: [{ period: 2022, value: 9.5, symbol: null, source: null, coverage: null }],
      points: [
        point(2022, 9, { rank: 12, rankOutOf: 152, quartile: 1 }),
        point(2023, null, { symbol: 'c', rankOutOf: 150 }),
        point(2025, 11, { source: 'COMPUTED', rank: 40, rankOutOf: 153, quartile: 2 }),
      ],
    },
    {
      subject: { kind: 'COUNCIL', id: '312', name: 'Hillingdon' },
      region: [],
      neighbourAverage: [],
      points: [
        point(2022, 10.4),
        point(2023, 12, { rank: 80, rankOutOf: 150, quartile: 3 }),
        point(2024, 14, { symbol: 'u' }),
      ],
    },
  ],
  england: [
    { period: 2022, value: 10, symbol: null, source: 'PUBLISHED', coverage: null },
    { period: 2023, value: 10, symbol: null, source: 'PUBLISHED', coverage: null },
    { period: 2024, value: 11, symbol: null, source: 'PUBLISHED', coverage: null },
  ],
};

describe('resolveView', () => {
  it('shows the first indicator and every pilot council, by wave, by default', () => {
    const resolved = resolveView(DEFAULT_VIEW, options);
    expect(resolved?.indicator.id).toBe('placements_3plus');
    expect(resolved?.councils.map((c) => c.code)).toEqual(['886', '312', '801']);
    expect(resolved?.notices).toEqual([]);
  });

  it('keeps the councils asked for, in the order asked, and says which were left out', () => {
    const resolved = resolveView(
      { ...DEFAULT_VIEW, indicator: 'sdq_average', councils: ['801', '999', '886'] },
      options,
    );
    expect(resolved?.indicator.id).toBe('sdq_average');
    expect(resolved?.councils.map((c) => c.code)).toEqual(['801', '886']);
    expect(resolved?.notices).toEqual(['Council 999 in the link is not known and left out.']);
  });

  it('falls back, with notices, when nothing in the link is known', () => {
    const resolved = resolveView({ ...DEFAULT_VIEW, indicator: 'nope', councils: ['999', '998'] }, options);
    expect(resolved?.indicator.id).toBe('placements_3plus');
    expect(resolved?.councils).toHaveLength(3);
    expect(resolved?.notices).toHaveLength(3);
  });

  it('has nothing to show without indicators or pilots', () => {
    expect(resolveView(DEFAULT_VIEW, { ...options, pilotWaves: [] })).toBeNull();
    expect(resolveView(DEFAULT_VIEW, { ...options, outcomeAreas: [] })).toBeNull();
  });

  it('takes any council and practices the viewer sees, pilots keeping their wave', () => {
    const resolved = resolveView(
      { ...DEFAULT_VIEW, councils: ['845', '886'], practices: ['swp-kent', 'nope'] },
      options,
    );
    expect(resolved?.councils).toEqual([
      { code: '845', name: 'East Sussex', wave: null },
      { code: '886', name: 'Kent', wave: 1 },
    ]);
    expect(resolved?.practices.map((p) => p.id)).toEqual(['swp-kent']);
    expect(resolved?.notices).toEqual(['Practice nope in the link is not known to you and left out.']);
    expect(resolved && seriesVariables(resolved).subjects).toEqual([
      { kind: 'COUNCIL', id: '845' },
      { kind: 'COUNCIL', id: '886' },
      { kind: 'PRACTICE', id: 'swp-kent' },
    ]);
    // Practices alone: no councils added.
    expect(resolveView({ ...DEFAULT_VIEW, practices: ['anon-X'] }, options)?.councils).toEqual([]);
  });

  it('asks for councils by kind and id, passing the source on', () => {
    const resolved = resolveView({ ...DEFAULT_VIEW, councils: ['312'], source: 'COMPUTED' }, options);
    expect(resolved && seriesVariables(resolved)).toEqual({
      indicatorId: 'placements_3plus',
      subjects: [{ kind: 'COUNCIL', id: '312' }],
      source: 'COMPUTED',
    });
  });

  it('lists a council in two waves once', () => {
    const twice = {
      ...options,
      pilotWaves: [
        ...options.pilotWaves,
        { wave: 3, name: 'x', startYear: 2014, councils: [{ code: '886', name: 'Kent', statisticalNeighbours: [] }] },
      ],
    };
    expect(pilotCouncils(twice).map((c) => c.code)).toEqual(['886', '312', '801']);
  });
});

describe('periodsInWindow', () => {
  it('cuts to the chosen years, inclusive, sorted and unique', () => {
    expect(periodsInWindow([2025, 2022, 2023, 2023, 2024], 2023, 2024)).toEqual([2023, 2024]);
    expect(periodsInWindow([2025, 2022], null, null)).toEqual([2022, 2025]);
    expect(periodsInWindow([2022, 2023], 2030, null)).toEqual([]);
  });
});

describe('toChartModel', () => {
  it('makes one row per period with a value or null per line, England last', () => {
    const model = toChartModel(series, series.periods);
    expect(model.lines.map(({ key, name, kind }) => ({ key, name, kind }))).toEqual([
      { key: 'line0', name: 'Kent', kind: 'COUNCIL' },
      { key: 'line1', name: 'Hillingdon', kind: 'COUNCIL' },
      { key: 'england', name: 'England', kind: 'ENGLAND' },
    ]);
    expect(model.rows).toEqual([
      { period: 2022, label: '2021-22', line0: 9, line1: 10.4, england: 10 },
      // suppressed -> null, so the line breaks rather than dropping to 0
      { period: 2023, label: '2022-23', line0: null, line1: 12, england: 10 },
      // nothing held for Kent -> null; a low-reliability number is still drawn
      { period: 2024, label: '2023-24', line0: null, line1: 14, england: 11 },
      { period: 2025, label: '2024-25', line0: 11, line1: null, england: null },
    ]);
  });

  it('keeps only the periods asked for', () => {
    expect(toChartModel(series, [2023]).rows).toEqual([
      { period: 2023, label: '2022-23', line0: null, line1: 12, england: 10 },
    ]);
  });
});

describe('toTableModel', () => {
  const table = toTableModel(series, series.periods);

  it('has a column per period and a row per subject then England', () => {
    expect(table.periods.map((p) => p.label)).toEqual(['2021-22', '2022-23', '2023-24', '2024-25']);
    expect(table.rows.map((r) => r.name)).toEqual(['Kent', 'Hillingdon', 'England']);
  });

  it('formats numbers to the indicator decimals and shows symbols, never 0 or blank', () => {
    const text = table.rows.map((r) => r.cells.map((c) => c.text));
    expect(text).toEqual([
      ['9%', 'c', 'x', '11%'],
      ['10%', '12%', '14% u', 'x'],
      ['10%', '10%', '11%', 'x'],
    ]);
  });

  it('marks figures computed from returns', () => {
    expect(table.rows[0]?.cells.map((c) => c.computed)).toEqual([false, false, false, true]);
    expect(table.sources).toEqual({ sources: ['PUBLISHED', 'COMPUTED'], computedPeriods: [2025] });
  });

  it('ranks councils in the last period shown, and says why when it cannot', () => {
    expect(table.rankPeriod).toBe(2025);
    expect(table.rows.map((r) => r.rank)).toEqual(['40 of 153, Q2', 'No figure', null]);
    const earlier = toTableModel(series, [2022, 2023]);
    expect(earlier.rankPeriod).toBe(2023);
    expect(earlier.rows.map((r) => r.rank)).toEqual(['Not ranked', '80 of 150, Q3', null]);
  });

  it('lists the symbols used, in legend order', () => {
    expect(table.symbols).toEqual(['c', 'x', 'u']);
    expect(toTableModel(series, [2022]).symbols).toEqual([]);
  });

  it('knows when there is no number at all', () => {
    expect(table.hasNumbers).toBe(true);
    const empty = toTableModel({ ...series, lines: [], england: [] }, [2022]);
    expect(empty.hasNumbers).toBe(false);
    expect(empty.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['x']]);
  });

  it('handles no periods', () => {
    const none = toTableModel(series, []);
    expect(none.rankPeriod).toBeNull();
    expect(none.rows.map((r) => [r.cells.length, r.rank])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
  });
});

describe('comparators', () => {
  const both = { region: true, neighbours: true };

  it("lists each council's region and neighbours under it in the table, and England last", () => {
    const table = toTableModel(series, [2022], both);
    expect(table.rows.map((r) => [r.name, r.comparator, r.cells[0]?.text])).toEqual([
      ['Kent', false, '9%'],
      ['Region of Kent', true, '8%'],
      ['Statistical neighbours of Kent', true, '10%'],
      ['Hillingdon', false, '10%'],
      ['Region of Hillingdon', true, 'x'],
      ['Statistical neighbours of Hillingdon', true, 'x'],
      ['England', false, '10%'],
    ]);
    // comparators are not ranked
    expect(table.rows.map((r) => r.rank)).toEqual(['12 of 152, Q1', null, null, 'Not ranked', null, null, null]);
  });

  it('draws comparators only when one council is shown', () => {
    expect(toChartModel(series, [2022], both).lines.map((l) => l.key)).toEqual(['line0', 'line1', 'england']);
    const one = { ...series, lines: series.lines.slice(0, 1) };
    const chart = toChartModel(one, [2022], both);
    expect(chart.lines.map((l) => l.name)).toEqual(['Kent', 'Region', 'Statistical neighbours (pooled)', 'England']);
    expect(chart.rows[0]).toMatchObject({ line0: 9, region0: 8, neighbours0: 9.5, england: 10 });
  });
});

describe('describeSources', () => {
  it('names one source, or both with the computed years', () => {
    expect(describeSources({ sources: ['PUBLISHED'], computedPeriods: [] }, 'reporting_year')).toBe('Published by DfE');
    expect(describeSources({ sources: ['COMPUTED'], computedPeriods: [2025] }, 'reporting_year')).toBe(
      'Computed from returns',
    );
    expect(describeSources({ sources: ['PUBLISHED', 'COMPUTED'], computedPeriods: [2024, 2025] }, 'census')).toBe(
      'Published by DfE, except figures marked * which are computed from returns (2024, 2025)',
    );
    expect(describeSources({ sources: [], computedPeriods: [] }, 'census')).toBeNull();
  });
});
