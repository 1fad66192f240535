import { describe, expect, it } from 'vitest';
import {
  formatCell,
  formatRank,
  formatValue,
  periodLabel,
  periodLongLabel,
  periodRangeLabel,
  polarityLabel,
  symbolMeaning,
  unitLabel,
} from './values';

const pct0 = { unit: 'percent', decimals: 0 };
const pct1 = { unit: 'percent', decimals: 1 };
const ratio1 = { unit: 'ratio', decimals: 1 };
const count0 = { unit: 'count', decimals: 0 };

describe('formatValue', () => {
  it('rounds to the indicator decimals and adds % for percentages', () => {
    expect(formatValue(10.4, pct0)).toBe('10%');
    expect(formatValue(10.5, pct0)).toBe('11%');
    expect(formatValue(12.345, pct1)).toBe('12.3%');
    expect(formatValue(12, pct1)).toBe('12.0%');
  });

  it('shows ratios and scores without a unit sign, keeping trailing zeros', () => {
    expect(formatValue(16.2, ratio1)).toBe('16.2');
    expect(formatValue(17, ratio1)).toBe('17.0');
  });

  it('groups thousands the British way', () => {
    expect(formatValue(83630, count0)).toBe('83,630');
  });

  it('never shows minus zero', () => {
    expect(formatValue(-0.04, pct1)).toBe('0.0%');
    expect(formatValue(-0.4, pct0)).toBe('0%');
    expect(formatValue(-1.26, pct1)).toBe('-1.3%');
  });

  it('copes with nonsense decimals', () => {
    expect(formatValue(1.55, { unit: 'score', decimals: -1 })).toBe('2');
    expect(formatValue(1.5, { unit: 'score', decimals: 2.5 })).toBe('2');
  });
});

describe('formatCell', () => {
  it('shows a number alone', () => {
    expect(formatCell({ value: 9, symbol: null }, pct0)).toEqual({ text: '9%', description: null, symbol: null });
  });

  it('shows a zero as 0, not as a gap', () => {
    expect(formatCell({ value: 0, symbol: null }, pct0)).toEqual({ text: '0%', description: null, symbol: null });
  });

  it('shows a symbol instead of a missing number, with its meaning for screen readers', () => {
    expect(formatCell({ value: null, symbol: 'c' }, pct0)).toEqual({
      text: 'c',
      description: 'suppressed',
      symbol: 'c',
    });
    expect(formatCell({ value: null, symbol: 'z' }, pct0)).toEqual({
      text: 'z',
      description: 'not applicable',
      symbol: 'z',
    });
    expect(formatCell({ value: null, symbol: 'k' }, pct0)).toEqual({
      text: 'k',
      description: 'rounds to zero',
      symbol: 'k',
    });
    expect(formatCell({ value: null, symbol: 'low' }, ratio1)).toEqual({
      text: 'low',
      description: 'low',
      symbol: 'low',
    });
  });

  it('shows a number with a flag such as u (low reliability) as both', () => {
    expect(formatCell({ value: 14.25, symbol: 'u' }, pct1)).toEqual({
      text: '14.3% u',
      description: 'low reliability',
      symbol: 'u',
    });
  });

  it('shows x when there is no figure for the period at all', () => {
    expect(formatCell(undefined, pct0)).toEqual({ text: 'x', description: 'not available', symbol: 'x' });
  });

  it('shows x when the gateway sends neither a number nor a symbol', () => {
    expect(formatCell({ value: null, symbol: null }, pct0)).toEqual({
      text: 'x',
      description: 'not available',
      symbol: 'x',
    });
    expect(formatCell({ value: null, symbol: ' ' }, pct0).text).toBe('x');
  });

  it('passes an unknown symbol through as published', () => {
    expect(formatCell({ value: null, symbol: ':' }, pct0)).toEqual({
      text: ':',
      description: 'see source',
      symbol: ':',
    });
    expect(symbolMeaning(':').short).toBe('see source');
  });
});

describe('periods', () => {
  it('labels a reporting year by the financial year it ends', () => {
    expect(periodLabel(2024, 'reporting_year')).toBe('2023-24');
    expect(periodLabel(2000, 'reporting_year')).toBe('1999-00');
    expect(periodLongLabel(2024, 'reporting_year')).toBe('year ending 31 March 2024');
  });

  it('labels academic years with a slash and census years by the census year', () => {
    expect(periodLabel(2024, 'academic_year')).toBe('2023/24');
    expect(periodLabel(2024, 'census')).toBe('2024');
    expect(periodLongLabel(2024, 'census')).toBe('30 September 2024');
  });

  it('labels a range of periods', () => {
    expect(periodRangeLabel([2019, 2017, 2024], 'reporting_year')).toBe('2016-17 to 2023-24');
    expect(periodRangeLabel([2024], 'census')).toBe('2024');
    expect(periodRangeLabel([], 'census')).toBeNull();
  });
});

describe('formatRank', () => {
  it('gives place, count and quartile', () => {
    expect(formatRank({ rank: 12, rankOutOf: 152, quartile: 1 })).toBe('12 of 152, Q1');
  });

  it('drops what it does not know', () => {
    expect(formatRank({ rank: 7, rankOutOf: null, quartile: null })).toBe('7');
    expect(formatRank({ rank: null, rankOutOf: 152, quartile: null })).toBeNull();
    expect(formatRank(undefined)).toBeNull();
  });
});

describe('labels', () => {
  it('names units and polarity', () => {
    expect(unitLabel('percent')).toBe('Percentage');
    expect(unitLabel('furlongs')).toBe('furlongs');
    expect(polarityLabel('LOWER_BETTER')).toBe('A lower figure is better');
  });
});
