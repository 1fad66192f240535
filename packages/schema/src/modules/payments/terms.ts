/** Contract terms as GraphQL types and inputs; validation is the service's (zod, @continuity/payments terms.ts). */
import {
  canonicalJson,
  type Target as TargetShape,
  type TermIndicator as TermIndicatorShape,
  type Terms as TermsShape,
} from '@continuity/payments';
import { builder, signedInType } from '../../builder';
import { badInput } from '../../errors';
import { MAX_INT } from './common';
import { RateCard, RateCardInput } from './rate-cards';

export const MissingDataRule = builder.enumType('MissingDataRule', {
  description: 'What happens to an indicator with no usable figure. Missing data is never read as zero.',
  values: {
    TREAT_AS_NOT_MET: { value: 'treat_as_not_met', description: 'Earns nothing; keeps its share of the pot.' },
    EXCLUDE_AND_REWEIGHT: {
      value: 'exclude_and_reweight',
      description: 'Left out; the pot is shared among the other indicators by weight.',
    },
    PAY_IN_FULL: { value: 'pay_in_full', description: 'Earns its whole share.' },
  } as const,
});

export const TargetType = builder.enumType('TargetType', {
  values: {
    ABSOLUTE: { value: 'absolute', description: 'A fixed level (`level`).' },
    IMPROVEMENT: {
      value: 'improvement',
      description: "On the practice's own baseline (`baselinePeriod`, `by`, `unit`).",
    },
    NEIGHBOURS: { value: 'neighbours', description: "Relative to the council's statistical neighbours (`position`)." },
    COMPARISON: { value: 'comparison', description: 'Relative to named comparison councils (`councils`, `position`).' },
  } as const,
});

const ImprovementUnit = builder.enumType('ImprovementUnit', {
  values: {
    POINTS: { value: 'points', description: "In the indicator's unit (percentage points for a percentage)." },
    PERCENT: { value: 'percent', description: 'Relative to the baseline.' },
  } as const,
});

const GroupPosition = builder.enumType('GroupPosition', {
  values: {
    AT_OR_BETTER_THAN_AVERAGE: {
      value: 'at_or_better_than_average',
      description: 'The pooled value, shifted by `margin`.',
    },
    QUARTILE: { value: 'quartile', description: 'Quartile `quartile` (1 = best) or better.' },
  } as const,
});

export const PartialType = builder.enumType('PartialType', {
  values: {
    ALL_OR_NOTHING: { value: 'all_or_nothing' },
    LINEAR: { value: 'linear', description: 'Linear between `floor` (nothing) and the target (all).' },
  } as const,
});

type PartialShape = TermIndicatorShape['partial'];

const Target = builder.objectRef<TargetShape>('Target').implement({
  ...signedInType,
  description: 'A target; which fields are set depends on `type`.',
  fields: (t) => ({
    type: t.field({ type: TargetType, resolve: (x) => x.type }),
    level: t.float({ nullable: true, resolve: (x) => (x.type === 'absolute' ? x.level : null) }),
    baselinePeriod: t.int({ nullable: true, resolve: (x) => (x.type === 'improvement' ? x.baselinePeriod : null) }),
    by: t.float({ nullable: true, resolve: (x) => (x.type === 'improvement' ? x.by : null) }),
    unit: t.field({
      type: ImprovementUnit,
      nullable: true,
      resolve: (x) => (x.type === 'improvement' ? x.unit : null),
    }),
    position: t.field({
      type: GroupPosition,
      nullable: true,
      resolve: (x) => (x.type === 'neighbours' || x.type === 'comparison' ? x.position : null),
    }),
    margin: t.float({
      nullable: true,
      resolve: (x) => (x.type === 'neighbours' || x.type === 'comparison' ? (x.margin ?? null) : null),
    }),
    quartile: t.int({
      nullable: true,
      resolve: (x) => (x.type === 'neighbours' || x.type === 'comparison' ? (x.quartile ?? null) : null),
    }),
    councils: t.idList({ nullable: true, resolve: (x) => (x.type === 'comparison' ? x.councils : null) }),
  }),
});

const PartialRule = builder.objectRef<PartialShape>('PartialRule').implement({
  ...signedInType,
  fields: (t) => ({
    type: t.field({ type: PartialType, resolve: (x) => x.type }),
    floor: t.float({
      nullable: true,
      description: 'In the terms of the target: a level, an improvement, a margin or a quartile number.',
      resolve: (x) => (x.type === 'linear' ? x.floor : null),
    }),
  }),
});

const TermIndicator = builder.objectRef<TermIndicatorShape>('TermIndicator').implement({
  ...signedInType,
  fields: (t) => ({
    indicatorId: t.exposeID('indicatorId'),
    weight: t.exposeInt('weight', { description: 'Share of the pot = weight / total weight.' }),
    target: t.field({ type: Target, resolve: (x) => x.target }),
    partial: t.field({ type: PartialRule, resolve: (x) => x.partial }),
    missingData: t.field({
      type: MissingDataRule,
      nullable: true,
      description: "Overrides the contract's rule for this indicator.",
      resolve: (x) => x.missingData ?? null,
    }),
  }),
});

export const Terms = builder.objectRef<TermsShape>('Terms').implement({
  ...signedInType,
  fields: (t) => ({
    fixedFeePence: t.exposeInt('fixedFeePence'),
    outcomePotPence: t.exposeInt('outcomePotPence', { description: 'The outcome-linked share, in pence.' }),
    missingData: t.field({ type: MissingDataRule, resolve: (x) => x.missingData }),
    neighbourModel: t.string({ nullable: true, resolve: (x) => x.neighbourModel ?? null }),
    indicators: t.field({ type: [TermIndicator], resolve: (x) => x.indicators }),
    rateCard: t.field({ type: RateCard, nullable: true, resolve: (x) => x.rateCard ?? null }),
    json: t.string({ description: 'The terms as canonical JSON.', resolve: (x) => canonicalJson(x) }),
  }),
});

const TargetInput = builder.inputType('TargetInput', {
  description: 'Set the fields `type` needs, and no others (see TargetType).',
  fields: (t) => ({
    type: t.field({ type: TargetType, required: true }),
    level: t.float(),
    baselinePeriod: t.int(),
    by: t.float(),
    unit: t.field({ type: ImprovementUnit }),
    position: t.field({ type: GroupPosition }),
    margin: t.float(),
    quartile: t.int(),
    councils: t.idList(),
  }),
});

const PartialRuleInput = builder.inputType('PartialRuleInput', {
  fields: (t) => ({
    type: t.field({ type: PartialType, required: true }),
    floor: t.float(),
  }),
});

const TermIndicatorInput = builder.inputType('TermIndicatorInput', {
  fields: (t) => ({
    indicatorId: t.id({ required: true }),
    weight: t.int({ required: true }),
    target: t.field({ type: TargetInput, required: true }),
    partial: t.field({ type: PartialRuleInput, required: true }),
    missingData: t.field({ type: MissingDataRule }),
  }),
});

export const TermsInput = builder.inputType('TermsInput', {
  fields: (t) => ({
    fixedFeePence: t.int({ required: true }),
    outcomePotPence: t.int({ required: true }),
    missingData: t.field({ type: MissingDataRule, required: true }),
    neighbourModel: t.string(),
    indicators: t.field({
      type: [TermIndicatorInput],
      required: true,
      description: 'May be empty when a rate card pays instead.',
    }),
    rateCard: t.field({ type: RateCardInput }),
  }),
});

/** Drops absent (null) input fields, so the terms' strict validation sees only what was set. */
function compact(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
}

export interface TermsArg {
  fixedFeePence: number;
  outcomePotPence: number;
  missingData: string;
  neighbourModel?: string | null;
  indicators: { indicatorId: string; weight: number; target: object; partial: object; missingData?: string | null }[];
  rateCard?: { rates: object[]; capPerYearPence?: number | null; capContractPence?: number | null } | null;
}

/** Input terms as plain terms for the service to validate (zod); amounts must fit GraphQL's Int. */
export function termsOf(input: TermsArg): unknown {
  if (input.fixedFeePence + input.outcomePotPence > MAX_INT) {
    throw badInput(`fixedFeePence + outcomePotPence: at most ${MAX_INT} pence in all`);
  }
  return compact({
    ...input,
    indicators: input.indicators.map((i) => compact({ ...i, target: compact(i.target), partial: compact(i.partial) })),
    rateCard: input.rateCard ? compact({ ...input.rateCard, rates: input.rateCard.rates.map(compact) }) : null,
  });
}
