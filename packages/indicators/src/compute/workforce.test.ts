import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import type { Database } from '@continuity/db';
import { syncCatalogue } from '../sync';
import { recomputeIndicators } from './recompute';
import {
  addReturn,
  computedValue,
  ENGLAND,
  laLevel,
  NORTH_WEST,
  round6,
  seedPlaces,
  SOUTH_EAST,
  workerRows,
} from './testkit';

/*
 * Census at 30 September 2025 (year 1 October 2024 .. 30 September 2025).
 *
 * Kent (886), LA level: vacancies 1.5 FTE, agency 2.0 FTE.
 *   W1 in post, FTE30 1.0, 20 cases, 10 days lost
 *   W2 in post, no FTE30 so FTE 0.5, 10 cases, 5 days
 *   W3 left 30 Sept 2025 (a leaver, not in post), FTE 0.8, 4 days
 *   W4 leaves 1 Oct 2025 (after the census: in post), FTE30 1.0, 0 cases, 0 days
 *   W5 left 1 Oct 2024 (first day of the year), FTE 0.6, 3 days
 *   W6 left 30 Sept 2024 (last year), FTE 1.0, 7 days: ignored
 *   W7 agency, at the census, FTE30 1.0, 15 cases: not in post; holds cases
 *   W8 agency, left 1 June 2025, 9 cases: ignored
 * in post 1.0 + 0.5 + 1.0 = 2.5; leavers 0.8 + 0.6 = 1.4; case holders W1 W2 W7: 45 cases / 2.5 FTE;
 * days lost 10 + 5 + 0 + 4 + 3 = 22.
 *   turnover 1.4 / 2.5 = 56%; agency 2.0 / 4.5 = 44.44%; vacancy 1.5 / 4.0 = 37.5%;
 *   caseload 45 / 2.5 = 18; absence 22 / (2.5 x 253) = 3.478%
 *
 * Liverpool (341), no LA-level row:
 *   X1 in post, FTE30 1.0, 12 cases, 2 days; X2 agency FTE 0.4, 6 cases (agency FTE from workers)
 *   turnover 0 / 1 = 0; agency 0.4 / 1.4 = 28.57%; no vacancy figure; caseload 18 / 1.4 = 12.857;
 *   absence 2 / 253 = 0.791%
 */
describe.each(testEngines())('workforce indicators on %s', (engine) => {
  let database: Database;
  const value = async (id: string, kind: 'council' | 'region' | 'england', subject: string, period = 2025) => {
    const v = await computedValue(database.db, id, kind, subject, period);
    if (!v) return undefined;
    return {
      numerator: v.numerator === null ? null : round6(v.numerator),
      denominator: v.denominator === null ? null : round6(v.denominator),
      value: v.value === null ? null : round6(v.value),
    };
  };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const db = database.db;
    await syncCatalogue(db);
    await seedPlaces(db);
    const kent = await addReturn(db, { kind: 'csww', council: '886', year: 2025 });
    await laLevel(db, kent, 1.5, 2.0);
    await workerRows(db, kent, [
      { swe: 'W1', fte: 1.0, fte30: 1.0, start: '2020-01-01', cases30: 20, daysLost: 10 },
      { swe: 'W2', fte: 0.5, start: '2023-01-01', cases30: 10, daysLost: 5 },
      { swe: 'W3', fte: 0.8, start: '2019-01-01', end: '2025-09-30', daysLost: 4 },
      { swe: 'W4', fte: 1.0, fte30: 1.0, start: '2021-01-01', end: '2025-10-01', cases30: 0, daysLost: 0 },
      { swe: 'W5', fte: 0.6, start: '2018-01-01', end: '2024-10-01', daysLost: 3 },
      { swe: 'W6', fte: 1.0, start: '2018-01-01', end: '2024-09-30', daysLost: 7 },
      { swe: 'W7', agency: true, fte: 1.0, fte30: 1.0, start: '2025-01-01', cases30: 15 },
      { swe: 'W8', agency: true, fte: 0.5, start: '2025-01-01', end: '2025-06-01', cases30: 9 },
    ]);
    const liverpool = await addReturn(db, { kind: 'csww', council: '341', year: 2025 });
    await workerRows(db, liverpool, [
      { swe: 'X1', fte: 1.0, fte30: 1.0, start: '2015-01-01', cases30: 12, daysLost: 2 },
      { swe: 'X2', agency: true, fte: 0.4, start: '2025-03-01', cases30: 6 },
    ]);
    // census year 2024 contains 29 February 2024: 254 working days
    const kent2024 = await addReturn(db, { kind: 'csww', council: '886', year: 2024 });
    await workerRows(db, kent2024, [{ swe: 'Y1', fte: 1.0, fte30: 1.0, start: '2015-01-01', daysLost: 2.54 }]);

    await recomputeIndicators(db, { kind: 'csww', councilCode: '886', collectionYear: 2025 });
    await recomputeIndicators(db, { kind: 'csww', councilCode: '341', collectionYear: 2025 });
    await recomputeIndicators(db, { kind: 'csww', councilCode: '886', collectionYear: 2024 });
  });
  afterAll(() => database?.close());

  it('computes turnover: leavers in the year to 30 September over in-post FTE', async () => {
    expect(await value('workforce_turnover', 'council', '886')).toEqual({
      numerator: 1.4,
      denominator: 2.5,
      value: 56,
    });
    expect(await value('workforce_turnover', 'council', '341')).toEqual({ numerator: 0, denominator: 1, value: 0 });
  });

  it('computes the agency rate from the LA level, else from agency workers', async () => {
    expect(await value('workforce_agency_rate', 'council', '886')).toEqual({
      numerator: 2,
      denominator: 4.5,
      value: 44.444444,
    });
    expect(await value('workforce_agency_rate', 'council', '341')).toEqual({
      numerator: 0.4,
      denominator: 1.4,
      value: 28.571429,
    });
  });

  it('computes the vacancy rate only where vacancies were returned', async () => {
    expect(await value('workforce_vacancy_rate', 'council', '886')).toEqual({
      numerator: 1.5,
      denominator: 4,
      value: 37.5,
    });
    expect(await value('workforce_vacancy_rate', 'council', '341')).toBeUndefined();
  });

  it('computes caseload over case-holding FTE, agency workers included', async () => {
    expect(await value('workforce_caseload', 'council', '886')).toEqual({ numerator: 45, denominator: 2.5, value: 18 });
    expect(await value('workforce_caseload', 'council', '341')).toEqual({
      numerator: 18,
      denominator: 1.4,
      value: 12.857143,
    });
  });

  it('computes absence over in-post FTE x 253 working days, 254 in a leap year', async () => {
    expect(await value('workforce_absence_rate', 'council', '886')).toEqual({
      numerator: 22,
      denominator: 632.5,
      value: 3.478261,
    });
    expect(await value('workforce_absence_rate', 'council', '341')).toEqual({
      numerator: 2,
      denominator: 253,
      value: 0.790514,
    });
    expect(await value('workforce_absence_rate', 'council', '886', 2024)).toEqual({
      numerator: 2.54,
      denominator: 254,
      value: 1,
    });
  });

  it('pools England and regions from council numerators and denominators', async () => {
    // turnover (1.4 + 0) / (2.5 + 1) = 40%; caseload (45 + 18) / (2.5 + 1.4) = 16.154
    expect(await value('workforce_turnover', 'england', ENGLAND)).toEqual({
      numerator: 1.4,
      denominator: 3.5,
      value: 40,
    });
    expect(await value('workforce_caseload', 'england', ENGLAND)).toEqual({
      numerator: 63,
      denominator: 3.9,
      value: 16.153846,
    });
    // absence (22 + 2) / (632.5 + 253) = 2.710%
    expect(await value('workforce_absence_rate', 'england', ENGLAND)).toEqual({
      numerator: 24,
      denominator: 885.5,
      value: 2.710333,
    });
    // vacancies: Kent only (Liverpool returned none)
    expect(await value('workforce_vacancy_rate', 'england', ENGLAND)).toEqual({
      numerator: 1.5,
      denominator: 4,
      value: 37.5,
    });
    expect(await value('workforce_turnover', 'region', SOUTH_EAST)).toEqual({
      numerator: 1.4,
      denominator: 2.5,
      value: 56,
    });
    expect(await value('workforce_turnover', 'region', NORTH_WEST)).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(await value('workforce_vacancy_rate', 'region', NORTH_WEST)).toBeUndefined();
  });
});
