import { describe, expect, it } from 'vitest';
import type { TableData, TableRow } from './queries';
import { bandLabel, changeText, councilName, downloadRows, sheetCells, sortRows, verdictLabel } from './table';

const row = (
  code: string,
  name: string,
  value: number | null,
  rank: number | null,
  change: number | null,
  verdict: TableRow['versusEngland'],
): TableRow => ({
  code,
  name,
  value,
  numerator: null,
  denominator: null,
  symbol: value === null ? 'c' : null,
  rank,
  rankOutOf: 3,
  quartile: rank,
  previous: null,
  change,
  trend: null,
  interval: null,
  versusEngland: verdict,
  funnel: null,
  former: false,
  lastPeriod: null,
  neighbourCodes: [],
  neighbourMedian: null,
  neighboursWithValue: 0,
});

const rows = [
  row('1', 'Kent', 9, 2, -1, 'WORSE'),
  row('2', 'Barnet', 7, 1, 2, 'SIMILAR'),
  row('3', 'Croydon', null, null, null, null),
];

describe('council table', () => {
  it('sorts by any column, rows without the figure last either way', () => {
    expect(sortRows(rows, 'rank', 'ascending').map((r) => r.code)).toEqual(['2', '1', '3']);
    expect(sortRows(rows, 'rank', 'descending').map((r) => r.code)).toEqual(['1', '2', '3']);
    expect(sortRows(rows, 'name', 'ascending').map((r) => r.name)).toEqual(['Barnet', 'Croydon', 'Kent']);
    expect(sortRows(rows, 'change', 'descending').map((r) => r.code)).toEqual(['2', '1', '3']);
    expect(sortRows(rows, 'verdict', 'ascending').map((r) => r.code)).toEqual(['2', '1', '3']);
  });

  it('words changes, bands and verdicts', () => {
    expect(changeText(-1, { unit: 'percent', decimals: 0 })).toBe('-1 pts');
    expect(changeText(0.04, { unit: 'percent', decimals: 1 })).toBe('0.0 pts');
    expect(changeText(2.5, { unit: 'ratio', decimals: 1 })).toBe('+2.5');
    expect(changeText(null, { unit: 'ratio', decimals: 1 })).toBe('No figure');
    expect(bandLabel(1)).toBe('A (best quarter)');
    expect(bandLabel(null)).toBe('Not banded');
    expect(verdictLabel('WORSE')).toBe('Worse than England');
    expect(councilName({ name: 'Dorset', former: true, lastPeriod: 2019 }, 'reporting_year')).toBe(
      'Dorset (former council, to 2018-19)',
    );
    expect(councilName({ name: 'Dorset', former: false, lastPeriod: 2025 }, 'reporting_year')).toBe('Dorset');
  });

  it('downloads every row with the full-precision numbers and England last', () => {
    const table = {
      period: 2024,
      england: { value: 7, symbol: null, interval: null },
      indicator: {
        id: 'x',
        title: 'X',
        unit: 'percent',
        decimals: 0,
        periodType: 'reporting_year',
        polarity: 'LOWER_BETTER',
        source: 's',
      },
      rows,
    } as unknown as TableData;
    const out = downloadRows(table, rows);
    expect(out).toHaveLength(5);
    expect(out[1]!.slice(0, 4)).toEqual(['1', 'Kent', 9, null]);
    expect(out[4]!.slice(0, 3)).toEqual(['E92000001', 'England', 7]);
    expect(sheetCells(out)[3]![2]).toBeNull();
  });
});
