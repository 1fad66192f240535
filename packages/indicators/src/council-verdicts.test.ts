import { describe, expect, it } from 'vitest';
import { trendOf, valueInterval, versusEngland } from './council-verdicts';

const pct = { unit: 'percent', scale: 100 };

describe('council verdicts', () => {
  it('puts the interval on the value scale, Wilson for 15/148 (Newcombe 1998: 0.0624-0.1605)', () => {
    const i = valueInterval({ value: 10.135, numerator: 15, denominator: 148 }, pct)!;
    expect(i.method).toBe('wilson');
    expect(i.lower).toBeCloseTo(6.24, 2);
    expect(i.upper).toBeCloseTo(16.05, 2);
  });

  it('gives no interval for a suppressed figure, a non-proportion unit or numbers that are not a proportion', () => {
    expect(valueInterval({ value: null, numerator: 3, denominator: 10 }, pct)).toBeNull();
    expect(valueInterval({ value: 2, numerator: 40, denominator: 20 }, { unit: 'ratio', scale: 1 })).toBeNull();
    expect(valueInterval({ value: 120, numerator: 12, denominator: 10 }, pct)).toBeNull();
  });

  it('flags better or worse than England only when the interval excludes it, by polarity', () => {
    const interval = { lower: 6.24, upper: 16.05 };
    expect(versusEngland(interval, 5, 'lower_better')).toBe('worse');
    expect(versusEngland(interval, 5, 'higher_better')).toBe('better');
    expect(versusEngland(interval, 20, 'lower_better')).toBe('better');
    expect(versusEngland(interval, 10, 'lower_better')).toBe('similar');
    expect(versusEngland(interval, 5, 'neutral')).toBeNull();
    expect(versusEngland(null, 5, 'lower_better')).toBeNull();
  });

  it('words a 3-year trend', () => {
    expect(trendOf(8, 9, 10)).toBe('rising');
    expect(trendOf(10, 10, 9)).toBe('falling');
    expect(trendOf(9, 9, 9)).toBe('steady');
    expect(trendOf(8, 10, 9)).toBe('mixed');
    expect(trendOf(null, 10, 9)).toBeNull();
  });
});
