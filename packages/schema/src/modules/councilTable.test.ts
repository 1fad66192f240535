/**
 * councilTable on the schema fixture (testing.ts): placements_3plus, 2024, published, lower is
 * better, value = numerator / denominator x 100. Worked by hand:
 *   values: 313 7, 392 8, 393 9, 886 9 (90/1000), 390 10, 887 10 (20/200), 929 11, 391 12,
 *           850 12 (60/500), 845 13, 312 14; 314 suppressed (c). England 7 (7000/100000).
 *   ranks (RANK(), lower first, 11 ranked): 313 1, 392 2, 393 3, 886 3, 390 5, 887 5, 929 7,
 *           391 8, 850 8, 845 10, 312 11.
 *   quartiles (type 7 over 7 8 9 9 10 10 11 12 12 13 14): Q25 = 9 (h 2.5), Q50 = 10, Q75 = 12;
 *           <= 9 band 1, <= 10 band 2, <= 12 band 3, else 4.
 *   Kent 886: 2022 11 (added here, 110/1000), 2023 10, 2024 9: change -1, falling. Wilson 95% for
 *           90/1000: centre (90 + 1.9207)/1003.8415 = 0.091568, half 1.96 x √(81.9 + 0.9604)/1003.8415
 *           = 0.017773, so 7.380 .. 10.934: England's 7 is below it, so Kent is worse than England.
 *           Neighbours 887 10, 845 13, 850 12: median 12.
 *   Hillingdon 312: neighbours 313 7, 314 (suppressed), 887 10: median of two, 8.5.
 *   Hounslow 313, 7/100: Wilson 3.43 .. 13.75 holds England's 7: similar.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorValues, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedFixture, testViewers } from '../testing';

const TABLE = /* GraphQL */ `
  query ($indicatorId: ID!, $period: Int!) {
    councilTable(indicatorId: $indicatorId, period: $period) {
      period
      england { value interval { lower upper } }
      rows {
        code name former value symbol rank rankOutOf quartile previous change trend
        interval { lower upper method } versusEngland neighbourCodes neighbourMedian neighboursWithValue
      }
    }
  }
`;

describe.each(testEngines())('councilTable on %s', (engine) => {
  let database: Database;
  let statements: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(engine, { logger: (query) => statements.push(query) });
    await seedFixture(database);
    await database.db.insert(indicatorValues).values({
      indicatorId: 'placements_3plus',
      subjectKind: 'council',
      subjectId: '886',
      period: 2022,
      source: 'published',
      numerator: 110,
      denominator: 1000,
      value: 11,
      symbol: null,
    });
  });
  afterAll(() => database?.close());

  async function table(viewer: keyof typeof testViewers) {
    statements = [];
    const result = await execute(database, testViewers[viewer], TABLE, {
      indicatorId: 'placements_3plus',
      period: 2024,
    });
    expect(result.errors).toBeUndefined();
    return { table: result.data.councilTable, statements: statements.length };
  }

  it('ranks and bands every council by LAIT’s method, with change, trend, interval, neighbours and England', async () => {
    const { table: t } = await table('policy');
    expect(t.period).toBe(2024);
    expect(t.england.value).toBe(7);
    const order = t.rows.map((r: any) => [r.code, r.rank, r.quartile]);
    expect(order).toEqual([
      ['313', 1, 1],
      ['392', 2, 1],
      ['886', 3, 1],
      ['393', 3, 1],
      ['390', 5, 2],
      ['887', 5, 2],
      ['929', 7, 3],
      ['850', 8, 3],
      ['391', 8, 3],
      ['845', 10, 4],
      ['312', 11, 4],
      ['314', null, null],
    ]);
    const kent = t.rows.find((r: any) => r.code === '886');
    expect(kent).toMatchObject({
      value: 9,
      previous: 10,
      change: -1,
      trend: 'FALLING',
      rankOutOf: 11,
      versusEngland: 'WORSE',
    });
    expect(kent.interval.method).toBe('WILSON');
    expect(kent.interval.lower).toBeCloseTo(7.38, 2);
    expect(kent.interval.upper).toBeCloseTo(10.934, 2);
    expect(kent.neighbourCodes).toEqual(['887', '845', '850']);
    expect(kent.neighbourMedian).toBe(12);
    const hillingdon = t.rows.find((r: any) => r.code === '312');
    expect([hillingdon.neighbourMedian, hillingdon.neighboursWithValue]).toEqual([8.5, 2]);
    const hounslow = t.rows.find((r: any) => r.code === '313');
    expect(hounslow.versusEngland).toBe('SIMILAR');
    expect(hounslow.trend).toBeNull();
  });

  it('places the councils on a funnel around England (over-dispersed, so widened by tau squared)', async () => {
    // z = (p - 0.07) / sqrt(0.07 x 0.93 / n) over the 11 councils with numbers, winsorised at the
    // 10th and 90th percentiles: phi = 3.4632, I phi = 38.10 > chi2(0.95, 10) = 18.3 (Wilson-Hilferty);
    // tau2 = (38.10 - 10) / (sum w - sum w2 / sum w) = 0.00093699. The widest gap: Hillingdon's 14% at
    // n = 100 against 7% + 1.96 sqrt(0.000651 + 0.000937) = 14.81%: within, as every council is.
    statements = [];
    const result = await execute(
      database,
      testViewers.policy,
      `{ councilTable(indicatorId: "placements_3plus", period: 2024) {
      funnel { target phi tau2 overdispersed adjusted councils limits { denominator upper95 } }
      rows { code funnel } } }`,
    );
    expect(result.errors).toBeUndefined();
    const { funnel, rows } = result.data.councilTable;
    expect(funnel).toMatchObject({ target: 7, overdispersed: true, adjusted: true, councils: 11 });
    expect(funnel.phi).toBeCloseTo(3.463203, 5);
    expect(funnel.tau2).toBeCloseTo(0.00093699, 7);
    expect(funnel.limits).toHaveLength(60);
    expect(funnel.limits[0].denominator).toBeCloseTo(100, 9);
    expect(funnel.limits[0].upper95).toBeCloseTo(14.8104, 3);
    expect(rows.filter((r: any) => r.funnel !== 'WITHIN').map((r: any) => [r.code, r.funnel])).toEqual([['314', null]]);
  });

  it('labels a council reorganised away as former', async () => {
    // 850's last year (2024) is before the others' (2025): former; the rest are not.
    await database.db.execute(sql`UPDATE councils SET last_period = CASE WHEN code = '850' THEN 2024 ELSE 2025 END`);
    const { table: t } = await table('policy');
    expect(t.rows.filter((r: any) => r.former).map((r: any) => r.code)).toEqual(['850']);
    await database.db.execute(sql`UPDATE councils SET last_period = NULL`);
  });

  it('gives a suppressed council no value, rank or interval', async () => {
    const { table: t } = await table('policy');
    expect(t.rows.find((r: any) => r.code === '314')).toMatchObject({
      value: null,
      symbol: 'c',
      rank: null,
      quartile: null,
      interval: null,
      versusEngland: null,
      change: null,
    });
  });

  it('is the same table for every viewer (published figures), in two statements whatever the number of councils', async () => {
    const asPolicy = await table('policy');
    for (const viewer of ['councilKent', 'practiceKent', 'admin'] as const) {
      const other = await table(viewer);
      expect(other.table).toEqual(asPolicy.table);
    }
    // The indicator (a loader) and the table itself.
    expect(asPolicy.statements).toBe(2);
  });

  it('refuses an unknown indicator and is refused to anonymous', async () => {
    const unknown = await execute(database, testViewers.policy, TABLE, { indicatorId: 'nope', period: 2024 });
    expect(unknown.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    const anonymous = await execute(database, null, TABLE, { indicatorId: 'placements_3plus', period: 2024 });
    expect(anonymous.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });
});
