/** A statement's lines and figures as GraphQL types. */
import type { DisclosedLine as Line } from '@continuity/payments';
import { builder, signedInType } from '../../builder';
import { Polarity } from '../indicators';
import { MissingDataRule, PartialType, TargetType } from './terms';

export const StatementStatus = builder.enumType('StatementStatus', {
  values: {
    ISSUED: { value: 'issued', description: 'Frozen: served byte for byte as issued.' },
    PREVIEW: { value: 'preview', description: 'Worked out now and not stored (what-if).' },
  } as const,
});

const LineOutcome = builder.enumType('LineOutcome', {
  values: {
    MET: { value: 'met' },
    PARTLY: { value: 'partly', description: 'Linear rule: part of the share earned.' },
    NOT_MET: { value: 'not_met' },
    NO_DATA: { value: 'no_data', description: 'No usable figure: the missing-data rule applied.' },
  } as const,
});

const StatementFigure = builder.objectRef<Line['actual']>('StatementFigure').implement({
  ...signedInType,
  description: "The practice's figure; a null value carries its symbol (c, x, z, k, ...), never 0.",
  fields: (t) => ({
    value: t.exposeFloat('value', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    numeratorSymbol: t.exposeString('numeratorSymbol', { nullable: true }),
    denominatorSymbol: t.exposeString('denominatorSymbol', { nullable: true }),
    source: t.exposeString('source', { description: 'computed (from returns) or published.' }),
    period: t.exposeInt('period'),
  }),
});

export const StatementLine = builder.objectRef<Line>('StatementLine').implement({
  ...signedInType,
  description: 'One indicator of a statement: target, actual, outcome, money and why.',
  fields: (t) => ({
    indicatorId: t.exposeID('indicatorId'),
    title: t.exposeString('title'),
    polarity: t.field({ type: Polarity, resolve: (l) => l.polarity }),
    unit: t.exposeString('unit'),
    weight: t.exposeInt('weight'),
    targetType: t.field({ type: TargetType, resolve: (l) => l.targetType }),
    partialType: t.field({ type: PartialType, resolve: (l) => l.partialType }),
    targetDescription: t.exposeString('targetDescription'),
    targetValue: t.exposeFloat('targetValue', { nullable: true }),
    floorValue: t.exposeFloat('floorValue', { nullable: true }),
    comparatorValue: t.exposeFloat('comparatorValue', {
      nullable: true,
      description: 'The baseline or the group’s pooled value the target was worked from.',
    }),
    actual: t.field({ type: StatementFigure, resolve: (l) => l.actual }),
    outcome: t.field({ type: LineOutcome, resolve: (l) => l.outcome }),
    missingDataRule: t.field({ type: MissingDataRule, nullable: true, resolve: (l) => l.missingDataRule }),
    achievement: t.exposeFloat('achievement', {
      nullable: true,
      description:
        '0..1, six decimal places. Null (withheld) for a partly met line whose figure is withheld from this viewer.',
    }),
    allocatedPence: t.exposeInt('allocatedPence'),
    earnedPence: t.exposeInt('earnedPence', {
      nullable: true,
      description: 'Null (withheld) with achievement: under a linear rule it gives the achievement back.',
    }),
    excluded: t.exposeBoolean('excluded'),
    explanation: t.exposeString('explanation'),
  }),
});
