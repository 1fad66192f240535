import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councils, indicatorValues, indicators, regions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { rankCouncils } from './rank';

const definition = {
  unit: 'percent',
  numerator: 'test numerator',
  denominator: 'test denominator',
  source: 'test',
  method: 'test',
  periodType: 'reporting_year',
  area: 'stability',
  decimals: 0,
  scale: 100,
} as const;

/**
 * Seven councils with a number in 2024, C and D tied on 60, H suppressed ('c'):
 *   A 50, B 70, C 60, D 60, E 40, F 80, G 55, H c.
 * Quartiles by LAIT's banding (rank.ts): sorted 40 50 55 60 60 70 80, type-7 quantiles at
 * positions (7 - 1) x p: Q25 = position 1.5 = 50 + 0.5 x (55 - 50) = 52.5, Q50 = position 3 = 60,
 * Q75 = position 4.5 = 60 + 0.5 x (70 - 60) = 65.
 *   higher better: F 1 (80 > 65: q1), B 2 (70: q1), C 3 (60 <= 60: q3), D 3 (q3), G 5 (55: q3),
 *                  A 6 (50 <= 52.5: q4), E 7 (q4)
 *   lower better:  E 1 (40 <= 52.5: q1), A 2 (q1), G 3 (55: q2), C 4 (60 <= 60: q2), D 4 (q2),
 *                  B 6 (70 > 65: q4), F 7 (q4)
 * 2023 has only three councils: ranked, but no quartile.
 */
const published2024: Record<string, number | null> = {
  '101': 50,
  '102': 70,
  '103': 60,
  '104': 60,
  '105': 40,
  '106': 80,
  '107': 55,
  '108': null,
};
const letter: Record<string, string> = {
  '101': 'A',
  '102': 'B',
  '103': 'C',
  '104': 'D',
  '105': 'E',
  '106': 'F',
  '107': 'G',
  '108': 'H',
};

async function seed(database: Database) {
  await database.db.insert(regions).values({ code: 'R1', name: 'Region one' });
  await database.db.insert(councils).values(
    Object.keys(letter).map((code) => ({
      code,
      onsCode: `E0${code}`,
      name: `Council ${letter[code]}`,
      regionCode: 'R1',
    })),
  );
  await database.db.insert(indicators).values([
    { ...definition, id: 'hi', title: 'Higher is better', polarity: 'higher_better' },
    { ...definition, id: 'lo', title: 'Lower is better', polarity: 'lower_better' },
    { ...definition, id: 'nu', title: 'Neutral', polarity: 'neutral' },
  ]);
  const rows: (typeof indicatorValues.$inferInsert)[] = [];
  for (const indicatorId of ['hi', 'lo', 'nu']) {
    for (const [code, value] of Object.entries(published2024)) {
      rows.push({
        indicatorId,
        subjectKind: 'council',
        subjectId: code,
        period: 2024,
        source: 'published',
        value,
        symbol: value === null ? 'c' : null,
      });
    }
    for (const [code, value] of [
      ['101', 30],
      ['102', 20],
      ['103', 20],
    ] as const) {
      rows.push({ indicatorId, subjectKind: 'council', subjectId: code, period: 2023, source: 'published', value });
    }
    // A computed figure beside the published one: not used unless asked for.
    rows.push({ indicatorId, subjectKind: 'council', subjectId: '101', period: 2024, source: 'computed', value: 90 });
    // Not a council: never ranked.
    rows.push({ indicatorId, subjectKind: 'region', subjectId: 'R1', period: 2024, source: 'published', value: 1 });
  }
  await database.db.insert(indicatorValues).values(rows);
}

/** `{ letter: [rank, quartile] }` for one period, to compare with the hand-worked table. */
function table(ranks: Awaited<ReturnType<typeof rankCouncils>>, period: number) {
  return Object.fromEntries(
    ranks.filter((r) => r.period === period).map((r) => [letter[r.councilCode], [r.rank, r.quartile]]),
  );
}

describe.each(testEngines())('rankCouncils on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seed(database);
  });
  afterAll(() => database?.close());

  it('ranks highest first when higher is better, ties sharing a rank, symbols left out', async () => {
    const ranks = await rankCouncils(database, { indicatorId: 'hi', periods: [2024] });
    expect(table(ranks, 2024)).toEqual({
      F: [1, 1],
      B: [2, 1],
      C: [3, 3],
      D: [3, 3],
      G: [5, 3],
      A: [6, 4],
      E: [7, 4],
    });
    expect(ranks.every((r) => r.rankOutOf === 7)).toBe(true);
    expect(ranks.map((r) => letter[r.councilCode])).not.toContain('H');
  });

  it('ranks lowest first when lower is better', async () => {
    const ranks = await rankCouncils(database, { indicatorId: 'lo', periods: [2024] });
    expect(table(ranks, 2024)).toEqual({
      E: [1, 1],
      A: [2, 1],
      G: [3, 2],
      C: [4, 2],
      D: [4, 2],
      B: [6, 4],
      F: [7, 4],
    });
  });

  it('gives no rank or quartile to a neutral indicator, but still counts the councils', async () => {
    const ranks = await rankCouncils(database, { indicatorId: 'nu', periods: [2024] });
    expect(ranks).toHaveLength(7);
    expect(ranks.every((r) => r.rank === null && r.quartile === null && r.rankOutOf === 7)).toBe(true);
  });

  it('ranks each period on its own, with no quartile under four councils', async () => {
    const ranks = await rankCouncils(database, { indicatorId: 'lo', fromPeriod: 2023, toPeriod: 2023 });
    expect(ranks).toEqual([
      { councilCode: '102', period: 2023, value: 20, rank: 1, rankOutOf: 3, quartile: null },
      { councilCode: '103', period: 2023, value: 20, rank: 1, rankOutOf: 3, quartile: null },
      { councilCode: '101', period: 2023, value: 30, rank: 3, rankOutOf: 3, quartile: null },
    ]);
  });

  it('returns only the councils asked for, ranked among all', async () => {
    const ranks = await rankCouncils(database, { indicatorId: 'hi', periods: [2024], councils: ['104', '107'] });
    expect(ranks.map((r) => [r.councilCode, r.rank, r.rankOutOf, r.quartile])).toEqual([
      ['104', 3, 7, 3],
      ['107', 5, 7, 3],
    ]);
  });

  it('prefers the published figure, and reads only the computed ones when asked', async () => {
    const mixed = await rankCouncils(database, { indicatorId: 'hi', periods: [2024], councils: ['101'] });
    expect(mixed[0]).toMatchObject({ value: 50, rank: 6 });
    const computed = await rankCouncils(database, { indicatorId: 'hi', periods: [2024], source: 'computed' });
    expect(computed).toEqual([{ councilCode: '101', period: 2024, value: 90, rank: 1, rankOutOf: 1, quartile: null }]);
  });
});
