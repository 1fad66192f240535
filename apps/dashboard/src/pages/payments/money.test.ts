import { describe, expect, it } from 'vitest';
import { formatAchievement, formatPence, parsePounds, penceToInput } from './money';

describe('formatPence', () => {
  it('formats pence as pounds with separators and two decimals', () => {
    expect(formatPence(1234567)).toBe('£12,345.67');
    expect(formatPence(0)).toBe('£0.00');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(100)).toBe('£1.00');
    expect(formatPence(123456789012)).toBe('£1,234,567,890.12');
    expect(formatPence(-5)).toBe('-£0.05');
    expect(formatPence(-1234567)).toBe('-£12,345.67');
  });
  it('refuses fractions of a penny', () => {
    expect(() => formatPence(1.5)).toThrow(RangeError);
  });
});

describe('parsePounds', () => {
  it('reads pounds as pence without floats', () => {
    expect(parsePounds('12,345.67')).toBe(1234567);
    expect(parsePounds('£1000')).toBe(100000);
    expect(parsePounds('50.5')).toBe(5050);
    expect(parsePounds(' 0.10 ')).toBe(10);
    expect(parsePounds('0.29')).toBe(29);
  });
  it('refuses anything else', () => {
    for (const bad of ['', 'abc', '1.234', '-5', '1.2.3', '£']) expect(parsePounds(bad)).toBeNull();
  });
  it('round-trips with penceToInput', () => {
    for (const p of [0, 5, 99, 100, 123450, 1234567]) expect(parsePounds(penceToInput(p))).toBe(p);
    expect(penceToInput(123450)).toBe('1234.50');
  });
});

describe('formatAchievement', () => {
  it('shows a share as a percentage', () => {
    expect(formatAchievement(1)).toBe('100%');
    expect(formatAchievement(0)).toBe('0%');
    expect(formatAchievement(0.875)).toBe('87.5%');
    expect(formatAchievement(0.999999)).toBe('99.9999%');
  });
});
