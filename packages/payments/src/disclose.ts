/**
 * What a statement shows to a viewer who does not own its figures (policy, admin). The practice's
 * figures are child-derived and small, so they go through the same disclosure control as every other
 * figure (@continuity/access discloseFigure, subject kind 'practice', not owned): counts of 1 to 5
 * become 'c', and a rate whose numerator or denominator is withheld is withheld too. When the
 * practice's actual value or its baseline is withheld, every number worked out from it (target and
 * floor of an improvement, the explanation with its arithmetic) is withheld with it; the outcome and
 * the money stay, since they are the contract's, not a figure about children.
 *
 * A partly met line (linear rule) whose actual or baseline is withheld also withholds its achievement
 * and the pence it earned: achievement = (actual - floor) / (target - floor) with target and floor
 * shown, and earned = floor(allocation x achievement), each give the exact rate back, and from the
 * rate and the denominator the suppressed numerator (13.8889% of 36 = 5). The statement's earned,
 * unearned and total pence are then withheld too (they would give the line's as total minus the
 * others). Met, not met and no-data lines keep theirs: achievement is exactly 1 or 0 and the money
 * follows from the outcome, which is shown.
 *
 * Owners (the contract's council and practice) get the frozen document unchanged.
 */
import { discloseFigure } from '@continuity/access';
import { formatPence } from './engine/money';
import type { RateLine } from './engine/rates';
import type { StatementLine, Totals, ValueFact } from './engine/types';
import type { StatementDocument } from './document';

const OUTCOME_WORDS: Record<StatementLine['outcome'], string> = {
  met: 'Met',
  partly: 'Partly met',
  not_met: 'Not met',
  no_data: 'No data',
};

function withheld(figure: { value: number | null }, disclosed: { value: number | null }): boolean {
  return figure.value !== null && disclosed.value === null;
}

function disclose(
  fact:
    | ValueFact
    | {
        value: number | null;
        numerator: number | null;
        denominator: number | null;
        symbol: string | null;
        numeratorSymbol: string | null;
        denominatorSymbol: string | null;
      },
  unit: StatementLine['unit'],
) {
  return discloseFigure({
    subjectKind: 'practice',
    owned: false,
    numerator: fact.numerator,
    denominator: fact.denominator,
    value: fact.value,
    symbol: fact.symbol,
    numeratorSymbol: fact.numeratorSymbol,
    denominatorSymbol: fact.denominatorSymbol,
    unit,
  });
}

/** A line as a viewer sees it: achievement and earned pence null when they would give a withheld figure back. */
export interface DisclosedLine extends Omit<StatementLine, 'achievement' | 'earnedPence'> {
  achievement: number | null;
  earnedPence: number | null;
}

export interface DisclosedTotals extends Omit<Totals, 'earnedPence' | 'unearnedPence' | 'totalPence'> {
  earnedPence: number | null;
  unearnedPence: number | null;
  totalPence: number | null;
}

/** A rate-card line as a viewer sees it: count, units and pence null when the count is withheld (they are the count). */
export interface DisclosedRateLine extends Omit<RateLine, 'counted' | 'units' | 'grossPence' | 'paidPence'> {
  counted: number | null;
  units: number | null;
  grossPence: number | null;
  paidPence: number | null;
}

export interface DisclosedStatement {
  lines: DisclosedLine[];
  totals: DisclosedTotals;
  rateCard: { lines: DisclosedRateLine[]; paidPence: number | null } | null;
}

/**
 * Rate-card lines: pay = units x price, so the pence give the count back exactly; a count withheld
 * (1 to 5) withholds the line's units and pence, and the rate card's and statement's totals; when a
 * cap binds, every line's share of it is withheld too (a share is worked from all the gross amounts).
 */
function discloseRates(document: StatementDocument): { lines: DisclosedRateLine[]; hidden: boolean } | null {
  if (!document.rateCard) return null;
  let hidden = false;
  const lines = document.rateCard.lines.map((line): DisclosedRateLine => {
    const fact = document.facts.indicators[line.indicatorId]?.actual;
    const unit = document.indicators.find((i) => i.id === line.indicatorId)?.unit ?? 'count';
    const shown = fact ? disclose(fact, unit) : null;
    if (line.counted === null || !fact || shown?.numerator !== null) return line;
    hidden = true;
    return {
      ...line,
      counted: null,
      countedSymbol: shown?.numeratorSymbol ?? 'c',
      units: null,
      grossPence: null,
      paidPence: null,
      explanation: `${formatPence(line.pricePence)} per unit: the count is withheld (c) from viewers outside the contract, and with it what the line pays.`,
    };
  });
  // under a binding cap each line's share depends on every gross, a withheld one too: withhold all shares
  const capped = document.rateCard.paidPence < document.rateCard.grossPence;
  return { lines: hidden && capped ? lines.map((l) => ({ ...l, paidPence: null })) : lines, hidden };
}

/** The lines and totals of a statement as a viewer who does not own the practice's figures may see them. */
export function discloseStatement(document: StatementDocument): DisclosedStatement {
  const lines = discloseLines(document);
  const rates = discloseRates(document);
  const hidden = lines.some((l) => l.earnedPence === null);
  const { rateCardPence, ...rest } = document.totals;
  const totals = rates?.hidden || rateCardPence === undefined ? rest : { ...rest, rateCardPence };
  const withheld = { ...totals, totalPence: null, ...(hidden ? { earnedPence: null, unearnedPence: null } : {}) };
  return {
    lines,
    totals: hidden || rates?.hidden ? withheld : totals,
    rateCard: rates ? { lines: rates.lines, paidPence: rates.hidden ? null : document.rateCard!.paidPence } : null,
  };
}

/** The lines of a statement as a viewer who does not own the practice's figures may see them. */
export function discloseLines(document: StatementDocument): DisclosedLine[] {
  const totalWeight = document.lines.filter((l) => !l.excluded).reduce((a, l) => a + l.weight, 0);
  return document.lines.map((line) => {
    const actual = disclose(line.actual, line.unit);
    const baselineFact = document.facts.indicators[line.indicatorId]?.baseline;
    const baseline = baselineFact ? disclose(baselineFact, line.unit) : null;
    const actualWithheld = withheld(line.actual, actual);
    const baselineWithheld = baselineFact !== undefined && baseline !== null && withheld(baselineFact, baseline);
    const out: DisclosedLine = {
      ...line,
      actual: {
        ...line.actual,
        value: actual.value,
        numerator: actual.numerator,
        denominator: actual.denominator,
        symbol: actual.symbol,
        numeratorSymbol: actual.numeratorSymbol,
        denominatorSymbol: actual.denominatorSymbol,
      },
    };
    if (baselineWithheld) {
      const term = document.terms.indicators.find((t) => t.indicatorId === line.indicatorId);
      const year = term?.target.type === 'improvement' ? ` ${term.target.baselinePeriod}` : '';
      out.targetValue = null;
      out.floorValue = null;
      out.comparatorValue = null;
      out.targetDescription = `an improvement on the practice's${year} baseline (figures withheld: c)`;
    }
    if (actualWithheld || baselineWithheld) {
      const weight = line.excluded ? `weight ${line.weight}` : `weight ${line.weight} of ${totalWeight}`;
      if (line.outcome === 'partly') {
        out.achievement = null;
        out.earnedPence = null;
        out.explanation = `${OUTCOME_WORDS[line.outcome]}: the practice's figures are withheld (c) from viewers outside the contract, and with them what the line earns of the ${formatPence(line.allocatedPence)} allocated (${weight}).`;
      } else {
        out.explanation = `${OUTCOME_WORDS[line.outcome]}: the practice's figures are withheld (c) from viewers outside the contract; it earns ${formatPence(line.earnedPence)} of the ${formatPence(line.allocatedPence)} allocated (${weight}).`;
      }
    }
    return out;
  });
}
