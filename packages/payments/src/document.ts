/**
 * The statement document: everything a statement was worked out from and everything it says, as one
 * JSON value. Issuing freezes it as canonical JSON (canonical.ts) with its SHA-256; reading an issued
 * statement returns those bytes, never a recomputation. A preview has the same shape, status
 * 'preview', and is never stored.
 */
import { evaluate } from './engine/evaluate';
import { evaluateRates, type RateCardResult } from './engine/rates';
import type { Evaluation, IndicatorFact, StatementFacts, StatementLine, Totals } from './engine/types';
import type { SourceReturn } from './sources';
import type { Terms } from './terms';

/**
 * `sources`, `revision` and `supersedes` (issue 18) were added without a new format number: they
 * are additions only, and a reader must take their absence (statements issued before) as unknown.
 */
export const DOCUMENT_FORMAT = 'continuity/payment-statement@1';

/** The rules as the engine applies them, frozen with each statement so it explains itself later. */
export const RULES: readonly string[] = [
  'Money is in whole pence. The outcome-linked pot is shared among the indicators by weight (weight / total weight) by the largest-remainder method: each gets the whole pence of its exact share, and the pence left over go one each to the largest remainders, ties to the indicator listed first, so the shares add up to the pot exactly.',
  'An indicator is met when its actual value is at or better than its target (at least the target when higher is better, at most when lower is better), both rounded to 6 decimal places. Exactly on target is met.',
  'All or nothing: a met indicator earns its whole share, any other earns nothing.',
  'Linear: an unmet indicator earns its share x (actual - floor) / (target - floor), clamped to 0..1 and held to 6 decimal places (at most 0.999999 unless met); nothing at or beyond the floor. A floor that works out equal to its target pays only when met.',
  'Earned amounts are rounded down to the penny. The total is the fixed fee plus the sum of the amounts earned.',
  "Missing or suppressed data (no practice figure, no baseline, no comparator) follows the contract's missing-data rule, or the indicator's own: treat as not met (earns nothing, keeps its share); pay in full (earns its whole share); exclude and reweight (left out, the pot shared among the others by weight; if all are left out none of the pot is paid). Missing data is never read as zero.",
  "Practice figures are the practice's computed figures; comparison groups (statistical neighbours, comparison councils) use DfE's published council figures for the same period, pooled as sum of numerators / sum of denominators. Quartile boundaries are percentiles of the group's values (linear interpolation) and need at least 4 values.",
];

export interface ContractInfo {
  id: number;
  name: string;
  councilCode: string;
  councilName: string | null;
  practiceId: string;
  practiceName: string | null;
  periodStart: number;
  periodEnd: number;
}

export interface VersionInfo {
  /** The version used; for a preview under changed terms, the version they were based on. */
  version: number;
  createdBy: string;
  createdAt: string;
  note: string | null;
  /** True when a preview ran on terms other than the version's (what-if). */
  overridden: boolean;
}

export interface StatementDocument {
  format: string;
  status: 'issued' | 'preview';
  statementId: number | null;
  /** 1, or the re-issue number; null for a preview. */
  revision: number | null;
  /** The statement this one re-issues, with why. */
  supersedes: { statementId: number; sha256: string; reason: string } | null;
  period: number;
  contract: ContractInfo;
  version: VersionInfo;
  terms: Terms;
  /** Indicator definitions as they stood. */
  indicators: IndicatorFact[];
  facts: StatementFacts;
  /** The returns the facts came from (submission ids and content hashes). */
  sources: SourceReturn[];
  lines: StatementLine[];
  /** The rate card's lines and pay (absent: the terms have none). totals.totalPence includes its pay. */
  rateCard?: RateCardResult;
  totals: Totals;
  notes: string[];
  rules: readonly string[];
  issued: { by: string; at: string } | null;
}

export interface BuildInput {
  status: 'issued' | 'preview';
  statementId: number | null;
  revision?: number | null;
  supersedes?: StatementDocument['supersedes'];
  contract: ContractInfo;
  version: VersionInfo;
  terms: Terms;
  facts: StatementFacts;
  /** Default none (engine tests without a database). */
  sources?: SourceReturn[];
  /** Rate-card pay of the contract's earlier years (for its contract cap); default 0. */
  rateCardPaidBeforePence?: number;
  issued: { by: string; at: string } | null;
}

export function buildDocument(input: BuildInput): StatementDocument {
  const evaluation: Evaluation = evaluate(input.terms, input.facts);
  const rateCard = input.terms.rateCard
    ? evaluateRates(input.terms.rateCard, input.facts, input.rateCardPaidBeforePence ?? 0)
    : undefined;
  const totals = rateCard
    ? {
        ...evaluation.totals,
        rateCardPence: rateCard.paidPence,
        totalPence: evaluation.totals.totalPence + rateCard.paidPence,
      }
    : evaluation.totals;
  const ids = [...input.terms.indicators.map((t) => t.indicatorId)];
  for (const rate of input.terms.rateCard?.rates ?? []) if (!ids.includes(rate.indicatorId)) ids.push(rate.indicatorId);
  return {
    format: DOCUMENT_FORMAT,
    status: input.status,
    statementId: input.statementId,
    revision: input.revision ?? null,
    supersedes: input.supersedes ?? null,
    period: input.facts.period,
    contract: input.contract,
    version: input.version,
    terms: input.terms,
    indicators: ids.map((id) => input.facts.indicators[id]!.definition),
    facts: input.facts,
    sources: input.sources ?? [],
    lines: evaluation.lines,
    ...(rateCard ? { rateCard } : {}),
    totals,
    notes: rateCard ? [...evaluation.notes, ...rateCard.notes] : evaluation.notes,
    rules: RULES,
    issued: input.issued,
  };
}
