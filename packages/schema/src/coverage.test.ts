/**
 * Coverage of computed England and region figures, worked by hand on testing.ts's fixtures.
 *
 * computedFixture, placements_3plus 2025 (no published figure that year): computed council figures
 * for Kent 886, Medway 887 (South East), Hillingdon 312, Hounslow 313, Kingston 314 (London). The
 * published 2024 table lists all 12 fixture councils (Kingston as c): North East 5, London 3, South East 4;
 * a computed 2025 figure counts against the latest published table before it, 2024's.
 *   England: 5 of 12.  London: 312, 313, 314 -> 3 of 3.  South East: 886, 887 -> 2 of 4.
 * Published figures (2024) carry none.
 *
 * Added here: workforce_turnover published 2024 for 886, 887, 312 only, computed 2025 for Kent 886 and
 * England: 1 of 3 (DfE's latest table lists 3 councils), South East 1 of 2 (886, 887). missing_children,
 * which DfE does not publish, computed 2025 for 886 and England: 1 of 12 (the councils held).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorValues, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedComputedFixture, seedFixture, testViewers } from './testing';

describe.each(testEngines())('coverage of computed aggregates on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    await seedComputedFixture(database);
    const row = (
      indicatorId: string,
      subjectKind: 'council' | 'england' | 'region',
      subjectId: string,
      period: number,
      source: 'published' | 'computed',
    ) => ({
      indicatorId,
      subjectKind,
      subjectId,
      period,
      source,
      numerator: 1,
      denominator: 10,
      value: 10,
      symbol: null,
    });
    await database.db
      .insert(indicatorValues)
      .values([
        ...['886', '887', '312'].map((code) => row('workforce_turnover', 'council', code, 2024, 'published')),
        row('workforce_turnover', 'council', '886', 2025, 'computed'),
        row('workforce_turnover', 'england', 'E92000001', 2025, 'computed'),
        row('workforce_turnover', 'region', 'E12000008', 2025, 'computed'),
        row('missing_children', 'council', '886', 2025, 'computed'),
        row('missing_children', 'england', 'E92000001', 2025, 'computed'),
      ]);
  });
  afterAll(() => database?.close());

  const query = /* GraphQL */ `
    query ($subjects: [SubjectInput!]!) {
      series(indicatorId: "placements_3plus", subjects: $subjects, fromPeriod: 2024) {
        england { period source coverage { councils of } }
        lines {
          subject { kind id }
          points { period source coverage { councils of } }
          region { period source coverage { councils of } }
        }
      }
    }`;

  it('says how many councils a computed England or region figure pools, and nothing for published ones', async () => {
    const result = await execute(database, testViewers.policy, query, {
      subjects: [
        { kind: 'COUNCIL', id: '886' },
        { kind: 'REGION', id: 'E12000007' },
      ],
    });
    expect(result.errors).toBeUndefined();
    const series = result.data.series;
    expect(series.england).toEqual([
      { period: 2024, source: 'PUBLISHED', coverage: null },
      { period: 2025, source: 'COMPUTED', coverage: { councils: 5, of: 12 } },
    ]);
    // Kent's own points are a council's: no coverage. Its region, the South East: 2 of 4 in 2025.
    expect(series.lines[0].points.every((p: { coverage: unknown }) => p.coverage === null)).toBe(true);
    expect(series.lines[0].region).toEqual([
      { period: 2024, source: 'PUBLISHED', coverage: null },
      { period: 2025, source: 'COMPUTED', coverage: { councils: 2, of: 4 } },
    ]);
    // London asked for as a line.
    expect(series.lines[1].points).toEqual([
      { period: 2024, source: 'PUBLISHED', coverage: null },
      { period: 2025, source: 'COMPUTED', coverage: { councils: 3, of: 3 } },
    ]);
  });

  it("counts 'of' as DfE's latest published table lists councils, or the councils held where DfE publishes none", async () => {
    const q = (indicator: string) =>
      execute(
        database,
        testViewers.policy,
        `{ series(indicatorId: "${indicator}", subjects: [{ kind: COUNCIL, id: "886" }], fromPeriod: 2025) {
      england { period coverage { councils of } } lines { region { period coverage { councils of } } } } }`,
      );
    const turnover = (await q('workforce_turnover')).data.series;
    expect(turnover.england).toEqual([{ period: 2025, coverage: { councils: 1, of: 3 } }]);
    expect(turnover.lines[0].region).toEqual([{ period: 2025, coverage: { councils: 1, of: 2 } }]);
    const missing = (await q('missing_children')).data.series;
    expect(missing.england).toEqual([{ period: 2025, coverage: { councils: 1, of: 12 } }]);
  });
});
