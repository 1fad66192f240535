import { describe, expect, it } from 'vitest';
import { parseCell, roundTo } from './cell';
import { periodOf } from './period';
import { subjectOf } from './subject';

describe('parseCell', () => {
  it('reads numbers as printed, with their decimal places', () => {
    expect(parseCell('69')).toEqual({ value: 69, symbol: null, decimals: 0 });
    expect(parseCell('4276.3')).toEqual({ value: 4276.3, symbol: null, decimals: 1 });
    expect(parseCell('2409.25')).toEqual({ value: 2409.25, symbol: null, decimals: 2 });
    expect(parseCell('-0.5')).toEqual({ value: -0.5, symbol: null, decimals: 1 });
    expect(parseCell('0')).toEqual({ value: 0, symbol: null, decimals: 0 });
  });

  it('keeps GSS symbols as symbols, never as zero', () => {
    for (const symbol of ['c', 'x', 'z', 'k', 'u', 'low']) {
      expect(parseCell(symbol)).toEqual({ value: null, symbol, decimals: 0 });
    }
    // Any other non-numeric token is a symbol too, kept as printed.
    expect(parseCell(' : ')).toEqual({ value: null, symbol: ':', decimals: 0 });
    expect(parseCell('1,234')).toEqual({ value: null, symbol: '1,234', decimals: 0 });
  });

  it('reads an empty cell as neither number nor symbol', () => {
    expect(parseCell('')).toEqual({ value: null, symbol: null, decimals: 0 });
    expect(parseCell(undefined)).toEqual({ value: null, symbol: null, decimals: 0 });
  });

  it('rounds sums back to the printed precision', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(roundTo(0.1 + 0.2, 1)).toBe(0.3);
    expect(roundTo(5415.9 + 36186.3, 1)).toBe(41602.2);
  });
});

describe('periodOf', () => {
  it('keeps reporting and census years and ends academic years', () => {
    expect(periodOf('2025')).toBe(2025);
    expect(periodOf('202425')).toBe(2025);
    expect(periodOf('201819')).toBe(2019);
    expect(periodOf('199900')).toBe(2000);
  });

  it('rejects what is not a year', () => {
    expect(() => periodOf('202426')).toThrow(/two years/);
    expect(() => periodOf('2024-25')).toThrow(/unrecognised/);
  });
});

describe('subjectOf', () => {
  const base = { country_code: 'E92000001', region_code: 'E12000008', old_la_code: '886' };
  it('maps each geographic level to its subject', () => {
    expect(subjectOf({ ...base, geographic_level: 'National', region_code: '', old_la_code: '' })).toEqual({
      kind: 'england',
      id: 'E92000001',
      partners: [],
    });
    expect(subjectOf({ ...base, geographic_level: 'Regional', old_la_code: '' })).toEqual({
      kind: 'region',
      id: 'E12000008',
      partners: [],
    });
    expect(subjectOf({ ...base, geographic_level: 'Local authority' })).toEqual({
      kind: 'council',
      id: '886',
      partners: [],
    });
  });

  it('attributes a jointly reported service to its first council', () => {
    expect(subjectOf({ ...base, geographic_level: 'Local authority', old_la_code: '314 / 318' })).toEqual({
      kind: 'council',
      id: '314',
      partners: ['318'],
    });
  });

  it('rejects unknown levels', () => {
    expect(() => subjectOf({ ...base, geographic_level: 'Ward' })).toThrow(/unknown geographic_level/);
  });
});
