/**
 * What the council table says about each figure beyond the published numbers: its confidence
 * interval (from the numerator and denominator, never from a suppressed value), whether that
 * interval excludes England's value, the change from last year and a 3-year trend word.
 */
import type { Polarity, Unit } from './catalogue';
import { proportionInterval, type Interval } from './uncertainty/index';

/** Units that are a proportion of a count (value = numerator / denominator x scale), so a binomial interval fits. */
const PROPORTIONS: readonly Unit[] = ['percent', 'rate'];

/**
 * The 95% interval on the value's scale: Wilson, or exact for small whole counts (uncertainty/).
 * Null when the figure is suppressed (no value), the unit is not a proportion, or the numbers
 * are not a proportion (numerator above denominator).
 */
export function valueInterval(
  figure: { value: number | null; numerator: number | null; denominator: number | null },
  indicator: { unit: string; scale: number },
): (Interval & { lower: number; upper: number }) | null {
  const { value, numerator: x, denominator: n } = figure;
  if (value === null || x === null || n === null || !PROPORTIONS.includes(indicator.unit as Unit)) return null;
  if (!(n > 0) || x < 0 || x > n) return null;
  const interval = proportionInterval(x, n);
  return { ...interval, lower: interval.lower * indicator.scale, upper: interval.upper * indicator.scale };
}

export type Significance = 'better' | 'worse' | 'similar';

/**
 * "Significantly better / worse than England": England's value lies outside the council's 95%
 * interval, on the good or bad side by the indicator's polarity. Null when there is no interval,
 * no England value, or the indicator is neutral.
 */
export function versusEngland(
  interval: { lower: number; upper: number } | null,
  england: number | null,
  polarity: Polarity | string,
): Significance | null {
  if (!interval || england === null || polarity === 'neutral') return null;
  const above = interval.lower > england;
  const below = interval.upper < england;
  if (!above && !below) return 'similar';
  return above === (polarity === 'higher_better') ? 'better' : 'worse';
}

export type Trend = 'rising' | 'falling' | 'steady' | 'mixed';

/**
 * Over three years (two before, last, this): rising or falling when both steps go the same way
 * (a step of no change counts with either), steady when neither moves, mixed when they disagree;
 * null when any of the three is missing. Words of direction, not of better or worse: the polarity
 * says which is good.
 */
export function trendOf(twoBefore: number | null, previous: number | null, value: number | null): Trend | null {
  if (twoBefore === null || previous === null || value === null) return null;
  const steps = [Math.sign(previous - twoBefore), Math.sign(value - previous)];
  if (steps.every((s) => s === 0)) return 'steady';
  if (steps.every((s) => s >= 0)) return 'rising';
  if (steps.every((s) => s <= 0)) return 'falling';
  return 'mixed';
}
