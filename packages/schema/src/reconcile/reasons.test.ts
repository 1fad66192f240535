import { describe, expect, it } from 'vitest';
import { reconcileReasons, type ReconcileInput } from './reasons';

const figure = (
  numerator: number | null,
  denominator: number | null,
  value: number | null,
  symbol: string | null = null,
) => ({ numerator, denominator, value, symbol });
const base: Omit<ReconcileInput, 'computed' | 'published'> = { publishedSource: true, workforce: false, decimals: 0 };

describe('reconciliation reasons', () => {
  it('names indicators DfE does not publish, and years it has not published', () => {
    expect(
      reconcileReasons({ ...base, publishedSource: false, computed: figure(1, 10, 10), published: null })[0],
    ).toMatch(/publishes no figure for this indicator/);
    expect(reconcileReasons({ ...base, computed: figure(1, 10, 10), published: null })[0]).toMatch(
      /no figure for this council and year/,
    );
  });

  it("reads DfE's symbol", () => {
    expect(reconcileReasons({ ...base, computed: figure(3, 40, 7.5), published: figure(null, 40, null, 'c') })).toEqual(
      ['DfE shows no number: c (suppressed by DfE).'],
    );
  });

  it('sees DfE rounding: 10.4 computed is 10 as DfE prints whole percentages, same cohort', () => {
    // 26 of 250 = 10.4%; DfE prints 10 (0 dp) from the same 26 / 250.
    expect(reconcileReasons({ ...base, computed: figure(26, 250, 10.4), published: figure(26, 250, 10) })).toEqual([
      'Equal once rounded as DfE prints it (0 decimal places).',
    ]);
  });

  it('gives the cohort difference when the denominators differ (e.g. a late return)', () => {
    // 30 of 260 = 11.5% against DfE's 26 of 250 = 10%.
    const reasons = reconcileReasons({ ...base, computed: figure(30, 260, 11.538), published: figure(26, 250, 10) });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(
      /^Different cohort: 260 in the return, 250 in DfE's table\. DfE's figure is its snapshot/,
    );
  });

  it('gives the count difference when the cohort is the same', () => {
    expect(reconcileReasons({ ...base, computed: figure(28, 250, 11.2), published: figure(26, 250, 10) })[0]).toMatch(
      /^Same cohort, 28 counted against DfE's 26/,
    );
  });

  it('speaks of the census base for workforce figures, without float noise', () => {
    const reasons = reconcileReasons({
      ...base,
      workforce: true,
      decimals: 1,
      computed: figure(4, 110.9 + 0.1, 3.6),
      published: figure(4, 110.9, 3.6),
    });
    expect(reasons[0]).toBe('Same figure.');
    expect(reasons[1]).toMatch(
      /^Different base: 111 in the return, 110.9 in DfE's table\. DfE's census counts FTEs at 30 September/,
    );
  });

  it('says when the computed figure is withheld from the viewer', () => {
    expect(
      reconcileReasons({ ...base, computed: figure(null, 50, null, 'c'), published: figure(4, 50, 8) })[0],
    ).toMatch(/withheld from this viewer/);
  });
});
