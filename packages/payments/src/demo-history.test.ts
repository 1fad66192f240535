/**
 * The demo's past statements (issue 18): with `issuePastYears`, each new demo contract (years 2024 to
 * 2025 here, after the 2023 baseline) has its 2024 statement issued by the demo generator, and 2025
 * is left for the council. Council 201 with practices P1 and P2 (pilot), neighbours 205-208.
 * P1 2024: health_assessments 95/100 (at least 90: met); no other 2024 figure. Under the demo terms
 * (fee 40,000,000p, pot 10,000,000p): social_workers_3plus has no neighbour figure and is excluded
 * (its own rule), the pot reweighted over 3 + 2 + 1 + 2 = 8: shares 3,750,000 / 2,500,000 /
 * 1,250,000 / 2,500,000; only health_assessments is met: 2,500,000 earned, total 42,500,000p.
 * P2 has no figure at all: nothing earned, total 40,000,000p.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  councils,
  indicatorValues,
  pilotCouncils,
  pilotWaves,
  practiceCouncils,
  practices,
  regions,
  type Database,
} from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { syncCatalogue } from '@continuity/indicators';
import { DEMO_CONTRACT_AUTHOR, seedDemoContracts } from './demo';
import { listStatements } from './service';

const admin = {
  userId: 'a',
  name: 'A',
  role: 'admin' as const,
  organisation: { kind: 'department' as const, id: 'dfe' },
};

describe.each(testEngines())('demo history on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const { db } = database;
    await syncCatalogue(db);
    await db.insert(regions).values({ code: 'R1', name: 'North' });
    await db
      .insert(councils)
      .values(
        ['201', '205'].map((code) => ({ code, onsCode: `E0${code}`, name: `Council ${code}`, regionCode: 'R1' })),
      );
    await db.insert(pilotWaves).values({ wave: 1, name: 'First wave', startYear: 2009, description: 'test' });
    await db.insert(pilotCouncils).values({ wave: 1, councilCode: '201' });
    await db.insert(practices).values([
      { id: 'P1', name: 'Practice one', pseudonym: 'Practice A' },
      { id: 'P2', name: 'Practice two', pseudonym: 'Practice B' },
    ]);
    await db.insert(practiceCouncils).values([
      { practiceId: 'P1', councilCode: '201' },
      { practiceId: 'P2', councilCode: '201' },
    ]);
    await db.insert(indicatorValues).values({
      indicatorId: 'health_assessments',
      subjectKind: 'practice',
      subjectId: 'P1',
      period: 2024,
      source: 'computed',
      numerator: 95,
      denominator: 100,
      value: 95,
    });
  });
  afterAll(() => database?.close());

  it('issues every contract year but the last, once', async () => {
    const now = () => new Date('2025-06-01T08:00:00.000Z');
    expect(await seedDemoContracts(database, { years: [2023, 2024, 2025], issuePastYears: true, now })).toEqual({
      created: 2,
      skipped: 0,
      issued: 2,
    });
    const statements = await listStatements(database, admin);
    expect(
      statements.map((s) => [s.practiceId, s.period, s.revision, s.issuedBy, s.earnedPence, s.totalPence]),
    ).toEqual([
      ['P1', 2024, 1, DEMO_CONTRACT_AUTHOR, 2_500_000, 42_500_000],
      ['P2', 2024, 1, DEMO_CONTRACT_AUTHOR, 0, 40_000_000],
    ]);
    // a restart creates and issues nothing
    expect(await seedDemoContracts(database, { years: [2023, 2024, 2025], issuePastYears: true })).toEqual({
      created: 0,
      skipped: 2,
      issued: 0,
    });
    expect(await listStatements(database, admin)).toHaveLength(2);
  });
});
