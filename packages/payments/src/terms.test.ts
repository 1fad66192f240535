import { describe, expect, it } from 'vitest';
import { checkTermsAgainst, InvalidTermsError, parseTerms } from './terms';

const base = {
  fixedFeePence: 100_000,
  outcomePotPence: 50_000,
  missingData: 'treat_as_not_met',
  indicators: [
    {
      indicatorId: 'placements_3plus',
      weight: 2,
      target: { type: 'absolute', level: 10 },
      partial: { type: 'linear', floor: 15 },
    },
    {
      indicatorId: 'health_assessments',
      weight: 1,
      target: { type: 'neighbours', position: 'quartile', quartile: 1 },
      partial: { type: 'linear', floor: 3 },
      missingData: 'pay_in_full',
    },
    {
      indicatorId: 'dental_checks',
      weight: 1,
      target: { type: 'comparison', councils: ['886', '312'], position: 'at_or_better_than_average', margin: 1 },
      partial: { type: 'all_or_nothing' },
    },
    {
      indicatorId: 'immunisations',
      weight: 1,
      target: { type: 'improvement', baselinePeriod: 2023, by: 5, unit: 'points' },
      partial: { type: 'linear', floor: 0 },
    },
  ],
};

const issues = (input: unknown): string[] => {
  try {
    parseTerms(input);
    return [];
  } catch (error) {
    if (error instanceof InvalidTermsError) return error.issues;
    throw error;
  }
};

const withIndicator = (patch: Record<string, unknown>) => ({
  ...base,
  indicators: [{ ...base.indicators[0], ...patch }],
});

describe('terms', () => {
  it('accepts every target type and partial rule', () => {
    expect(parseTerms(base)).toEqual(base);
  });

  it('refuses money that is not whole pence, and unknown or misspelt keys', () => {
    expect(issues({ ...base, fixedFeePence: 10.5 })).toEqual(['fixedFeePence: Expected integer, received float']);
    expect(issues({ ...base, outcomePotPence: -1 })[0]).toMatch(/^outcomePotPence:/);
    expect(issues({ ...base, missingdata: 'pay_in_full' })[0]).toMatch(/Unrecognized key/);
    expect(issues({ ...base, missingData: 'zero' })[0]).toMatch(/^missingData: Invalid enum value/);
  });

  it('needs an explicit missing-data rule', () => {
    const { missingData: _, ...rest } = base;
    expect(issues(rest)).toEqual(['missingData: Required']);
  });

  it('checks weights, duplicates and the shape of group targets', () => {
    expect(issues(withIndicator({ weight: 0 }))[0]).toMatch(/^indicators\.0\.weight/);
    expect(issues(withIndicator({ weight: 1.5 }))[0]).toMatch(/^indicators\.0\.weight/);
    expect(issues({ ...base, indicators: [base.indicators[0], base.indicators[0]] })).toEqual([
      'indicators.1: indicator placements_3plus is listed twice',
    ]);
    expect(issues(withIndicator({ target: { type: 'neighbours', position: 'quartile' } }))).toContain(
      'indicators.0.target.quartile: a quartile target needs `quartile` (1 to 3)',
    );
    expect(
      issues(
        withIndicator({
          target: { type: 'comparison', councils: ['886', '886'], position: 'at_or_better_than_average' },
        }),
      ),
    ).toContain('indicators.0.target.councils: comparison councils are listed twice');
    expect(
      issues(
        withIndicator({ target: { type: 'comparison', councils: ['Kent'], position: 'at_or_better_than_average' } }),
      )[0],
    ).toMatch(/3-digit DfE council code/);
  });

  it('puts linear floors on the worse side, in the terms of the target', () => {
    const improvement = { type: 'improvement', baselinePeriod: 2023, by: 5, unit: 'points' };
    expect(issues(withIndicator({ target: improvement, partial: { type: 'linear', floor: 5 } }))).toEqual([
      'indicators.0.partial.floor: the floor must be a smaller improvement than the target',
    ]);
    const quartile = { type: 'neighbours', position: 'quartile', quartile: 2 };
    expect(issues(withIndicator({ target: quartile, partial: { type: 'linear', floor: 2 } }))[0]).toMatch(
      /worse quartile/,
    );
    expect(issues(withIndicator({ target: quartile, partial: { type: 'linear', floor: 5 } }))[0]).toMatch(
      /worse quartile/,
    );
    const average = { type: 'neighbours', position: 'at_or_better_than_average', margin: 1 };
    expect(issues(withIndicator({ target: average, partial: { type: 'linear', floor: 1 } }))[0]).toMatch(
      /floor margin must be below/,
    );
  });

  it('checks absolute floors, existence and direction against the catalogue', () => {
    const terms = parseTerms({
      ...base,
      indicators: [
        { ...base.indicators[0], partial: { type: 'linear', floor: 5 } }, // lower-better: floor must be above 10
        { ...base.indicators[3], indicatorId: 'nowhere' },
        { ...base.indicators[2], indicatorId: 'flat' },
      ],
    });
    expect(
      checkTermsAgainst(terms, [
        { id: 'placements_3plus', polarity: 'lower_better' },
        { id: 'flat', polarity: 'neutral' },
      ]),
    ).toEqual([
      'indicators.0.partial.floor: placements_3plus is lower-better, so the floor must be above the target level',
      'indicators.1.indicatorId: no indicator nowhere',
      'indicators.2.indicatorId: flat has no better direction, so it cannot carry a target',
    ]);
  });
});
