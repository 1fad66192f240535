/**
 * The rate card (terms.ts rateCardSchema): units achieved x price, then the caps, in whole pence.
 *
 * - Units of a rate: the practice's numerator for the period (a count). A missing or suppressed
 *   numerator pays nothing and says so (never read as zero silently); `maxUnits` caps the units.
 * - Gross of a rate: units x price.
 * - Per-year cap: when the gross amounts add up to more than `capPerYearPence`, the cap is shared
 *   among the rates in proportion to their gross (largest remainder, as the pot: money.ts allocate),
 *   so the rates add up to the cap exactly.
 * - Contract cap: what is left of `capContractPence` after the rate-card pay of earlier years'
 *   statements (`paidBeforePence`); when the year's pay exceeds it, it is shared the same way.
 */
import { allocate, formatPence } from './money';
import type { StatementFacts } from './types';
import type { RateCard } from '../terms';

export interface RateLine {
  indicatorId: string;
  title: string;
  pricePence: number;
  /** The practice's numerator, or null when missing or suppressed. */
  counted: number | null;
  countedSymbol: string | null;
  /** Units paid: counted, capped by maxUnits; 0 when not counted. */
  units: number;
  grossPence: number;
  /** After the per-year and contract caps. */
  paidPence: number;
  explanation: string;
}

export interface RateCardResult {
  lines: RateLine[];
  grossPence: number;
  /** After the per-year cap. */
  yearPence: number;
  paidBeforePence: number;
  /** The rate card's pay in this statement, after both caps. */
  paidPence: number;
  notes: string[];
}

/** Shares `cap` among amounts in proportion to them (largest remainder); amounts all 0 stay 0. */
function capTo(amounts: readonly number[], cap: number): number[] {
  const total = amounts.reduce((a, b) => a + b, 0);
  if (total <= cap) return [...amounts];
  // only the amounts above 0 share the cap, so no leftover penny goes to a rate that earned nothing
  const paying = amounts.map((a, i) => [a, i] as const).filter(([a]) => a > 0);
  const shares = allocate(
    cap,
    paying.map(([a]) => a),
  );
  const out = amounts.map(() => 0);
  paying.forEach(([, i], k) => {
    out[i] = shares[k]!;
  });
  return out;
}

export function evaluateRates(card: RateCard, facts: StatementFacts, paidBeforePence: number): RateCardResult {
  const drafts = card.rates.map((rate) => {
    const f = facts.indicators[rate.indicatorId];
    if (!f) throw new Error(`no facts for indicator ${rate.indicatorId}`);
    const counted = f.actual.found ? f.actual.numerator : null;
    const units =
      counted === null ? 0 : Math.min(Math.max(0, Math.floor(counted)), rate.maxUnits ?? Number.MAX_SAFE_INTEGER);
    return {
      rate,
      title: f.definition.title,
      counted,
      countedSymbol: f.actual.numeratorSymbol ?? f.actual.symbol,
      units,
      grossPence: units * rate.pricePence,
    };
  });
  const gross = drafts.map((d) => d.grossPence);
  const grossPence = gross.reduce((a, b) => a + b, 0);
  const afterYear = card.capPerYearPence === undefined ? gross : capTo(gross, card.capPerYearPence);
  const yearPence = afterYear.reduce((a, b) => a + b, 0);
  const left = card.capContractPence === undefined ? null : Math.max(0, card.capContractPence - paidBeforePence);
  const paid = left === null ? afterYear : capTo(afterYear, left);
  const paidPence = paid.reduce((a, b) => a + b, 0);

  const lines = drafts.map((d, i): RateLine => {
    const price = formatPence(d.rate.pricePence);
    const counted =
      d.counted === null
        ? `no count (${d.countedSymbol ?? 'no figure'}), so nothing is paid`
        : `${d.counted} counted${d.rate.maxUnits !== undefined && d.counted > d.rate.maxUnits ? `, capped at ${d.rate.maxUnits} units` : ''}`;
    const capped = paid[i]! < d.grossPence ? `; after the caps ${formatPence(paid[i]!)}` : '';
    return {
      indicatorId: d.rate.indicatorId,
      title: d.title,
      pricePence: d.rate.pricePence,
      counted: d.counted,
      countedSymbol: d.counted === null ? d.countedSymbol : null,
      units: d.units,
      grossPence: d.grossPence,
      paidPence: paid[i]!,
      explanation: `${price} per unit: ${counted}; ${d.units} x ${price} = ${formatPence(d.grossPence)}${capped}.`,
    };
  });
  const notes: string[] = [];
  if (card.capPerYearPence !== undefined && grossPence > card.capPerYearPence)
    notes.push(
      `Rate card: ${formatPence(grossPence)} earned is over the yearly cap of ${formatPence(card.capPerYearPence)}; the cap is shared among the rates in proportion to what each earned.`,
    );
  if (left !== null && yearPence > left)
    notes.push(
      `Rate card: the contract cap of ${formatPence(card.capContractPence!)} has ${formatPence(left)} left after ${formatPence(paidBeforePence)} paid in earlier years; that is shared the same way.`,
    );
  notes.push(`Rate card: ${formatPence(paidPence)} paid.`);
  return { lines, grossPence, yearPence, paidBeforePence, paidPence, notes };
}
