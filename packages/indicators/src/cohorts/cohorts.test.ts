import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import type { Database } from '@continuity/db';
import { cohortCases, toEpisode, type CohortCase } from './cases';
import {
  careStartDate,
  carerStartDate,
  cohortYear,
  episodeSteps,
  longTermStability,
  lookedAfter12Months,
  lookedAfterAt31March,
  lookedAfterInYear,
  placementsInYear,
} from './definitions';
import {
  careStartDateSql,
  carerStartDateSql,
  episodeStepsCtes,
  longTermCareSinceSql,
  longTermCarerSinceSql,
  lookedAfter12MonthsSql,
  lookedAfterAt31MarchSql,
  lookedAfterInYearSql,
  placementsInYearSql,
  under16At31MarchSql,
} from './sql';

/*
 * Both forms of every cohort over the same hand-worked cases (./cases.ts): the TypeScript one the
 * validation uses and the SQL one the indicators use, so the two cannot drift apart.
 */

describe('cohorts in TypeScript', () => {
  it.each(cohortCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const y = cohortYear(c.year);
    const steps = episodeSteps(c.episodes.map(toEpisode));
    const lt = longTermStability(steps, c.dob, y);
    expect({
      at31March: lookedAfterAt31March(steps, y),
      inYear: lookedAfterInYear(steps, y),
      months12: lookedAfter12Months(steps, y),
      placements: placementsInYear(steps, y),
      careStart: careStartDate(steps, y),
      carerStart: carerStartDate(steps, y),
      longTerm: lt.cohort,
      sameCarer: lt.sameCarer,
    }).toEqual(c.expect);
  });

  it('takes episodes in any order', () => {
    const c = cohortCases.find((k) => k.name === 'three placements, a B move not counted')!;
    const steps = episodeSteps(c.episodes.map(toEpisode).reverse());
    expect(placementsInYear(steps, cohortYear(2025))).toBe(3);
  });
});

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

const iso = (d: unknown) => (d === null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d));

describe.each(testEngines())('cohorts in SQL on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database?.close());

  it('gives every hand-worked case the same answer as the TypeScript form', async () => {
    const values = cohortCases.flatMap((c, i) =>
      c.episodes.map((e) => {
        const ep = toEpisode(e);
        return sql`(${i}::int, ${c.year}::int, ${c.dob}::date, make_date(${c.year}::int - 1, 4, 1), make_date(${c.year}::int, 3, 31),
          ${ep.DECOM}::date, ${ep.DEC}::date, ${ep.RNE}::text, ${ep.LS}::text, ${ep.PLACE}::text, ${ep.PLACE_PROVIDER}::text,
          ${ep.URN}::text, ${ep.REC}::text)`;
      }),
    );
    const input = sql`SELECT * FROM (VALUES ${sql.join(values, sql`, `)})
      AS v (child, year, dob, y_start, y_end, decom, dec, rne, ls, place, place_provider, urn, rec)`;
    const result = await database.db.execute(sql`WITH ${episodeStepsCtes('st', input, ['child'])},
      per_child AS (
        SELECT s.child, s.year, s.dob,
          ${lookedAfterAt31MarchSql} AS at31, ${lookedAfterInYearSql} AS in_year, ${lookedAfter12MonthsSql} AS months12,
          ${placementsInYearSql} AS placements, ${careStartDateSql} AS care_start, ${carerStartDateSql} AS carer_start
        FROM st s GROUP BY s.child, s.year, s.dob, s.y_start, s.y_end
      )
      SELECT p.*,
        p.at31 AND ${under16At31MarchSql(sql`p.dob`, sql`p.year`)} AND coalesce(p.care_start <= ${longTermCareSinceSql(sql`p.year`)}, false) AS long_term,
        coalesce(p.carer_start <= ${longTermCarerSinceSql(sql`p.year`)}, false) AS carer_2y
      FROM per_child p ORDER BY p.child`);
    const rows = rowsOf<Record<string, unknown>>(result);
    const got = Object.fromEntries(
      rows.map((r) => {
        const lt = Boolean(r.long_term);
        return [
          cohortCases[Number(r.child)]!.name,
          {
            at31March: Boolean(r.at31),
            inYear: Boolean(r.in_year),
            months12: Boolean(r.months12),
            placements: Number(r.placements),
            careStart: iso(r.care_start),
            carerStart: iso(r.carer_start),
            longTerm: lt,
            sameCarer: lt && Boolean(r.carer_2y),
          } satisfies CohortCase['expect'],
        ];
      }),
    );
    expect(got).toEqual(Object.fromEntries(cohortCases.map((c) => [c.name, c.expect])));
  });
});
