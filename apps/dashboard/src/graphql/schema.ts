/**
 * TypeScript mirrors of the gateway's GraphQL contract (the parts the dashboard reads).
 * Hand-written for now; a later issue replaces this file with codegen from packages/schema.
 */

export type OutcomeArea = 'STABILITY' | 'HEALTHY' | 'SAFE' | 'ENJOYING' | 'CONTRIBUTION' | 'ECONOMIC' | 'WORKFORCE';
export type Polarity = 'HIGHER_BETTER' | 'LOWER_BETTER' | 'NEUTRAL';
export type SubjectKind = 'ENGLAND' | 'REGION' | 'COUNCIL' | 'PRACTICE';
export type ValueSource = 'PUBLISHED' | 'COMPUTED';

export interface Region {
  code: string;
  name: string;
}

export interface Indicator {
  id: string;
  title: string;
  area: OutcomeArea;
  /** percent, ratio, rate, count or score. */
  unit: string;
  polarity: Polarity;
  numerator: string;
  denominator: string;
  source: string;
  method: string;
  /** reporting_year, academic_year or census. */
  periodType: string;
  decimals: number;
}

export interface Subject {
  kind: SubjectKind;
  id: string;
  name: string;
}

export interface SubjectInput {
  kind: SubjectKind;
  id: string;
}

export interface SeriesPoint {
  /** The year the period ends in. */
  period: number;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  symbol: string | null;
  source: ValueSource;
  rank: number | null;
  rankOutOf: number | null;
  quartile: number | null;
}

export interface ComparatorPoint {
  period: number;
  value: number | null;
  symbol: string | null;
}

export interface SeriesLine {
  subject: Subject;
  points: SeriesPoint[];
}

export interface Series {
  indicator: Indicator;
  periods: number[];
  lines: SeriesLine[];
  england: ComparatorPoint[];
}
