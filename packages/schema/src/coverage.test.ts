/**
 * Coverage of computed England and region figures, worked by hand on testing.ts's fixtures.
 *
 * computedFixture, placements_3plus 2025 (no published figure that year): computed council figures
 * for Kent 886, Medway 887 (South East), Hillingdon 312, Hounslow 313, Kingston 314 (London). The
 * fixture holds 12 councils (none with a first or last period): North East 5, London 3, South East 4.
 *   England: 5 of 12.  London: 312, 313, 314 -> 3 of 3.  South East: 886, 887 -> 2 of 4.
 * Published figures (2024) carry none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedComputedFixture, seedFixture, testViewers } from './testing';

describe.each(testEngines())('coverage of computed aggregates on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    await seedComputedFixture(database);
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
      subjects: [{ kind: 'COUNCIL', id: '886' }, { kind: 'REGION', id: 'E12000007' }],
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
});
