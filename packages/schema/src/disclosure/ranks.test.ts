/**
 * Council ranks, worked by hand: published figures ranked among the published table (LAIT's
 * method, the same for every viewer); computed ones among those the viewer sees (ranks.ts).
 *
 * placements_3plus (lower is better, percent), added to `seedFixture` for periods it leaves empty:
 *
 * 2022, published: Hounslow 313 7/100 = 7, North Tyneside 392 8/100 = 8, Kent 886 90/1000 = 9,
 *   South Tyneside 393 9/100 = 9, Gateshead 390 10/100 = 10, Hillingdon 312 5/45 = 11.1,
 *   Newcastle 391 12/100 = 12, East Sussex 845 13/100 = 13.
 *   Hillingdon's 5 is a small count, but published: shown as published to everyone, and ranked.
 *   Every viewer: 313 1, 392 2, 886 3, 393 3, 390 5, 312 6, 391 7, 845 8, out of 8. LAIT quartiles:
 *     sorted 7 8 9 9 10 11.11 12 13, type-7 quantiles at (8 - 1) x p: Q25 = 8 + 0.75 x (9 - 8) = 8.75,
 *     Q50 = 9 + 0.5 x (10 - 9) = 9.5, Q75 = 11.11 + 0.25 x (12 - 11.11) = 11.33; lower is better:
 *     7, 8 -> 1; 9, 9 -> 2; 10, 11.11 -> 3; 12, 13 -> 4.
 *
 * 2021, computed only (no published figure; no practice, region or England row, so no group and no
 *   secondary suppression): Hounslow 313 8/100 = 8, Kent 886 40/400 = 10, Hillingdon 312 60/500 = 12,
 *   Medway 887 30/200 = 15, Kingston 314 45/300 = 15.
 *   Policy sees all five: 1, 2, 3, 4, 4 of 5, quartile ceil(4r/5): 1, 2, 3, 4, 4 (the SQL ranks).
 *   A council sees only its own computed figure: 1 of 1, no quartile.
 *
 * neutral_test: a neutral indicator with the 2022 values: no rank or quartile for anyone; rankOutOf
 *   counts the published table (8) for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicators, indicatorValues, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { rankCouncils } from '@continuity/indicators';
import { execute, seedFixture, testViewers } from '../testing';
import { quartileOf, rankAmong } from './ranks';

describe('rankAmong', () => {
  const ranking = (members: [string, number | null][]) => {
    const r = rankAmong(members.map(([key, rank]) => ({ key, rank })));
    return { outOf: r.outOf, places: Object.fromEntries([...r.places].map(([k, p]) => [k, [p.rank, p.quartile]])) };
  };

  it('closes the gap a missing council leaves, and counts only the members', () => {
    // Raw ranks 1..8 with a tie at 3 and the raw 6 not a member.
    expect(
      ranking([
        ['a', 1],
        ['b', 2],
        ['c', 3],
        ['d', 3],
        ['e', 5],
        ['g', 7],
        ['h', 8],
      ]),
    ).toEqual({
      outOf: 7,
      places: { a: [1, 1], b: [2, 2], c: [3, 2], d: [3, 2], e: [5, 3], g: [6, 4], h: [7, 4] },
    });
  });

  it('keeps ties tied across a gap, whatever the order given', () => {
    expect(
      ranking([
        ['z', 9],
        ['y', 4],
        ['x', 4],
        ['w', 1],
      ]),
    ).toEqual({
      outOf: 4,
      places: { w: [1, 1], x: [2, 2], y: [2, 2], z: [4, 4] },
    });
  });

  it('gives everyone the SQL ranks back when every council is a member', () => {
    expect(
      ranking([
        ['a', 1],
        ['b', 2],
        ['c', 2],
        ['d', 4],
        ['e', 5],
      ]),
    ).toEqual({
      outOf: 5,
      places: { a: [1, 1], b: [2, 2], c: [2, 2], d: [4, 4], e: [5, 4] },
    });
  });

  it('ranks nothing for a neutral indicator, but counts the members; no quartile under four', () => {
    expect(
      ranking([
        ['a', null],
        ['b', null],
      ]),
    ).toEqual({ outOf: 2, places: { a: [null, null], b: [null, null] } });
    expect(
      ranking([
        ['a', 3],
        ['b', 7],
        ['c', 8],
      ]),
    ).toEqual({ outOf: 3, places: { a: [1, null], b: [2, null], c: [3, null] } });
    expect(ranking([])).toEqual({ outOf: 0, places: {} });
  });

  it('bands computed quartiles as ceil(4 x rank / n), as the SQL bands computed rows', () => {
    expect([1, 38, 39, 76, 77, 114, 115, 152].map((r) => quartileOf(r, 152))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(quartileOf(null, 10)).toBeNull();
  });
});

type Row = [code: string, rank: number | null, rankOutOf: number | null, quartile: number | null, value: number | null];

describe.each(testEngines())('council ranks among what the viewer sees, through the API, on %s', (engine) => {
  let database: Database;
  let statements: string[] = [];
  beforeAll(async () => {
    database = await openTestDatabase(engine, { logger: (query) => statements.push(query) });
    await seedFixture(database);
    await database.db.insert(indicators).values({
      id: 'neutral_test',
      title: 'A neutral test indicator',
      area: 'stability',
      unit: 'percent',
      polarity: 'neutral',
      numerator: 'n',
      denominator: 'd',
      source: 'test',
      method: 'test',
      periodType: 'reporting_year',
      decimals: 0,
      scale: 100,
    });
    const value = (
      indicatorId: string,
      code: string,
      period: number,
      numerator: number,
      denominator: number,
      source: 'published' | 'computed',
    ) => ({
      indicatorId,
      subjectKind: 'council' as const,
      subjectId: code,
      period,
      source,
      numerator,
      denominator,
      value: (numerator * 100) / denominator,
      symbol: null,
    });
    const y2022: [string, number, number][] = [
      ['313', 7, 100],
      ['392', 8, 100],
      ['886', 90, 1000],
      ['393', 9, 100],
      ['390', 10, 100],
      ['312', 5, 45],
      ['391', 12, 100],
      ['845', 13, 100],
    ];
    const y2021: [string, number, number][] = [
      ['313', 8, 100],
      ['886', 40, 400],
      ['312', 60, 500],
      ['887', 30, 200],
      ['314', 45, 300],
    ];
    await database.db
      .insert(indicatorValues)
      .values([
        ...y2022.map(([code, n, d]) => value('placements_3plus', code, 2022, n, d, 'published')),
        ...y2022.map(([code, n, d]) => value('neutral_test', code, 2022, n, d, 'published')),
        ...y2021.map(([code, n, d]) => value('placements_3plus', code, 2021, n, d, 'computed')),
      ]);
  });
  afterAll(() => database?.close());

  const query = /* GraphQL */ `
    query ($indicator: ID!, $subjects: [SubjectInput!]!, $period: Int) {
      series(indicatorId: $indicator, subjects: $subjects, fromPeriod: $period, toPeriod: $period) {
        lines { subject { id } points { period value symbol rank rankOutOf quartile } }
      }
    }`;

  /** [code, rank, rankOutOf, quartile, value] of each requested council's point in the period (none: no row). */
  async function ranks(
    viewer: keyof typeof testViewers,
    codes: string[],
    period: number,
    indicator = 'placements_3plus',
  ) {
    statements = [];
    const result = await execute(database, testViewers[viewer], query, {
      indicator,
      period,
      subjects: codes.map((id) => ({ kind: 'COUNCIL', id })),
    });
    expect(result.errors).toBeUndefined();
    const rows: Row[] = [];
    for (const line of result.data.series.lines) {
      for (const p of line.points) rows.push([line.subject.id, p.rank, p.rankOutOf, p.quartile, p.value]);
    }
    // The audit insert is left out: it depends on the comparators asked for (a neighbour average that
    // could pool the viewer's own computed figure is audited), not on ranking.
    return { rows, statements: statements.filter((s) => !/^insert into "audit_log"/i.test(s)).length };
  }

  const all2022 = ['313', '392', '886', '393', '390', '312', '391', '845'];
  const published2022: Row[] = [
    ['313', 1, 8, 1, 7],
    ['392', 2, 8, 1, 8],
    ['886', 3, 8, 2, 9],
    ['393', 3, 8, 2, 9],
    ['390', 5, 8, 3, 10],
    ['312', 6, 8, 3, 500 / 45],
    ['391', 7, 8, 4, 12],
    ['845', 8, 8, 4, 13],
  ];

  it('ranks published figures among the published table, the same for every viewer, small counts included', async () => {
    for (const viewer of ['councilKent', 'councilOther', 'policy', 'admin', 'practiceKent'] as const) {
      const { rows } = await ranks(viewer, all2022, 2022);
      expect([viewer, rows]).toEqual([viewer, published2022]);
    }
    const raw = await rankCouncils(database, { indicatorId: 'placements_3plus', periods: [2022] });
    const byCode = new Map(raw.map((r) => [r.councilCode, [r.councilCode, r.rank, r.rankOutOf, r.quartile, r.value]]));
    expect(published2022).toEqual(all2022.map((code) => byCode.get(code)));
  });

  it('ranks among every council of the period, not among those requested', async () => {
    const three = await ranks('councilKent', ['390', '391', '845'], 2022);
    expect(three.rows).toEqual(published2022.filter(([code]) => ['390', '391', '845'].includes(code)));
    const alone = await ranks('policy', ['312'], 2022);
    expect(alone.rows).toEqual([['312', 6, 8, 3, 500 / 45]]);
  });

  it('leaves out councils hidden from the viewer: policy sees every computed figure, a council only its own', async () => {
    const codes = ['313', '886', '312', '887', '314'];
    const policy = await ranks('policy', codes, 2021);
    expect(policy.rows).toEqual([
      ['313', 1, 5, 1, 8],
      ['886', 2, 5, 2, 10],
      ['312', 3, 5, 3, 12],
      ['887', 4, 5, 4, 15],
      ['314', 4, 5, 4, 15],
    ]);
    const raw = await rankCouncils(database, { indicatorId: 'placements_3plus', periods: [2021] });
    const byCode = new Map(raw.map((r) => [r.councilCode, [r.councilCode, r.rank, r.rankOutOf, r.quartile]]));
    expect(policy.rows.map(([code, rank, outOf, quartile]) => [code, rank, outOf, quartile])).toEqual(
      codes.map((code) => byCode.get(code)),
    );
    // Other councils' computed figures are never read for a council: only its own point, 1 of 1.
    expect((await ranks('councilKent', codes, 2021)).rows).toEqual([['886', 1, 1, null, 10]]);
    expect((await ranks('councilOther', codes, 2021)).rows).toEqual([['312', 1, 1, null, 12]]);
  });

  it('ranks nothing for a neutral indicator, counting the published table', async () => {
    for (const viewer of ['councilKent', 'councilOther', 'policy'] as const) {
      const rows = (await ranks(viewer, all2022, 2022, 'neutral_test')).rows;
      expect(rows.map(([code, rank, outOf, quartile]) => [code, rank, outOf, quartile])).toEqual(
        all2022.map((code) => [code, null, 8, null]),
      );
    }
  });

  it('costs the same statements for one council as for eight, whoever asks', async () => {
    for (const viewer of ['councilKent', 'policy', 'councilOther'] as const) {
      for (const period of [2021, 2022]) {
        const one = await ranks(viewer, ['886'], period);
        const eight = await ranks(viewer, all2022, period);
        expect([viewer, period, eight.statements]).toEqual([viewer, period, one.statements]);
        // the indicator, the subjects, every value with the ranking field in one pass, and the
        // practice links and the computed table when ownership or disclosure needs them: never one
        // per council, requested or ranked
        expect(one.statements).toBeLessThanOrEqual(5);
      }
    }
  });
});
