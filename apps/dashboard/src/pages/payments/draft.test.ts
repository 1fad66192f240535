import { describe, expect, it } from 'vitest';
import { draftToInput, type Draft } from './draft';

const DRAFT: Draft = {
  name: ' Kent pilot ',
  practiceId: 'swp-kent',
  periodStart: '2023',
  periodEnd: '2024',
  fixedFee: '10,000',
  pot: '50000.50',
  indicatorId: 'placements_3plus',
  level: '10',
  missingData: 'TREAT_AS_NOT_MET',
};

describe('create contract form -> CreateContractInput', () => {
  it('gives the input with money in pence and one absolute target', () => {
    expect(draftToInput(DRAFT)).toEqual({
      errors: [],
      input: {
        name: 'Kent pilot',
        practiceId: 'swp-kent',
        periodStart: 2023,
        periodEnd: 2024,
        terms: {
          fixedFeePence: 1_000_000,
          outcomePotPence: 5_000_050,
          missingData: 'TREAT_AS_NOT_MET',
          indicators: [
            {
              indicatorId: 'placements_3plus',
              weight: 1,
              target: { type: 'ABSOLUTE', level: 10 },
              partial: { type: 'ALL_OR_NOTHING' },
            },
          ],
        },
      },
    });
  });
  it('lists what is wrong, field by field', () => {
    const result = draftToInput({ ...DRAFT, name: '', periodEnd: '2022', pot: '1.234', level: 'ten' });
    expect(result.input).toBeNull();
    expect(result.errors.map((e) => e.field)).toEqual(['create-name', 'create-end', 'create-pot', 'create-level']);
  });
});

describe('a rate card beside the target (issue 18)', () => {
  const base = {
    name: 'C',
    practiceId: 'p',
    periodStart: '2024',
    periodEnd: '2025',
    fixedFee: '0',
    pot: '0',
    indicatorId: 'placements_3plus',
    level: '10',
    missingData: 'TREAT_AS_NOT_MET' as const,
  };
  it('pounds to pence: £1,250.50 per unit, capped £10,000.01 a year and £15,000 in all', () => {
    const result = draftToInput({
      ...base,
      rateIndicatorId: 'eet',
      ratePrice: '1,250.50',
      rateYearCap: '10000.01',
      rateContractCap: '15,000',
    });
    expect(result.input?.terms.rateCard).toEqual({
      rates: [{ indicatorId: 'eet', pricePence: 125_050 }],
      capPerYearPence: 1_000_001,
      capContractPence: 1_500_000,
    });
  });
  it('no price, no rate card; a bad cap is an error on its field', () => {
    expect(draftToInput({ ...base, ratePrice: '' }).input?.terms.rateCard).toBeUndefined();
    expect(
      draftToInput({ ...base, rateIndicatorId: 'eet', ratePrice: '10', rateYearCap: 'lots' }).errors.map(
        (e) => e.field,
      ),
    ).toEqual(['create-rate-year-cap']);
  });
});
