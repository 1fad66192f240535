/**
 * Against published worked examples: Newcombe RG (1998), "Two-sided confidence intervals for the
 * single proportion: comparison of seven methods", Statistics in Medicine 17:857-872, Table I,
 * 95% intervals for 81/263, 15/148, 0/20 and 1/29: method 3 (Wilson score, no continuity
 * correction) and method 5 (Clopper-Pearson "exact"), printed to 4 decimals.
 */
import { describe, expect, it } from 'vitest';
import { zFor } from './normal';
import { clopperPearsonInterval, proportionInterval, wilsonInterval } from './proportion';

const NEWCOMBE: [x: number, n: number, wilson: [number, number], exact: [number, number]][] = [
  [81, 263, [0.2553, 0.3662], [0.2527, 0.3676]],
  [15, 148, [0.0624, 0.1605], [0.0578, 0.1617]],
  [0, 20, [0, 0.1611], [0, 0.1684]],
  [1, 29, [0.0061, 0.1718], [0.0009, 0.1776]],
];

const to4 = (v: number) => Math.round(v * 1e4) / 1e4;

describe('proportion intervals', () => {
  it('z for 95% and 99.8%', () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 6);
    expect(zFor(0.998)).toBeCloseTo(3.090232, 6);
  });

  it.each(NEWCOMBE)('Wilson and exact for %i/%i as Newcombe (1998) Table I prints them', (x, n, wilson, exact) => {
    const w = wilsonInterval(x, n);
    expect([to4(w.lower), to4(w.upper)]).toEqual(wilson);
    const e = clopperPearsonInterval(x, n);
    expect([to4(e.lower), to4(e.upper)]).toEqual(exact);
  });

  it('x = n mirrors x = 0', () => {
    const w = wilsonInterval(20, 20);
    expect(to4(w.upper)).toBe(1);
    expect(to4(w.lower)).toBe(to4(1 - 0.1611));
    expect(clopperPearsonInterval(20, 20).upper).toBe(1);
  });

  it('is exact for small whole counts, Wilson for large or fractional ones', () => {
    expect(proportionInterval(1, 29).method).toBe('exact');
    expect(proportionInterval(15, 148).method).toBe('wilson');
    expect(proportionInterval(2.5, 10).method).toBe('wilson');
  });

  it('refuses what is not a proportion', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
  });
});
