import { describe, expect, it } from 'vitest';
import { apportion, ENGLAND_TOTALS_2025, generateNationalYear, iterateNationalYear } from './index';

describe('national year', () => {
  it('apportions totals exactly, in proportion to weights', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [0.5, 0.25, 0.25])).toEqual([50, 25, 25]);
    const parts = apportion(ENGLAND_TOTALS_2025.children, [5, 17, 3, 250, 1]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(81770);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });

  it('generates every council, splitting national totals by weight', () => {
    const councils = [
      { code: '886', children: 20, workers: 9 },
      { code: '312', children: 5, workers: 2 },
      { code: '889', children: 3, workers: 1 },
    ];
    const year = generateNationalYear({
      seed: 1,
      collectionYear: 2025,
      councils,
      totals: { children: 1400, workers: 600 },
    });
    expect(year.councils.map((c) => c.councilCode)).toEqual(['886', '312', '889']);
    const atEnd = year.councils.map((c) => c.ssda903.children.filter((ch) => ch.episodes.at(-1)?.dec === null).length);
    expect(atEnd[0]! / 1000).toBeCloseTo(1, 0);
    expect(atEnd[0]!).toBeGreaterThan(atEnd[1]!);
    expect(year.councils[0]!.csww.workers.filter((w) => w.agencyWorker === '0' && w.roleEndDate === null)).toHaveLength(
      450,
    );
    const again = [
      ...iterateNationalYear({ seed: 1, collectionYear: 2025, councils, totals: { children: 1400, workers: 600 } }),
    ];
    expect(again.map((c) => c.ssda903.children.length)).toEqual(year.councils.map((c) => c.ssda903.children.length));
  });
});
