import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import type { Database } from '@continuity/db';
import { syncCatalogue } from '../sync';
import { placementMovesByReason } from './moves';
import { recomputeIndicators } from './recompute';
import {
  addReturn,
  computedValue,
  episodes,
  headers,
  nds,
  replaceReturn,
  seedPlaces,
  socialWorkers,
  type Return,
} from './testkit';

/*
 * Kent's (886) 903 return for the year to 31 March 2025 (1 April 2024 .. 31 March 2025), plus its
 * 2024 return, which holds the older history of C13. Per child, worked by hand:
 *
 * child  at 31 Mar?          placements in year              SWs  age  care since / carer since -> LTS
 * C1     yes                 3: S(open 1 Apr) P, (B no) T    3    13   2023-06-01 -> too short
 * C2     yes                 1: S, then U and B (same carer) 2    15   2022-01-10 / 2022-01-10 -> num
 * C3     yes                 1: S, (T1 temporary, return no) 4    12   2024-04-15 -> too short
 * C4     no (DEC 31 Mar)     3                               3    -    -
 * C5     no (V4 short break) -                               3    -    -  (short breaks only: in no cohort)
 * C6     yes                 2: ep ended 31 Mar 2024 no; P P -    11   2022-02-01 / 2024-06-01 -> den only
 * C7     yes                 1: L only (first counts)        -    15   2020-05-01 / 2020-05-01 (L keeps) -> num
 * C8     yes                 3: S, S (re-entry), P           3    12   2024-04-10 -> too short
 * C9     yes                 1                               -    9    2022-09-30 (2.5y exactly) / 2023-03-31 (2y exactly) -> num
 * C10    yes                 1                               -    11   2022-10-01 (a day short) -> out
 * C11    yes                 1                               -    11   2021-01-01 / 2023-04-01 (a day short) -> den only
 * C12    yes                 1                               -    13   gap: 2023-01-15 -> out
 * C13    yes                 1                               -    9    2021-06-01 (2024 return) / 2021-06-01 -> num
 * C14    yes                 1                               -    16   (16 on 31 March) -> out
 * C15    yes                 2: S, P, (B no)                 -    12   too short
 * C16    yes                 2: S, T, (U no)                 -    12   too short
 * C17    yes                 2: S, (P lasting 0 days no), P  -    11   2023-01-01 -> too short
 *
 * placements_3plus: C1, C8 / 15 children at 31 March = 13.333%
 * social_workers_3plus: C1, C3, C8 / 15 = 20%
 * long_term_stability: C2, C7, C9, C13 / C2, C6, C7, C9, C11, C13 = 4/6 = 66.667%
 * moves by reason (episodes ending in the year with a reason): CARPL 3 (C1 x2, C3), CHILD 2 (C1, C8);
 * C6's STAND ended 31 March 2024, last year.
 */
describe.each(testEngines())('stability indicators on %s', (engine) => {
  let database: Database;
  let r2024: Return;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const db = database.db;
    await syncCatalogue(db);
    await seedPlaces(db);

    r2024 = await addReturn(db, { kind: 'ssda903', council: '886', year: 2024 });
    await episodes(db, r2024, [
      ['C13', '2021-06-01', 'S', 'C2', 'U2', '2024-02-01'],
      ['C13', '2024-02-01', 'L', 'C2', 'U2', null],
    ]);
    await headers(db, r2024, [['C13', '2016-01-01']]);

    const r = await addReturn(db, { kind: 'ssda903', council: '886', year: 2025 });
    await episodes(db, r, [
      ['C1', '2023-06-01', 'S', 'C2', 'U1', '2024-05-01', 'CARPL'],
      ['C1', '2024-05-01', 'P', 'C2', 'U4', '2024-08-01', 'CHILD'],
      ['C1', '2024-08-01', 'B', 'C2', 'U4', '2024-10-01', 'CARPL'],
      ['C1', '2024-10-01', 'T', 'C2', 'U6', null],
      ['C2', '2022-01-10', 'S', 'C2', 'U3', '2024-06-01'],
      ['C2', '2024-06-01', 'U', 'E1', 'A4', '2024-09-01'],
      ['C2', '2024-09-01', 'B', 'E1', 'A5', null],
      ['C3', '2024-04-15', 'S', 'C2', 'U1', '2024-07-01', 'CARPL'],
      ['C3', '2024-07-01', 'P', 'C2', 'T1', '2024-07-15'],
      ['C3', '2024-07-15', 'P', 'C2', 'U1', null],
      ['C4', '2024-05-01', 'S', 'C2', 'U1', '2024-09-01'],
      ['C4', '2024-09-01', 'P', 'C2', 'U2', '2024-12-01'],
      ['C4', '2024-12-01', 'P', 'C2', 'U3', '2025-03-31'],
      ['C5', '2024-05-01', 'S', 'V3', 'K1', '2024-05-03'],
      ['C5', '2024-06-01', 'S', 'V3', 'K1', '2024-06-03'],
      ['C5', '2025-03-28', 'S', 'V4', 'K1', null],
      ['C6', '2022-02-01', 'S', 'C2', 'U5', '2024-03-31', 'STAND'],
      ['C6', '2024-03-31', 'P', 'C2', 'U1', '2024-06-01'],
      ['C6', '2024-06-01', 'P', 'C2', 'U2', null],
      ['C7', '2020-05-01', 'S', 'C1', 'U1', '2022-10-01'],
      ['C7', '2022-10-01', 'L', 'C2', 'U1', null],
      ['C8', '2024-04-10', 'S', 'C2', 'U1', '2024-05-10'],
      ['C8', '2024-08-01', 'S', 'C2', 'U2', '2024-09-01', 'CHILD'],
      ['C8', '2024-09-01', 'P', 'C2', 'U3', null],
      ['C9', '2022-09-30', 'S', 'C2', 'U1', '2023-03-31'],
      ['C9', '2023-03-31', 'P', 'C2', 'U2', '2024-02-01'],
      ['C9', '2024-02-01', 'L', 'C2', 'U2', null],
      ['C10', '2022-10-01', 'S', 'C2', 'U1', null],
      ['C11', '2021-01-01', 'S', 'C2', 'U1', '2023-04-01'],
      ['C11', '2023-04-01', 'P', 'C2', 'U3', null],
      ['C12', '2019-01-01', 'S', 'C2', 'U1', '2022-12-01'],
      ['C12', '2023-01-15', 'S', 'C2', 'U1', null],
      // the 2025 return holds only the episode open in the year; the rest is in the 2024 return
      ['C13', '2024-02-01', 'L', 'C2', 'U2', null],
      ['C14', '2015-01-01', 'S', 'C2', 'U1', null],
      ['C15', '2024-04-20', 'S', 'C2', 'U1', '2024-07-01'],
      ['C15', '2024-07-01', 'P', 'C2', 'U2', '2024-10-01'],
      ['C15', '2024-10-01', 'B', 'C2', 'U3', null],
      ['C16', '2024-05-20', 'S', 'C2', 'U1', '2024-08-01'],
      ['C16', '2024-08-01', 'T', 'C2', 'U2', '2024-11-01'],
      ['C16', '2024-11-01', 'U', 'C2', 'U3', null],
      ['C17', '2023-01-01', 'S', 'C2', 'U1', '2024-06-01'],
      ['C17', '2024-06-01', 'P', 'C2', 'U2', '2024-06-01'],
      ['C17', '2024-06-01', 'P', 'C2', 'U3', null],
    ]);
    await headers(db, r, [
      ['C1', '2012-01-01'],
      ['C2', '2010-03-31'],
      ['C3', '2013-03-03'],
      ['C4', '2011-01-01'],
      ['C5', '2015-01-01'],
      ['C6', '2014-02-02'],
      ['C7', '2009-04-01'],
      ['C8', '2012-12-12'],
      ['C9', '2015-06-01'],
      ['C10', '2014-01-01'],
      ['C11', '2013-05-05'],
      ['C12', '2012-02-02'],
      ['C13', '2016-01-01'],
      ['C14', '2009-03-31'],
      ['C15', '2012-06-06'],
      ['C16', '2012-07-07'],
      ['C17', '2013-08-08'],
    ]);
    await socialWorkers(db, r, [
      ['C1', 'SW1', '2023-01-01', '2024-04-01'], // ended on 1 April: held the case in the year
      ['C1', 'SW2', '2024-04-01', '2024-12-01'],
      ['C1', 'SW3', '2024-12-01', null],
      ['C2', 'SWa', '2022-01-01', '2024-03-31'], // ended before the year
      ['C2', 'SWb', '2024-03-31', '2024-09-01'],
      ['C2', 'SWc', '2024-09-01', '2025-01-01'],
      ['C2', 'SWb', '2025-01-01', null], // the same worker again counts once
      ['C3', 'SWd', '2024-04-15', '2024-06-01'],
      ['C3', 'SWe', '2024-06-01', '2024-09-01'],
      ['C3', 'SWf', '2024-09-01', '2024-12-01'],
      ['C3', 'SWg', '2024-12-01', null],
      ['C4', 'SWh', '2024-05-01', '2024-07-01'], // C4 is not looked after at 31 March
      ['C4', 'SWi', '2024-07-01', '2024-09-01'],
      ['C4', 'SWj', '2024-09-01', '2025-03-31'],
      ['C5', 'SWs1', '2024-05-01', '2024-06-01'], // C5 has short breaks only: outside the 31 March cohort
      ['C5', 'SWs2', '2024-06-01', '2024-09-01'],
      ['C5', 'SWs3', '2024-09-01', null],
      ['C8', 'SWx', '2024-04-10', '2024-05-10'],
      ['C8', 'SWy', '2024-08-01', '2024-10-01'],
      ['C8', 'SWz', '2024-10-01', null],
    ]);
    await recomputeIndicators(db, { kind: 'ssda903', councilCode: '886', collectionYear: 2025 });
    await recomputeIndicators(db, { kind: 'ssda903', councilCode: '886', collectionYear: 2024 });
  });
  afterAll(() => database?.close());

  it('counts 3+ placements: carer changes only, no temporary placements, cohort at 31 March without short breaks', async () => {
    const v = await computedValue(database.db, 'placements_3plus', 'council', '886', 2025);
    expect(nds(v)).toEqual({ numerator: 2, denominator: 15, value: 13.333333, symbol: null });
  });

  it('counts distinct social workers whose episodes overlap the year', async () => {
    const v = await computedValue(database.db, 'social_workers_3plus', 'council', '886', 2025);
    expect(nds(v)).toEqual({ numerator: 3, denominator: 15, value: 20, symbol: null });
  });

  it('writes no social worker figure for a return without social worker episodes', async () => {
    expect(await computedValue(database.db, 'social_workers_3plus', 'council', '886', 2024)).toBeUndefined();
    // C13 at 31 March 2024, one placement
    expect(nds(await computedValue(database.db, 'placements_3plus', 'council', '886', 2024))).toEqual({
      numerator: 0,
      denominator: 1,
      value: 0,
      symbol: null,
    });
  });

  it('measures long-term stability from episode chains, using earlier returns for history', async () => {
    const v = await computedValue(database.db, 'long_term_stability', 'council', '886', 2025);
    expect(nds(v)).toEqual({ numerator: 4, denominator: 6, value: 66.666667, symbol: null });
  });

  it('groups placement moves in the year by reason', async () => {
    const council = await placementMovesByReason(database.db, { kind: 'council', id: '886' }, 2025);
    expect(council).toEqual([
      { reason: 'CARPL', moves: 3 },
      { reason: 'CHILD', moves: 2 },
    ]);
    expect(await placementMovesByReason(database.db, { kind: 'region', id: 'E12000008' }, 2025)).toEqual(council);
    expect(await placementMovesByReason(database.db, { kind: 'england', id: 'E92000001' }, 2025)).toEqual(council);
    expect(await placementMovesByReason(database.db, { kind: 'council', id: '341' }, 2025)).toEqual([]);
  });

  it('refreshes the next years when an earlier return changes their history', async () => {
    // The 2024 return is replaced by one without C13's 2021 episode: in 2025 C13 has been looked
    // after only since 2024-02-01, so leaves the long-term cohort: 3 / 5 = 60%.
    const next = await replaceReturn(database.db, r2024, 'ssda903', 2024);
    await episodes(database.db, next, [['C13', '2024-02-01', 'L', 'C2', 'U2', null]]);
    await headers(database.db, next, [['C13', '2016-01-01']]);
    await recomputeIndicators(database.db, { kind: 'ssda903', councilCode: '886', collectionYear: 2024 });
    const v = await computedValue(database.db, 'long_term_stability', 'council', '886', 2025);
    expect(nds(v)).toEqual({ numerator: 3, denominator: 5, value: 60, symbol: null });
  });
});
