/**
 * The payment engine: terms + facts -> one line per indicator and the totals. Pure and deterministic.
 *
 * Rules (each line's explanation says which applied):
 * 1. Direction. "Better" follows the indicator's polarity: higher_better targets are "at least",
 *    lower_better targets "at most". Neutral indicators cannot carry a target.
 * 2. Met. The actual value is compared with the target after both are rounded to 6 decimal places,
 *    so floating-point noise (14.000000000000002) never decides a payment. Exactly on target is met.
 * 3. Partial achievement.
 *    - all_or_nothing: 1 when met, else 0.
 *    - linear: 1 when met; otherwise (actual - floor) / (target - floor), clamped to 0..1. Because the
 *      floor lies on the worse side, the same formula serves both polarities. The result is held to
 *      6 decimal places (millionths, nearest); an unmet line is capped at 0.999999, so only a met line
 *      is paid in full. At or beyond the floor it is 0 (not met). When a data-dependent floor
 *      coincides with its target (e.g. a relative improvement on a baseline of 0, or equal quartile
 *      boundaries) the rule degenerates to all-or-nothing.
 * 4. Missing data. An indicator has no data when the practice's figure has no value (missing row,
 *    or a symbol such as c, x, z, k) or its target cannot be worked out (no baseline value; no group
 *    member with a figure; fewer than 4 members for quartiles). The indicator's own rule, else the
 *    contract's, applies:
 *    - treat_as_not_met: achievement 0, the indicator keeps its share of the pot (unpaid);
 *    - pay_in_full: achievement 1, its share is paid;
 *    - exclude_and_reweight: the indicator is left out, and the pot is shared among the remaining
 *      indicators by their weights. If every indicator is left out, none of the pot is paid.
 * 5. Money: see money.ts (largest-remainder allocation; earned rounded down to the penny).
 */
import type { MissingDataRule, TermIndicator, Terms } from '../terms';
import { describeSymbol, digitsToTell, formatNumber, formatValue, ordinalPercentile, pointsWord } from './format';
import { ACHIEVEMENT_SCALE, allocate, earned as earnedOf, formatPence, toMillionths } from './money';
import type {
  Evaluation,
  GroupFact,
  IndicatorFacts,
  Outcome,
  StatementFacts,
  StatementLine,
  Unit,
  ValueFact,
} from './types';

const MICRO = 1e6;
const micro = (x: number) => Math.round(x * MICRO);

/** Is `actual` at or better than `target`, at 6 decimal places? */
export function atOrBetter(actual: number, target: number, higherBetter: boolean): boolean {
  const a = micro(actual);
  const t = micro(target);
  return higherBetter ? a >= t : a <= t;
}

interface ResolvedTarget {
  targetValue: number | null;
  floorValue: number | null;
  comparatorValue: number | null;
  /** The target in words (without the resolved level when it could not be worked out). */
  description: string;
  /** Why the target could not be worked out. */
  missing: string | null;
}

const RULE_WORDS: Record<MissingDataRule, string> = {
  treat_as_not_met: 'treat as not met',
  exclude_and_reweight: 'exclude and reweight',
  pay_in_full: 'pay in full',
};

function figureMissing(fact: ValueFact | undefined, what: string): string {
  if (!fact || !fact.found) return `${what} has no figure`;
  return `${what} is ${describeSymbol(fact.symbol)}`;
}

function groupName(group: GroupFact | undefined, kind: 'neighbours' | 'comparison'): string {
  if (kind === 'comparison') return `the comparison councils (${group?.members.join(', ') ?? ''})`;
  const model = group?.model ? `, SN model ${group.model}` : '';
  return `the statistical neighbours of council ${group?.councilCode ?? '?'}${model}`;
}

function resolveTarget(term: TermIndicator, facts: IndicatorFacts, period: number): ResolvedTarget {
  const { target, partial } = term;
  const { unit, polarity } = facts.definition;
  const higher = polarity === 'higher_better';
  const bound = higher ? 'at least' : 'at most';
  const v = (x: number) => formatValue(x, unit);
  const floorParam = partial.type === 'linear' ? partial.floor : null;

  switch (target.type) {
    case 'absolute':
      return {
        targetValue: target.level,
        floorValue: floorParam,
        comparatorValue: null,
        description: `${bound} ${v(target.level)}`,
        missing: null,
      };

    case 'improvement': {
      const baseline = facts.baseline;
      const change = (by: number) =>
        target.unit === 'points'
          ? by === 0
            ? 'unchanged'
            : by > 0
              ? `improved by ${pointsWord(unit, by)}`
              : `allowing ${pointsWord(unit, by)} worse`
          : by === 0
            ? 'unchanged'
            : by > 0
              ? `improved by ${formatNumber(by)}%`
              : `allowing ${formatNumber(-by)}% worse`;
      const apply = (b: number, by: number) => {
        if (target.unit === 'points') return higher ? b + by : b - by;
        return (b * (higher ? 100 + by : 100 - by)) / 100;
      };
      if (!baseline || baseline.value === null) {
        return {
          targetValue: null,
          floorValue: null,
          comparatorValue: null,
          description: `the ${target.baselinePeriod} baseline ${change(target.by)}`,
          missing: figureMissing(baseline, `the practice's ${target.baselinePeriod} baseline`),
        };
      }
      const b = baseline.value;
      const t = apply(b, target.by);
      return {
        targetValue: t,
        floorValue: floorParam === null ? null : apply(b, floorParam),
        comparatorValue: b,
        description: `${bound} ${v(t)} (the ${target.baselinePeriod} baseline of ${v(b)} ${change(target.by)})`,
        missing: null,
      };
    }

    case 'neighbours':
    case 'comparison': {
      const group = facts.group;
      const name = groupName(group, target.type);
      if (target.position === 'at_or_better_than_average') {
        const margin = target.margin ?? 0;
        const avg = group?.pooled.value ?? null;
        const shift = (m: number) => (higher ? m : -m);
        const marginText =
          margin === 0
            ? ''
            : margin > 0
              ? `${pointsWord(unit, margin)} better than `
              : `no more than ${pointsWord(unit, margin)} worse than `;
        if (avg === null) {
          return {
            targetValue: null,
            floorValue: null,
            comparatorValue: null,
            description: `${margin === 0 ? 'at or better than ' : marginText}the pooled ${period} average of ${name}`,
            missing: `no member of ${name} has a published ${period} figure with a numerator and denominator`,
          };
        }
        const t = avg + shift(margin);
        const counted = `${group!.pooled.councils} of ${group!.members.length} councils with figures`;
        return {
          targetValue: t,
          floorValue: floorParam === null ? null : avg + shift(floorParam),
          comparatorValue: avg,
          description: `${bound} ${v(t)} (${marginText}the pooled ${period} average of ${name}, ${v(avg)}; ${counted})`,
          missing: null,
        };
      }
      // quartile
      const q = target.quartile ?? 1;
      const pct = (quartile: number) => (higher ? 100 - 25 * quartile : 25 * quartile);
      const read = (p: number): number => {
        const s = group!.percentiles!;
        return p === 0 ? s.p0 : p === 25 ? s.p25 : p === 50 ? s.p50 : p === 75 ? s.p75 : s.p100;
      };
      const bestWord = q === 1 ? 'the best quartile' : `quartile ${q} or better`;
      if (!group?.percentiles) {
        const have = group ? group.values.filter((x) => x.value !== null).length : 0;
        return {
          targetValue: null,
          floorValue: null,
          comparatorValue: null,
          description: `${bestWord} of ${name}`,
          missing: `only ${have} member${have === 1 ? '' : 's'} of ${name} ${have === 1 ? 'has' : 'have'} a published ${period} figure; quartiles need at least 4`,
        };
      }
      const t = read(pct(q));
      return {
        targetValue: t,
        floorValue: floorParam === null ? null : read(pct(floorParam)),
        comparatorValue: null,
        description: `${bound} ${v(t)} (${bestWord} of ${name}: the ${ordinalPercentile(pct(q))} of ${group.percentiles.count} councils' ${period} figures)`,
        missing: null,
      };
    }
  }
}

interface Draft {
  term: TermIndicator;
  facts: IndicatorFacts;
  resolved: ResolvedTarget;
  outcome: Outcome;
  millionths: number;
  rule: MissingDataRule | null;
  excluded: boolean;
  missingReason: string | null;
}

function draftLine(terms: Terms, term: TermIndicator, facts: IndicatorFacts, period: number): Draft {
  const { polarity } = facts.definition;
  if (polarity === 'neutral')
    throw new Error(`${term.indicatorId} has no better direction, so it cannot carry a target`);
  const higher = polarity === 'higher_better';
  const resolved = resolveTarget(term, facts, period);
  const actual = facts.actual.value;
  const reasons: string[] = [];
  if (actual === null) reasons.push(figureMissing(facts.actual, `the practice's ${period} figure`));
  if (resolved.missing) reasons.push(resolved.missing);

  if (actual === null || resolved.targetValue === null) {
    const rule = term.missingData ?? terms.missingData;
    return {
      term,
      facts,
      resolved,
      outcome: 'no_data',
      millionths: rule === 'pay_in_full' ? ACHIEVEMENT_SCALE : 0,
      rule,
      excluded: rule === 'exclude_and_reweight',
      missingReason: reasons.join('; '),
    };
  }
  const target = resolved.targetValue;
  if (atOrBetter(actual, target, higher)) {
    return {
      term,
      facts,
      resolved,
      outcome: 'met',
      millionths: ACHIEVEMENT_SCALE,
      rule: null,
      excluded: false,
      missingReason: null,
    };
  }
  let millionths = 0;
  const floor = resolved.floorValue;
  if (term.partial.type === 'linear' && floor !== null && micro(floor) !== micro(target)) {
    millionths = Math.min(ACHIEVEMENT_SCALE - 1, toMillionths((actual - floor) / (target - floor)));
  }
  return {
    term,
    facts,
    resolved,
    outcome: millionths > 0 ? 'partly' : 'not_met',
    millionths,
    rule: null,
    excluded: false,
    missingReason: null,
  };
}

function explain(draft: Draft, allocatedPence: number, earnedPence: number, weight: string, period: number): string {
  const { resolved, facts, term } = draft;
  const unit: Unit = facts.definition.unit;
  const higher = facts.definition.polarity === 'higher_better';
  const alloc = formatPence(allocatedPence);
  if (draft.outcome === 'no_data') {
    const rule = draft.rule!;
    const whose = term.missingData ? 'set for this indicator' : 'contract-wide';
    const head = `No data: ${draft.missingReason}. Missing-data rule '${RULE_WORDS[rule]}' (${whose})`;
    switch (rule) {
      case 'treat_as_not_met':
        return `${head}: treated as not met, so it earns nothing of the ${alloc} allocated (${weight}).`;
      case 'pay_in_full':
        return `${head}: paid in full, so it earns the whole ${alloc} allocated (${weight}).`;
      case 'exclude_and_reweight':
        return `${head}: left out, and the outcome-linked pot is shared among the other indicators by weight.`;
    }
  }
  const actual = facts.actual.value!;
  const target = resolved.targetValue!;
  const d = digitsToTell(actual, target);
  const a = `the practice's ${period} figure, ${formatValue(actual, unit, d)},`;
  const t = `the target of ${resolved.description}`;
  if (draft.outcome === 'met') {
    return `Met: ${a} is at or ${higher ? 'above' : 'below'} ${t}, so it earns the whole ${alloc} allocated (${weight}).`;
  }
  if (term.partial.type === 'all_or_nothing') {
    return `Not met: ${a} is ${higher ? 'below' : 'above'} ${t}; the rule is all or nothing, so it earns nothing of the ${alloc} allocated (${weight}).`;
  }
  const floor = resolved.floorValue!;
  if (micro(floor) === micro(target)) {
    return `Not met: ${a} is ${higher ? 'below' : 'above'} ${t}; the floor works out equal to the target, so the linear rule pays only when met, and it earns nothing of the ${alloc} allocated (${weight}).`;
  }
  const fd = Math.max(d, digitsToTell(actual, floor));
  const f = formatValue(floor, unit, fd);
  if (draft.outcome === 'not_met') {
    return `Not met: ${a} is at or ${higher ? 'below' : 'above'} the floor of ${f} (${t}), so it earns nothing of the ${alloc} allocated (${weight}).`;
  }
  const n = (x: number) => formatNumber(x, fd);
  const pct = `${formatNumber(draft.millionths / 10_000, 4)}%`;
  return (
    `Partly met: ${a} is short of ${t} but better than the floor of ${f}; ` +
    `achievement (${n(actual)} - ${n(floor)}) / (${n(target)} - ${n(floor)}) = ${pct}, ` +
    `so it earns ${formatPence(earnedPence)} of the ${alloc} allocated (${weight}), rounded down to the penny.`
  );
}

/** Works out every line and the totals. Throws when the facts lack an indicator of the terms. */
export function evaluate(terms: Terms, facts: StatementFacts): Evaluation {
  const drafts = terms.indicators.map((term) => {
    const f = facts.indicators[term.indicatorId];
    if (!f) throw new Error(`no facts for indicator ${term.indicatorId}`);
    return draftLine(terms, term, f, facts.period);
  });

  const included = drafts.filter((d) => !d.excluded);
  const shares = allocate(
    terms.outcomePotPence,
    included.map((d) => d.term.weight),
  );
  const totalWeight = included.reduce((a, d) => a + d.term.weight, 0);
  const allocation = new Map(included.map((d, i) => [d, shares[i]!]));

  const lines: StatementLine[] = drafts.map((draft) => {
    const allocatedPence = allocation.get(draft) ?? 0;
    const earnedPence = earnedOf(allocatedPence, draft.millionths);
    const weight = draft.excluded ? `weight ${draft.term.weight}` : `weight ${draft.term.weight} of ${totalWeight}`;
    const { definition, actual } = draft.facts;
    return {
      indicatorId: draft.term.indicatorId,
      title: definition.title,
      polarity: definition.polarity,
      unit: definition.unit,
      weight: draft.term.weight,
      targetType: draft.term.target.type,
      partialType: draft.term.partial.type,
      targetDescription: draft.resolved.description,
      targetValue: draft.resolved.targetValue,
      floorValue: draft.resolved.floorValue,
      comparatorValue: draft.resolved.comparatorValue,
      actual: {
        value: actual.value,
        numerator: actual.numerator,
        denominator: actual.denominator,
        symbol: actual.symbol,
        numeratorSymbol: actual.numeratorSymbol,
        denominatorSymbol: actual.denominatorSymbol,
        source: actual.source,
        period: actual.period,
      },
      outcome: draft.outcome,
      missingDataRule: draft.rule,
      achievement: draft.excluded ? 0 : draft.millionths / ACHIEVEMENT_SCALE,
      allocatedPence,
      earnedPence: draft.excluded ? 0 : earnedPence,
      excluded: draft.excluded,
      explanation: explain(draft, allocatedPence, earnedPence, weight, facts.period),
    };
  });

  const allocatedPence = lines.reduce((a, l) => a + l.allocatedPence, 0);
  const earnedPence = lines.reduce((a, l) => a + l.earnedPence, 0);
  const notes: string[] = [];
  if (included.length === 0 && drafts.length > 0) {
    notes.push(
      `Every indicator was left out for lack of data under 'exclude and reweight', so none of the outcome-linked pot of ${formatPence(terms.outcomePotPence)} is paid.`,
    );
  } else if (included.length < drafts.length) {
    const out = drafts.filter((d) => d.excluded).map((d) => d.term.indicatorId);
    notes.push(
      `Left out for lack of data: ${out.join(', ')}. The outcome-linked pot of ${formatPence(terms.outcomePotPence)} is shared among the other ${included.length} indicator${included.length === 1 ? '' : 's'} by weight (total weight ${totalWeight}).`,
    );
  }
  notes.push(
    `Total: fixed fee ${formatPence(terms.fixedFeePence)} + outcome-linked ${formatPence(earnedPence)} earned of ${formatPence(terms.outcomePotPence)} = ${formatPence(terms.fixedFeePence + earnedPence)}.`,
  );
  return {
    lines,
    totals: {
      fixedFeePence: terms.fixedFeePence,
      outcomePotPence: terms.outcomePotPence,
      allocatedPence,
      earnedPence,
      unearnedPence: terms.outcomePotPence - earnedPence,
      totalPence: terms.fixedFeePence + earnedPence,
    },
    notes,
  };
}
