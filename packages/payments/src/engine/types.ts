/**
 * What the engine reads (facts) and what it returns (lines and totals). Facts are plain data read
 * from indicator_values by facts.ts, so the engine is a pure function and a frozen statement can be
 * re-derived from the facts it froze.
 */
import type { MissingDataRule } from '../terms';

export type Polarity = 'higher_better' | 'lower_better' | 'neutral';
export type Unit = 'percent' | 'ratio' | 'rate' | 'count' | 'score';

/** An indicator's definition as it stood when the statement was worked out. */
export interface IndicatorFact {
  id: string;
  title: string;
  area: string;
  unit: Unit;
  polarity: Polarity;
  numerator: string;
  denominator: string;
  source: string;
  method: string;
  periodType: string;
  decimals: number;
  scale: number;
}

/**
 * One figure, a row of indicator_values; `found` is false when there is no row at all (then every
 * number is null). A figure with a null value is missing or suppressed: `symbol` says which.
 */
export interface ValueFact {
  subjectKind: 'england' | 'region' | 'council' | 'practice';
  subjectId: string;
  period: number;
  source: 'published' | 'computed';
  found: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  numeratorSymbol: string | null;
  denominatorSymbol: string | null;
  /** The return a computed figure came from. */
  submissionId: number | null;
}

/** A group of councils compared with: its members' published figures and what SQL made of them. */
export interface GroupFact {
  kind: 'neighbours' | 'comparison';
  /** Neighbours: the contract's council and the SN model read; comparison: null. */
  councilCode: string | null;
  model: string | null;
  /** Member codes in order (neighbours by closeness, comparison as listed in the terms). */
  members: string[];
  /** Each member's figure for the period (found: false when it has none). */
  values: ValueFact[];
  /** Pooled over members with both a numerator and a positive denominator; null value when none. */
  pooled: { numerator: number | null; denominator: number | null; value: number | null; councils: number };
  /** Percentiles 0, 25, 50, 75, 100 of the members' values; null when fewer than 4 members have one. */
  percentiles: { count: number; p0: number; p25: number; p50: number; p75: number; p100: number } | null;
}

export interface IndicatorFacts {
  definition: IndicatorFact;
  /** The practice's own figure for the statement period (computed from its returns). */
  actual: ValueFact;
  /** Improvement targets: the practice's figure in the baseline period. */
  baseline?: ValueFact;
  /** Neighbour and comparison targets. */
  group?: GroupFact;
}

export interface StatementFacts {
  practiceId: string;
  councilCode: string;
  period: number;
  /** Keyed by indicator id; one entry per indicator of the terms. */
  indicators: Record<string, IndicatorFacts>;
}

export type Outcome = 'met' | 'partly' | 'not_met' | 'no_data';

export interface LineFigure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  numeratorSymbol: string | null;
  denominatorSymbol: string | null;
  source: 'published' | 'computed';
  period: number;
}

export interface StatementLine {
  indicatorId: string;
  title: string;
  polarity: Polarity;
  unit: Unit;
  weight: number;
  targetType: 'absolute' | 'improvement' | 'neighbours' | 'comparison';
  partialType: 'all_or_nothing' | 'linear';
  /** The target in words, with the value it resolved to. */
  targetDescription: string;
  /** The level to reach (null when it could not be worked out: no baseline or comparator). */
  targetValue: number | null;
  /** Linear rules: the level at which nothing is earned. */
  floorValue: number | null;
  /** What the target was measured against: the baseline or the group's figure, when there is one. */
  comparatorValue: number | null;
  actual: LineFigure;
  outcome: Outcome;
  /** The missing-data rule applied (only when outcome is no_data). */
  missingDataRule: MissingDataRule | null;
  /** 0..1, to 6 decimal places (exactly 1 when met). */
  achievement: number;
  /** Share of the outcome-linked pot (0 when the indicator was excluded). */
  allocatedPence: number;
  earnedPence: number;
  excluded: boolean;
  explanation: string;
}

export interface Totals {
  fixedFeePence: number;
  outcomePotPence: number;
  /** Sum of the lines' allocations: the pot, or 0 when every indicator was excluded. */
  allocatedPence: number;
  earnedPence: number;
  /** Outcome-linked pot not paid: outcomePotPence - earnedPence. */
  unearnedPence: number;
  /** fixedFeePence + earnedPence (+ rateCardPence). */
  totalPence: number;
  /** The rate card's pay, when the terms have one (issue 18). */
  rateCardPence?: number;
}

export interface Evaluation {
  lines: StatementLine[];
  totals: Totals;
  /** Sentences about the whole statement (e.g. every indicator excluded). */
  notes: string[];
}
