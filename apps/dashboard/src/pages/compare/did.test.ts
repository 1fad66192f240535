import { describe, expect, it } from 'vitest';
import { comparisonCouncils, didReading, differenceInDifferences, groupMeans } from './did';

const line = (id: string, values: Record<number, number | null>) => ({
  subject: { kind: 'COUNCIL', id, name: id },
  points: Object.entries(values).map(([period, value]) => ({
    period: Number(period),
    value,
    symbol: value === null ? 'c' : null,
  })),
});

describe('difference in differences', () => {
  it('takes the pilots\u2019 neighbours that are not pilots, each once, nearest first', () => {
    const pilots = [
      {
        code: 'A',
        name: 'A',
        statisticalNeighbours: [
          { code: 'X', name: 'X' },
          { code: 'B', name: 'B' },
          { code: 'Y', name: 'Y' },
        ],
      },
      {
        code: 'B',
        name: 'B',
        statisticalNeighbours: [
          { code: 'Y', name: 'Y' },
          { code: 'Z', name: 'Z' },
        ],
      },
    ];
    expect(comparisonCouncils(pilots, new Set(['A', 'B'])).map((c) => c.code)).toEqual(['X', 'Y', 'Z']);
  });

  it('averages each group per year over the councils with a number', () => {
    const lines = [line('A', { 2020: 10, 2021: 12 }), line('B', { 2020: 20, 2021: null }), line('X', { 2020: 5 })];
    expect(groupMeans(lines, ['A', 'B'], [2020, 2021, 2022])).toEqual([
      { period: 2020, mean: 15, count: 2 },
      { period: 2021, mean: 12, count: 1 },
      { period: 2022, mean: null, count: 0 },
    ]);
  });

  it('is the pilots\u2019 change minus the comparison councils\u2019 change (hand-worked)', () => {
    // Pilots: before (10, 12) -> 11; after (8, 6) -> 7; change -4.
    // Comparison: before (10, 10) -> 10; after (9, 9) -> 9; change -1. DiD = -4 - -1 = -3.
    const pilots = [10, 12, 8, 6].map((mean, i) => ({ period: 2020 + i, mean, count: 3 }));
    const comparison = [10, 10, 9, 9].map((mean, i) => ({ period: 2020 + i, mean, count: 9 }));
    const did = differenceInDifferences(pilots, comparison, 2022);
    expect(did).toMatchObject({
      before: [2020, 2021],
      after: [2022, 2023],
      pilots: { before: 11, after: 7, change: -4 },
      comparison: { change: -1 },
      difference: -3,
    });
    expect(didReading(did.difference, 'LOWER_BETTER')).toBe('better');
    expect(didReading(did.difference, 'HIGHER_BETTER')).toBe('worse');
  });

  it('has no answer without years on both sides', () => {
    const pilots = [{ period: 2020, mean: 10, count: 1 }];
    expect(differenceInDifferences(pilots, pilots, 2009).difference).toBeNull();
    expect(differenceInDifferences(pilots, pilots, 2009).before).toEqual([]);
  });
});
