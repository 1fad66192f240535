import { describe, expect, it } from 'vitest';
import { determinedCells } from './audit';

describe('determinedCells', () => {
  it('one hidden cell in a group is determined', () => {
    expect(determinedCells([{ members: ['a', 'b', 'c'], total: 't' }], ['a'])).toEqual(['a']);
    expect(determinedCells([{ members: ['a', 'b', 'c'], total: 't' }], ['t'])).toEqual(['t']);
  });

  it('two hidden cells in one group are not', () => {
    expect(determinedCells([{ members: ['a', 'b', 'c'], total: 't' }], ['a', 't'])).toEqual([]);
  });

  it('a rectangle in a 2x2 table with margins is not determined', () => {
    // a b | r1 ; c d | r2 ; k1 k2 : a+b=r1, c+d=r2, a+c=k1, b+d=k2 has rank 3 in 4 unknowns.
    const groups = [
      { members: ['a', 'b'], total: 'r1' },
      { members: ['c', 'd'], total: 'r2' },
      { members: ['a', 'c'], total: 'k1' },
      { members: ['b', 'd'], total: 'k2' },
    ];
    expect(determinedCells(groups, ['a', 'b', 'c', 'd'])).toEqual([]);
  });

  it('two groups can pin a cell neither pins alone', () => {
    // a + b = t1 and a + b + c = t2 (both totals shown): c = t2 - t1.
    const groups = [
      { members: ['a', 'b'], total: 't1' },
      { members: ['a', 'b', 'c'], total: 't2' },
    ];
    expect(determinedCells(groups, ['a', 'b', 'c'])).toEqual(['c']);
  });

  it('ignores groups with nothing hidden', () => {
    expect(determinedCells([{ members: ['x', 'y'], total: 'z' }], ['a'])).toEqual([]);
  });
});
