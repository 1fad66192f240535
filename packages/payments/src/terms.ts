/**
 * Contract terms: what a practice is paid and on which outcomes. Validated with zod before a version
 * is written, and again when one is read back, so the engine only ever sees well-formed terms.
 *
 * - Money is in whole pence (integers), never floats.
 * - Every indicator has a target, a weight (a positive integer: its share of the outcome-linked pot
 *   is weight / sum of weights) and a rule for partial achievement.
 * - Missing or suppressed data is handled by an explicit rule (`missingData`), contract-wide with an
 *   optional override per indicator. It is never silently zero.
 * - Linear floors are written in the same terms as their target: an absolute level for an absolute
 *   target, an improvement (same unit) for an improvement target, a margin for an average target and
 *   a quartile number for a quartile target. The floor must be strictly worse than the target.
 * - Unknown keys are refused (`strict`), so a misspelt rule is an error, not a silent default.
 */
import { z } from 'zod';

export const MISSING_DATA_RULES = ['treat_as_not_met', 'exclude_and_reweight', 'pay_in_full'] as const;
export type MissingDataRule = (typeof MISSING_DATA_RULES)[number];

const pence = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const finite = z.number().finite();
const councilCode = z.string().regex(/^\d{3}$/, 'a 3-digit DfE council code');
const year = z.number().int().min(1990).max(2100);

/** The indicator reaches a fixed level: at least `level` (higher is better) or at most (lower is better). */
const absoluteTarget = z.object({ type: z.literal('absolute'), level: finite }).strict();

/**
 * The practice improves on its own value in `baselinePeriod` by `by`, in the indicator's better
 * direction: `points` adds or subtracts `by` in the indicator's unit (percentage points for a
 * percentage); `percent` is relative: baseline x (1 + by / 100) when higher is better,
 * baseline x (1 - by / 100) when lower is better. `by` may be 0 (no worse than the baseline).
 */
const improvementTarget = z
  .object({
    type: z.literal('improvement'),
    baselinePeriod: year,
    by: finite,
    unit: z.enum(['points', 'percent']),
  })
  .strict();

/**
 * A position among a group of councils (the contract council's statistical neighbours, or named
 * comparison councils), read from DfE's published figures for the same period:
 * - `at_or_better_than_average`: at or better than the group's pooled value (sum of numerators /
 *   sum of denominators x scale), by `margin` in the indicator's unit (default 0; positive demands
 *   better than the average, negative allows worse);
 * - `quartile`: in quartile `quartile` or better of the group's values, 1 = best quarter. The
 *   boundary of "quartile q or better" is the (1 - q/4) percentile of the group's values when
 *   higher is better and the q/4 percentile when lower is better (PostgreSQL percentile_cont,
 *   linear interpolation, as Excel's PERCENTILE.INC); 4 means "no worse than the worst".
 */
const groupFields = {
  position: z.enum(['at_or_better_than_average', 'quartile']),
  margin: finite.optional(),
  quartile: z.number().int().min(1).max(3).optional(),
};

function checkPosition(
  target: { position: string; margin?: number | undefined; quartile?: number | undefined },
  ctx: z.RefinementCtx,
) {
  if (target.position === 'quartile' && target.quartile === undefined)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'a quartile target needs `quartile` (1 to 3)',
      path: ['quartile'],
    });
  if (target.position === 'quartile' && target.margin !== undefined)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: '`margin` applies to average targets only',
      path: ['margin'],
    });
  if (target.position === 'at_or_better_than_average' && target.quartile !== undefined)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: '`quartile` applies to quartile targets only',
      path: ['quartile'],
    });
}

const neighboursTarget = z.object({ type: z.literal('neighbours'), ...groupFields }).strict();
const comparisonTarget = z
  .object({
    type: z.literal('comparison'),
    councils: z.array(councilCode).min(1).max(200),
    ...groupFields,
  })
  .strict();

export const targetSchema = z
  .discriminatedUnion('type', [absoluteTarget, improvementTarget, neighboursTarget, comparisonTarget])
  .superRefine((target, ctx) => {
    if (target.type === 'neighbours' || target.type === 'comparison') checkPosition(target, ctx);
    if (target.type === 'comparison' && new Set(target.councils).size !== target.councils.length)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'comparison councils are listed twice',
        path: ['councils'],
      });
    if (target.type === 'improvement' && target.unit === 'percent' && target.by <= -100)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'a relative change must be above -100%', path: ['by'] });
  });

export const partialSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all_or_nothing') }).strict(),
  z.object({ type: z.literal('linear'), floor: finite }).strict(),
]);

export const termIndicatorSchema = z
  .object({
    indicatorId: z.string().min(1),
    weight: z.number().int().min(1).max(1_000_000),
    target: targetSchema,
    partial: partialSchema,
    /** Overrides the contract-wide rule for this indicator. */
    missingData: z.enum(MISSING_DATA_RULES).optional(),
  })
  .strict()
  .superRefine((term, ctx) => {
    const { target, partial } = term;
    if (partial.type !== 'linear') return;
    const fail = (message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, message, path: ['partial', 'floor'] });
    switch (target.type) {
      case 'absolute':
        if (partial.floor === target.level) fail('the floor must differ from the target level');
        break; // which side is worse depends on polarity: checked by checkTermsAgainst
      case 'improvement':
        if (!(partial.floor < target.by)) fail('the floor must be a smaller improvement than the target');
        if (target.unit === 'percent' && partial.floor <= -100) fail('a relative floor must be above -100%');
        break;
      case 'neighbours':
      case 'comparison':
        if (target.position === 'quartile') {
          if (!Number.isInteger(partial.floor) || partial.floor <= (target.quartile ?? 0) || partial.floor > 4)
            fail('a quartile floor is a worse quartile than the target: an integer up to 4');
        } else if (!(partial.floor < (target.margin ?? 0))) {
          fail('the floor margin must be below the target margin');
        }
        break;
    }
  });

/**
 * A rate card (issue 18): a price per unit of outcome achieved, beside the target-and-pot model. A
 * unit is one count of the indicator's numerator for the practice in the period (e.g. a child in a
 * stable placement for the year: a child-year; a care leaver in education, employment or training; a
 * child who kept the same social worker), so an indicator whose numerator counts children pays per
 * child. Caps: `maxUnits` per rate and year (e.g. the number of children referred), `capPerYearPence`
 * on the rate card's pay in a statement, `capContractPence` on its pay over the whole contract
 * (statements of earlier years count first). Prices and caps in whole pence.
 */
export const rateSchema = z
  .object({
    indicatorId: z.string().min(1),
    pricePence: pence.refine((p) => p >= 1, 'a price of at least 1p'),
    maxUnits: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

export const rateCardSchema = z
  .object({
    rates: z.array(rateSchema).min(1).max(50),
    capPerYearPence: pence.optional(),
    capContractPence: pence.optional(),
  })
  .strict()
  .superRefine((card, ctx) => {
    const seen = new Set<string>();
    card.rates.forEach((rate, i) => {
      if (seen.has(rate.indicatorId))
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `rate ${rate.indicatorId} is listed twice`,
          path: ['rates', i],
        });
      seen.add(rate.indicatorId);
    });
  });

export const termsSchema = z
  .object({
    fixedFeePence: pence,
    outcomePotPence: pence,
    /** What happens to an indicator with no usable figure (missing, suppressed, no baseline or comparator). */
    missingData: z.enum(MISSING_DATA_RULES),
    /** Statistical-neighbour model to compare with (e.g. '2025'); absent: the council's latest. */
    neighbourModel: z.string().min(1).optional(),
    /** None only when a rate card pays instead. */
    indicators: z.array(termIndicatorSchema).max(50),
    rateCard: rateCardSchema.optional(),
  })
  .strict()
  .superRefine((terms, ctx) => {
    if (terms.indicators.length === 0 && !terms.rateCard)
      ctx.addIssue({
        code: z.ZodIssueCode.too_small,
        minimum: 1,
        inclusive: true,
        type: 'array',
        message: 'Array must contain at least 1 element(s)',
        path: ['indicators'],
      });
    if (terms.indicators.length === 0 && terms.outcomePotPence > 0)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'an outcome-linked pot needs indicators to share it',
        path: ['outcomePotPence'],
      });
    const seen = new Set<string>();
    terms.indicators.forEach((term, i) => {
      if (seen.has(term.indicatorId))
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `indicator ${term.indicatorId} is listed twice`,
          path: ['indicators', i],
        });
      seen.add(term.indicatorId);
    });
    if (terms.fixedFeePence + terms.outcomePotPence > Number.MAX_SAFE_INTEGER)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'the total is too large', path: ['outcomePotPence'] });
  });

export type Terms = z.infer<typeof termsSchema>;
export type TermIndicator = z.infer<typeof termIndicatorSchema>;
export type Target = z.infer<typeof targetSchema>;
export type PartialRule = z.infer<typeof partialSchema>;
export type RateCard = z.infer<typeof rateCardSchema>;
export type Rate = z.infer<typeof rateSchema>;

export class InvalidTermsError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid terms: ${issues.join('; ')}`);
    this.name = 'InvalidTermsError';
  }
}

/** Parses unknown input into terms, or throws InvalidTermsError listing every problem with its path. */
export function parseTerms(input: unknown): Terms {
  const result = termsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidTermsError(
    result.error.issues.map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    ),
  );
}

/** What the checks against the catalogue need of an indicator. */
export interface IndicatorPolarity {
  id: string;
  polarity: 'higher_better' | 'lower_better' | 'neutral';
}

/**
 * Checks that need the catalogue: each indicator exists and has a better direction, and an absolute
 * linear floor lies on the worse side of its level. Returns the problems (empty when none).
 */
export function checkTermsAgainst(terms: Terms, indicators: readonly IndicatorPolarity[]): string[] {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const problems: string[] = [];
  terms.indicators.forEach((term, i) => {
    const definition = byId.get(term.indicatorId);
    if (!definition) {
      problems.push(`indicators.${i}.indicatorId: no indicator ${term.indicatorId}`);
      return;
    }
    if (definition.polarity === 'neutral') {
      problems.push(
        `indicators.${i}.indicatorId: ${term.indicatorId} has no better direction, so it cannot carry a target`,
      );
      return;
    }
    if (term.target.type === 'absolute' && term.partial.type === 'linear') {
      const higher = definition.polarity === 'higher_better';
      const worse = higher ? term.partial.floor < term.target.level : term.partial.floor > term.target.level;
      if (!worse)
        problems.push(
          `indicators.${i}.partial.floor: ${term.indicatorId} is ${higher ? 'higher' : 'lower'}-better, so the floor must be ${higher ? 'below' : 'above'} the target level`,
        );
    }
  });
  terms.rateCard?.rates.forEach((rate, i) => {
    if (!byId.has(rate.indicatorId)) problems.push(`rateCard.rates.${i}.indicatorId: no indicator ${rate.indicatorId}`);
  });
  return problems;
}
