import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import type { IndicatorFacts } from './types';
import type { TermIndicator } from '../terms';
import { aon, definition, facts, figure, group, linear, noRow, quartiles, terms } from '../test-helpers';

const HI = definition('hi', 'higher_better');
const LO = definition('lo', 'lower_better');

/** One indicator with weight 1 and a pot of £100.00 (10,000 pence): the line it gives. */
function line(
  term: Omit<TermIndicator, 'weight'>,
  f: Omit<IndicatorFacts, 'definition'>,
  def = term.indicatorId === 'hi' ? HI : LO,
) {
  const result = evaluate(
    terms(10_000, [{ weight: 1, ...term }]),
    facts({ [term.indicatorId]: { definition: def, ...f } }),
  );
  expect(result.totals.totalPence).toBe(result.totals.fixedFeePence + result.lines[0]!.earnedPence);
  return result.lines[0]!;
}

describe('absolute targets', () => {
  const hi = (actual: number, partial: TermIndicator['partial'] = aon) =>
    line({ indicatorId: 'hi', target: { type: 'absolute', level: 80 }, partial }, { actual: figure(actual) });
  const lo = (actual: number, partial: TermIndicator['partial'] = aon) =>
    line({ indicatorId: 'lo', target: { type: 'absolute', level: 10 }, partial }, { actual: figure(actual) });

  it('higher is better: exactly on target is met, just below is not (all or nothing)', () => {
    expect(hi(80)).toMatchObject({ outcome: 'met', achievement: 1, earnedPence: 10_000, targetValue: 80 });
    expect(hi(79.99)).toMatchObject({ outcome: 'not_met', achievement: 0, earnedPence: 0 });
    expect(hi(95)).toMatchObject({ outcome: 'met', earnedPence: 10_000 });
    expect(hi(80).explanation).toBe(
      "Met: the practice's 2025 figure, 80%, is at or above the target of at least 80%, so it earns the whole £100.00 allocated (weight 1 of 1).",
    );
    expect(hi(79.99).explanation).toBe(
      "Not met: the practice's 2025 figure, 79.99%, is below the target of at least 80%; the rule is all or nothing, so it earns nothing of the £100.00 allocated (weight 1 of 1).",
    );
  });

  it('lower is better: at most the level; just above is not met', () => {
    expect(lo(10)).toMatchObject({ outcome: 'met', earnedPence: 10_000 });
    expect(lo(9)).toMatchObject({ outcome: 'met', earnedPence: 10_000 });
    expect(lo(10.01)).toMatchObject({ outcome: 'not_met', earnedPence: 0 });
    expect(lo(10).targetDescription).toBe('at most 10%');
  });

  it('floating-point noise does not decide: 14.000000000000002 is on a target of 14', () => {
    const rate = (35 / 250) * 100; // 14.000000000000002 in binary floating point
    expect(rate).not.toBe(14);
    const l = line(
      { indicatorId: 'lo', target: { type: 'absolute', level: 14 }, partial: aon },
      { actual: figure(rate) },
    );
    expect(l.outcome).toBe('met');
  });

  it('an explanation shows enough digits to tell a near miss from the target', () => {
    expect(hi(79.999).explanation).toContain('79.999%, is below the target of at least 80%');
  });

  it('linear, higher is better: (actual - floor) / (target - floor)', () => {
    // floor 60, target 80: 70 -> 10/20 = 0.5 -> 5,000p; 79.99 -> 19.99/20 = 0.9995 -> 9,995p
    expect(hi(70, linear(60))).toMatchObject({
      outcome: 'partly',
      achievement: 0.5,
      earnedPence: 5_000,
      floorValue: 60,
    });
    expect(hi(79.99, linear(60))).toMatchObject({ outcome: 'partly', achievement: 0.9995, earnedPence: 9_995 });
    expect(hi(80, linear(60))).toMatchObject({ outcome: 'met', achievement: 1, earnedPence: 10_000 });
    expect(hi(60, linear(60))).toMatchObject({ outcome: 'not_met', achievement: 0, earnedPence: 0 });
    expect(hi(59, linear(60))).toMatchObject({ outcome: 'not_met', achievement: 0, earnedPence: 0 });
    expect(hi(70, linear(60)).explanation).toBe(
      "Partly met: the practice's 2025 figure, 70%, is short of the target of at least 80% but better than the floor of 60%; achievement (70 - 60) / (80 - 60) = 50%, so it earns £50.00 of the £100.00 allocated (weight 1 of 1), rounded down to the penny.",
    );
    expect(hi(59, linear(60)).explanation).toContain('is at or below the floor of 60%');
  });

  it('linear, lower is better: the floor sits above the target', () => {
    // target 10, floor 20: 12 -> (12 - 20) / (10 - 20) = 0.8; 10.01 -> 9.99 / 10 = 0.999
    expect(lo(12, linear(20))).toMatchObject({ outcome: 'partly', achievement: 0.8, earnedPence: 8_000 });
    expect(lo(10.01, linear(20))).toMatchObject({ outcome: 'partly', achievement: 0.999, earnedPence: 9_990 });
    expect(lo(10, linear(20))).toMatchObject({ outcome: 'met', earnedPence: 10_000 });
    expect(lo(20, linear(20))).toMatchObject({ outcome: 'not_met', earnedPence: 0 });
    expect(lo(25, linear(20))).toMatchObject({ outcome: 'not_met', earnedPence: 0 });
  });

  it('an unmet line is never paid in full, however close', () => {
    // (79.9999999 - 60) / 20 = 0.999999995 rounds to 1.000000 but is capped at 0.999999
    const l = hi(79.9999991, linear(60));
    expect(l.outcome).toBe('partly');
    expect(l.achievement).toBe(0.999999);
    expect(l.earnedPence).toBe(9_999); // floor(10,000 x 0.999999)
  });
});

describe('improvement on the practice baseline', () => {
  it('points, higher is better: baseline 60 + 5 = 65; linear from no improvement (60)', () => {
    const term = {
      indicatorId: 'hi',
      target: { type: 'improvement', baselinePeriod: 2023, by: 5, unit: 'points' },
      partial: linear(0),
    } as const;
    const at = (actual: number) => line(term, { actual: figure(actual), baseline: figure(60, { period: 2023 }) });
    expect(at(65)).toMatchObject({ outcome: 'met', targetValue: 65, floorValue: 60, comparatorValue: 60 });
    expect(at(62)).toMatchObject({ outcome: 'partly', achievement: 0.4, earnedPence: 4_000 });
    expect(at(64.99)).toMatchObject({ outcome: 'partly', achievement: 0.998 });
    expect(at(60)).toMatchObject({ outcome: 'not_met', earnedPence: 0 });
    expect(at(65).targetDescription).toBe('at least 65% (the 2023 baseline of 60% improved by 5 percentage points)');
  });

  it('points, lower is better: baseline 20 - 2 = 18', () => {
    const term = {
      indicatorId: 'lo',
      target: { type: 'improvement', baselinePeriod: 2024, by: 2, unit: 'points' },
      partial: aon,
    } as const;
    const at = (actual: number) => line(term, { actual: figure(actual), baseline: figure(20, { period: 2024 }) });
    expect(at(18)).toMatchObject({ outcome: 'met', targetValue: 18 });
    expect(at(18.01)).toMatchObject({ outcome: 'not_met' });
  });

  it('relative per cent, lower is better: 20 x (1 - 10%) = 18; floor "no worse" = 20', () => {
    const term = {
      indicatorId: 'lo',
      target: { type: 'improvement', baselinePeriod: 2024, by: 10, unit: 'percent' },
      partial: linear(0),
    } as const;
    const at = (actual: number) => line(term, { actual: figure(actual), baseline: figure(20, { period: 2024 }) });
    expect(at(18)).toMatchObject({ outcome: 'met', targetValue: 18, floorValue: 20 });
    expect(at(19)).toMatchObject({ outcome: 'partly', achievement: 0.5, earnedPence: 5_000 });
    expect(at(21)).toMatchObject({ outcome: 'not_met' });
    expect(at(18).targetDescription).toBe('at most 18% (the 2024 baseline of 20% improved by 10%)');
  });

  it('relative per cent, higher is better: 50 x (1 + 10%) = 55', () => {
    const term = {
      indicatorId: 'hi',
      target: { type: 'improvement', baselinePeriod: 2024, by: 10, unit: 'percent' },
      partial: aon,
    } as const;
    const at = (actual: number) => line(term, { actual: figure(actual), baseline: figure(50, { period: 2024 }) });
    expect(at(55)).toMatchObject({ outcome: 'met', targetValue: 55 });
    expect(at(54.99)).toMatchObject({ outcome: 'not_met' });
  });

  it('a relative floor that equals its target (baseline 0) pays only when met', () => {
    const term = {
      indicatorId: 'lo',
      target: { type: 'improvement', baselinePeriod: 2024, by: 10, unit: 'percent' },
      partial: linear(0),
    } as const;
    const l = line(term, { actual: figure(3), baseline: figure(0, { period: 2024 }) });
    expect(l).toMatchObject({ outcome: 'not_met', targetValue: 0, floorValue: 0, earnedPence: 0 });
    expect(l.explanation).toContain('the floor works out equal to the target');
  });

  it('a suppressed baseline is no data, whatever the actual', () => {
    const term = {
      indicatorId: 'hi',
      target: { type: 'improvement', baselinePeriod: 2023, by: 5, unit: 'points' },
      partial: aon,
    } as const;
    const l = line(term, { actual: figure(99), baseline: figure(null, { period: 2023, symbol: 'c' }) });
    expect(l).toMatchObject({
      outcome: 'no_data',
      targetValue: null,
      missingDataRule: 'treat_as_not_met',
      earnedPence: 0,
    });
    expect(l.explanation).toBe(
      "No data: the practice's 2023 baseline is suppressed (c). Missing-data rule 'treat as not met' (contract-wide): treated as not met, so it earns nothing of the £100.00 allocated (weight 1 of 1).",
    );
  });
});

describe('statistical neighbours and comparison councils', () => {
  it('at or better than the pooled neighbour average (lower is better)', () => {
    const term = {
      indicatorId: 'lo',
      target: { type: 'neighbours', position: 'at_or_better_than_average' },
      partial: aon,
    } as const;
    const at = (actual: number) => line(term, { actual: figure(actual), group: group(15) });
    expect(at(15)).toMatchObject({ outcome: 'met', targetValue: 15, comparatorValue: 15 });
    expect(at(15.01)).toMatchObject({ outcome: 'not_met' });
    expect(at(15).targetDescription).toBe(
      'at most 15% (the pooled 2025 average of the statistical neighbours of council 201, SN model 2025, 15%; 4 of 4 councils with figures)',
    );
  });

  it('a margin better than average, linear down to a margin worse (lower is better)', () => {
    // average 15: target 15 - 2 = 13, floor 15 + 3 = 18; 14.5 -> (14.5 - 18) / (13 - 18) = 0.7
    const term = {
      indicatorId: 'lo',
      target: { type: 'neighbours', position: 'at_or_better_than_average', margin: 2 },
      partial: linear(-3),
    } as const;
    const at = (actual: number) => line(term, { actual: figure(actual), group: group(15) });
    expect(at(14.5)).toMatchObject({
      outcome: 'partly',
      targetValue: 13,
      floorValue: 18,
      achievement: 0.7,
      earnedPence: 7_000,
    });
    expect(at(13)).toMatchObject({ outcome: 'met' });
  });

  it('higher is better: average 70, margin 0; just below is not met', () => {
    const term = {
      indicatorId: 'hi',
      target: { type: 'neighbours', position: 'at_or_better_than_average' },
      partial: aon,
    } as const;
    expect(line(term, { actual: figure(70), group: group(70) }).outcome).toBe('met');
    expect(line(term, { actual: figure(69.9), group: group(70) }).outcome).toBe('not_met');
  });

  it('quartiles: best quartile is the 25th percentile when lower is better, the 75th when higher', () => {
    const q = quartiles(5, 8, 10, 14, 20);
    const lo1 = {
      indicatorId: 'lo',
      target: { type: 'neighbours', position: 'quartile', quartile: 1 },
      partial: aon,
    } as const;
    expect(line(lo1, { actual: figure(8), group: group(11, q) })).toMatchObject({ outcome: 'met', targetValue: 8 });
    expect(line(lo1, { actual: figure(8.1), group: group(11, q) })).toMatchObject({ outcome: 'not_met' });
    const hi1 = {
      indicatorId: 'hi',
      target: { type: 'neighbours', position: 'quartile', quartile: 1 },
      partial: aon,
    } as const;
    expect(line(hi1, { actual: figure(14), group: group(11, q) })).toMatchObject({ outcome: 'met', targetValue: 14 });
    expect(line(hi1, { actual: figure(13.9), group: group(11, q) })).toMatchObject({ outcome: 'not_met' });
    const hi2 = {
      indicatorId: 'hi',
      target: { type: 'neighbours', position: 'quartile', quartile: 2 },
      partial: aon,
    } as const;
    expect(line(hi2, { actual: figure(10), group: group(11, q) })).toMatchObject({ outcome: 'met', targetValue: 10 });
    expect(line(hi1, { actual: figure(14), group: group(11, q) }).targetDescription).toBe(
      "at least 14% (the best quartile of the statistical neighbours of council 201, SN model 2025: the 75th percentile of 10 councils' 2025 figures)",
    );
  });

  it('quartile, linear to a worse quartile: lower is better, target Q1 (8), floor Q3 (14)', () => {
    const term = {
      indicatorId: 'lo',
      target: { type: 'neighbours', position: 'quartile', quartile: 1 },
      partial: linear(3),
    } as const;
    // (11 - 14) / (8 - 14) = 0.5
    const l = line(term, { actual: figure(11), group: group(11, quartiles(5, 8, 10, 14, 20)) });
    expect(l).toMatchObject({
      outcome: 'partly',
      targetValue: 8,
      floorValue: 14,
      achievement: 0.5,
      earnedPence: 5_000,
    });
    // floor quartile 4 = the worst neighbour: the highest value when lower is better
    const worst = line(
      { ...term, partial: linear(4) },
      { actual: figure(14), group: group(11, quartiles(5, 8, 10, 14, 20)) },
    );
    expect(worst).toMatchObject({ floorValue: 20, achievement: 0.5 }); // (14 - 20) / (8 - 20)
  });

  it('quartiles need 4 members with figures, else no data', () => {
    const term = {
      indicatorId: 'lo',
      target: { type: 'neighbours', position: 'quartile', quartile: 1 },
      partial: aon,
    } as const;
    const l = line(term, { actual: figure(8), group: group(11, null) });
    expect(l).toMatchObject({ outcome: 'no_data', targetValue: null });
    expect(l.explanation).toContain('quartiles need at least 4');
  });

  it('comparison councils: pooled value 80, higher is better, linear to 10 points worse', () => {
    const term = {
      indicatorId: 'hi',
      target: { type: 'comparison' as const, councils: ['207', '208'], position: 'at_or_better_than_average' as const },
      partial: linear(-10),
    };
    const at = (actual: number) => line(term, { actual: figure(actual), group: group(80, null, 'comparison') });
    expect(at(80)).toMatchObject({ outcome: 'met' });
    expect(at(78)).toMatchObject({ outcome: 'partly', floorValue: 70, achievement: 0.8, earnedPence: 8_000 });
    expect(at(78).targetDescription).toBe(
      'at least 80% (the pooled 2025 average of the comparison councils (207, 208), 80%; 2 of 2 councils with figures)',
    );
  });

  it('no comparator (no member with numbers) is no data', () => {
    const term = {
      indicatorId: 'hi',
      target: { type: 'neighbours', position: 'at_or_better_than_average' },
      partial: aon,
    } as const;
    const l = line(term, { actual: figure(50), group: group(null) });
    expect(l.outcome).toBe('no_data');
    expect(l.explanation).toContain(
      'no member of the statistical neighbours of council 201, SN model 2025 has a published 2025 figure',
    );
  });
});

describe('missing and suppressed data', () => {
  // Three indicators, weights 1, 1, 2, pot 10,000p: shares 2,500 / 2,500 / 5,000. 'lo' has no data.
  const build = (
    rule: 'treat_as_not_met' | 'exclude_and_reweight' | 'pay_in_full',
    actualLo = figure(null, { symbol: 'c', numeratorSymbol: 'c' }),
  ) =>
    evaluate(
      terms(
        10_000,
        [
          { indicatorId: 'lo', weight: 1, target: { type: 'absolute', level: 10 }, partial: aon },
          { indicatorId: 'hi', weight: 1, target: { type: 'absolute', level: 80 }, partial: aon },
          { indicatorId: 'hi2', weight: 2, target: { type: 'absolute', level: 80 }, partial: linear(60) },
        ],
        { missingData: rule, fixedFeePence: 50_000 },
      ),
      facts({
        lo: { definition: LO, actual: actualLo },
        hi: { definition: HI, actual: figure(85) },
        hi2: { definition: definition('hi2', 'higher_better'), actual: figure(70) },
      }),
    );

  it('treat as not met: the suppressed indicator keeps its share and earns nothing; never read as 0', () => {
    const r = build('treat_as_not_met');
    expect(r.lines.map((l) => [l.outcome, l.allocatedPence, l.earnedPence])).toEqual([
      ['no_data', 2_500, 0],
      ['met', 2_500, 2_500],
      ['partly', 5_000, 2_500],
    ]);
    // a lower-is-better value read as 0 would have been met; it is not
    expect(r.lines[0]!.actual).toMatchObject({ value: null, symbol: 'c' });
    expect(r.lines[0]!.explanation).toContain("the practice's 2025 figure is suppressed (c)");
    expect(r.totals).toEqual({
      fixedFeePence: 50_000,
      outcomePotPence: 10_000,
      allocatedPence: 10_000,
      earnedPence: 5_000,
      unearnedPence: 5_000,
      totalPence: 55_000,
    });
  });

  it('pay in full: the indicator earns its whole share', () => {
    const r = build('pay_in_full');
    expect(r.lines[0]).toMatchObject({
      outcome: 'no_data',
      missingDataRule: 'pay_in_full',
      achievement: 1,
      earnedPence: 2_500,
    });
    expect(r.totals.totalPence).toBe(50_000 + 2_500 + 2_500 + 2_500);
  });

  it('exclude and reweight: the others share the pot by weight (1 : 2 of 10,000 -> 3,334 / 6,666)', () => {
    const r = build('exclude_and_reweight');
    // 10,000 x 1/3 = 3,333.33 and 10,000 x 2/3 = 6,666.67: whole pence 3,333 + 6,666 = 9,999; the
    // penny left goes to the larger remainder (2/3 -> 0.67 beats 0.33): 3,333 / 6,667.
    expect(r.lines.map((l) => [l.excluded, l.allocatedPence, l.earnedPence])).toEqual([
      [true, 0, 0],
      [false, 3_333, 3_333],
      [false, 6_667, 3_333], // floor(6,667 x 0.5)
    ]);
    expect(r.totals.allocatedPence).toBe(10_000);
    expect(r.notes[0]).toContain('Left out for lack of data: lo');
  });

  it('a missing row is no data too (not zero), described as having no figure', () => {
    const r = build('treat_as_not_met', figure(null, { found: false }));
    expect(r.lines[0]!.explanation).toContain("the practice's 2025 figure has no figure");
  });

  it('the indicator rule overrides the contract rule', () => {
    const r = evaluate(
      terms(10_000, [
        {
          indicatorId: 'lo',
          weight: 1,
          target: { type: 'absolute', level: 10 },
          partial: aon,
          missingData: 'pay_in_full',
        },
        { indicatorId: 'hi', weight: 1, target: { type: 'absolute', level: 80 }, partial: aon },
      ]),
      facts({ lo: { definition: LO, actual: noRow() }, hi: { definition: HI, actual: noRow() } }),
    );
    expect(r.lines.map((l) => [l.missingDataRule, l.earnedPence])).toEqual([
      ['pay_in_full', 5_000],
      ['treat_as_not_met', 0],
    ]);
    expect(r.lines[0]!.explanation).toContain('(set for this indicator)');
  });

  it('every indicator excluded: none of the pot is paid, and the statement says so', () => {
    const r = evaluate(
      terms(10_000, [{ indicatorId: 'lo', weight: 1, target: { type: 'absolute', level: 10 }, partial: aon }], {
        missingData: 'exclude_and_reweight',
        fixedFeePence: 100,
      }),
      facts({ lo: { definition: LO, actual: noRow() } }),
    );
    expect(r.totals).toMatchObject({ allocatedPence: 0, earnedPence: 0, unearnedPence: 10_000, totalPence: 100 });
    expect(r.notes[0]).toContain('none of the outcome-linked pot of £100.00 is paid');
  });
});

describe('totals', () => {
  it('add up to the penny: pot 100,001p over weights 1, 1, 1 -> 33,334 + 33,334 + 33,333', () => {
    const r = evaluate(
      terms(
        100_001,
        ['a', 'b', 'c'].map(
          (id) =>
            ({ indicatorId: id, weight: 1, target: { type: 'absolute', level: 80 }, partial: linear(60) }) as const,
        ),
        { fixedFeePence: 1_234_567 },
      ),
      facts({
        a: { definition: definition('a', 'higher_better'), actual: figure(90) },
        b: { definition: definition('b', 'higher_better'), actual: figure(70) },
        c: { definition: definition('c', 'higher_better'), actual: figure(65) },
      }),
    );
    // remainders all 1 (100,001 mod 3 = 2 pence left): the first two listed get a penny each
    expect(r.lines.map((l) => l.allocatedPence)).toEqual([33_334, 33_334, 33_333]);
    // a met: 33,334; b 0.5: floor(16,667) = 16,667; c 0.25: floor(8,333.25) = 8,333
    expect(r.lines.map((l) => l.earnedPence)).toEqual([33_334, 16_667, 8_333]);
    expect(r.totals).toEqual({
      fixedFeePence: 1_234_567,
      outcomePotPence: 100_001,
      allocatedPence: 100_001,
      earnedPence: 58_334,
      unearnedPence: 41_667,
      totalPence: 1_292_901,
    });
    expect(r.notes.at(-1)).toBe(
      'Total: fixed fee £12,345.67 + outcome-linked £583.34 earned of £1,000.01 = £12,929.01.',
    );
  });

  it('refuses an indicator with no better direction', () => {
    expect(() =>
      evaluate(
        terms(100, [{ indicatorId: 'n', weight: 1, target: { type: 'absolute', level: 1 }, partial: aon }]),
        facts({ n: { definition: definition('n', 'neutral'), actual: figure(1) } }),
      ),
    ).toThrow(/no better direction/);
  });
});
