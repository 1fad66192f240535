import { describe, expect, it } from 'vitest';
import { discloseFigure, discloseTable, discloseTables, type Figure } from './disclosure';

const figure = (over: Partial<Figure>): Figure => ({
  subjectKind: 'council',
  owned: false,
  numerator: null,
  denominator: null,
  value: null,
  symbol: null,
  ...over,
});

describe('discloseFigure', () => {
  it('gives owners their figure unchanged', () => {
    const owned = figure({ subjectKind: 'practice', owned: true, numerator: 3, denominator: 40, value: 7.5 });
    expect(discloseFigure(owned)).toEqual({
      numerator: 3,
      numeratorSymbol: null,
      denominator: 40,
      denominatorSymbol: null,
      value: 7.5,
      symbol: null,
    });
  });

  it('suppresses a rate whose numerator is suppressed', () => {
    // 3 of 40 children had 3+ placements: 7.5%, but 3 is small.
    expect(discloseFigure(figure({ subjectKind: 'practice', numerator: 3, denominator: 40, value: 7.5 }))).toEqual({
      numerator: null,
      numeratorSymbol: 'c',
      denominator: 40,
      denominatorSymbol: null,
      value: null,
      symbol: 'c',
    });
  });

  it('suppresses a rate whose denominator is suppressed, even with a zero numerator', () => {
    expect(discloseFigure(figure({ numerator: 0, denominator: 4, value: 0 }))).toMatchObject({
      numerator: 0,
      denominator: null,
      denominatorSymbol: 'c',
      value: null,
      symbol: 'c',
    });
  });

  it('shows a rate whose counts are large enough, as stored', () => {
    expect(discloseFigure(figure({ numerator: 12, denominator: 40, value: 30 }))).toMatchObject({
      numerator: 12,
      denominator: 40,
      value: 30,
      symbol: null,
    });
  });

  it('rounds England and regional counts to the nearest 10 and keeps the rate from unrounded counts', () => {
    // 14 of 25 = 56%: counts shown as 10 and 30 (25 rounds half up), the rate as computed.
    expect(discloseFigure(figure({ subjectKind: 'england', numerator: 14, denominator: 25, value: 56 }))).toMatchObject(
      {
        numerator: 10,
        denominator: 30,
        value: 56,
      },
    );
    expect(discloseFigure(figure({ subjectKind: 'region', numerator: 15, denominator: 250, value: 6 }))).toMatchObject({
      numerator: 20,
      denominator: 250,
      value: 6,
    });
  });

  it('suppresses a small regional count rather than rounding it to 0', () => {
    expect(discloseFigure(figure({ subjectKind: 'region', numerator: 4, denominator: 300, value: 1.3 }))).toMatchObject(
      {
        numerator: null,
        numeratorSymbol: 'c',
        value: null,
        symbol: 'c',
      },
    );
  });

  it('controls a count-valued figure as a count', () => {
    const count = (subjectKind: Figure['subjectKind'], n: number) =>
      discloseFigure(figure({ subjectKind, unit: 'count', numerator: n, value: n }));
    expect(count('council', 4)).toMatchObject({ value: null, symbol: 'c' });
    expect(count('council', 0)).toMatchObject({ value: 0, symbol: null });
    expect(count('council', 14)).toMatchObject({ value: 14 });
    expect(count('region', 25)).toMatchObject({ numerator: 30, value: 30 });
  });

  it('withholds a published rate whose numerator was suppressed at source', () => {
    const published = figure({ numerator: null, numeratorSymbol: 'c', denominator: 120, value: 3 });
    expect(discloseFigure(published)).toMatchObject({
      numerator: null,
      numeratorSymbol: 'c',
      value: null,
      symbol: 'c',
    });
  });

  it('keeps the symbol of a figure with no value', () => {
    expect(discloseFigure(figure({ value: null, symbol: 'x' }))).toMatchObject({ value: null, symbol: 'x' });
  });

  it('applies secondary suppression passed in', () => {
    const f = figure({ numerator: 12, denominator: 40, value: 30 });
    expect(discloseFigure(f, { secondary: { numerator: true } })).toMatchObject({
      numerator: null,
      numeratorSymbol: 'c',
      denominator: 40,
      value: null,
      symbol: 'c',
    });
    expect(discloseFigure(f, { secondary: { denominator: true } })).toMatchObject({ denominator: null, value: null });
  });
});

describe('discloseTable', () => {
  // Three councils of a region: 3/30, 10/50, 20/60; the region 33/140.
  const councils = (owned: string | null) =>
    new Map<string, Figure>([
      ['A', figure({ owned: owned === 'A', numerator: 3, denominator: 30, value: 10 })],
      ['B', figure({ owned: owned === 'B', numerator: 10, denominator: 50, value: 20 })],
      ['C', figure({ owned: owned === 'C', numerator: 20, denominator: 60, value: 33.3 })],
      ['R', figure({ subjectKind: 'region', numerator: 33, denominator: 140, value: (33 / 140) * 100 })],
    ]);
  const groups = [{ members: ['A', 'B', 'C'], total: 'R' }];

  it('suppresses the small council and the next smallest, and rounds the region', () => {
    const out = discloseTable(councils(null), groups);
    expect(out.get('A')).toMatchObject({ numerator: null, denominator: 30, value: null, symbol: 'c' });
    expect(out.get('B')).toMatchObject({ numerator: null, denominator: 50, value: null, symbol: 'c' });
    expect(out.get('C')).toMatchObject({ numerator: 20, denominator: 60, value: 33.3 });
    // The rate as the rounded counts give it: 30 / 140 = 21.428571...%, not 33 / 140 = 23.57%.
    expect(out.get('R')).toMatchObject({ numerator: 30, denominator: 140 });
    expect(out.get('R')!.value).toBeCloseTo(21.428571428571427, 12);
  });

  it("needs no complement when the small council is the viewer's own", () => {
    const out = discloseTable(councils('A'), groups);
    expect(out.get('A')).toMatchObject({ numerator: 3, value: 10 });
    expect(out.get('B')).toMatchObject({ numerator: 10, value: 20 });
  });

  it("never hides the viewer's own council as a complement", () => {
    const out = discloseTable(councils('B'), groups);
    expect(out.get('B')).toMatchObject({ numerator: 10, value: 20 });
    expect(out.get('C')).toMatchObject({ numerator: null, value: null, symbol: 'c' });
  });
});

describe('rates of rounded counts in computed tables', () => {
  // Issue 11: England 1297 of 13407 = 9.674050868949056%, counts shown rounded to 1300 and 13410.
  // At full precision the rate fits that one unrounded pair; worked from the shown counts it is
  // 1300 / 13410 = 9.694258016405667%, which every pair rounding to 1300 / 13410 shares.
  const england: Figure = {
    subjectKind: 'england',
    owned: false,
    numerator: 1297,
    denominator: 13407,
    value: (1297 / 13407) * 100,
    symbol: null,
    unit: 'percent',
  };

  it('works the rate from the rounded counts it is shown with', () => {
    const out = discloseTable(new Map([['E', england]]), []).get('E')!;
    expect(out).toMatchObject({ numerator: 1300, denominator: 13410 });
    expect(out.value).toBeCloseTo(9.69425801640567, 12);
  });

  it('leaves council rates (unrounded counts) and published figures (discloseFigure alone) as stored', () => {
    const council = { ...england, subjectKind: 'council' as const };
    expect(discloseTable(new Map([['C', council]]), []).get('C')!.value).toBe(england.value);
    expect(discloseFigure(england).value).toBe(england.value);
  });

  it('keeps a zero rate zero and a per-1,000 scale', () => {
    const zero = { ...england, numerator: 0, value: 0 };
    expect(discloseTable(new Map([['E', zero]]), []).get('E')!.value).toBe(0);
    const perThousand = { ...england, value: (1297 / 13407) * 1000, unit: 'rate' as const };
    expect(discloseTable(new Map([['E', perThousand]]), []).get('E')!.value).toBeCloseTo(96.9425801640567, 10);
  });
});

describe("hidden figures (another council's part of a shared practice, issue 11)", () => {
  // Practice P serves A and B: pooled 25/100 = A's part 20/59 (owned by A's viewer) + B's part 5/41 (hidden).
  const pooled = figure({ subjectKind: 'practice', numerator: 25, denominator: 100, value: 25 });
  const ownPart = figure({ subjectKind: 'practice_part', owned: true, numerator: 20, denominator: 59, value: 33.9 });
  const otherPart = figure({ subjectKind: 'practice_part', hidden: true, numerator: 5, denominator: 41, value: 12.2 });
  const groups = [{ total: 'P', members: ['P@A', 'P@B'] }];

  it('withholds the pooled numerator when pooled minus the own part would give a small count', () => {
    const out = discloseTable(
      new Map([
        ['P', pooled],
        ['P@A', ownPart],
        ['P@B', otherPart],
      ]),
      groups,
    );
    expect(out.get('P')).toMatchObject({
      numerator: null,
      numeratorSymbol: 'c',
      value: null,
      symbol: 'c',
      denominator: 100,
    });
    expect(out.get('P@A')).toMatchObject({ numerator: 20, denominator: 59 });
    expect(out.get('P@B')).toMatchObject({ numerator: null, denominator: null, value: null, symbol: 'c' });
  });

  it('shows the pooled figure when the hidden part holds no small count', () => {
    const large = { ...otherPart, numerator: 12, value: 29.3 };
    const out = discloseTable(
      new Map([
        ['P', pooled],
        ['P@A', ownPart],
        ['P@B', large],
      ]),
      groups,
    );
    expect(out.get('P')).toMatchObject({ numerator: 25, denominator: 100, value: 25 });
    expect(out.get('P@B')).toMatchObject({ numerator: null, symbol: 'c' });
  });
});

describe('discloseTables (counts of several indicators holding the same children)', () => {
  // Two indicators over one cohort, Kent 886 = practices A + B. Indicator X's table alone would show
  // every denominator; Y's cohort is X's less a few children, and Y's practice A denominator is 4.
  const table = (a: number, b: number) => ({
    figures: new Map([
      ['A', figure({ subjectKind: 'practice', numerator: 0, denominator: a, value: 0 })],
      ['B', figure({ subjectKind: 'practice', numerator: 0, denominator: b, value: 0 })],
      ['K', figure({ subjectKind: 'council', numerator: 0, denominator: a + b, value: 0 })],
    ]),
    groups: [{ total: 'K', members: ['A', 'B'] }],
  });
  const tables = new Map([
    ['X', table(6, 30)],
    ['Y', table(4, 29)],
  ]);

  it('suppresses in every count of a family what one count suppresses', () => {
    const out = discloseTables(tables, [
      [
        { table: 'X', part: 'denominator' },
        { table: 'Y', part: 'denominator' },
      ],
    ]);
    // Y: A's 4 and its complement B; so X's A and B too (else X's 6 and 30 give Y's cohort away)
    for (const t of ['X', 'Y']) {
      expect(out.get(t)!.get('A')!.denominator).toBeNull();
      expect(out.get(t)!.get('B')!.denominator).toBeNull();
      expect(out.get(t)!.get('K')!.denominator).not.toBeNull();
    }
  });

  it('is discloseTable on each table without families', () => {
    const out = discloseTables(tables);
    expect(out.get('X')).toEqual(discloseTable(tables.get('X')!.figures, tables.get('X')!.groups));
    expect(out.get('X')!.get('A')!.denominator).toBe(6);
  });
});
