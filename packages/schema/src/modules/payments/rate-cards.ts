/**
 * Rate cards (issue 18) as GraphQL types: the terms (a price per unit of outcome, caps) and a
 * statement's rate-card lines as the viewer may see them (disclose.ts: a suppressed count withholds
 * its pence).
 */
import type { DisclosedRateLine, RateCard as RateCardShape, Rate as RateShape } from '@continuity/payments';
import { builder, signedInType } from '../../builder';

const Rate = builder.objectRef<RateShape>('Rate').implement({
  ...signedInType,
  description: "A price per unit: one count of the indicator's numerator for the practice in the year.",
  fields: (t) => ({
    indicatorId: t.exposeID('indicatorId'),
    pricePence: t.exposeInt('pricePence'),
    maxUnits: t.int({
      nullable: true,
      description: 'Units paid at most per year.',
      resolve: (r) => r.maxUnits ?? null,
    }),
  }),
});

export const RateCard = builder.objectRef<RateCardShape>('RateCard').implement({
  ...signedInType,
  fields: (t) => ({
    rates: t.field({ type: [Rate], resolve: (c) => c.rates }),
    capPerYearPence: t.int({ nullable: true, resolve: (c) => c.capPerYearPence ?? null }),
    capContractPence: t.int({
      nullable: true,
      description: 'Over the whole contract; earlier years count first.',
      resolve: (c) => c.capContractPence ?? null,
    }),
  }),
});

const RateInput = builder.inputType('RateInput', {
  fields: (t) => ({
    indicatorId: t.id({ required: true }),
    pricePence: t.int({ required: true }),
    maxUnits: t.int(),
  }),
});

export const RateCardInput = builder.inputType('RateCardInput', {
  fields: (t) => ({
    rates: t.field({ type: [RateInput], required: true }),
    capPerYearPence: t.int(),
    capContractPence: t.int(),
  }),
});

export const RateCardLine = builder.objectRef<DisclosedRateLine>('RateCardLine').implement({
  ...signedInType,
  description:
    'One rate of a statement: units counted x price, after the caps. Counts and pence are null (withheld) when the count is suppressed for this viewer.',
  fields: (t) => ({
    indicatorId: t.exposeID('indicatorId'),
    title: t.exposeString('title'),
    pricePence: t.exposeInt('pricePence'),
    counted: t.exposeFloat('counted', { nullable: true }),
    countedSymbol: t.exposeString('countedSymbol', { nullable: true }),
    units: t.exposeInt('units', { nullable: true }),
    grossPence: t.exposeInt('grossPence', { nullable: true }),
    paidPence: t.exposeInt('paidPence', { nullable: true }),
    explanation: t.exposeString('explanation'),
  }),
});
