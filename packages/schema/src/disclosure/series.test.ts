import { describe, expect, it } from 'vitest';
import { ownershipContext, type Viewer } from '@continuity/access';
import type { ComparatorPoint, SeriesLine, SeriesPoint, SeriesResult } from '@continuity/indicators';
import type { ComputedRow } from '../providers/computed';
import { additiveGroups, discloseComputedTables, discloseSeries, needsComputedTables } from './series';

const policy: Viewer = { userId: 'p', name: 'P', role: 'policy', organisation: { kind: 'department', id: 'dfe' } };
const kent: Viewer = { userId: 'k', name: 'K', role: 'council', organisation: { kind: 'council', id: '886' } };
const ownership = ownershipContext({ 'swp-kent': ['886'], 'swp-two': ['886', '887'] });

const row = (
  kind: ComputedRow['kind'],
  id: string,
  numerator: number,
  denominator: number,
  extra: Partial<ComputedRow> = {},
): ComputedRow => ({
  kind,
  id,
  period: 2025,
  numerator,
  denominator,
  value: (numerator * 100) / denominator,
  symbol: null,
  numeratorSymbol: null,
  denominatorSymbol: null,
  hasPublished: false,
  regionCode: null,
  ...extra,
});

const point = (numerator: number, denominator: number, source: 'published' | 'computed'): SeriesPoint => ({
  period: 2025,
  numerator,
  denominator,
  value: (numerator * 100) / denominator,
  symbol: null,
  source,
  rank: 1,
  rankOutOf: 3,
  quartile: null,
});

const line = (kind: 'council' | 'practice', id: string, points: SeriesPoint[]): SeriesLine => ({
  subject: { kind, id, name: id },
  anchorCouncil: null,
  regionCode: null,
  neighbours: [],
  points,
  region: [] as ComparatorPoint[],
  neighbourAverage: [] as ComparatorPoint[],
});

const result = (lines: SeriesLine[], councilValues: SeriesResult['councilValues'] = []): SeriesResult => ({
  indicatorId: 'i',
  periods: [2025],
  lines,
  england: [],
  councilValues,
});

describe('additive groups', () => {
  it('link practices to every council they serve, councils to regions, regions to England', () => {
    const rows = [
      row('council', '886', 40, 400, { regionCode: 'R' }),
      row('council', '887', 20, 200, { regionCode: 'R' }),
      row('region', 'R', 60, 600),
      row('england', 'E92000001', 60, 600),
      row('practice', 'swp-two', 10, 100),
    ];
    const cells = new Set(rows.map((r) => `${r.kind}:${r.id}`));
    expect(
      additiveGroups(rows, new Map([['swp-two', ['886', '887']]]), new Map([...cells].map((c) => [c, true]))),
    ).toEqual([
      { total: 'region:R', members: ['council:886', 'council:887'] },
      { total: 'england:E92000001', members: ['region:R'] },
      { total: 'council:886', members: ['practice:swp-two'] },
      { total: 'council:887', members: ['practice:swp-two'] },
    ]);
  });

  it('drop a group whose total has no computed figure', () => {
    const rows = [row('practice', 'swp-kent', 3, 30)];
    expect(additiveGroups(rows, new Map([['swp-kent', ['886']]]), new Map([['practice:swp-kent', true]]))).toEqual([]);
  });
});

describe('discloseSeries fails closed', () => {
  const entitled = { viewer: policy, ownership, unit: 'percent' as const };

  it('withholds an unowned computed figure when the tables are missing', () => {
    const input = { ...entitled, source: null, result: result([line('council', '886', [point(40, 400, 'computed')])]) };
    expect(needsComputedTables(input)).toBe(true);
    const out = discloseSeries({ ...input, tables: null, anonymous: new Map() });
    expect(out.lines[0]!.points[0]).toMatchObject({
      numerator: null,
      denominator: null,
      value: null,
      symbol: 'c',
      rank: null,
    });
    expect(out.readComputed).toBe(true);
  });

  it('gives owners their computed figures without the tables, and reads nothing it need not', () => {
    const input = {
      viewer: kent,
      ownership,
      unit: 'percent' as const,
      source: null,
      result: result([line('practice', 'swp-kent', [point(3, 30, 'computed')])]),
    };
    expect(needsComputedTables(input)).toBe(false);
    const out = discloseSeries({ ...input, tables: null, anonymous: new Map() });
    expect(out.lines[0]!.points[0]).toMatchObject({ numerator: 3, denominator: 30, value: 10 });
  });

  it('withholds a computed figure a council may not see, should one ever reach it', () => {
    const out = discloseSeries({
      viewer: kent,
      ownership,
      unit: 'percent',
      source: null,
      result: result([line('council', '312', [point(40, 400, 'computed')])]),
      tables: new Map(),
      anonymous: new Map(),
    });
    expect(out.lines[0]!.points[0]).toMatchObject({ value: null, symbol: 'c' });
  });

  it('passes published figures on exactly as DfE printed them, to every viewer, and audits nothing for them', () => {
    // 4 of 400: a count of 1..5 that primary control would hide were it computed; DfE published it.
    const published = { ...point(4, 400, 'published'), rank: 79, rankOutOf: 148, quartile: 3 };
    const region = {
      period: 2025,
      numerator: 4276.3,
      denominator: 36186.3,
      value: 11.8,
      symbol: null,
      source: 'published' as const,
    };
    const suppressedAtSource = {
      ...point(4, 400, 'published'),
      numerator: null,
      value: null,
      symbol: 'c',
      rank: null,
      rankOutOf: 148,
      quartile: null,
    };
    for (const viewer of [policy, kent]) {
      const out = discloseSeries({
        viewer,
        ownership,
        unit: 'percent',
        source: null,
        result: {
          ...result([
            { ...line('council', '887', [published]), region: [region], neighbourAverage: [region] },
            line('council', '845', [suppressedAtSource]),
          ]),
          england: [region],
        },
        tables: null,
        anonymous: new Map(),
      });
      expect(out.lines[0]!.points[0]).toMatchObject({
        numerator: 4,
        denominator: 400,
        value: 1,
        symbol: null,
        rank: 79,
        rankOutOf: 148,
        quartile: 3,
      });
      expect(out.lines[0]!.region[0]).toMatchObject({ numerator: 4276.3, denominator: 36186.3, value: 11.8 });
      expect(out.lines[0]!.neighbourAverage[0]).toMatchObject({ numerator: 4276.3, denominator: 36186.3, value: 11.8 });
      expect(out.england[0]).toMatchObject({ numerator: 4276.3, denominator: 36186.3, value: 11.8 });
      expect(out.lines[1]!.points[0]).toMatchObject({
        numerator: null,
        denominator: 400,
        value: null,
        symbol: 'c',
        rank: null,
      });
      expect(out.readComputed).toBe(false);
    }
  });

  it('applies secondary suppression from the whole table, not just the lines asked for', () => {
    const rows = [
      row('practice', 'swp-kent', 3, 30),
      row('practice', 'swp-two', 12, 60),
      row('council', '886', 40, 400),
    ];
    const tables = discloseComputedTables(
      rows,
      new Map([
        ['swp-kent', ['886']],
        ['swp-two', ['886']],
      ]),
      entitled,
    );
    const out = discloseSeries({
      ...entitled,
      source: null,
      result: result([line('practice', 'swp-two', [point(12, 60, 'computed')])]),
      tables,
      anonymous: new Map(),
    });
    expect(out.lines[0]!.points[0]).toMatchObject({ numerator: null, denominator: 60, value: null, symbol: 'c' });
  });
});

describe('discloseSeries ranks computed figures among those the viewer sees', () => {
  type Member = SeriesResult['councilValues'][number];
  const member = (
    councilCode: string,
    numerator: number,
    denominator: number,
    rank: number,
    source: 'published' | 'computed' = 'computed',
  ): Member => ({
    councilCode,
    period: 2025,
    source,
    numerator,
    denominator,
    value: (numerator * 100) / denominator,
    symbol: null,
    rank,
  });
  // Raw computed ranks (lower is better): 887 at 5% is 1, 312 (3 of 50, 6%: a small count) is 2, 886 at 10% is 3.
  const field = [member('887', 10, 200, 1), member('312', 3, 50, 2), member('886', 40, 400, 3)];
  const rows = [row('council', '887', 10, 200), row('council', '312', 3, 50), row('council', '886', 40, 400)];
  const kentLine = () => line('council', '886', [{ ...point(40, 400, 'computed'), rank: 3, rankOutOf: 3 }]);

  it("closes the gap for a non-owner, and never passes SQL's raw rank on", () => {
    const input = {
      viewer: policy,
      ownership,
      unit: 'percent' as const,
      source: null,
      result: result([kentLine()], field),
    };
    const tables = discloseComputedTables(rows, new Map(), input);
    // 312's numerator 3 is suppressed for policy: 887 rank 1, Kent rank 2 of 2.
    const out = discloseSeries({ ...input, tables, anonymous: new Map() });
    expect(out.lines[0]!.points[0]).toMatchObject({ value: 10, rank: 2, rankOutOf: 2, quartile: null });
  });

  it('ranks among what the viewer may see: Kent sees only its own computed figure', () => {
    const input = {
      viewer: kent,
      ownership,
      unit: 'percent' as const,
      source: null,
      result: result([kentLine()], field),
    };
    // Kent may not see Medway's or Hillingdon's computed figures: no table needed, not ranked among them.
    expect(needsComputedTables(input)).toBe(false);
    const out = discloseSeries({ ...input, tables: null, anonymous: new Map() });
    expect(out.lines[0]!.points[0]).toMatchObject({ value: 10, rank: 1, rankOutOf: 1 });
  });

  it('loads the computed tables when the field holds a computed council the viewer may see, and fails closed without them', () => {
    const computedField = [member('887', 10, 200, 1), member('886', 40, 400, 2)];
    const input = {
      viewer: policy,
      ownership,
      unit: 'percent' as const,
      source: null,
      result: result([kentLine()], computedField),
    };
    expect(needsComputedTables(input)).toBe(true);
    // Without the tables every unowned computed figure is withheld: no value, no rank, never guessed at.
    expect(discloseSeries({ ...input, tables: null, anonymous: new Map() }).lines[0]!.points[0]).toMatchObject({
      value: null,
      rank: null,
    });
    const tables = discloseComputedTables(
      [row('council', '887', 10, 200), row('council', '886', 40, 400)],
      new Map(),
      input,
    );
    expect(discloseSeries({ ...input, tables, anonymous: new Map() }).lines[0]!.points[0]).toMatchObject({
      rank: 2,
      rankOutOf: 2,
    });
  });

  it('keeps a published rank as SQL gave it (the published table), whatever computed members the field holds', () => {
    const published = line('council', '886', [{ ...point(40, 400, 'published'), rank: 3, rankOutOf: 3, quartile: 4 }]);
    const out = discloseSeries({
      viewer: policy,
      ownership,
      unit: 'percent',
      source: null,
      result: result([published], field),
      tables: null,
      anonymous: new Map(),
    });
    expect(out.lines[0]!.points[0]).toMatchObject({ value: 10, rank: 3, rankOutOf: 3, quartile: 4 });
  });

  it('ranks no practice, whatever SQL sent', () => {
    const out = discloseSeries({
      viewer: kent,
      ownership,
      unit: 'percent',
      source: null,
      result: result([line('practice', 'swp-kent', [point(30, 300, 'computed')])], field),
      tables: null,
      anonymous: new Map(),
    });
    expect(out.lines[0]!.points[0]).toMatchObject({ value: 10, rank: null, rankOutOf: null, quartile: null });
  });
});

describe('a practice shared by two councils (issue 11)', () => {
  // swp-two serves Kent (886) and Medway (887): pooled 25/100 = Kent's part 20/59 + Medway's part 5/41.
  const rows = [
    row('council', '886', 400, 4000),
    row('council', '887', 300, 3000),
    row('practice', 'swp-two', 25, 100),
    row('practice_part', 'swp-two@886', 20, 59),
    row('practice_part', 'swp-two@887', 5, 41),
  ];
  const links = new Map([['swp-two', ['886', '887']]]);
  const shown = (viewer: Viewer, id: string) =>
    discloseComputedTables(rows, links, { viewer, ownership, unit: 'percent' }).get(2025)!.get(id)!.disclosed;

  it('groups the parts under the practice', () => {
    const cells = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r]));
    expect(additiveGroups(rows, links, cells)).toContainEqual({
      total: 'practice:swp-two',
      members: ['practice_part:swp-two@886', 'practice_part:swp-two@887'],
    });
  });

  it("gives Kent its part in full and the pooled figure without the numerator that would give Medway's 5", () => {
    expect(shown(kent, 'practice_part:swp-two@886')).toMatchObject({ numerator: 20, denominator: 59 });
    expect(shown(kent, 'practice:swp-two')).toMatchObject({
      numerator: null,
      numeratorSymbol: 'c',
      denominator: 100,
      value: null,
    });
    expect(shown(kent, 'practice_part:swp-two@887')).toMatchObject({
      numerator: null,
      denominator: null,
      value: null,
      symbol: 'c',
    });
  });

  it('lets policy see the pooled figure but not both parts: one complement', () => {
    expect(shown(policy, 'practice:swp-two')).toMatchObject({ numerator: 25, denominator: 100 });
    expect(shown(policy, 'practice_part:swp-two@887').numerator).toBeNull();
    expect(shown(policy, 'practice_part:swp-two@886').numerator).toBeNull();
  });

  it('gives the practice everything in full, and a peer the pooled figure only', () => {
    const practice: Viewer = {
      userId: 's',
      name: 'S',
      role: 'practice',
      organisation: { kind: 'practice', id: 'swp-two' },
    };
    const peer: Viewer = { ...practice, organisation: { kind: 'practice', id: 'swp-kent' } };
    for (const id of ['practice:swp-two', 'practice_part:swp-two@886', 'practice_part:swp-two@887']) {
      expect(shown(practice, id).numerator).not.toBeNull();
    }
    expect(shown(peer, 'practice:swp-two')).toMatchObject({ numerator: 25, denominator: 100 });
    expect(shown(peer, 'practice_part:swp-two@887').numerator).toBeNull();
  });

  it("owns the pooled figure in a period where every part is Kent's (Medway sent nothing)", () => {
    const kentOnly = rows
      .filter((r) => r.id !== 'swp-two@887')
      .map((r) => (r.id === 'swp-two' ? { ...r, numerator: 20, denominator: 59 } : r));
    const cell = discloseComputedTables(kentOnly, links, { viewer: kent, ownership, unit: 'percent' })
      .get(2025)!
      .get('practice:swp-two')!;
    expect(cell.disclosed).toMatchObject({ numerator: 20, denominator: 59 });
  });
});
