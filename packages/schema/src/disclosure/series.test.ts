import { describe, expect, it } from 'vitest';
import { ownershipContext, type Viewer } from '@continuity/access';
import type { SeriesResult } from '@continuity/indicators';
import type { ComputedRow } from '../providers/computed';
import { additiveGroups, discloseComputedTables, discloseSeries, needsComputedTables } from './series';

const policy: Viewer = { userId: 'p', name: 'P', role: 'policy', organisation: { kind: 'department', id: 'dfe' } };
const kent: Viewer = { userId: 'k', name: 'K', role: 'council', organisation: { kind: 'council', id: '886' } };
const ownership = ownershipContext({ 'swp-kent': ['886'], 'swp-two': ['886', '887'] });

const row = (kind: ComputedRow['kind'], id: string, numerator: number, denominator: number, extra: Partial<ComputedRow> = {}): ComputedRow => ({
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

const point = (numerator: number, denominator: number, source: 'published' | 'computed') => ({
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

const line = (kind: 'council' | 'practice', id: string, points: ReturnType<typeof point>[]) => ({
  subject: { kind, id, name: id },
  anchorCouncil: null,
  regionCode: null,
  neighbours: [],
  points,
  region: [],
  neighbourAverage: [],
});

const result = (lines: ReturnType<typeof line>[]): SeriesResult => ({ indicatorId: 'i', periods: [2025], lines, england: [] });

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
    expect(additiveGroups(rows, new Map([['swp-two', ['886', '887']]]), new Map([...cells].map((c) => [c, true])))).toEqual([
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
    expect(out.lines[0]!.points[0]).toMatchObject({ numerator: null, denominator: null, value: null, symbol: 'c', rank: null });
    expect(out.readComputed).toBe(true);
  });

  it('gives owners their computed figures without the tables, and reads nothing it need not', () => {
    const input = { viewer: kent, ownership, unit: 'percent' as const, source: null, result: result([line('practice', 'swp-kent', [point(3, 30, 'computed')])]) };
    expect(needsComputedTables(input)).toBe(false);
    const out = discloseSeries({ ...input, tables: null, anonymous: new Map() });
    expect(out.lines[0]!.points[0]).toMatchObject({ numerator: 3, denominator: 30, value: 10 });
  });

  it("withholds a computed figure a council may not see, should one ever reach it", () => {
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

  it('controls published figures on their own, and audits nothing for them', () => {
    const out = discloseSeries({
      ...entitled,
      source: null,
      result: result([line('council', '886', [point(4, 400, 'published')])]),
      tables: null,
      anonymous: new Map(),
    });
    expect(out.lines[0]!.points[0]).toMatchObject({ numerator: null, denominator: 400, value: null, symbol: 'c', rank: null });
    expect(out.readComputed).toBe(false);
  });

  it('applies secondary suppression from the whole table, not just the lines asked for', () => {
    const rows = [row('practice', 'swp-kent', 3, 30), row('practice', 'swp-two', 12, 60), row('council', '886', 40, 400)];
    const tables = discloseComputedTables(rows, new Map([['swp-kent', ['886']], ['swp-two', ['886']]]), entitled);
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
