import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import type { Database } from '@continuity/db';
import { syncCatalogue } from '../sync';
import { recomputeIndicators } from './recompute';
import {
  addReturn,
  computedValue,
  ENGLAND,
  episodes,
  headers,
  missingRows,
  nds,
  oc2Rows,
  oc3Rows,
  reviewRows,
  seedPlaces,
} from './testkit';

/*
 * Kent's (886) 903 return for the year to 31 March 2025, with OC2, Missing, Reviews and OC3 tables,
 * and practice P1's return to Kent holding one OC2 child. Expected figures are worked beside each test.
 */
describe.each(testEngines())('outcome indicators on %s', (engine) => {
  let database: Database;
  const value = (id: string, kind: 'council' | 'practice' | 'england' = 'council', subject = '886') =>
    computedValue(database.db, id, kind, subject, 2025).then(nds);

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const db = database.db;
    await syncCatalogue(db);
    await seedPlaces(db);
    const r = await addReturn(db, { kind: 'ssda903', council: '886', year: 2025 });

    // OC2: ages at 31 March 2025 in brackets
    await headers(db, r, [
      ['O1', '2022-06-01'], // 2
      ['O2', '2020-04-01'], // 4 (5 on 1 April)
      ['O3', '2020-03-31'], // 5 (on 31 March)
      ['O4', '2014-03-31'], // 11
      ['O5', '2008-04-01'], // 16
      ['O6', '2008-03-31'], // 17
      ['O7', '2015-04-01'], // 9
      ['L3', '2006-04-01'], // 18: OC3 DOB blank, taken from the Header
      ['O9', '2014-01-01'], // 11
      ['O10', '2017-06-01'], // 7
      ['O11', '2012-01-01'], // 13
    ]);
    await oc2Rows(db, r, [
      { child: 'O1', healthCheck: true, assessment: true, immunisations: true },
      { child: 'O2', healthCheck: false, assessment: true, immunisations: true, teeth: true },
      { child: 'O3', healthCheck: true, immunisations: true, teeth: true, sdq: 10 },
      { child: 'O4', sdq: 20, convicted: true, assessment: true, teeth: true },
      { child: 'O5', sdq: 18, substance: true, assessment: true, immunisations: true, teeth: true },
      { child: 'O6', sdq: 30, convicted: true, substance: true, assessment: true },
      { child: 'O7', convicted: true },
      { child: 'O8', assessment: true, immunisations: true, convicted: true }, // no Header row: no age
      { child: 'O9' }, // a blank row for a child outside the 12-month cohort: counts nowhere
      { child: 'O11', assessment: true }, // short breaks only: outside the cohort
      // O10 is in the cohort (from its episodes) but has no OC2 row: in the denominators only
    ]);
    // The OC2 cohort comes from the episodes: looked after continuously since before 1 April 2024.
    await episodes(db, r, [
      ...['O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8', 'O10'].map(
        (child): [string, string, string, string, string, null] => [child, '2022-01-01', 'S', 'C2', 'U1', null],
      ),
      ['O1', '2022-06-01', 'S', 'C2', 'U1', null],
      ['O9', '2024-06-01', 'S', 'C2', 'U1', null], // entered in June: not 12 months
      ['O11', '2024-05-01', 'S', 'V3', 'K1', '2024-05-03'],
      ['O11', '2025-03-01', 'S', 'V3', 'K1', null],
    ]);

    await episodes(db, r, [
      ['M1', '2023-01-01', 'S', 'C2', 'U1', null],
      ['M2', '2024-09-01', 'S', 'C2', 'U1', '2024-12-01'],
      ['M3', '2022-01-01', 'S', 'C2', 'U1', '2024-04-01'], // ceased on 1 April: looked after in the year
      ['M4', '2023-05-05', 'S', 'C2', 'U1', null],
      ['M5', '2024-06-01', 'S', 'V3', 'K1', '2024-06-02'], // short breaks only
      ['M6', '2023-01-01', 'S', 'C2', 'U1', '2024-03-31'], // ceased before the year
      ['M7', '2024-04-01', 'S', 'C2', 'U1', null],
    ]);
    await missingRows(db, r, [
      ['M1', 'M', '2024-05-01', '2024-05-02'],
      ['M1', 'M', '2024-06-01', '2024-06-03'],
      ['M1', 'A', '2024-07-01', '2024-07-01'], // away without authorisation: not counted
      ['M2', 'M', '2024-10-01', '2024-10-01'],
      ['M3', 'M', '2024-03-30', '2024-04-02'], // missing at 1 April: carried over, counts
      ['M4', 'M', '2024-03-01', '2024-03-31'], // ended before the year
      ['M5', 'M', '2024-06-01', '2024-06-01'], // not in the cohort
      ['M6', 'M', '2024-05-05', null], // not in the cohort
      ['M7', 'M', '2025-03-31', null], // starts on the last day
    ]);

    await reviewRows(db, r, [
      ['M1', '2024-03-31', 'PN1'], // last year
      ['M1', '2024-04-01', 'PN1'],
      ['M1', '2024-10-01', 'PN4'], // attended without contributing
      ['M1', '2025-03-31', 'PN7'],
      ['O1', '2024-07-01', 'PN0'], // under 4: excluded
      ['M2', '2024-11-01', 'PN5'],
      ['M2', '2024-12-01', 'PN6'],
      ['M2', '2025-04-01', 'PN2'], // next year
      ['M3', '2024-05-05', 'PN2'],
      ['M3', '2024-06-06', 'PN3'],
    ]);

    await oc3Rows(db, r, [
      ['L1', '2007-04-01', 'YES', 'F2', 'D1'], // 17: EET, suitable
      ['L2', '2006-03-31', 'YES', 'G5', 'S2'], // 19 on 31 March: NEET, unsuitable
      ['L3', null, 'YES', 'P4', 'U2'], // 18 (Header DOB): EET, unsuitable
      ['L4', '2004-01-01', 'NO', '0', '0'], // 21: not in touch, no information
      ['L5', '2005-06-06', 'DIED', 'F1', 'K1'], // excluded
      ['L6', '2004-06-06', 'RHOM', 'F1', 'K1'], // excluded
      ['L7', '2005-02-02', 'YES', 'F5', 'G1'], // 20: EET; gone abroad: suitability not known
      ['L8', '2003-04-01', 'YES', 'F1', 'K1'], // 21: EET, suitable
      ['L9', '2003-03-31', 'YES', 'F1', 'K1'], // 22: outside the bands
    ]);

    const p = await addReturn(db, { kind: 'ssda903', council: '886', practice: 'P1', year: 2025 });
    await headers(db, p, [['Q1', '2010-01-01']]);
    await episodes(db, p, [['Q1', '2020-01-01', 'S', 'C2', 'U1', null]]);
    await oc2Rows(db, p, [{ child: 'Q1', assessment: true }]);

    await recomputeIndicators(db, { kind: 'ssda903', councilCode: '886', collectionYear: 2025 });
  });
  afterAll(() => database?.close());

  it('computes OC2 health measures over the 12-month cohort worked out from the episodes', async () => {
    // Cohort: O1-O8 and O10, and M1, M4 and M7 (in care since before 1 April 2024, or from 1 April,
    // without an OC2 row) = 12. O9 entered in June and O11 has only short breaks: their OC2 rows do
    // not count; M3 ceased on 1 April. Assessments O1 O2 O4 O5 O6 O8 = 6; immunisations O1 O2 O3 O5 O8 = 5;
    // teeth O2 O3 O4 O5 = 4; substance misuse O5 O6 = 2.
    expect(await value('health_assessments')).toEqual({ numerator: 6, denominator: 12, value: 50, symbol: null });
    expect(await value('immunisations')).toEqual({ numerator: 5, denominator: 12, value: 41.666667, symbol: null });
    expect(await value('dental_checks')).toEqual({ numerator: 4, denominator: 12, value: 33.333333, symbol: null });
    expect(await value('substance_misuse')).toEqual({ numerator: 2, denominator: 12, value: 16.666667, symbol: null });
  });

  it('computes OC2 age-banded measures by age at 31 March', async () => {
    // under 5: O1 (checked), O2 (not) = 1/2; O3 turned 5 on 31 March
    expect(await value('development_assessments')).toEqual({ numerator: 1, denominator: 2, value: 50, symbol: null });
    // 5-16 with a score: O3 10 + O4 20 + O5 18 = 48 / 3 = 16.0; O6 (17) and O7 (no score) out
    expect(await value('sdq_average')).toEqual({ numerator: 48, denominator: 3, value: 16, symbol: null });
    // 10-17: O4 (convicted), O5, O6 (convicted) = 2/3; O7 is 9, O10 is 7, O8 and M1/M4/M7 have no
    // Header (no age), O9 is outside the cohort
    expect(await value('convictions')).toEqual({ numerator: 2, denominator: 3, value: 66.666667, symbol: null });
  });

  it('counts missing children and incidents, including incidents open on 1 April', async () => {
    // looked after in the year: M1 M2 M3 M4 M7 and O1-O10 = 15 (M5 and O11 short breaks only, M6
    // ceased before the year); missing: M1 (2) M2 (1) M3 (1) M7 (1) = 4
    expect(await value('missing_children')).toEqual({ numerator: 4, denominator: 15, value: 26.666667, symbol: null });
    expect(await value('missing_incidents_per_child')).toEqual({
      numerator: 5,
      denominator: 4,
      value: 1.25,
      symbol: null,
    });
  });

  it('counts reviews where the child participated, PN0 excluded', async () => {
    // in the year, PN1-PN7: PN1 PN4 PN7 PN5 PN6 PN2 PN3 = 7; views conveyed PN1 PN5 PN6 PN2 PN3 = 5
    expect(await value('review_participation')).toEqual({
      numerator: 5,
      denominator: 7,
      value: 71.428571,
      symbol: null,
    });
  });

  it('computes care leavers in EET and suitable accommodation by age band', async () => {
    // 17-18: L1 L3, both EET; suitable L1 of 2
    expect(await value('care_leavers_eet_17_18')).toEqual({ numerator: 2, denominator: 2, value: 100, symbol: null });
    expect(await value('care_leavers_accommodation_17_18')).toEqual({
      numerator: 1,
      denominator: 2,
      value: 50,
      symbol: null,
    });
    // 19-21: L2 L4 L7 L8; EET L7 L8 = 2/4; accommodation without L7 (abroad): suitable L8 of 3
    expect(await value('care_leavers_eet_19_21')).toEqual({ numerator: 2, denominator: 4, value: 50, symbol: null });
    expect(await value('care_leavers_accommodation_19_21')).toEqual({
      numerator: 1,
      denominator: 3,
      value: 33.333333,
      symbol: null,
    });
  });

  it("computes a practice from its own return, with 'z' for an empty denominator", async () => {
    expect(await value('health_assessments', 'practice', 'P1')).toEqual({
      numerator: 1,
      denominator: 1,
      value: 100,
      symbol: null,
    });
    // no under-5s in the practice's OC2 table: not applicable
    expect(await value('development_assessments', 'practice', 'P1')).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      symbol: 'z',
    });
    // no Reviews or OC3 in the practice's return: nothing written; Q1 was not missing
    expect(await value('missing_children', 'practice', 'P1')).toEqual({
      numerator: 0,
      denominator: 1,
      value: 0,
      symbol: null,
    });
    expect(await value('review_participation', 'practice', 'P1')).toBeUndefined();
    expect(await value('care_leavers_eet_19_21', 'practice', 'P1')).toBeUndefined();
    // England pools council returns only: the practice's child is in the council's return already
    expect(await value('health_assessments', 'england', ENGLAND)).toEqual({
      numerator: 6,
      denominator: 12,
      value: 50,
      symbol: null,
    });
  });
});
