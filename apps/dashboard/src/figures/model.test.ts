import { describe, expect, it } from 'vitest';
import { lineStyle } from '../pages/compare/chartStyle';
import {
  buildChart,
  buildCsvRows,
  buildTable,
  CSV_HEADER,
  quantile,
  quartileBand,
  quartilesOf,
  type FigureLine,
} from './model';

const lines: FigureLine[] = [
  {
    key: 'a',
    name: 'Kent',
    role: 'subject',
    subject: { kind: 'COUNCIL', id: '886' },
    style: lineStyle(0),
    ranked: true,
    points: [
      {
        period: 2024,
        value: 12.345,
        symbol: null,
        source: 'PUBLISHED',
        rank: 3,
        rankOutOf: 150,
        quartile: 1,
        numerator: 10,
        denominator: 81,
      },
      { period: 2025, value: null, symbol: 'c', source: 'COMPUTED' },
    ],
  },
  {
    key: 'n',
    name: 'Neighbours',
    role: 'neighbours',
    style: lineStyle(1),
    ranked: false,
    comparatorOf: 'a',
    points: [{ period: 2024, value: 11, symbol: null }],
  },
  {
    key: 'hidden',
    name: 'Peer',
    role: 'peers',
    style: lineStyle(2),
    ranked: false,
    drawn: false,
    points: [{ period: 2025, value: 9, symbol: null }],
  },
];

describe('figure model', () => {
  it('draws only the drawn lines, with a band where both ends are known', () => {
    const band = { name: 'middle half', low: new Map([[2024, 10]]), high: new Map([[2024, 14]]) };
    const chart = buildChart(lines, [2024, 2025], 'reporting_year', band);
    expect(chart.lines.map((l) => l.key)).toEqual(['a', 'n']);
    expect(chart.rows).toEqual([
      { period: 2024, label: '2023-24', a: 12.345, n: 11, band: [10, 14] },
      { period: 2025, label: '2024-25', a: null, n: null, band: null },
    ]);
  });

  it('tables every line, comparators marked, ranks for ranked lines only, symbols and sources listed', () => {
    const table = buildTable(lines, [2024, 2025], { unit: 'percent', decimals: 1, periodType: 'reporting_year' });
    expect(table.rows.map((r) => [r.name, r.comparator, r.cells.map((c) => c.text), r.rank])).toEqual([
      ['Kent', false, ['12.3%', 'c'], 'Not ranked'],
      ['Neighbours', true, ['11.0%', 'x'], null],
      ['Peer', false, ['x', '9.0%'], null],
    ]);
    expect(table.symbols).toEqual(['c', 'x']);
    expect(table.sources).toEqual({ sources: ['PUBLISHED', 'COMPUTED'], computedPeriods: [2025] });
  });

  it('writes the CSV in long form with unrounded values, x for no figure, and what a comparator compares with', () => {
    const rows = buildCsvRows(
      { id: 'i', title: 'T', unit: 'percent', periodType: 'reporting_year' },
      lines,
      [2024, 2025],
    );
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows[1]).toEqual([
      'i',
      'T',
      'percent',
      'Kent',
      'subject',
      'COUNCIL',
      '886',
      null,
      2024,
      '2023-24',
      12.345,
      null,
      'PUBLISHED',
      10,
      81,
      3,
      150,
      1,
    ]);
    expect(rows[4]).toEqual([
      'i',
      'T',
      'percent',
      'Neighbours',
      'neighbours',
      null,
      null,
      'Kent',
      2025,
      '2024-25',
      null,
      'x',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(rows).toHaveLength(1 + 3 * 2);
  });
});

describe('quartiles', () => {
  it('interpolates like QUARTILE.INC', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNull();
    expect(quartilesOf([4, null, 1, 3, 2, Number.NaN])).toEqual({ count: 4, lower: 1.75, median: 2.5, upper: 3.25 });
  });

  it('places a value in a quarter, best first, by polarity; not with fewer than four', () => {
    const q = quartilesOf([10, 20, 30, 40, 50]); // 20, 30, 40
    expect(quartileBand(15, q, 'LOWER_BETTER')).toBe(1);
    expect(quartileBand(45, q, 'LOWER_BETTER')).toBe(4);
    expect(quartileBand(45, q, 'HIGHER_BETTER')).toBe(1);
    expect(quartileBand(25, q, 'HIGHER_BETTER')).toBe(3);
    expect(quartileBand(25, q, 'NEUTRAL')).toBeNull();
    expect(quartileBand(null, q, 'LOWER_BETTER')).toBeNull();
    expect(quartileBand(25, quartilesOf([1, 2, 3]), 'LOWER_BETTER')).toBeNull();
  });
});
