/**
 * Primary disclosure control on a single count, DfE practice (DOMAIN.md, "Disclosure control").
 */
import type { SubjectKind } from './viewer';

/** GSS symbol for a confidential (suppressed) figure. */
export const SUPPRESSED = 'c';
export type Suppressed = typeof SUPPRESSED;

/** Counts from 1 to 5 inclusive are suppressed; larger counts are not. */
export const SMALL_COUNT_MAX = 5;

/**
 * True for a count that must not be shown to a non-owner: 0 < n <= 5. Zero is shown: DfE publishes zeros,
 * and "none" is not a small number of identifiable children. Fractional counts (FTE) follow the same
 * bounds, so 0.5 FTE is suppressed and 5.5 is not.
 */
export function isSmallCount(n: number): boolean {
  assertCount(n);
  return n > 0 && n <= SMALL_COUNT_MAX;
}

/** 1..5 -> 'c'; 0 and 6+ unchanged. */
export function suppressCount(n: number): number | Suppressed {
  return isSmallCount(n) ? SUPPRESSED : n;
}

/**
 * National and regional counts to the nearest 10, halves rounded up as DfE does (15 -> 20, 25 -> 30,
 * not to even). Multiples of 5 divide by 10 to exact binary halves, so the floor below is exact.
 */
export function roundCount(n: number): number {
  assertCount(n);
  return Math.floor(n / 10 + 0.5) * 10;
}

/** Rounding applies to aggregates over many councils: England and regions. */
export function isRoundedLevel(kind: SubjectKind): boolean {
  return kind === 'england' || kind === 'region';
}

/**
 * The count a non-owner sees. Small counts are suppressed at every level, England and regions included:
 * rounding 1..4 to 0 would read as "none", and 5 to 10 as more than there were. Then England and regional
 * counts are rounded.
 */
export function controlCount(n: number, kind: SubjectKind): number | Suppressed {
  if (isSmallCount(n)) return SUPPRESSED;
  return isRoundedLevel(kind) ? roundCount(n) : n;
}

function assertCount(n: number): void {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`not a count: ${n}`);
}
