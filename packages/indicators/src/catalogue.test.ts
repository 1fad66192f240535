import { describe, expect, it } from 'vitest';
import { catalogueById, countFamilies, countFamilyOf } from './catalogue';
import { computedIndicators } from './compute/recompute';

describe('count families (cross-indicator differencing)', () => {
  it('name computed indicators of the catalogue only', () => {
    const computed = new Set([...computedIndicators.ssda903, ...computedIndicators.csww]);
    for (const family of countFamilies) {
      for (const ref of family) {
        expect(catalogueById.has(ref.indicator), ref.indicator).toBe(true);
        expect(computed.has(ref.indicator), ref.indicator).toBe(true);
      }
    }
  });

  it('link an indicator to every indicator its counts share children with, transitively, itself first', () => {
    const { ids, families } = countFamilyOf('missing_incidents_per_child');
    expect(ids[0]).toBe('missing_incidents_per_child');
    // its denominator is missing_children's numerator; missing_children's cohort holds placements_3plus's
    expect(ids).toEqual(expect.arrayContaining(['missing_children', 'placements_3plus', 'convictions']));
    expect(families).toHaveLength(2);
    expect(countFamilyOf('workforce_turnover')).toEqual({ ids: ['workforce_turnover'], families: [] });
  });
});
