import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  councils,
  indicatorValues,
  indicators,
  practiceCouncils,
  practices,
  regions,
  statisticalNeighbours,
  type Database,
} from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { series, type SubjectRef } from './series';

type Value = typeof indicatorValues.$inferInsert;
const v = (
  subjectKind: Value['subjectKind'],
  subjectId: string,
  period: number,
  numerator: number | null,
  denominator: number | null,
  value: number | null,
  extra: Partial<Value> = {},
): Value => ({
  indicatorId: 'lo',
  subjectKind,
  subjectId,
  period,
  source: 'published',
  numerator,
  denominator,
  value,
  ...extra,
});

/**
 * North (R1): 201, 202, 205. South (R2): 203, 204.
 * Neighbours, 2025 model: 201 -> 202, 203, 204; 203 -> 201, 205. An older 2021 model gives
 * 201 -> 205, which must be ignored.
 * Practice P1 serves 203 and 201: its first council is 201 (North, 201's neighbours).
 * Indicator 'lo' (lower is better, percent, scale 100):
 *   2024: England 9000/100000 = 9, North 8, South 11, 201 10/100 = 10, 202 30/200 = 15,
 *         203 5/50 = 10, 204 suppressed (c, denominator 40), 205 1/10 = 10, P1 computed 3/20 = 15
 *   2023: England 10, 201 12/100 = 12, 202 x
 * Hand-worked:
 *   ranks 2024 (4 councils with a number): 201, 203, 205 tie at 1 (quartile ceil(4/4) = 1), 202 is 4 (q4);
 *   ranks 2023: 201 is 1 of 1 (no quartile).
 *   neighbour average of 201, 2024: (30 + 5) / (200 + 50) x 100 = 14  (204 has no numerator; a mean
 *     of rates would give 12.5); 2023: 202 has no numbers, so none -> null.
 *   neighbour average of 203, 2024: (10 + 1) / (100 + 10) x 100 = 10; 2023: 12 / 100 x 100 = 12.
 */
async function seed(database: Database) {
  const { db } = database;
  await db.insert(regions).values([
    { code: 'R1', name: 'North' },
    { code: 'R2', name: 'South' },
  ]);
  await db.insert(councils).values(
    [
      ['201', 'R1'],
      ['202', 'R1'],
      ['203', 'R2'],
      ['204', 'R2'],
      ['205', 'R1'],
    ].map(([code, regionCode]) => ({
      code: code!,
      onsCode: `E0${code}`,
      name: `Council ${code}`,
      regionCode: regionCode!,
    })),
  );
  await db.insert(statisticalNeighbours).values([
    { councilCode: '201', neighbourCode: '202', position: 1, model: '2025' },
    { councilCode: '201', neighbourCode: '203', position: 2, model: '2025' },
    { councilCode: '201', neighbourCode: '204', position: 3, model: '2025' },
    { councilCode: '201', neighbourCode: '205', position: 1, model: '2021' },
    { councilCode: '203', neighbourCode: '201', position: 1, model: '2025' },
    { councilCode: '203', neighbourCode: '205', position: 2, model: '2025' },
  ]);
  await db.insert(practices).values({ id: 'P1', name: 'Practice one', pseudonym: 'Practice A' });
  await db.insert(practiceCouncils).values([
    { practiceId: 'P1', councilCode: '203' },
    { practiceId: 'P1', councilCode: '201' },
  ]);
  await db.insert(indicators).values({
    id: 'lo',
    title: 'Lower is better',
    area: 'stability',
    unit: 'percent',
    polarity: 'lower_better',
    numerator: 'n',
    denominator: 'd',
    source: 's',
    method: 'm',
    periodType: 'reporting_year',
    decimals: 0,
    scale: 100,
  });
  await db
    .insert(indicatorValues)
    .values([
      v('england', 'E92000001', 2024, 9000, 100000, 9),
      v('england', 'E92000001', 2023, 10000, 100000, 10),
      v('region', 'R1', 2024, 80, 1000, 8),
      v('region', 'R2', 2024, 110, 1000, 11),
      v('council', '201', 2024, 10, 100, 10),
      v('council', '201', 2023, 12, 100, 12),
      v('council', '202', 2024, 30, 200, 15),
      v('council', '202', 2023, null, null, null, { symbol: 'x' }),
      v('council', '203', 2024, 5, 50, 10),
      v('council', '204', 2024, null, 40, null, { symbol: 'c', numeratorSymbol: 'c' }),
      v('council', '205', 2024, 1, 10, 10),
      v('practice', 'P1', 2024, 3, 20, 15, { source: 'computed' }),
    ]);
}

describe.each(testEngines())('series on %s', (engine) => {
  let database: Database;
  let statements: string[] = [];
  beforeAll(async () => {
    database = await openTestDatabase(engine, { logger: (query) => statements.push(query) });
    await seed(database);
  });
  beforeEach(() => {
    statements = [];
  });
  afterAll(() => database?.close());

  it('gives each council its points with rank, and England, region and pooled neighbour comparators', async () => {
    const result = await series(database, {
      indicatorId: 'lo',
      subjects: [
        { kind: 'council', id: '201' },
        { kind: 'council', id: '203' },
      ],
    });
    expect(result.periods).toEqual([2023, 2024]);
    expect(result.england).toEqual([
      { period: 2023, value: 10, numerator: 10000, denominator: 100000, symbol: null, source: 'published' },
      { period: 2024, value: 9, numerator: 9000, denominator: 100000, symbol: null, source: 'published' },
    ]);
    const [a, b] = result.lines;
    expect(a!.subject).toEqual({ kind: 'council', id: '201', name: 'Council 201' });
    expect(a!.points).toEqual([
      {
        period: 2023,
        value: 12,
        numerator: 12,
        denominator: 100,
        symbol: null,
        source: 'published',
        rank: 1,
        rankOutOf: 1,
        quartile: null,
      },
      {
        period: 2024,
        value: 10,
        numerator: 10,
        denominator: 100,
        symbol: null,
        source: 'published',
        rank: 1,
        rankOutOf: 4,
        quartile: 1,
      },
    ]);
    expect(a!.region).toEqual([
      { period: 2024, value: 8, numerator: 80, denominator: 1000, symbol: null, source: 'published' },
    ]);
    expect(a!.neighbours).toEqual(['202', '203', '204']);
    expect(a!.neighbourAverage).toEqual([
      { period: 2023, value: null, numerator: null, denominator: null, symbol: null, source: null },
      { period: 2024, value: 14, numerator: 35, denominator: 250, symbol: null, source: null },
    ]);
    expect(b!.region.map((p) => p.value)).toEqual([11]);
    expect(b!.neighbourAverage.map((p) => [p.period, p.value])).toEqual([
      [2023, 12],
      [2024, 10],
    ]);
  });

  it('keeps the count of ranked councils on a suppressed point, which has no rank', async () => {
    const result = await series(database, {
      indicatorId: 'lo',
      subjects: [{ kind: 'council', id: '204' }],
      fromPeriod: 2024,
    });
    expect(result.lines[0]!.points).toEqual([
      {
        period: 2024,
        value: null,
        numerator: null,
        denominator: 40,
        symbol: 'c',
        source: 'published',
        rank: null,
        rankOutOf: 4,
        quartile: null,
      },
    ]);
    expect(result.lines[0]!.region.map((p) => p.value)).toEqual([11]);
  });

  it("compares a practice with its first council's region and neighbours, without a rank", async () => {
    const result = await series(database, { indicatorId: 'lo', subjects: [{ kind: 'practice', id: 'P1' }] });
    const [line] = result.lines;
    expect(line!.subject.name).toBe('Practice one');
    expect(line!.anchorCouncil).toBe('201');
    expect(line!.points).toEqual([
      {
        period: 2024,
        value: 15,
        numerator: 3,
        denominator: 20,
        symbol: null,
        source: 'computed',
        rank: null,
        rankOutOf: null,
        quartile: null,
      },
    ]);
    expect(line!.region.map((p) => p.value)).toEqual([8]);
    expect(line!.neighbourAverage.map((p) => p.value)).toEqual([null, 14]);
  });

  it('names regions and England, and gives them no comparators of their own', async () => {
    const result = await series(database, {
      indicatorId: 'lo',
      subjects: [
        { kind: 'region', id: 'R2' },
        { kind: 'england', id: 'E92000001' },
        { kind: 'council', id: '999' },
      ],
      toPeriod: 2024,
    });
    expect(
      result.lines.map((l) => [
        l.subject.name,
        l.points.map((p) => p.value),
        l.region.length,
        l.neighbourAverage.length,
      ]),
    ).toEqual([
      ['South', [11], 0, 0],
      ['England', [10, 9], 0, 0],
      [null, [], 0, 0],
    ]);
  });

  it('honours the period bounds and the source', async () => {
    const bounded = await series(database, {
      indicatorId: 'lo',
      subjects: [{ kind: 'council', id: '201' }],
      fromPeriod: 2024,
      toPeriod: 2024,
    });
    expect(bounded.periods).toEqual([2024]);
    expect(bounded.lines[0]!.points.map((p) => p.period)).toEqual([2024]);
    const computed = await series(database, {
      indicatorId: 'lo',
      subjects: [
        { kind: 'council', id: '201' },
        { kind: 'practice', id: 'P1' },
      ],
      source: 'computed',
    });
    expect(computed.lines.map((l) => l.points.length)).toEqual([0, 1]);
    expect(computed.england).toEqual([]);
  });

  it('reads computed rows only inside the entitlement passed down (computedFor)', async () => {
    const request = { indicatorId: 'lo', subjects: [{ kind: 'practice', id: 'P1' }] as SubjectRef[] };
    const none = await series(database, { ...request, computedFor: { kinds: [], subjects: [] } });
    expect(none.lines[0]!.points).toEqual([]);
    const named = await series(database, {
      ...request,
      computedFor: { kinds: [], subjects: [{ kind: 'practice', id: 'P1' }] },
    });
    expect(named.lines[0]!.points.map((p) => [p.period, p.numerator, p.source])).toEqual([[2024, 3, 'computed']]);
    const byKind = await series(database, { ...request, computedFor: { kinds: ['practice'], subjects: [] } });
    expect(byKind.lines[0]!.points).toHaveLength(1);
    // Published rows are never restricted.
    const council = await series(database, {
      indicatorId: 'lo',
      subjects: [{ kind: 'council', id: '201' }],
      computedFor: { kinds: [], subjects: [] },
    });
    expect(council.lines[0]!.points).toHaveLength(2);
  });

  it('returns the ranking field: every council with a number in the periods of the requested councils', async () => {
    // Only 203 asked for, 2024 only: the field still holds all four councils with a number that year
    // (204 has none), with their raw ranks, for re-ranking after disclosure.
    const one = await series(database, { indicatorId: 'lo', subjects: [{ kind: 'council', id: '203' }] });
    expect(one.councilValues.map((m) => [m.period, m.councilCode, m.value, m.rank, m.source])).toEqual([
      [2024, '201', 10, 1, 'published'],
      [2024, '203', 10, 1, 'published'],
      [2024, '205', 10, 1, 'published'],
      [2024, '202', 15, 4, 'published'],
    ]);
    expect(one.councilValues[2]).toEqual({
      councilCode: '205',
      period: 2024,
      source: 'published',
      numerator: 1,
      denominator: 10,
      value: 10,
      symbol: null,
      rank: 1,
    });
    // 201 has points in 2023 too: that period's field comes along (202's x is not a number).
    const both = await series(database, { indicatorId: 'lo', subjects: [{ kind: 'council', id: '201' }] });
    expect(both.councilValues.filter((m) => m.period === 2023).map((m) => m.councilCode)).toEqual(['201']);
    // No council asked for: no field.
    const practice = await series(database, {
      indicatorId: 'lo',
      subjects: [
        { kind: 'practice', id: 'P1' },
        { kind: 'region', id: 'R1' },
      ],
    });
    expect(practice.councilValues).toEqual([]);
  });

  it('runs the same two statements for eight subjects as for one', async () => {
    await series(database, { indicatorId: 'lo', subjects: [{ kind: 'council', id: '201' }] });
    const one = statements.length;
    statements = [];
    const eight: SubjectRef[] = [
      { kind: 'council', id: '201' },
      { kind: 'council', id: '202' },
      { kind: 'council', id: '203' },
      { kind: 'council', id: '204' },
      { kind: 'council', id: '205' },
      { kind: 'practice', id: 'P1' },
      { kind: 'region', id: 'R1' },
      { kind: 'england', id: 'E92000001' },
    ];
    const result = await series(database, { indicatorId: 'lo', subjects: eight });
    expect(result.lines).toHaveLength(8);
    expect(one).toBe(2);
    expect(statements).toHaveLength(2);
  });
});
