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
          indicators: [{ indicatorId: 'placements_3plus', weight: 1, target: { type: 'ABSOLUTE', level: 10 }, partial: { type: 'ALL_OR_NOTHING' } }],
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
