/**
 * The continuity ledger (issue 15) in the demo: the generated 903 and census of a pilot council and its
 * practice share registration numbers, so every subject gets ledger figures, with some changes put down
 * to turnover and a small share of unmatched ids (XX, typos, agency workers absent from the census).
 * Property checks on generated data (the measures themselves are hand-worked in @continuity/indicators).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
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
import { openTestDatabase, testEngines, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import { syncCatalogue } from '@continuity/indicators';
import { seedDemoReturns } from './seed-demo-returns';

/** One small pilot council (South Tyneside, 393) with one practice, and its published sizes for 2023-2025. */
async function seedSmallPilot(database: Database): Promise<void> {
  const { db } = database;
  await syncCatalogue(db);
  await db.insert(regions).values({ code: 'E12000001', name: 'North East' });
  await db
    .insert(councils)
    .values({ code: '393', onsCode: 'E08000023', name: 'South Tyneside', regionCode: 'E12000001' });
  await db.insert(pilotWaves).values({ wave: 2, name: 'Second wave', startYear: 2011, description: 'test' });
  await db.insert(pilotCouncils).values({ wave: 2, councilCode: '393' });
  await db
    .insert(practices)
    .values({ id: 'swp-south-tyneside', name: 'South Tyneside practice', pseudonym: 'Practice S', wave: 2 });
  await db.insert(practiceCouncils).values({ practiceId: 'swp-south-tyneside', councilCode: '393' });
  const published = (indicatorId: string, period: number, numerator: number, denominator: number) => ({
    indicatorId,
    subjectKind: 'council' as const,
    subjectId: '393',
    period,
    source: 'published' as const,
    numerator,
    denominator,
    value: (numerator / denominator) * 100,
  });
  await db.insert(indicatorValues).values([
    // An older year with a bigger council: only the latest size is used, for every year.
    published('placements_3plus', 2022, 30, 300),
    ...[2023, 2024, 2025].map((y) => published('placements_3plus', y, 12, 120)),
    ...[2023, 2024, 2025].map((y) => published('workforce_turnover', y, 6, 47.25)),
  ]);
}

describe.each(testEngines())('demo continuity ledger on %s', (engine) => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedSmallPilot(database);
    await seedDemoReturns(database, { registrationSecret: TEST_REGISTRATION_SECRET, years: [2024, 2025] });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('gives the council and its practice the ledger in every year, with turnover and a few unmatched ids', async () => {
    const rows = await database.rows<{
      indicator_id: string;
      subject_kind: string;
      period: number;
      numerator: number;
      denominator: number;
    }>(sql`
      SELECT indicator_id, subject_kind, period, numerator, denominator FROM indicator_values
      WHERE source = 'computed' AND indicator_id IN ('sw_changes_turnover', 'sw_id_unmatched', 'sw_no_change')
        AND subject_kind IN ('council', 'practice')
      ORDER BY indicator_id, subject_kind, period`);
    const key = (r: { indicator_id: string; subject_kind: string; period: number }) =>
      `${r.indicator_id} ${r.subject_kind} ${r.period}`;
    expect(rows.map(key)).toEqual(
      ['sw_changes_turnover', 'sw_id_unmatched', 'sw_no_change'].flatMap((id) =>
        ['council', 'practice'].flatMap((k) => [2024, 2025].map((y) => `${id} ${k} ${y}`)),
      ),
    );
    for (const r of rows.filter((r) => r.subject_kind === 'council')) {
      const share = Number(r.numerator) / Number(r.denominator);
      if (r.indicator_id === 'sw_changes_turnover') expect(share, key(r)).toBeGreaterThan(0.05);
      if (r.indicator_id === 'sw_id_unmatched') expect(share, key(r)).toBeGreaterThan(0);
      if (r.indicator_id === 'sw_id_unmatched') expect(share, key(r)).toBeLessThan(0.2);
    }
    const [curve] = await database.rows<{ subjects: number }>(
      sql`SELECT count(DISTINCT (subject_kind, subject_id, period))::int AS subjects FROM continuity_survival`,
    );
    expect(curve!.subjects).toBe(4);
  });

  it('stores the registration numbers only keyed-hashed: none as written in any table but the kept files', async () => {
    const [episodes] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM cla903_sw_episodes WHERE sw_id <> 'XX'`,
    );
    expect(episodes!.n).toBeGreaterThan(100);
    const tables = await database.rows<{ name: string }>(sql`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'submission_files'`);
    const found: string[] = [];
    for (const { name } of tables) {
      // the generator's numbers are SW + 10 digits (typos included), in any case; every column as text
      const [hit] = await database.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)} t WHERE t::text ~* 'sw[0-9]{6}'`,
      );
      if (hit!.n > 0) found.push(`${name}: ${hit!.n}`);
    }
    expect(found).toEqual([]);
  });
});
