/**
 * The rate card by hand, to the penny. Facts: P1's 2025 numerators: stable 37 (of 50), eet 12 (of
 * 20), same_sw suppressed (c), no_row missing.
 */
import { describe, expect, it } from 'vitest';
import { definition, facts, figure, noRow } from '../test-helpers';
import { evaluateRates } from './rates';

const f = facts({
  stable: { definition: definition('stable', 'higher_better'), actual: figure(74, { numerator: 37, denominator: 50 }) },
  eet: { definition: definition('eet', 'higher_better'), actual: figure(60, { numerator: 12, denominator: 20 }) },
  same_sw: {
    definition: definition('same_sw', 'higher_better'),
    actual: figure(null, { symbol: 'c', numeratorSymbol: 'c', denominator: 8 }),
  },
  no_row: { definition: definition('no_row', 'higher_better'), actual: noRow() },
});

describe('rate card', () => {
  it('pays units x price, nothing for a missing or suppressed count', () => {
    // 37 x £1,250.00 = £46,250.00; 12 x £333.33 = £3,999.96; same_sw c: 0; no_row: 0
    const r = evaluateRates(
      {
        rates: [
          { indicatorId: 'stable', pricePence: 125_000 },
          { indicatorId: 'eet', pricePence: 33_333 },
          { indicatorId: 'same_sw', pricePence: 50_000 },
          { indicatorId: 'no_row', pricePence: 1 },
        ],
      },
      f,
      0,
    );
    expect(r.lines.map((l) => [l.indicatorId, l.counted, l.units, l.grossPence, l.paidPence])).toEqual([
      ['stable', 37, 37, 4_625_000, 4_625_000],
      ['eet', 12, 12, 399_996, 399_996],
      ['same_sw', null, 0, 0, 0],
      ['no_row', null, 0, 0, 0],
    ]);
    expect(r.lines[2]!.explanation).toBe('£500.00 per unit: no count (c), so nothing is paid; 0 x £500.00 = £0.00.');
    expect(r).toMatchObject({ grossPence: 5_024_996, yearPence: 5_024_996, paidPence: 5_024_996 });
  });

  it('caps units per rate, then the year, sharing the cap by largest remainder', () => {
    // stable: 37 counted, capped at 30 units x 1,000 = 30,000; eet 12 x 1,000 = 12,000; gross 42,000.
    // Year cap 10,001: 10,001 x 30,000 / 42,000 = 7,143.57 -> 7,143 r .57; x 12,000 / 42,000 =
    // 2,857.43 -> 2,857 r .43; 1 penny left -> stable (larger remainder): 7,144 + 2,857 = 10,001.
    const r = evaluateRates(
      {
        rates: [
          { indicatorId: 'stable', pricePence: 1_000, maxUnits: 30 },
          { indicatorId: 'eet', pricePence: 1_000 },
          { indicatorId: 'same_sw', pricePence: 1_000 },
        ],
        capPerYearPence: 10_001,
      },
      f,
      0,
    );
    expect(r.lines.map((l) => [l.units, l.grossPence, l.paidPence])).toEqual([
      [30, 30_000, 7_144],
      [12, 12_000, 2_857],
      [0, 0, 0],
    ]);
    expect(r.lines[0]!.explanation).toBe(
      '£10.00 per unit: 37 counted, capped at 30 units; 30 x £10.00 = £300.00; after the caps £71.44.',
    );
    expect(r).toMatchObject({ grossPence: 42_000, yearPence: 10_001, paidPence: 10_001 });
  });

  it('stops at what is left of the contract cap after earlier years', () => {
    // gross 37 x 100 + 12 x 100 = 4,900; contract cap 10,000 with 7,001 paid before: 2,999 left.
    // 2,999 x 3,700 / 4,900 = 2,264.53 -> 2,264 r .53; x 1,200 / 4,900 = 734.47 -> 734 r .47;
    // 1 penny left -> stable: 2,265 + 734 = 2,999.
    const card = {
      rates: [
        { indicatorId: 'stable', pricePence: 100 },
        { indicatorId: 'eet', pricePence: 100 },
      ],
      capContractPence: 10_000,
    };
    const r = evaluateRates(card, f, 7_001);
    expect(r.lines.map((l) => l.paidPence)).toEqual([2_265, 734]);
    expect(r).toMatchObject({ yearPence: 4_900, paidBeforePence: 7_001, paidPence: 2_999 });
    expect(r.notes[0]).toBe(
      'Rate card: the contract cap of £100.00 has £29.99 left after £70.01 paid in earlier years; that is shared the same way.',
    );
    // nothing left: nothing paid
    expect(evaluateRates(card, f, 10_000).paidPence).toBe(0);
    expect(evaluateRates(card, f, 12_000).paidPence).toBe(0);
  });
});
