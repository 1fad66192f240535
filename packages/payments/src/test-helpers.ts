/** Builders for hand-worked engine tests (not exported from the package). */
import type { GroupFact, IndicatorFact, IndicatorFacts, StatementFacts, ValueFact } from './engine/types';
import type { TermIndicator, Terms } from './terms';

const PERIOD = 2025;

export function definition(
  id: string,
  polarity: IndicatorFact['polarity'],
  unit: IndicatorFact['unit'] = 'percent',
): IndicatorFact {
  return {
    id,
    title: `Indicator ${id}`,
    area: 'stability',
    unit,
    polarity,
    numerator: 'n',
    denominator: 'd',
    source: 's',
    method: 'm',
    periodType: 'reporting_year',
    decimals: 0,
    scale: unit === 'percent' ? 100 : 1,
  };
}

/** A practice figure; `value` null with a symbol is suppressed; `found: false` is no row. */
export function figure(value: number | null, extra: Partial<ValueFact> = {}): ValueFact {
  return {
    subjectKind: 'practice',
    subjectId: 'P1',
    period: PERIOD,
    source: 'computed',
    found: true,
    value,
    numerator: null,
    denominator: null,
    symbol: null,
    numeratorSymbol: null,
    denominatorSymbol: null,
    submissionId: null,
    ...extra,
  };
}

export const noRow = (): ValueFact => figure(null, { found: false });

export function group(
  pooled: number | null,
  percentiles: GroupFact['percentiles'] = null,
  kind: GroupFact['kind'] = 'neighbours',
): GroupFact {
  const members = kind === 'neighbours' ? ['202', '203', '204', '205'] : ['207', '208'];
  return {
    kind,
    councilCode: kind === 'neighbours' ? '201' : null,
    model: kind === 'neighbours' ? '2025' : null,
    members,
    values: [],
    pooled: { numerator: null, denominator: null, value: pooled, councils: pooled === null ? 0 : members.length },
    percentiles,
  };
}

export function quartiles(p0: number, p25: number, p50: number, p75: number, p100: number, count = 10) {
  return { count, p0, p25, p50, p75, p100 };
}

/** Terms with a 0 fixed fee, a pot, and the given indicators (contract rule treat_as_not_met unless set). */
export function terms(pot: number, indicators: TermIndicator[], extra: Partial<Terms> = {}): Terms {
  return { fixedFeePence: 0, outcomePotPence: pot, missingData: 'treat_as_not_met', indicators, ...extra };
}

export function facts(entries: Record<string, IndicatorFacts>): StatementFacts {
  return { practiceId: 'P1', councilCode: '201', period: PERIOD, indicators: entries };
}

export const aon = { type: 'all_or_nothing' } as const;
export const linear = (floor: number) => ({ type: 'linear', floor }) as const;
