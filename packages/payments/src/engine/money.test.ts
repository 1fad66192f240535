import { describe, expect, it } from 'vitest';
import { allocate, earned, formatPence, toMillionths } from './money';

describe('allocate (largest remainder)', () => {
  it('splits exactly when the weights divide the pot', () => {
    expect(allocate(600_000, [2, 1, 1, 1, 1])).toEqual([200_000, 100_000, 100_000, 100_000, 100_000]);
  });

  it('gives the pence left over to the largest remainders', () => {
    // 600,001 x 2/6 = 200,000 r 2; x 1/6 = 100,000 r 1 (each): one penny left -> the weight-2 line
    expect(allocate(600_001, [2, 1, 1, 1, 1])).toEqual([200_001, 100_000, 100_000, 100_000, 100_000]);
    // 10 over 3, 3, 3: 3 r 3 each (of 9): one penny left -> the first listed
    expect(allocate(10, [3, 3, 3])).toEqual([4, 3, 3]);
    // 5 over 1, 2: 5 x 1/3 = 1 r 2, 5 x 2/3 = 3 r 1 -> the first (remainder 2) gets the penny
    expect(allocate(5, [1, 2])).toEqual([2, 3]);
  });

  it('always adds up to the pot, however awkward the weights', () => {
    const weights = [7, 13, 1, 999_983, 2];
    for (const pot of [0, 1, 2, 99, 1_000_003, Number.MAX_SAFE_INTEGER]) {
      const parts = allocate(pot, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(pot);
      expect(parts.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
    }
  });
});

describe('earned and achievement', () => {
  it('rounds achievement to the nearest millionth and money down to the penny', () => {
    expect(toMillionths(0.5)).toBe(500_000);
    expect(toMillionths(0.1 + 0.2)).toBe(300_000); // 0.30000000000000004
    expect(toMillionths(-0.2)).toBe(0);
    expect(toMillionths(1.7)).toBe(1_000_000);
    expect(earned(3_333, 500_000)).toBe(1_666); // 1,666.5 -> 1,666
    expect(earned(1_000, 300_000)).toBe(300); // no floating-point 299.99999
    expect(earned(Number.MAX_SAFE_INTEGER, 1_000_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('formats pence without a locale', () => {
    expect(formatPence(0)).toBe('£0.00');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(123_456_789)).toBe('£1,234,567.89');
  });
});
