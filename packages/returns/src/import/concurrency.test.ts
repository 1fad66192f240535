import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { submissions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import { CLEAN, checkIntegrity, computedFigures } from './consistency';
import { importReturn, type ImportOptions } from './import';
import { seedPlaces, ssda903Files } from './testing';

/*
 * Issue 12: a council and its practice replacing their 903 returns at the same moment left wrong figures in
 * 7 of 14 trials (the practice's rows stale, tied to a superseded submission, or England and region rows
 * missing), both answered as accepted. Each trial here replaces both at once and compares every computed
 * figure with a clean, sequential import of the same returns into a fresh database.
 *
 * CONCURRENCY_TRIALS sets the trial count on PostgreSQL (default 14; `npm run faults` runs 50). PGlite is
 * one connection, so its transactions never overlap: it runs 3 trials, to hold the same path to the same
 * result there.
 */
const TRIALS = Number(process.env.CONCURRENCY_TRIALS ?? 14);
const CHILDREN = 40;

const returns = (version: number) => ({
  council: ssda903Files(`council-${version}`, '886', 2025, CHILDREN),
  practice: ssda903Files(`practice-${version}`, '886', 2025, CHILDREN),
});
const medway = ssda903Files('medway', '887', 2025, CHILDREN);

const options = (files: ImportOptions['files'], practiceId: string | null): ImportOptions => ({
  kind: 'ssda903',
  councilCode: practiceId ? '886' : '887',
  practiceId,
  collectionYear: 2025,
  files,
  submittedBy: practiceId ? 'practice-officer' : 'council-officer',
  registrationSecret: TEST_REGISTRATION_SECRET,
});
const council = (files: ImportOptions['files']) => ({ ...options(files, null), councilCode: '886' });
const practice = (files: ImportOptions['files']) => options(files, 'swp-kent');

describe.each(testEngines())('concurrent replacements of a council and its practice on %s', (engine) => {
  const trials = engine === 'postgres' ? TRIALS : 3;
  let database: Database;
  /** The figures a clean sequential import gives, for each version of the two returns. */
  const expected: string[][] = [];

  beforeAll(async () => {
    for (const version of [0, 1]) {
      const clean = await openTestDatabase(engine);
      try {
        await seedPlaces(clean);
        await importReturn(clean, options(medway, null));
        await importReturn(clean, council(returns(version).council));
        await importReturn(clean, practice(returns(version).practice));
        expected[version] = await computedFigures(clean);
      } finally {
        await clean.close();
      }
    }
    database = await openTestDatabase(engine);
    await seedPlaces(database);
    await importReturn(database, options(medway, null));
    await importReturn(database, council(returns(0).council));
    await importReturn(database, practice(returns(0).practice));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('the clean imports give council, practice, region and England figures, different for the two versions', () => {
    for (const figures of expected) {
      for (const kind of ['council 886', 'council 887', 'practice swp-kent', 'region E12000008', 'england E92000001']) {
        expect(figures.some((f) => f.includes(` ${kind} 2025 `))).toBe(true);
      }
    }
    expect(expected[0]).not.toEqual(expected[1]);
  });

  it(`${trials} trials: both accepted, one accepted submission per return, figures equal to a clean import`, async () => {
    const wrong: number[] = [];
    for (let trial = 1; trial <= trials; trial++) {
      const version = trial % 2;
      const { council: c, practice: p } = returns(version);
      // Started together; which one reaches the database first varies from trial to trial.
      const [a, b] = await Promise.all([importReturn(database, council(c)), importReturn(database, practice(p))]);
      expect([a.status, b.status]).toEqual(['accepted', 'accepted']);
      expect(await checkIntegrity(database)).toEqual(CLEAN);
      const accepted = await database.db
        .select({ id: submissions.id })
        .from(submissions)
        .where(and(eq(submissions.status, 'accepted'), eq(submissions.councilCode, '886')));
      expect(accepted.map((r) => r.id).sort()).toEqual([a.submissionId, b.submissionId].sort());
      if (JSON.stringify(await computedFigures(database)) !== JSON.stringify(expected[version])) wrong.push(trial);
    }
    expect(wrong).toEqual([]);
    // The practice's figures are tied to its newest submission, not a superseded one.
    const [tie] = await database.rows<{
      n: number;
    }>(sql`SELECT count(DISTINCT submission_id)::int AS n FROM indicator_values
      WHERE source = 'computed' AND subject_kind = 'practice' AND subject_id = 'swp-kent'`);
    expect(tie!.n).toBe(1);
  });
});
