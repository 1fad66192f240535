import { describe, expect, it } from 'vitest';
import type { TermsFields } from './queries';
import { termsToForm, toTermsInput } from './terms';

const TERMS: TermsFields = {
  fixedFeePence: 1_000_000,
  outcomePotPence: 5_000_050,
  missingData: 'TREAT_AS_NOT_MET',
  neighbourModel: null,
  indicators: [
    {
      indicatorId: 'placements_3plus',
      weight: 2,
      missingData: null,
      partial: { type: 'ALL_OR_NOTHING', floor: null },
      target: {
        type: 'ABSOLUTE',
        level: 10,
        by: null,
        unit: null,
        baselinePeriod: null,
        margin: null,
        quartile: null,
        position: null,
        councils: null,
      },
    },
    {
      indicatorId: 'turnover',
      weight: 1,
      missingData: 'EXCLUDE_AND_REWEIGHT',
      partial: { type: 'LINEAR', floor: 2 },
      target: {
        type: 'NEIGHBOURS',
        level: null,
        by: null,
        unit: null,
        baselinePeriod: null,
        margin: 0.5,
        quartile: null,
        position: 'AT_OR_BETTER_THAN_AVERAGE',
        councils: null,
      },
    },
    {
      indicatorId: 'agency',
      weight: 1,
      missingData: null,
      partial: { type: 'ALL_OR_NOTHING', floor: null },
      target: {
        type: 'IMPROVEMENT',
        level: null,
        by: 5,
        unit: 'PERCENT',
        baselinePeriod: 2022,
        margin: null,
        quartile: null,
        position: null,
        councils: null,
      },
    },
  ],
};

describe('terms form <-> TermsInput', () => {
  it('starts from the terms and gives them back unchanged', () => {
    const form = termsToForm(TERMS);
    expect(form.fixedFee).toBe('10000.00');
    expect(form.pot).toBe('50000.50');
    expect(form.indicators.map((i) => [i.targetField, i.targetValue])).toEqual([
      ['level', '10'],
      ['margin', '0.5'],
      ['by', '5'],
    ]);
    const result = toTermsInput(form, 'w');
    expect(result.errors).toEqual([]);
    expect(result.terms).toEqual({
      fixedFeePence: 1_000_000,
      outcomePotPence: 5_000_050,
      missingData: 'TREAT_AS_NOT_MET',
      indicators: [
        {
          indicatorId: 'placements_3plus',
          weight: 2,
          target: { type: 'ABSOLUTE', level: 10 },
          partial: { type: 'ALL_OR_NOTHING' },
        },
        {
          indicatorId: 'turnover',
          weight: 1,
          target: { type: 'NEIGHBOURS', margin: 0.5, position: 'AT_OR_BETTER_THAN_AVERAGE' },
          partial: { type: 'LINEAR', floor: 2 },
          missingData: 'EXCLUDE_AND_REWEIGHT',
        },
        {
          indicatorId: 'agency',
          weight: 1,
          target: { type: 'IMPROVEMENT', by: 5, unit: 'PERCENT', baselinePeriod: 2022 },
          partial: { type: 'ALL_OR_NOTHING' },
        },
      ],
    });
  });

  it('applies the changes people make', () => {
    const form = termsToForm(TERMS);
    form.missingData = 'PAY_IN_FULL';
    form.pot = '60,000';
    form.indicators[0] = {
      ...form.indicators[0]!,
      targetValue: '12.5',
      weight: '3',
      partialType: 'LINEAR',
      floor: '20',
      missingData: 'PAY_IN_FULL',
    };
    const result = toTermsInput(form, 'w');
    expect(result.terms?.outcomePotPence).toBe(6_000_000);
    expect(result.terms?.missingData).toBe('PAY_IN_FULL');
    expect(result.terms?.indicators[0]).toEqual({
      indicatorId: 'placements_3plus',
      weight: 3,
      target: { type: 'ABSOLUTE', level: 12.5 },
      partial: { type: 'LINEAR', floor: 20 },
      missingData: 'PAY_IN_FULL',
    });
  });

  it('lists every problem with the field it belongs to', () => {
    const form = termsToForm(TERMS);
    form.fixedFee = 'ten';
    form.indicators[0] = { ...form.indicators[0]!, weight: '0', targetValue: '' };
    form.indicators[1] = { ...form.indicators[1]!, floor: 'x' };
    const result = toTermsInput(form, 'w');
    expect(result.terms).toBeNull();
    expect(result.errors.map((e) => e.field)).toEqual([
      'w-fixed-fee',
      'w-indicator-0-weight',
      'w-indicator-0-target',
      'w-indicator-1-floor',
    ]);
  });
});
