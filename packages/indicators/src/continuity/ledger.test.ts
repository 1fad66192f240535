import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import { eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import {
  cla903SwEpisodes,
  cswwWorkers,
  hashStoredRegistrations,
  submissions,
  type Database,
  type Db,
} from '@continuity/db';
import { syncCatalogue } from '../sync';
import { recomputeIndicators } from '../compute/recompute';
import { addReturn, computedValue, episodes, nds, seedPlaces, stored, type Return } from '../compute/testkit';
import { YEAR_ON_YEAR_RULE } from './recompute';
import { changesByReason, ledgerCoverage, medianDays, survivalAt, survivalCurve, type SurvivalPoint } from './read';

/*
 * Kent's (886) 903 return for the year to 31 March 2025 (1 April 2024 .. 31 March 2025), its census
 * returns for 30 September 2024 and 2025, a practice's (P1) returns to Kent, Liverpool's census, and
 * Kent's 2024 903 return (for the year-on-year check). Worked by hand:
 *
 * child  care                     social worker relationships (start -> end, SW_REASON of the next)   changes
 * A      all year                 W1 2023-06-01 -> 2024-09-01; W2 (LEFTRL)                           W1 left the council 2024-08-25: left
 * B      all year                 W3 (agency) 2024-04-01 -> 2024-10-01; W4 (MANAGE) -> 2025-01-15;    W3 agency ended 2024-09-30: agency_ended;
 *                                 W5 (ORGRST, agency, not in Kent's census; Liverpool has it)         W4 still in post: stayed
 * C      2024-05-01 -> 2024-12-31 W6 (FCONTA) 2024-05-01 -> 2025-02-01; W7                           none: the change came after care ended
 * D      all year                 "XX" 2024-03-01 -> 2024-07-01; W8 typed "SW886000008X" (TSPROC)      previous worker unknown: unmatched
 * E      all year                 W9 2022-01-01 -> 2025-02-10; W10 (MANAGE)                          W9 left 2024-05-31 and re-joined 2024-11-01:
 *                                                                                                   255 days before the change, so stayed
 * F      all year                 W9 2024-04-10 -> 2024-06-15; W11 (LEFTRL)                          W9 left 2024-05-31 (15 days before): left
 * G      V4 short breaks only     W1 ...                                                              out of the cohort
 * H      all year                 W4 2024-04-01 -> 2024-08-01, W4 again (ABSENC) -> open             none: the same worker is one relationship
 *
 * sw_no_change: at 31 March A B D E F H; no change: H -> 1/6.
 * sw_changes_per_child_year: 6 changes / (6 x 365 + C's 244 days) / 365 child-years = 2190/2434.
 * sw_changes_turnover: left A, F + agency_ended B = 3 / matched 3 + stayed (B, E) 2 = 3/5 (D unmatched, out).
 * sw_id_unmatched: 15 episodes of A-F and H; unmatched "XX", the typo, W5 = 3/15.
 * Survival spells (entry, exit, event) in days: A (305, 458, E) (0, 211, C); B (0, 183, E) (0, 106, E)
 * (0, 75, C); C (0, 244, C) [W7 starts after care ended: dropped]; D (31, 122, E) (0, 273, C);
 * E (821, 1136, E) (0, 49, C); F (0, 66, E) (0, 289, C); H (0, 364, C).
 * KM: day 66 n=10 (11 entered, 1 out at 49) S=0.9; 106 n=8 S=0.7875; 122 n=7 S=0.675; 183 n=6 S=0.5625;
 * 458 n=1 (A's W1, entered at 305) S=0; 1136 n=1 S=0. Median 458 days. S(182)=0.675, Greenwood
 * var = 0.675^2 x (1/90 + 1/56 + 1/42), band 0.3711 .. 0.9789; S(365)=0.5625, band 0.2390 .. 0.8860.
 * Year on year: 2024 open episodes A W1 2023-06-01 (matches), D "XX" 2024-03-01 (matches "XX"),
 * E W9 2021-12-01 (this year's starts 2022-01-01: SW16b) -> 1/3; Z is not in this year's return.
 * Practice P1: child Q, W12 2024-04-01 -> 2024-12-01, W13 (LEFTRL); W12 left 2024-11-20 (P1's census): 0/1 kept, 1/1 turnover.
 */
const sw = (n: number) => `SW886${String(n).padStart(7, '0')}`;

/*
 * Two ways the rows get stored, with the same figures: as the import stores them (registration
 * numbers keyed-hashed, see @continuity/db registration.ts), and as they were stored before that
 * (raw, as written in the files), then hashed by the start-up data migration (hashStoredRegistrations).
 */
type Storage = 'hashed at import' | 'raw, then migrated';
let storage: Storage = 'hashed at import';
const keep = (r: Return, raw: string) => (storage === 'hashed at import' ? stored(r, raw) : raw);

async function swRows(db: Db, r: Return, rows: Array<[string, string, string | null, string | null, string | null]>) {
  await db.insert(cla903SwEpisodes).values(
    rows.map(([child, swId, swDecom, swDec, swReason]) => ({
      submissionId: r.id,
      councilCode: r.councilCode,
      practiceId: r.practiceId,
      child,
      swId: keep(r, swId),
      swDecom,
      swDec,
      swReason,
    })),
  );
}

async function census(db: Db, r: Return, rows: Array<[string, boolean, string | null, string | null]>) {
  await db.insert(cswwWorkers).values(
    rows.map(([sweNo, agencyWorker, roleStartDate, roleEndDate]) => ({
      submissionId: r.id,
      councilCode: r.councilCode,
      practiceId: r.practiceId,
      sweNo: keep(r, sweNo),
      agencyWorker,
      roleStartDate,
      roleEndDate,
      reasonLeave: roleEndDate ? 'RES' : null,
    })),
  );
}

const cases = testEngines().flatMap((engine) =>
  (['hashed at import', 'raw, then migrated'] as const).map((how) => [engine, how] as const),
);

describe.each(cases)('continuity ledger on %s, registration numbers %s', (engine, how) => {
  let database: Database;

  beforeAll(async () => {
    storage = how;
    database = await openTestDatabase(engine);
    const db = database.db;
    await syncCatalogue(db);
    await seedPlaces(db);

    const last = await addReturn(db, { kind: 'ssda903', council: '886', year: 2024 });
    await swRows(db, last, [
      ['A', sw(1), '2023-06-01', null, 'FCONTA'],
      ['D', 'XX', '2024-03-01', null, 'FCONTA'],
      ['E', sw(9), '2021-12-01', null, 'FCONTA'],
      ['Z', sw(2), '2023-01-01', null, 'FCONTA'],
    ]);

    const r = await addReturn(db, { kind: 'ssda903', council: '886', year: 2025 });
    await episodes(db, r, [
      ['A', '2023-01-01', 'S', 'C2', 'U1', null],
      ['B', '2023-01-01', 'S', 'C2', 'U1', null],
      ['C', '2024-05-01', 'S', 'C2', 'U1', '2024-12-31'],
      ['D', '2023-01-01', 'S', 'C2', 'U1', null],
      ['E', '2021-01-01', 'S', 'C2', 'U1', null],
      ['F', '2023-01-01', 'S', 'C2', 'U1', null],
      ['G', '2024-05-01', 'S', 'V4', 'K1', '2024-05-03'],
      ['G', '2025-03-28', 'S', 'V4', 'K1', null],
      ['H', '2023-01-01', 'S', 'C2', 'U1', null],
    ]);
    await swRows(db, r, [
      ['A', sw(1), '2023-06-01', '2024-09-01', 'FCONTA'],
      ['A', sw(2), '2024-09-01', null, 'LEFTRL'],
      ['B', sw(3), '2024-04-01', '2024-10-01', 'FCONTA'],
      ['B', sw(4), '2024-10-01', '2025-01-15', 'MANAGE'],
      ['B', sw(5), '2025-01-15', null, 'ORGRST'],
      ['C', sw(6), '2024-05-01', '2025-02-01', 'FCONTA'],
      ['C', sw(7), '2025-02-01', null, 'MANAGE'],
      ['D', 'XX', '2024-03-01', '2024-07-01', 'FCONTA'],
      ['D', 'SW886000008X', '2024-07-01', null, 'TSPROC'],
      ['E', sw(9), '2022-01-01', '2025-02-10', 'FCONTA'],
      ['E', sw(10), '2025-02-10', null, 'MANAGE'],
      ['F', sw(9), '2024-04-10', '2024-06-15', 'FCONTA'],
      ['F', ` ${sw(11).toLowerCase()}`, '2024-06-15', null, 'LEFTRL'],
      ['G', sw(1), '2024-05-01', null, 'FCONTA'],
      ['H', sw(4), '2024-04-01', '2024-08-01', 'FCONTA'],
      ['H', sw(4), '2024-08-01', null, 'ABSENC'],
    ]);

    const p = await addReturn(db, { kind: 'ssda903', council: '886', year: 2025, practice: 'P1' });
    await episodes(db, p, [['Q', '2023-01-01', 'S', 'C2', 'U1', null]]);
    await swRows(db, p, [
      ['Q', sw(12), '2024-04-01', '2024-12-01', 'FCONTA'],
      ['Q', sw(13), '2024-12-01', null, 'LEFTRL'],
    ]);

    // 903 first, census later: the census recompute must refresh the ledger
    await recomputeIndicators(db, { kind: 'ssda903', councilCode: '886', collectionYear: 2024 });
    await recomputeIndicators(db, { kind: 'ssda903', councilCode: '886', collectionYear: 2025 });

    const c2024 = await addReturn(db, { kind: 'csww', council: '886', year: 2024 });
    await census(db, c2024, [
      [sw(1), false, '2019-01-01', '2024-08-25'],
      [sw(2), false, '2020-01-01', null],
      [sw(3), true, '2024-01-01', '2024-09-30'],
      [sw(4), false, '2018-01-01', null],
      [sw(6), false, '2018-01-01', null],
      [sw(7), false, '2018-01-01', null],
      [sw(9), false, '2020-01-01', '2024-05-31'],
      [sw(11), false, '2020-01-01', null],
    ]);
    const c2025 = await addReturn(db, { kind: 'csww', council: '886', year: 2025 });
    await census(db, c2025, [
      [sw(2), false, '2020-01-01', null],
      [sw(4), false, '2018-01-01', null],
      [sw(9), false, '2024-11-01', null],
      [sw(10), false, '2024-01-01', null],
    ]);
    const pc = await addReturn(db, { kind: 'csww', council: '886', year: 2025, practice: 'P1' });
    await census(db, pc, [
      [sw(12), false, '2022-01-01', '2024-11-20'],
      [sw(13), false, '2024-11-01', null],
    ]);
    // another council's census: Kent's children's workers are never looked up in it
    const liverpool = await addReturn(db, { kind: 'csww', council: '341', year: 2025 });
    await census(db, liverpool, [
      [sw(5), true, '2024-01-01', null],
      ['SW886000008X', false, '2020-01-01', null],
    ]);

    await recomputeIndicators(db, { kind: 'csww', councilCode: '886', collectionYear: 2024 });
    await recomputeIndicators(db, { kind: 'csww', councilCode: '886', collectionYear: 2025 });
    await recomputeIndicators(db, { kind: 'csww', councilCode: '341', collectionYear: 2025 });

    if (how === 'raw, then migrated') {
      // The data migration a gateway runs at start, then the figures recomputed from the hashed rows.
      const rewritten = await hashStoredRegistrations(database, TEST_REGISTRATION_SECRET);
      // 20 episodes (2 "XX" left as they are), 16 census records
      expect(rewritten).toEqual({ cla903_sw_episodes: 20, csww_workers: 16 });
      expect(await hashStoredRegistrations(database, TEST_REGISTRATION_SECRET)).toEqual({
        cla903_sw_episodes: 0,
        csww_workers: 0,
      });
      for (const year of [2024, 2025])
        await recomputeIndicators(db, { kind: 'ssda903', councilCode: '886', collectionYear: year });
      for (const [council, year] of [
        ['886', 2024],
        ['886', 2025],
        ['341', 2025],
      ] as const) {
        await recomputeIndicators(db, { kind: 'csww', councilCode: council, collectionYear: year });
      }
    }
  });

  it('stores no registration number as written, in any table', async () => {
    const tables = await database.rows<{ name: string }>(sql`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const found: string[] = [];
    for (const { name } of tables) {
      // every column of every row, as text: the fixture's numbers all begin SW886 (some typed in lower case)
      const [hit] = await database.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)} t WHERE t::text ILIKE '%sw886%'`,
      );
      if (hit!.n > 0) found.push(`${name}: ${hit!.n}`);
    }
    expect(found).toEqual([]);
    const values = await database.rows<{ v: string }>(
      sql`SELECT sw_id AS v FROM cla903_sw_episodes UNION SELECT swe_no FROM csww_workers`,
    );
    expect(values.map((r) => r.v).filter((v) => v !== 'XX' && !/^rn1:[0-9A-Z]{26}$/.test(v))).toEqual([]);
  });

  afterAll(async () => {
    await database?.close();
  });

  const value = (id: string, kind: 'england' | 'region' | 'council' | 'practice', subject: string, year = 2025) =>
    computedValue(database.db, id, kind, subject, year).then(nds);

  it('counts the children who kept their worker, and changes per child-year looked after', async () => {
    expect(await value('sw_no_change', 'council', '886')).toEqual({
      numerator: 1,
      denominator: 6,
      value: 16.666667,
      symbol: null,
    });
    const rate = await value('sw_changes_per_child_year', 'council', '886');
    expect(rate?.numerator).toBe(6);
    expect(rate?.denominator).toBeCloseTo(2434 / 365, 9);
    expect(rate?.value).toBeCloseTo(2190 / 2434, 6);
  });

  it('attributes changes to turnover through the census join, within the council only', async () => {
    expect(await value('sw_changes_turnover', 'council', '886')).toEqual({
      numerator: 3,
      denominator: 5,
      value: 60,
      symbol: null,
    });
    expect(await value('sw_id_unmatched', 'council', '886')).toEqual({
      numerator: 3,
      denominator: 15,
      value: 20,
      symbol: null,
    });
    expect(await changesByReason(database.db, { kind: 'council', id: '886' }, 2025, 2025)).toEqual([
      { period: 2025, reason: 'LEFTRL', outcome: 'left', changes: 2 },
      { period: 2025, reason: 'MANAGE', outcome: 'agency_ended', changes: 1 },
      { period: 2025, reason: 'MANAGE', outcome: 'stayed', changes: 1 },
      { period: 2025, reason: 'ORGRST', outcome: 'stayed', changes: 1 },
      { period: 2025, reason: 'TSPROC', outcome: 'unmatched', changes: 1 },
    ]);
  });

  it('gives practices their own ledger, matched against their own census', async () => {
    expect(await value('sw_no_change', 'practice', 'P1')).toEqual({
      numerator: 0,
      denominator: 1,
      value: 0,
      symbol: null,
    });
    expect(await value('sw_changes_turnover', 'practice', 'P1')).toEqual({
      numerator: 1,
      denominator: 1,
      value: 100,
      symbol: null,
    });
  });

  it('pools England and regions from council rows, with coverage', async () => {
    expect(await value('sw_changes_turnover', 'england', 'E92000001')).toEqual({
      numerator: 3,
      denominator: 5,
      value: 60,
      symbol: null,
    });
    expect(await ledgerCoverage(database.db, { kind: 'england', id: 'E92000001' }, 2025, 2025)).toEqual([
      { period: 2025, councils: 1 },
    ]);
  });

  it('estimates how long relationships last (Kaplan-Meier with delayed entry and censoring)', async () => {
    const curve = await survivalCurve(database.db, { kind: 'council', id: '886' }, 2025, 2025);
    const events = curve.filter((p) => p.events > 0).map((p) => [p.day, p.atRisk, p.events, round(p.survival)]);
    expect(events).toEqual([
      [66, 10, 1, 0.9],
      [106, 8, 1, 0.7875],
      [122, 7, 1, 0.675],
      [183, 6, 1, 0.5625],
      [458, 1, 1, 0],
      [1136, 1, 1, 0],
    ]);
    expect(curve.filter((p) => p.censored > 0).map((p) => p.day)).toEqual([49, 75, 211, 244, 273, 289, 364]);
    expect(medianDays(curve)).toBe(458);
    const six = survivalAt(curve, 182) as SurvivalPoint;
    expect([round(six.survival), round(six.lower), round(six.upper)]).toEqual([0.675, 0.371067, 0.978933]);
    const year = survivalAt(curve, 365) as SurvivalPoint;
    expect([round(year.survival), round(year.lower), round(year.upper)]).toEqual([0.5625, 0.238981, 0.886019]);
  });

  it("reconciles this year's first episode with last year's open one (SW16)", async () => {
    expect(await value('sw_year_on_year_mismatch', 'council', '886')).toEqual({
      numerator: 1,
      denominator: 3,
      value: 33.333333,
      symbol: null,
    });
    // and as a warning on the later return, once however often it is recomputed
    await recomputeIndicators(database.db, { kind: 'ssda903', councilCode: '886', collectionYear: 2025 });
    const rows = await database.db
      .select({ year: submissions.collectionYear, practice: submissions.practiceId, warnings: submissions.warnings })
      .from(submissions)
      .where(eq(submissions.kind, 'ssda903'));
    const warned = rows.map((r) => [
      r.year,
      r.practice,
      (r.warnings as { rule: string; message: string }[])
        .filter((w) => w.rule === YEAR_ON_YEAR_RULE)
        .map((w) => w.message.slice(0, 14)),
    ]);
    expect(warned.sort()).toEqual(
      [
        [2024, null, []],
        [2025, 'P1', []],
        [2025, null, ['1 of 3 childre']],
      ].sort(),
    );
  });
});

const round = (n: number) => Math.round(n * 1e6) / 1e6;
