import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  councils,
  indicatorValues,
  pilotCouncils,
  practiceCouncils,
  practices,
  regions,
  statisticalNeighbours,
  type Database,
} from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { loadAll, type LoadSummary } from './load-all';

const pseudonymSecret = 'test-pseudonym-secret-0123456789';

// Figures below were read by hand from the CSVs in data/ (row and column named beside each).
describe.each(testEngines())('loadAll on %s', (engine) => {
  let database: Database;
  let first: LoadSummary;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    first = await loadAll(database.db, { pseudonymSecret });
  });
  afterAll(() => database?.close());

  async function value(indicatorId: string, subjectId: string, period: number) {
    const rows = await database.db
      .select({
        subjectKind: indicatorValues.subjectKind,
        source: indicatorValues.source,
        numerator: indicatorValues.numerator,
        denominator: indicatorValues.denominator,
        value: indicatorValues.value,
        symbol: indicatorValues.symbol,
        numeratorSymbol: indicatorValues.numeratorSymbol,
        denominatorSymbol: indicatorValues.denominatorSymbol,
      })
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.indicatorId, indicatorId),
          eq(indicatorValues.subjectId, subjectId),
          eq(indicatorValues.period, period),
        ),
      );
    expect(rows, `${indicatorId} ${subjectId} ${period}`).toHaveLength(1);
    return rows[0]!;
  }

  describe('reference data', () => {
    it('loads every council in the lookup, London councils in the London region', async () => {
      const all = await database.db.select().from(councils);
      expect(all.length).toBeGreaterThanOrEqual(153);
      expect(all.length).toBe(first.councils);
      expect(all.find((c) => c.code === '886')).toEqual({
        code: '886',
        onsCode: 'E10000016',
        name: 'Kent',
        regionCode: 'E12000008',
        firstPeriod: 2017,
        lastPeriod: 2025,
      });
      // Hillingdon: lookup region E13000002 Outer London.
      expect(all.find((c) => c.code === '312')?.regionCode).toBe('E12000007');
      // Reorganised councils are there too: Northamptonshire (928), Poole (836), Cumberland (942).
      expect(all.find((c) => c.code === '836')).toMatchObject({ name: 'Poole', lastPeriod: 2023 });
      expect(all.map((c) => c.code)).toEqual(expect.arrayContaining(['928', '942', '943', '940', '941']));
      const regionRows = await database.db.select().from(regions).orderBy(asc(regions.code));
      expect(regionRows.map((r) => r.code)).toEqual([
        ...['E12000001', 'E12000002', 'E12000003', 'E12000004', 'E12000005', 'E12000006', 'E12000007'],
        ...['E12000008', 'E12000009', 'E13000001', 'E13000002'],
      ]);
    });

    it('gives Kent its ten 2025 statistical neighbours in order', async () => {
      const rows = await database.db
        .select()
        .from(statisticalNeighbours)
        .where(and(eq(statisticalNeighbours.councilCode, '886'), eq(statisticalNeighbours.model, '2025')))
        .orderBy(asc(statisticalNeighbours.position));
      // sn_model_2025_wide.csv, row 886: SN_1..SN_10, all "Very close".
      expect(rows.map((r) => r.neighbourCode)).toEqual([
        '881',
        '845',
        '878',
        '303',
        '935',
        '926',
        '891',
        '938',
        '822',
        '933',
      ]);
      expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(new Set(rows.map((r) => r.closeness))).toEqual(new Set(['Very close']));
      const [{ count }] = (await database.rows<{ count: number }>(
        sql`select count(*)::int as count from statistical_neighbours where model = '2025'`,
      )) as [{ count: number }];
      expect(count).toBe(153 * 10);
    });

    it('records the pilot councils by wave, Sandwell withdrawn in July 2010', async () => {
      const rows = await database.db.select().from(pilotCouncils).orderBy(asc(pilotCouncils.councilCode));
      expect(rows.filter((r) => r.wave === 1).map((r) => r.councilCode)).toEqual([
        '312',
        '333',
        '341',
        '860',
        '886',
        '889',
      ]);
      expect(rows.filter((r) => r.wave === 2).map((r) => r.councilCode)).toEqual([
        ...['331', '384', '392', '393', '801', '874', '929', '937'],
      ]);
      expect(rows.find((r) => r.councilCode === '333')).toMatchObject({
        withdrew: '2010-07-01',
        note: 'withdrew July 2010',
      });
      expect(rows.filter((r) => r.withdrew !== null)).toHaveLength(1);
    });

    it('records the pilot practices with their councils, wave and dates', async () => {
      const rows = await database.db.select().from(practices).orderBy(asc(practices.id));
      expect(rows).toHaveLength(13);
      expect(rows.find((p) => p.id === 'swp-kent')).toMatchObject({
        name: 'Kent social work practice',
        model: null,
        wave: 1,
        started: '2009-12-01',
        ended: null,
      });
      expect(rows.find((p) => p.id === 'swp-sandwell')).toMatchObject({ started: '2009-12-01', ended: '2010-07-01' });
      expect(rows.find((p) => p.id === 'swp-peterborough-b')).toMatchObject({ wave: 2, started: '2011-09-01' });
      expect(rows.every((p) => /^Practice [0-9A-Z]{6,}$/.test(p.pseudonym))).toBe(true);
      expect(new Set(rows.map((p) => p.pseudonym)).size).toBe(rows.length);
      const links = await database.db.select().from(practiceCouncils);
      const councilsOf = (id: string) =>
        links
          .filter((l) => l.practiceId === id)
          .map((l) => l.councilCode)
          .sort();
      expect(councilsOf('swp-north-tyneside-northumberland')).toEqual(['392', '929']);
      expect(councilsOf('swp-warwickshire-coventry')).toEqual(['331', '937']);
      expect(links.filter((l) => l.councilCode === '874')).toHaveLength(2);
    });
  });

  describe('published values', () => {
    it('loads Kent 2025 % with 3+ placements as printed', async () => {
      // la_cla_placement_stability.csv, 2025, 886, "CLA on 31 March": 221 of 1896 = 12%.
      expect(await value('placements_3plus', '886', 2025)).toEqual({
        subjectKind: 'council',
        source: 'published',
        numerator: 221,
        denominator: 1896,
        value: 12,
        symbol: null,
        numeratorSymbol: null,
        denominatorSymbol: null,
      });
      // Same group, 2019, from the 2019-2023 file ("number", "percentage"): 167 of 1588 = 11%.
      expect(await value('placements_3plus', '886', 2019)).toMatchObject({
        numerator: 167,
        denominator: 1588,
        value: 11,
      });
    });

    it('takes overlapping years from the newer stability file', async () => {
      // 2023 England: newer file 8850 / 83750 = 11; the 2019-2023 file had 8630 / 83840 = 10.
      expect(await value('placements_3plus', 'E92000001', 2023)).toMatchObject({
        subjectKind: 'england',
        numerator: 8850,
        denominator: 83750,
        value: 11,
      });
    });

    it('loads regional rows, including Inner London', async () => {
      // South East (E12000008) 2025 "CLA on 31 March": 1330 of 11050 = 12%.
      expect(await value('placements_3plus', 'E12000008', 2025)).toMatchObject({
        subjectKind: 'region',
        numerator: 1330,
        denominator: 11050,
        value: 12,
      });
      // csww_indicators 2025 Inner London (E13000001): leavers 331.6, in post 2844.5, turnover 11.7.
      expect(await value('workforce_turnover', 'E13000001', 2025)).toMatchObject({
        subjectKind: 'region',
        numerator: 331.6,
        denominator: 2844.5,
        value: 11.7,
      });
    });

    it('loads England 2025 workforce figures with the FTE numerators and denominators', async () => {
      expect(await value('workforce_turnover', 'E92000001', 2025)).toMatchObject({
        numerator: 4276.3,
        denominator: 36186.3,
        value: 11.8,
      });
      // agency 5415.9 / (5415.9 + 36186.3); vacancy 5965.4 / (5965.4 + 36186.3); cases / case holders.
      expect(await value('workforce_agency_rate', 'E92000001', 2025)).toMatchObject({
        numerator: 5415.9,
        denominator: 41602.2,
        value: 13,
      });
      expect(await value('workforce_vacancy_rate', 'E92000001', 2025)).toMatchObject({
        numerator: 5965.4,
        denominator: 42151.7,
        value: 14.2,
      });
      expect(await value('workforce_caseload', 'E92000001', 2025)).toMatchObject({
        numerator: 321661,
        denominator: 21105.4,
        value: 15.2,
      });
      // 322786.3 days / (36186.3 x 253 = 9155133.9) = 3.53% -> printed 3.5.
      expect(await value('workforce_absence_rate', 'E92000001', 2025)).toMatchObject({
        numerator: 322786.3,
        denominator: 9155133.9,
        value: 3.5,
      });
    });

    it('loads the 2017 workforce census', async () => {
      // csww_indicators 2017 Kent: leavers 59.4, in post 675.6, turnover 8.8; days lost 2463, absence 1.4.
      expect(await value('workforce_turnover', '886', 2017)).toMatchObject({
        numerator: 59.4,
        denominator: 675.6,
        value: 8.8,
      });
      expect(await value('workforce_absence_rate', '886', 2017)).toMatchObject({
        numerator: 2463,
        denominator: 170926.8,
        value: 1.4,
      });
      // England 2017: 3811.8 / 28482.6 = 13.4.
      expect(await value('workforce_turnover', 'E92000001', 2017)).toMatchObject({
        numerator: 3811.8,
        denominator: 28482.6,
        value: 13.4,
      });
    });

    it('dates academic years by the year they end', async () => {
      // ks2_la 202425 Kent, CLA 12 months: 14 of 51 eligible met RWM, 27%.
      expect(await value('ks2_rwm_expected', '886', 2025)).toMatchObject({ numerator: 14, denominator: 51, value: 27 });
      // absence_la 202425 Kent, CLA 12 months, Total: 15683 of 218276 sessions, 7.2%; 107 of 623 pupils PA, 17.2%.
      expect(await value('school_absence', '886', 2025)).toMatchObject({
        numerator: 15683,
        denominator: 218276,
        value: 7.2,
      });
      expect(await value('persistent_absence', '886', 2025)).toMatchObject({
        numerator: 107,
        denominator: 623,
        value: 17.2,
      });
      // 201819 -> 2019: 11241 of 249540 sessions, 4.5%.
      expect(await value('school_absence', '886', 2019)).toMatchObject({
        numerator: 11241,
        denominator: 249540,
        value: 4.5,
      });
      // ks4_la 202425 Kent: Attainment 8 total 2409.25 over 141 pupils, average 17.1.
      expect(await value('ks4_attainment8', '886', 2025)).toMatchObject({
        numerator: 2409.25,
        denominator: 141,
        value: 17.1,
      });
    });

    it('loads the SDQ average as printed, over the children with a score, without a numerator', async () => {
      // la_conviction_health_outcome_cla 2025 Kent: average 15.7; 722 scores received.
      expect(await value('sdq_average', '886', 2025)).toMatchObject({
        numerator: null,
        numeratorSymbol: null,
        denominator: 722,
        value: 15.7,
        symbol: null,
      });
    });

    it('keeps c, x, z, k, u and low as symbols, never as zero', async () => {
      // Rutland 2025 3+ placements: c, c; total children 32.
      expect(await value('placements_3plus', '857', 2025)).toMatchObject({
        value: null,
        symbol: 'c',
        numerator: null,
        numeratorSymbol: 'c',
        denominator: 32,
        denominatorSymbol: null,
      });
      // la_cla_swcount 2024 Barnet: x throughout.
      expect(await value('social_workers_3plus', '302', 2024)).toMatchObject({
        value: null,
        symbol: 'x',
        numeratorSymbol: 'x',
        denominatorSymbol: 'x',
      });
      // la_cla_swcount 2024 Isles of Scilly: z, z over a total of 0 (a real zero stays a number).
      expect(await value('social_workers_3plus', '420', 2024)).toMatchObject({
        value: null,
        symbol: 'z',
        numeratorSymbol: 'z',
        denominator: 0,
        denominatorSymbol: null,
      });
      // Birmingham 2025 substance misuse: 7 children of 1723, printed as k (rounds to 0%).
      expect(await value('substance_misuse', '330', 2025)).toMatchObject({
        value: null,
        symbol: 'k',
        numerator: 7,
        denominator: 1723,
      });
      // csww 2024 Sunderland: leavers u, turnover u, in post 227.4.
      expect(await value('workforce_turnover', '394', 2024)).toMatchObject({
        value: null,
        symbol: 'u',
        numeratorSymbol: 'u',
        denominator: 227.4,
      });
      // csww 2025 Sunderland: agency FTE low, agency rate low.
      expect(await value('workforce_agency_rate', '394', 2025)).toMatchObject({
        value: null,
        symbol: 'low',
        numeratorSymbol: 'low',
        denominatorSymbol: 'low',
      });
      const [{ zeros }] = (await database.rows<{ zeros: number }>(
        sql`select count(*)::int as zeros from indicator_values where symbol is not null and value is not null`,
      )) as [{ zeros: number }];
      expect(zeros).toBe(0);
    });

    it('gives a shared workforce service to its first council and z to the partner', async () => {
      // csww 2025 "314 / 318" Kingston / Richmond: turnover 28 on 137.4 FTE in post.
      expect(await value('workforce_turnover', '314', 2025)).toMatchObject({ value: 28, denominator: 137.4 });
      expect(await value('workforce_turnover', '318', 2025)).toMatchObject({ value: null, symbol: 'z' });
    });

    it('only names councils, regions and England that are in the reference tables', async () => {
      const orphans = await database.rows<{ subject_kind: string; subject_id: string }>(sql`
        select distinct subject_kind, subject_id from indicator_values v
        where (subject_kind = 'council' and not exists (select 1 from councils c where c.code = v.subject_id))
           or (subject_kind = 'region' and not exists (select 1 from regions r where r.code = v.subject_id))
           or (subject_kind = 'england' and subject_id <> 'E92000001')`);
      expect(orphans).toEqual([]);
    });

    it('reports what it loaded', async () => {
      expect(first.values).toBe(first.written);
      const byIndicator = first.byIndicator;
      expect(byIndicator.placements_3plus).toMatchObject({ firstPeriod: 2019, lastPeriod: 2025 });
      expect(byIndicator.workforce_turnover).toMatchObject({ firstPeriod: 2017, lastPeriod: 2025 });
      expect(byIndicator.ks2_rwm_expected).toMatchObject({ firstPeriod: 2019, lastPeriod: 2025 });
      expect(byIndicator.social_workers_3plus).toMatchObject({ firstPeriod: 2024, lastPeriod: 2024 });
      const total = Object.values(byIndicator).reduce((sum, i) => sum + i.values, 0);
      expect(total).toBe(first.values);
    });

    it('changes nothing when loaded again', async () => {
      const snapshot = () =>
        database.db
          .select()
          .from(indicatorValues)
          .orderBy(
            asc(indicatorValues.indicatorId),
            asc(indicatorValues.subjectKind),
            asc(indicatorValues.subjectId),
            asc(indicatorValues.period),
          );
      const before = await snapshot();
      const referenceBefore = await database.db.select().from(practices).orderBy(asc(practices.id));
      const again = await loadAll(database.db, { pseudonymSecret });
      const after = await snapshot();
      expect(before).toHaveLength(first.values);
      expect(again.values).toBe(first.values);
      expect(again.written).toBe(0);
      // Same rows, ids, figures and even loaded_at: nothing was rewritten.
      expect(after).toEqual(before);
      expect(await database.db.select().from(practices).orderBy(asc(practices.id))).toEqual(referenceBefore);
    });

    it('keeps pseudonyms under another secret, and replaces legacy unkeyed ones', async () => {
      await database.db.update(practices).set({ pseudonym: 'Practice P01' }).where(eq(practices.id, 'swp-kent'));
      await database.db
        .update(practices)
        .set({ pseudonym: 'Practice KEPT01' })
        .where(eq(practices.id, 'swp-hillingdon'));
      const before = new Map((await database.db.select().from(practices)).map((p) => [p.id, p.pseudonym]));
      await loadAll(database.db, { pseudonymSecret: 'a-rotated-secret-0123456789' });
      const after = new Map((await database.db.select().from(practices)).map((p) => [p.id, p.pseudonym]));
      expect(after.get('swp-hillingdon')).toBe('Practice KEPT01');
      expect(after.get('swp-kent')).toMatch(/^Practice [0-9A-Z]{6,}$/);
      for (const [id, pseudonym] of before) if (id !== 'swp-kent') expect(after.get(id), id).toBe(pseudonym);
    });
  });
});
