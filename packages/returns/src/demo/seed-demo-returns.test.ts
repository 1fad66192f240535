import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import {
  councils,
  indicatorValues,
  pilotCouncils,
  pilotWaves,
  practiceCouncils,
  practices,
  regions,
  submissions,
  type Database,
} from '@continuity/db';
import { openTestDatabase, testEngines, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import { syncCatalogue } from '@continuity/indicators';
import { DEMO_SUBMITTER, practiceShare, seedDemoReturns, type SeedDemoSummary } from './seed-demo-returns';

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

describe.each(testEngines())('seedDemoReturns on %s', (engine) => {
  let database: Database;
  let first: SeedDemoSummary;

  const snapshot = async () => {
    const [row] = await database.rows<Record<string, number | string>>(sql`
      SELECT (SELECT count(*)::int FROM submissions) AS submissions,
        (SELECT count(*)::int FROM audit_log) AS audits,
        (SELECT count(*)::int FROM cla903_episodes) AS episodes,
        (SELECT count(*)::int FROM csww_workers) AS workers,
        (SELECT count(*)::int FROM indicator_values WHERE source = 'computed') AS computed,
        (SELECT max(loaded_at)::text FROM indicator_values WHERE source = 'computed') AS last_computed`);
    return row!;
  };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedSmallPilot(database);
    first = await seedDemoReturns(database, { registrationSecret: TEST_REGISTRATION_SECRET });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('sizes the council from its latest published figures and the practice at 10-20% of it', () => {
    expect(first.years).toEqual([2023, 2024, 2025]);
    const share = practiceShare('393', 'swp-south-tyneside');
    expect(share).toBeGreaterThanOrEqual(0.1);
    expect(share).toBeLessThanOrEqual(0.2);
    // 47.25 in-post FTE / 0.945 FTE per head = 50 social workers.
    expect(first.councils).toEqual([
      { code: '393', children: 120, workers: 50, practices: [{ id: 'swp-south-tyneside', share }] },
    ]);
  });

  it('imports a 903 return and a census for the council and its practice, every year, through importReturn', async () => {
    expect(first.rejected).toBe(0);
    expect(first.accepted).toBe(12);
    expect(first.returns.map((r) => r.label).sort()).toEqual(
      [2023, 2024, 2025]
        .flatMap((y) => ['ssda903', 'csww'].flatMap((k) => [`${k}:393:${y}`, `${k}:393/swp-south-tyneside:${y}`]))
        .sort(),
    );
    const rows = await database.db.select().from(submissions).where(eq(submissions.status, 'accepted'));
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.submittedBy))).toEqual(new Set([DEMO_SUBMITTER]));

    // The practice holds a subset of the council's children, with the council's child ids.
    const [children] = await database.rows<{ council: number; practice: number; shared: number }>(sql`
      SELECT count(*) FILTER (WHERE h.practice_id IS NULL)::int AS council,
        count(*) FILTER (WHERE h.practice_id IS NOT NULL)::int AS practice,
        (SELECT count(*)::int FROM cla903_header p JOIN cla903_header c
           ON c.child = p.child AND c.council_code = p.council_code AND c.practice_id IS NULL
           JOIN submissions ps ON ps.id = p.submission_id JOIN submissions cs ON cs.id = c.submission_id
         WHERE p.practice_id IS NOT NULL AND ps.collection_year = 2025 AND cs.collection_year = 2025) AS shared
      FROM cla903_header h JOIN submissions s ON s.id = h.submission_id WHERE s.collection_year = 2025`);
    expect(children!.practice).toBeGreaterThan(0);
    expect(children!.practice).toBeLessThan(children!.council);
    expect(children!.shared).toBe(children!.practice);
  });

  it('computes the indicators for the council, the practice and England', async () => {
    const values = await database.rows<{
      indicator_id: string;
      subject_kind: string;
      period: number;
      denominator: number;
    }>(sql`
      SELECT indicator_id, subject_kind::text, period, denominator FROM indicator_values
      WHERE source = 'computed' AND indicator_id IN ('placements_3plus', 'long_term_stability', 'workforce_turnover')
      ORDER BY indicator_id, subject_kind, period`);
    const has = (id: string, kind: string, period: number) =>
      values.some((v) => v.indicator_id === id && v.subject_kind === kind && v.period === period && v.denominator > 0);
    for (const kind of ['council', 'practice', 'england']) {
      for (const year of [2023, 2024, 2025]) {
        expect(has('placements_3plus', kind, year), `placements_3plus ${kind} ${year}`).toBe(true);
        expect(has('workforce_turnover', kind, year), `workforce_turnover ${kind} ${year}`).toBe(true);
      }
    }
    // Long-term stability looks back over the two earlier returns.
    expect(has('long_term_stability', 'council', 2025)).toBe(true);
  });

  it('changes nothing when called again, and re-imports as unchanged with refresh', async () => {
    const before = await snapshot();
    const again = await seedDemoReturns(database, { registrationSecret: TEST_REGISTRATION_SECRET });
    expect(again.skipped).toBe(12);
    expect(again.returns.every((r) => r.reason === 'seeded')).toBe(true);
    expect(await snapshot()).toEqual(before);

    const refreshed = await seedDemoReturns(database, { registrationSecret: TEST_REGISTRATION_SECRET, refresh: true });
    expect(refreshed.unchanged).toBe(12);
    expect(refreshed.accepted + refreshed.rejected).toBe(0);
    const after = await snapshot();
    // importReturn records each 'unchanged' attempt in the audit log; nothing else moves.
    expect({ ...after, audits: before.audits }).toEqual(before);
    expect(after.audits).toBe(Number(before.audits) + 12);
  });

  it('never replaces a return someone else uploaded', async () => {
    await database.rows(sql`UPDATE submissions SET submitted_by = 'council-officer'
      WHERE status = 'accepted' AND kind = 'ssda903' AND council_code = '393' AND practice_id IS NULL AND collection_year = 2025`);
    const result = await seedDemoReturns(database, { registrationSecret: TEST_REGISTRATION_SECRET, refresh: true });
    const mine = result.returns.find((r) => r.label === 'ssda903:393:2025');
    expect(mine).toMatchObject({ status: 'skipped', reason: 'uploaded' });
    expect(result.unchanged).toBe(11);
  });
});
