/**
 * The what-if form's state <-> the API's TermsInput. Pure: the form holds what people typed
 * (strings); `toTermsInput` checks it and gives the input or a list of errors (for the error summary).
 */
import type { MissingDataRule, PartialType, TargetInput, TargetType, TermsInput } from '../../graphql/generated';
import type { ContractFields, TermsFields } from './queries';
import { parsePounds, penceToInput } from './money';

export type TargetField = 'level' | 'by' | 'margin' | 'quartile';

export interface IndicatorForm {
  indicatorId: string;
  weight: string;
  /** The target's number that can be changed here (which one depends on its type). */
  targetField: TargetField;
  targetValue: string;
  /** The rest of the target, sent back unchanged. */
  target: TargetInput;
  partialType: PartialType;
  floor: string;
  /** '' = the contract's rule. */
  missingData: MissingDataRule | '';
}

export interface TermsForm {
  fixedFee: string;
  pot: string;
  missingData: MissingDataRule;
  neighbourModel: string | null;
  indicators: IndicatorForm[];
  /** Carried through unchanged (a what-if changes targets, not the rate card). */
  rateCard?: TermsInput['rateCard'];
}

export interface FormError {
  /** The id of the field, for the error summary's link. */
  field: string;
  message: string;
}

const MISSING_DATA_LABELS: Readonly<Record<MissingDataRule, string>> = {
  TREAT_AS_NOT_MET: 'Treat as not met (earns nothing)',
  PAY_IN_FULL: 'Pay in full (earns its whole share)',
  EXCLUDE_AND_REWEIGHT: 'Leave out and share the pot among the others',
};

/** The missing-data rules as a select offers them. */
export const MISSING_DATA_OPTIONS: readonly { value: MissingDataRule; text: string }[] = (
  Object.keys(MISSING_DATA_LABELS) as MissingDataRule[]
).map((rule) => ({
  value: rule,
  text: MISSING_DATA_LABELS[rule],
}));

export const TARGET_FIELD_LABELS: Readonly<Record<TargetField, string>> = {
  level: 'Target level',
  by: 'Improvement by',
  margin: 'Margin on the group average',
  quartile: 'Quartile (1 = best)',
};

/** Which number of a target the form lets people change. */
function targetFieldOf(type: TargetType, position: string | null | undefined): TargetField {
  switch (type) {
    case 'ABSOLUTE':
      return 'level';
    case 'IMPROVEMENT':
      return 'by';
    default:
      return position === 'QUARTILE' ? 'quartile' : 'margin';
  }
}

function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Drops nulls: a TargetInput carries only the fields its type needs. */
function cleanTarget(target: TermsFields['indicators'][number]['target']): TargetInput {
  const out: TargetInput = { type: target.type };
  if (target.level !== null) out.level = target.level;
  if (target.by !== null) out.by = target.by;
  if (target.unit !== null) out.unit = target.unit;
  if (target.baselinePeriod !== null) out.baselinePeriod = target.baselinePeriod;
  if (target.margin !== null) out.margin = target.margin;
  if (target.quartile !== null) out.quartile = target.quartile;
  if (target.position !== null) out.position = target.position;
  if (target.councils !== null) out.councils = [...target.councils];
  return out;
}

type RateCardFields = NonNullable<ContractFields['rateTerms']['rateCard']>;

function rateCardInputOf(card: RateCardFields): NonNullable<TermsInput['rateCard']> {
  return {
    rates: card.rates.map((r) => ({
      indicatorId: r.indicatorId,
      pricePence: r.pricePence,
      ...(r.maxUnits !== null ? { maxUnits: r.maxUnits } : {}),
    })),
    ...(card.capPerYearPence !== null ? { capPerYearPence: card.capPerYearPence } : {}),
    ...(card.capContractPence !== null ? { capContractPence: card.capContractPence } : {}),
  };
}

/** The contract's terms as the form starts them. */
export function termsToForm(terms: TermsFields, rateCard?: RateCardFields | null): TermsForm {
  return {
    fixedFee: penceToInput(terms.fixedFeePence),
    pot: penceToInput(terms.outcomePotPence),
    missingData: terms.missingData,
    neighbourModel: terms.neighbourModel,
    ...(rateCard ? { rateCard: rateCardInputOf(rateCard) } : {}),
    indicators: terms.indicators.map((t) => {
      const target = cleanTarget(t.target);
      const field = targetFieldOf(t.target.type, t.target.position);
      return {
        indicatorId: t.indicatorId,
        weight: String(t.weight),
        targetField: field,
        targetValue: numberText(t.target[field]),
        target,
        partialType: t.partial.type,
        floor: numberText(t.partial.floor),
        missingData: t.missingData ?? '',
      };
    }),
  };
}

function parseNumber(text: string): number | null {
  const clean = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/** The form as TermsInput, or what is wrong with it (field ids match `fieldId`). */
export function toTermsInput(
  form: TermsForm,
  prefix: string,
): { terms: TermsInput; errors: [] } | { terms: null; errors: FormError[] } {
  const errors: FormError[] = [];
  const fixedFeePence = parsePounds(form.fixedFee);
  if (fixedFeePence === null)
    errors.push({ field: `${prefix}-fixed-fee`, message: 'Enter the fixed fee in pounds, like 10000 or 10,000.50' });
  const outcomePotPence = parsePounds(form.pot);
  if (outcomePotPence === null)
    errors.push({ field: `${prefix}-pot`, message: 'Enter the outcome-linked pot in pounds, like 50000' });
  if (form.indicators.length === 0 && !form.rateCard)
    errors.push({ field: `${prefix}-indicators`, message: 'The terms need at least one indicator' });

  const indicators = form.indicators.map((ind, i) => {
    const name = `Indicator ${i + 1} (${ind.indicatorId})`;
    const weight = /^\s*\d+\s*$/.test(ind.weight) ? Number(ind.weight) : null;
    if (weight === null || weight < 1)
      errors.push({
        field: fieldId(prefix, i, 'weight'),
        message: `${name}: enter a weight as a whole number, 1 or more`,
      });
    const value = parseNumber(ind.targetValue);
    if (value === null)
      errors.push({
        field: fieldId(prefix, i, 'target'),
        message: `${name}: enter the ${TARGET_FIELD_LABELS[ind.targetField].toLowerCase()} as a number`,
      });
    else if (ind.targetField === 'quartile' && (!Number.isInteger(value) || value < 1 || value > 4)) {
      errors.push({ field: fieldId(prefix, i, 'target'), message: `${name}: the quartile is 1, 2, 3 or 4` });
    }
    let floor: number | null = null;
    if (ind.partialType === 'LINEAR') {
      floor = parseNumber(ind.floor);
      if (floor === null)
        errors.push({
          field: fieldId(prefix, i, 'floor'),
          message: `${name}: enter the floor (where nothing is earned) as a number`,
        });
    }
    const target: TargetInput = { ...ind.target, [ind.targetField]: value ?? 0 };
    return {
      indicatorId: ind.indicatorId,
      weight: weight ?? 0,
      target,
      partial: ind.partialType === 'LINEAR' ? { type: ind.partialType, floor } : { type: ind.partialType },
      ...(ind.missingData ? { missingData: ind.missingData } : {}),
    };
  });
  if (errors.length > 0 || fixedFeePence === null || outcomePotPence === null) return { terms: null, errors };
  const terms: TermsInput = { fixedFeePence, outcomePotPence, missingData: form.missingData, indicators };
  if (form.neighbourModel) terms.neighbourModel = form.neighbourModel;
  if (form.rateCard) terms.rateCard = form.rateCard;
  return { terms, errors: [] };
}

export function fieldId(prefix: string, index: number, field: 'weight' | 'target' | 'floor' | 'missing'): string {
  return `${prefix}-indicator-${index}-${field}`;
}
