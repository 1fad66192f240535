import { describe, expect, it } from 'vitest';
import { buildDocument } from './document';
import { discloseLines, discloseStatement } from './disclose';
import { aon, definition, facts, figure, linear, terms } from './test-helpers';

/**
 * Three lines, pot 9,000p, weights 1 each (3,000p):
 *   small: 3 of 20 = 15% (lower is better, at most 20%): met. The numerator 3 is 1..5: withheld (c),
 *          so the rate and its explanation are withheld from a non-owner.
 *   large: 30 of 50 = 60% (higher, at least 50%): met; counts over 5, shown as they are.
 *   improve: 40 of 50 = 80% against a 2024 baseline of 2 of 10 = 20% + 5 points; linear from 20%:
 *          met. The baseline numerator 2 is withheld, so the target worked out from it is too.
 */
const document = buildDocument({
  status: 'issued',
  statementId: 1,
  contract: {
    id: 1,
    name: 'c',
    councilCode: '201',
    councilName: null,
    practiceId: 'P1',
    practiceName: null,
    periodStart: 2025,
    periodEnd: 2025,
  },
  version: { version: 1, createdBy: 'u', createdAt: '2025-01-01T00:00:00.000Z', note: null, overridden: false },
  terms: terms(9_000, [
    { indicatorId: 'small', weight: 1, target: { type: 'absolute', level: 20 }, partial: aon },
    { indicatorId: 'large', weight: 1, target: { type: 'absolute', level: 50 }, partial: aon },
    {
      indicatorId: 'improve',
      weight: 1,
      target: { type: 'improvement', baselinePeriod: 2024, by: 5, unit: 'points' },
      partial: linear(0),
    },
  ]),
  facts: facts({
    small: { definition: definition('small', 'lower_better'), actual: figure(15, { numerator: 3, denominator: 20 }) },
    large: { definition: definition('large', 'higher_better'), actual: figure(60, { numerator: 30, denominator: 50 }) },
    improve: {
      definition: definition('improve', 'higher_better'),
      actual: figure(80, { numerator: 40, denominator: 50 }),
      baseline: figure(20, { numerator: 2, denominator: 10, period: 2024 }),
    },
  }),
  issued: { by: 'u', at: '2025-12-01T00:00:00.000Z' },
});

describe('statements seen by viewers who do not own the figures', () => {
  const lines = discloseLines(document);

  it('withhold small counts, the rate made from them, and the sentence quoting it', () => {
    expect(lines[0]!.actual).toMatchObject({
      value: null,
      symbol: 'c',
      numerator: null,
      numeratorSymbol: 'c',
      denominator: 20,
    });
    expect(lines[0]!.explanation).toBe(
      "Met: the practice's figures are withheld (c) from viewers outside the contract; it earns £30.00 of the £30.00 allocated (weight 1 of 3).",
    );
    expect(lines[0]!.earnedPence).toBe(3_000);
  });

  it('leave figures with larger counts as they are', () => {
    expect(lines[1]).toEqual(document.lines[1]);
  });

  it('withhold a target worked out from a withheld baseline', () => {
    expect(document.lines[2]).toMatchObject({ targetValue: 25, comparatorValue: 20, outcome: 'met' });
    expect(lines[2]).toMatchObject({
      targetValue: null,
      floorValue: null,
      comparatorValue: null,
      targetDescription: "an improvement on the practice's 2024 baseline (figures withheld: c)",
      actual: { value: 80, numerator: 40 },
    });
    expect(lines[2]!.explanation).not.toMatch(/20%/);
  });

  it('leave the frozen document itself untouched', () => {
    expect(document.lines[0]!.actual.value).toBe(15);
  });
});

/**
 * The attack of issue 11: one partly met line, 5 of 36 = 13.8889% (higher is better, at least 20%,
 * linear from a floor of 10%). achievement = (13.8889 - 10) / (20 - 10) = 0.388889; earned =
 * floor(9,000 x 0.388889) = 3,500p. Beside the target and floor, either gives the rate back, and
 * 13.8889% of 36 = 5, the suppressed numerator.
 */
describe('a partly met line whose figure is withheld', () => {
  const partly = buildDocument({
    status: 'issued',
    statementId: 2,
    contract: {
      id: 2,
      name: 'c',
      councilCode: '201',
      councilName: null,
      practiceId: 'P1',
      practiceName: null,
      periodStart: 2025,
      periodEnd: 2025,
    },
    version: { version: 1, createdBy: 'u', createdAt: '2025-01-01T00:00:00.000Z', note: null, overridden: false },
    terms: terms(9_000, [
      { indicatorId: 'partly', weight: 1, target: { type: 'absolute', level: 20 }, partial: linear(10) },
    ]),
    facts: facts({
      partly: {
        definition: definition('partly', 'higher_better'),
        actual: figure((5 / 36) * 100, { numerator: 5, denominator: 36 }),
      },
    }),
    issued: { by: 'u', at: '2025-12-01T00:00:00.000Z' },
  });

  it('is worked as by hand for the parties', () => {
    expect(partly.lines[0]).toMatchObject({
      outcome: 'partly',
      targetValue: 20,
      floorValue: 10,
      achievement: 0.388889,
      earnedPence: 3_500,
    });
    expect(partly.totals).toMatchObject({ earnedPence: 3_500, unearnedPence: 5_500 });
  });

  it('withholds its achievement and its pence, and the totals they would be worked back from', () => {
    const seen = discloseStatement(partly);
    expect(seen.lines[0]).toMatchObject({
      achievement: null,
      earnedPence: null,
      allocatedPence: 9_000,
      outcome: 'partly',
    });
    expect(seen.lines[0]!.actual).toMatchObject({ value: null, numerator: null, denominator: 36 });
    expect(seen.lines[0]!.explanation).not.toMatch(/13\.8|38\.8|£35/);
    expect(seen.totals).toMatchObject({
      earnedPence: null,
      unearnedPence: null,
      totalPence: null,
      allocatedPence: 9_000,
    });
  });

  it("keeps met lines' money: it follows from the outcome shown", () => {
    expect(discloseStatement(document).totals).toEqual(document.totals);
  });
});
