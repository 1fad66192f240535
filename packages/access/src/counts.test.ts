import { describe, expect, it } from 'vitest';
import { controlCount, roundCount, suppressCount } from './counts';

describe('suppressCount', () => {
  it.each([
    [0, 0],
    [1, 'c'],
    [5, 'c'],
    [6, 6],
    [0.5, 'c'],
    [5.5, 5.5],
  ] as const)('%s -> %s', (n, expected) => {
    expect(suppressCount(n)).toBe(expected);
  });

  it('refuses what is not a count', () => {
    expect(() => suppressCount(-1)).toThrow(RangeError);
    expect(() => suppressCount(Number.NaN)).toThrow(RangeError);
  });
});

describe('roundCount: nearest 10, halves up', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 10],
    [14, 10],
    [15, 20],
    [25, 30],
    [35, 40],
    [83_635, 83_640],
    [83_634.9, 83_630],
  ])('%s -> %s', (n, expected) => {
    expect(roundCount(n)).toBe(expected);
  });
});

describe('controlCount', () => {
  it('suppresses small counts at every level and rounds only England and regions', () => {
    expect(controlCount(3, 'england')).toBe('c');
    expect(controlCount(3, 'practice')).toBe('c');
    expect(controlCount(14, 'region')).toBe(10);
    expect(controlCount(15, 'england')).toBe(20);
    expect(controlCount(14, 'council')).toBe(14);
    expect(controlCount(14, 'practice')).toBe(14);
    expect(controlCount(0, 'region')).toBe(0);
  });
});
