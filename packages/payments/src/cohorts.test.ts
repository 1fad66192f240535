/**
 * Cohorts by hand (issue 18). Council 201 holds practice P1. Accepted returns: 1 (council's own,
 * 2024), 2 (P1, 2025), 4 (council's own, 2025); 3 (P1, 2025) is superseded. Episodes (start, end):
 *   A: return 1: 2023-05-01 to 2023-09-01, 2023-09-01 to 2024-06-01; return 2: 2024-06-01, open;
 *      return 4 repeats 2024-06-01 (counted once).
 *   B: return 2: 2024-07-01 to 2024-08-01, 2024-08-01 to 2024-10-01, 2024-10-01 open.
 *   C: return 2: 2025-01-15 open (referred after the range: not a member).
 *   E: return 2: 2024-09-01 to 2024-11-01; then with another provider, return 4: 2024-11-01 to
 *      2025-01-01, 2025-01-01 open (followed after leaving the practice).
 *   Z: only in the superseded return 3: 2024-05-01 (not a member).
 * Cohort: referred 2024-04-01 to 2024-12-31, 12 months: A (2024-06-01), B (2024-07-01), E (2024-09-01).
 * After referral: A 1 placement (stable), B 3, E 3: 3 in care, 1 stable.
 * Baseline (the 12 months before): A 2023-06-01 to 2024-06-01: both 2023 episodes (the first ends
 * 2023-09-01, after the window starts): 2, stable; B and E not in care: 1 in care, 1 stable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Viewer } from '@continuity/access';
import {
  cla903Episodes,
  councils,
  practiceCouncils,
  practices,
  regions,
  submissions,
  type Database,
} from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { syncCatalogue } from '@continuity/indicators';
import { cohortOutcome, listCohorts, lockCohort } from './cohorts';
import { createContract, PaymentsError } from './service';

const viewer = (role: Viewer['role'], kind: Viewer['organisation']['kind'], id: string): Viewer => ({
  userId: `${role}-${id}`,
  name: id,
  role,
  organisation: { kind, id },
});
const council = viewer('council', 'council', '201');
const practice = viewer('practice', 'practice', 'P1');
const policy = viewer('policy', 'department', 'dfe');

describe.each(testEngines())('cohorts on %s', (engine) => {
  let database: Database;
  let contractId: number;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const { db } = database;
    await syncCatalogue(db);
    await db.insert(regions).values({ code: 'R1', name: 'North' });
    await db.insert(councils).values({ code: '201', onsCode: 'E0201', name: 'Council 201', regionCode: 'R1' });
    await db.insert(practices).values({ id: 'P1', name: 'Practice one', pseudonym: 'Practice A' });
    await db.insert(practiceCouncils).values({ practiceId: 'P1', councilCode: '201' });
    const sub = (id: number, practiceId: string | null, year: number, status: 'accepted' | 'superseded') => ({
      id,
      kind: 'ssda903' as const,
      councilCode: '201',
      practiceId,
      collectionYear: year,
      status,
      submittedBy: 'u',
      contentHash: String(id).repeat(64),
    });
    await db
      .insert(submissions)
      .values([
        sub(1, null, 2024, 'accepted'),
        sub(2, 'P1', 2025, 'accepted'),
        sub(3, 'P1', 2025, 'superseded'),
        sub(4, null, 2025, 'accepted'),
      ]);
    const ep = (submissionId: number, child: string, decom: string, dec: string | null = null) => ({
      submissionId,
      councilCode: '201',
      practiceId: submissionId === 2 || submissionId === 3 ? 'P1' : null,
      child,
      decom,
      dec,
    });
    await db
      .insert(cla903Episodes)
      .values([
        ep(1, 'A', '2023-05-01', '2023-09-01'),
        ep(1, 'A', '2023-09-01', '2024-06-01'),
        ep(2, 'A', '2024-06-01'),
        ep(4, 'A', '2024-06-01'),
        ep(2, 'B', '2024-07-01', '2024-08-01'),
        ep(2, 'B', '2024-08-01', '2024-10-01'),
        ep(2, 'B', '2024-10-01'),
        ep(2, 'C', '2025-01-15'),
        ep(2, 'E', '2024-09-01', '2024-11-01'),
        ep(4, 'E', '2024-11-01', '2025-01-01'),
        ep(4, 'E', '2025-01-01'),
        ep(3, 'Z', '2024-05-01'),
      ]);
    contractId = (
      await createContract(database, council, {
        practiceId: 'P1',
        name: 'Cohort contract',
        periodStart: 2025,
        periodEnd: 2026,
        terms: {
          fixedFeePence: 0,
          outcomePotPence: 0,
          missingData: 'treat_as_not_met',
          indicators: [],
          rateCard: { rates: [{ indicatorId: 'placements_3plus', pricePence: 1 }] },
        },
      })
    ).id;
  });
  afterAll(() => database?.close());

  it('locks the referred children once, from the practice’s accepted returns', async () => {
    const refuse = async (v: Viewer, code: PaymentsError['code']) =>
      expect(
        await lockCohort(database, v, {
          contractId,
          referredFrom: '2024-04-01',
          referredTo: '2024-12-31',
          months: 12,
        }).catch((e: PaymentsError) => e.code),
      ).toBe(code);
    await refuse(practice, 'FORBIDDEN');
    await refuse(policy, 'FORBIDDEN');
    expect(
      await lockCohort(database, council, {
        contractId,
        referredFrom: '2024-12-31',
        referredTo: '2024-04-01',
        months: 12,
      }).catch((e: PaymentsError) => e.code),
    ).toBe('INVALID');
    const cohort = await lockCohort(database, council, {
      contractId,
      referredFrom: '2024-04-01',
      referredTo: '2024-12-31',
      months: 12,
    });
    expect(cohort).toMatchObject({
      contractId,
      referredFrom: '2024-04-01',
      referredTo: '2024-12-31',
      months: 12,
      members: 3,
    });
    const members = await database.rows<{ child: string; referred_on: string }>(
      sql`SELECT child, referred_on::text FROM cohort_members ORDER BY child`,
    );
    expect(members).toEqual([
      { child: 'A', referred_on: '2024-06-01' },
      { child: 'B', referred_on: '2024-07-01' },
      { child: 'E', referred_on: '2024-09-01' },
    ]);
    await expect(database.db.execute(sql`DELETE FROM cohort_members`)).rejects.toThrow();
  });

  it('tracks them after referral, wherever they are placed, against their own history', async () => {
    const [cohort] = await listCohorts(database, practice, contractId);
    expect(await cohortOutcome(database, practice, cohort!.id)).toEqual({
      cohortId: cohort!.id,
      months: 12,
      members: 3,
      after: { inCare: 3, stable: 1 },
      baseline: { inCare: 1, stable: 1 },
    });
    expect(await cohortOutcome(database, policy, cohort!.id)).toBeNull();
    expect(await listCohorts(database, policy, contractId)).toEqual([]);
  });
});
