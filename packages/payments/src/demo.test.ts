import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Viewer } from '@continuity/access';
import {
  councils,
  indicatorValues,
  pilotCouncils,
  pilotWaves,
  practiceCouncils,
  practices,
  regions,
  statisticalNeighbours,
  type Database,
} from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { syncCatalogue } from '@continuity/indicators';
import { DEMO_CONTRACT_AUTHOR, demoContractTerms, seedDemoContracts } from './demo';
import { createContract, listContracts, listVersions, previewStatement, validateTerms } from './service';

const councilViewer = (code: string, userId = `council-${code}`): Viewer => ({
  userId,
  name: `Council ${code}`,
  role: 'council',
  organisation: { kind: 'council', id: code },
});
const practiceViewer = (id: string): Viewer => ({
  userId: `practice-${id}`,
  name: id,
  role: 'practice',
  organisation: { kind: 'practice', id },
});
const admin: Viewer = {
  userId: 'admin',
  name: 'Admin',
  role: 'admin',
  organisation: { kind: 'department', id: 'dfe' },
};

type Value = typeof indicatorValues.$inferInsert;
const published = (
  indicatorId: string,
  code: string,
  period: number,
  numerator: number,
  denominator: number,
): Value => ({
  indicatorId,
  subjectKind: 'council',
  subjectId: code,
  period,
  source: 'published',
  numerator,
  denominator,
  value: (numerator * 100) / denominator,
});
const computed = (
  indicatorId: string,
  practiceId: string,
  period: number,
  numerator: number,
  denominator: number,
): Value => ({
  indicatorId,
  subjectKind: 'practice',
  subjectId: practiceId,
  period,
  source: 'computed',
  numerator,
  denominator,
  value: (numerator * 100) / denominator,
});

/**
 * Pilot councils 201 (practices P1, P2) and 209 (P6, which already has a contract a council user made);
 * 202 withdrew (P3), P4 ended in 2010 (council 203), 204 is no pilot (P5): three demo pairs.
 * Published placements_3plus for 2022-2025 makes the demo years 2023-2025.
 *
 * P1's 2025 statement under the demo terms (fee 40,000,000p, pot 10,000,000p):
 * - placements_3plus: baseline 2023 20/200 = 10, target 9 (1 point better), floor 12; actual 21/200
 *   = 10.5: (10.5 - 12) / (9 - 12) = 0.5, partly met;
 * - social_workers_3plus: no neighbour has a 2025 figure: excluded, the pot reweighted over 3+2+1+2 = 8;
 * - health_assessments: 85 against 90, floor 80: 0.5, partly met;
 * - immunisations: neighbours 205-208 at 80, 84, 88, 92; quartile 2 = the median, 86; actual 90, met;
 * - long_term_stability: council 201's published 70; actual 65, all or nothing: not met.
 * Shares: 10,000,000 x 3/8 = 3,750,000, x 2/8 = 2,500,000, x 1/8 = 1,250,000, x 2/8 = 2,500,000.
 * Earned: 1,875,000 + 1,250,000 + 1,250,000 + 0 = 4,375,000; total 44,375,000.
 */
async function seed(database: Database) {
  const { db } = database;
  await syncCatalogue(db);
  await db.insert(regions).values({ code: 'R1', name: 'North' });
  const codes = ['201', '202', '203', '204', '205', '206', '207', '208', '209'];
  await db
    .insert(councils)
    .values(codes.map((code) => ({ code, onsCode: `E0${code}`, name: `Council ${code}`, regionCode: 'R1' })));
  await db.insert(pilotWaves).values({ wave: 1, name: 'First wave', startYear: 2009, description: 'test' });
  await db.insert(pilotCouncils).values([
    { wave: 1, councilCode: '201' },
    { wave: 1, councilCode: '202', withdrew: '2012-03-31' },
    { wave: 1, councilCode: '203' },
    { wave: 1, councilCode: '209' },
  ]);
  await db.insert(statisticalNeighbours).values(
    ['205', '206', '207', '208'].map((n, i) => ({
      councilCode: '201',
      neighbourCode: n,
      position: i + 1,
      model: '2025',
    })),
  );
  await db.insert(practices).values([
    { id: 'P1', name: 'Practice one', pseudonym: 'Practice A' },
    { id: 'P2', name: 'Practice two', pseudonym: 'Practice B' },
    { id: 'P3', name: 'Practice three', pseudonym: 'Practice C' },
    { id: 'P4', name: 'Practice four', pseudonym: 'Practice D', ended: '2010-07-01' },
    { id: 'P5', name: 'Practice five', pseudonym: 'Practice E' },
    { id: 'P6', name: 'Practice six', pseudonym: 'Practice F' },
  ]);
  await db.insert(practiceCouncils).values([
    { practiceId: 'P1', councilCode: '201' },
    { practiceId: 'P2', councilCode: '201' },
    { practiceId: 'P3', councilCode: '202' },
    { practiceId: 'P4', councilCode: '203' },
    { practiceId: 'P5', councilCode: '204' },
    { practiceId: 'P6', councilCode: '209' },
  ]);
  await db
    .insert(indicatorValues)
    .values([
      ...[2022, 2023, 2024, 2025].map((y) => published('placements_3plus', '201', y, 10, 100)),
      published('immunisations', '205', 2025, 80, 100),
      published('immunisations', '206', 2025, 84, 100),
      published('immunisations', '207', 2025, 88, 100),
      published('immunisations', '208', 2025, 92, 100),
      published('long_term_stability', '201', 2025, 70, 100),
      computed('placements_3plus', 'P1', 2023, 20, 200),
      computed('placements_3plus', 'P1', 2025, 21, 200),
      computed('social_workers_3plus', 'P1', 2025, 24, 100),
      computed('health_assessments', 'P1', 2025, 85, 100),
      computed('immunisations', 'P1', 2025, 90, 100),
      computed('long_term_stability', 'P1', 2025, 65, 100),
    ]);
}

const count = async (database: Database) =>
  (
    await database.rows<{ contracts: number; versions: number; statements: number }>(sql`
    SELECT (SELECT count(*)::int FROM contracts) AS contracts, (SELECT count(*)::int FROM contract_versions) AS versions,
      (SELECT count(*)::int FROM statements) AS statements`)
  )[0]!;

describe.each(testEngines())('seedDemoContracts on %s', (engine) => {
  let database: Database;
  let userContractId: number;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seed(database);
    // A contract a council user made before the demo seeding: it must be left alone.
    const mine = await createContract(database, councilViewer('209'), {
      practiceId: 'P6',
      name: 'Our own contract',
      periodStart: 2024,
      periodEnd: 2025,
      terms: {
        fixedFeePence: 100,
        outcomePotPence: 0,
        missingData: 'pay_in_full',
        indicators: [
          {
            indicatorId: 'health_assessments',
            weight: 1,
            target: { type: 'absolute', level: 50 },
            partial: { type: 'all_or_nothing' },
          },
        ],
      },
    });
    userContractId = mine.id;
  });
  afterAll(() => database?.close());

  it('has terms that pass the same validation as a council user’s', async () => {
    const terms = demoContractTerms('201', 2023);
    expect(await validateTerms(database.db, terms)).toEqual(terms);
    expect(new Set(terms.indicators.map((t) => t.target.type))).toEqual(
      new Set(['absolute', 'improvement', 'neighbours', 'comparison']),
    );
  });

  it('creates one contract per demo pair without one, as the council, for the demo years after the baseline', async () => {
    const summary = await seedDemoContracts(database, { now: () => new Date('2025-06-01T08:00:00.000Z') });
    expect(summary).toEqual({ created: 2, skipped: 1 });

    const all = await listContracts(database, admin);
    expect(all.map((c) => [c.councilCode, c.practiceId, c.createdBy])).toEqual([
      ['201', 'P1', DEMO_CONTRACT_AUTHOR],
      ['201', 'P2', DEMO_CONTRACT_AUTHOR],
      ['209', 'P6', 'council-209'],
    ]);
    const p1 = all[0]!;
    expect(p1).toMatchObject({
      name: 'Demo outcomes contract, Practice one',
      periodStart: 2024,
      periodEnd: 2025,
      latestVersion: 1,
      createdAt: '2025-06-01T08:00:00.000Z',
    });
    const versions = await listVersions(database, councilViewer('201'), p1.id);
    expect(versions).toHaveLength(1);
    expect(versions![0]).toMatchObject({
      version: 1,
      createdBy: DEMO_CONTRACT_AUTHOR,
      terms: demoContractTerms('201', 2023),
    });

    // The user's contract is untouched; no statement is issued.
    const theirs = await listVersions(database, councilViewer('209'), userContractId);
    expect(theirs!.map((v) => [v.version, v.createdBy])).toEqual([[1, 'council-209']]);
    expect((await count(database)).statements).toBe(0);
  });

  it('creates nothing when called again', async () => {
    const before = await count(database);
    expect(await seedDemoContracts(database)).toEqual({ created: 0, skipped: 3 });
    expect(await count(database)).toEqual(before);
  });

  it('gives a computed preview for the latest demo year, to the council and the practice', async () => {
    const [p1] = await listContracts(database, practiceViewer('P1'));
    const document = await previewStatement(database, councilViewer('201'), { contractId: p1!.id, period: 2025 });
    expect(document.status).toBe('preview');
    expect(
      document.lines.map((l) => [l.indicatorId, l.outcome, l.excluded, l.achievement, l.allocatedPence, l.earnedPence]),
    ).toEqual([
      ['placements_3plus', 'partly', false, 0.5, 3_750_000, 1_875_000],
      ['social_workers_3plus', 'no_data', true, 0, 0, 0],
      ['health_assessments', 'partly', false, 0.5, 2_500_000, 1_250_000],
      ['immunisations', 'met', false, 1, 1_250_000, 1_250_000],
      ['long_term_stability', 'not_met', false, 0, 2_500_000, 0],
    ]);
    expect(document.lines.map((l) => l.targetValue)).toEqual([9, null, 90, 86, 70]);
    expect(document.totals).toMatchObject({
      fixedFeePence: 40_000_000,
      earnedPence: 4_375_000,
      totalPence: 44_375_000,
    });

    const seenByPractice = await previewStatement(database, practiceViewer('P1'), { contractId: p1!.id, period: 2025 });
    expect(seenByPractice.totals).toEqual(document.totals);
  });
});
