/** Plain-text formatting for explanations: the same text on every machine (no locale). */
import type { Unit } from './types';

/** Up to `digits` decimals, trailing zeros trimmed: 14 -> '14', 12.5 -> '12.5', 1/3 -> '0.33'. */
export function formatNumber(x: number, digits = 2): string {
  const text = x.toFixed(digits);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

export function formatValue(x: number, unit: Unit, digits = 2): string {
  return unit === 'percent' ? `${formatNumber(x, digits)}%` : formatNumber(x, digits);
}

/**
 * Digits enough to tell two different values apart (2 to 6), so an explanation never reads
 * "15% is below the target of 15%".
 */
export function digitsToTell(a: number, b: number): number {
  for (let d = 2; d <= 6; d++) if (formatNumber(a, d) !== formatNumber(b, d) || a === b) return d;
  return 6;
}

/** Percentage points for percentages, the indicator's own unit otherwise. */
export function pointsWord(unit: Unit, amount: number): string {
  const n = formatNumber(Math.abs(amount));
  if (unit === 'percent') return `${n} percentage point${n === '1' ? '' : 's'}`;
  return `${n} point${n === '1' ? '' : 's'}`;
}

const SYMBOLS: Record<string, string> = {
  c: 'suppressed (c)',
  x: 'not available (x)',
  z: 'not applicable (z)',
  k: 'rounds to zero (k), with no figure given',
  u: 'of low reliability (u), with no figure given',
  low: 'too low to show (low)',
};

export function describeSymbol(symbol: string | null): string {
  if (symbol === null) return 'missing, with no symbol';
  return SYMBOLS[symbol] ?? `not given (${symbol})`;
}

export function ordinalPercentile(p: number): string {
  return p === 0 ? 'lowest' : p === 100 ? 'highest' : `${p}th percentile`;
}
