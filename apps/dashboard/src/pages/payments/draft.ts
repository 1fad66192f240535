/** The "Create a contract" form's state -> CreateContractInput (pure; one indicator, an absolute target, all or nothing). */
import type { CreateContractInput, MissingDataRule, TermsInput } from '../../graphql/generated';
import { parsePounds } from './money';
import type { FormError } from './terms';

/** Field ids start with this. */
export const P = 'create';

export interface Draft {
  name: string;
  practiceId: string;
  periodStart: string;
  periodEnd: string;
  fixedFee: string;
  pot: string;
  indicatorId: string;
  level: string;
  missingData: MissingDataRule;
  /** A rate card beside the target (issue 18): '' or absent price = none. */
  rateIndicatorId?: string;
  ratePrice?: string;
  rateYearCap?: string;
  rateContractCap?: string;
}

type RateCardInput = NonNullable<TermsInput['rateCard']>;

/** The optional rate card: one price per unit, optional caps (pounds, '' = no cap). */
function rateCardOf(d: Draft, errors: FormError[]): RateCardInput | null {
  if (!d.ratePrice?.trim()) return null;
  const price = parsePounds(d.ratePrice);
  if (price === null || price < 1)
    errors.push({ field: `${P}-rate-price`, message: 'Enter the price per unit in pounds, like 1250' });
  const cap = (text: string | undefined, field: string, what: string) => {
    if (!text?.trim()) return undefined;
    const pence = parsePounds(text);
    if (pence === null) errors.push({ field, message: `Enter the ${what} in pounds, or leave it empty for none` });
    return pence ?? undefined;
  };
  const capPerYearPence = cap(d.rateYearCap, `${P}-rate-year-cap`, 'cap per year');
  const capContractPence = cap(d.rateContractCap, `${P}-rate-contract-cap`, 'cap for the contract');
  if (!d.rateIndicatorId) errors.push({ field: `${P}-rate-indicator`, message: 'Choose what the rate card pays for' });
  return {
    rates: [{ indicatorId: d.rateIndicatorId ?? '', pricePence: price ?? 0 }],
    ...(capPerYearPence !== undefined ? { capPerYearPence } : {}),
    ...(capContractPence !== undefined ? { capContractPence } : {}),
  };
}

/** Checks the draft; the input for createContract, or what is wrong (pure). */
export function draftToInput(
  d: Draft,
): { input: null; errors: FormError[] } | { input: CreateContractInput & { terms: TermsInput }; errors: [] } {
  const errors: FormError[] = [];
  if (d.name.trim() === '') errors.push({ field: `${P}-name`, message: 'Enter a name for the contract' });
  if (!d.practiceId) errors.push({ field: `${P}-practice`, message: 'Choose the practice' });
  const start = /^\d{4}$/.test(d.periodStart.trim()) ? Number(d.periodStart) : null;
  const end = /^\d{4}$/.test(d.periodEnd.trim()) ? Number(d.periodEnd) : null;
  if (start === null)
    errors.push({ field: `${P}-start`, message: 'Enter the first year as the year it ends in, like 2024' });
  if (end === null)
    errors.push({ field: `${P}-end`, message: 'Enter the last year as the year it ends in, like 2025' });
  else if (start !== null && end < start)
    errors.push({ field: `${P}-end`, message: 'The last year must be the same as or after the first year' });
  const fixed = parsePounds(d.fixedFee);
  if (fixed === null) errors.push({ field: `${P}-fixed-fee`, message: 'Enter the fixed fee in pounds, like 10000' });
  const pot = parsePounds(d.pot);
  if (pot === null) errors.push({ field: `${P}-pot`, message: 'Enter the outcome-linked pot in pounds, like 50000' });
  if (!d.indicatorId) errors.push({ field: `${P}-indicator`, message: 'Choose the indicator for the first target' });
  const level = /^-?\d+(\.\d+)?$/.test(d.level.trim()) ? Number(d.level) : null;
  if (level === null) errors.push({ field: `${P}-level`, message: 'Enter the target level as a number, like 10' });
  const rateCard = rateCardOf(d, errors);
  if (errors.length > 0 || start === null || end === null || fixed === null || pot === null || level === null)
    return { input: null, errors };
  return {
    input: {
      name: d.name.trim(),
      practiceId: d.practiceId,
      periodStart: start,
      periodEnd: end,
      terms: {
        fixedFeePence: fixed,
        outcomePotPence: pot,
        missingData: d.missingData,
        indicators: [
          {
            indicatorId: d.indicatorId,
            weight: 1,
            target: { type: 'ABSOLUTE', level },
            partial: { type: 'ALL_OR_NOTHING' },
          },
        ],
        ...(rateCard ? { rateCard } : {}),
      },
    },
    errors: [],
  };
}
