/**
 * Cohorts through the API (issue 18). Fixture (testing.ts) plus one accepted 903 return from swp-kent
 * to Kent (886) with two children: K1 referred 2024-06-01 (one placement since: stable) and K2
 * referred 2024-07-01 (three placements: not stable); neither was in care in the 12 months before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cla903Episodes, submissions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedFixture, testViewers } from '../../testing';

const codeOf = (r: { errors: readonly { extensions?: Record<string, unknown> }[] | undefined }) =>
  r.errors?.[0]?.extensions?.code;

describe.each(testEngines())('cohorts API on %s', (engine) => {
  let database: Database;
  let contractId: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    const [row] = await database.db
      .insert(submissions)
      .values({
        kind: 'ssda903',
        councilCode: '886',
        practiceId: 'swp-kent',
        collectionYear: 2025,
        status: 'accepted',
        submittedBy: 'u',
        contentHash: 'f'.repeat(64),
      })
      .returning({ id: submissions.id });
    const ep = (child: string, decom: string, dec: string | null = null) => ({
      submissionId: row!.id,
      councilCode: '886',
      practiceId: 'swp-kent',
      child,
      decom,
      dec,
    });
    await database.db
      .insert(cla903Episodes)
      .values([
        ep('K1', '2024-06-01'),
        ep('K2', '2024-07-01', '2024-08-01'),
        ep('K2', '2024-08-01', '2024-09-01'),
        ep('K2', '2024-09-01'),
      ]);
    const terms = {
      fixedFeePence: 0,
      outcomePotPence: 0,
      missingData: 'TREAT_AS_NOT_MET',
      indicators: [],
      rateCard: { rates: [{ indicatorId: 'placements_3plus', pricePence: 100 }] },
    };
    const created = await execute(
      database,
      testViewers.councilKent,
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      {
        input: { practiceId: 'swp-kent', name: 'Kent cohort', periodStart: 2025, periodEnd: 2025, terms },
      },
    );
    contractId = created.data.createContract.id;
  });
  afterAll(() => database?.close());

  it('the council locks a cohort; the parties read its outcomes; no one else', async () => {
    const LOCK = `mutation ($id: ID!) { lockCohort(contractId: $id, referredFrom: "2024-04-01", referredTo: "2024-12-31", months: 12) { members } }`;
    expect(codeOf(await execute(database, testViewers.practiceKent, LOCK, { id: contractId }))).toBe('FORBIDDEN');
    expect((await execute(database, testViewers.councilKent, LOCK, { id: contractId })).data.lockCohort).toEqual({
      members: 2,
    });
    const READ = `query ($id: ID!) { contract(id: $id) { cohorts { months members outcome { after { inCare stable } baseline { inCare stable } } } } }`;
    const expected = [
      { months: 12, members: 2, outcome: { after: { inCare: 2, stable: 1 }, baseline: { inCare: 0, stable: 0 } } },
    ];
    for (const v of [testViewers.councilKent, testViewers.practiceKent])
      expect((await execute(database, v, READ, { id: contractId })).data.contract.cohorts).toEqual(expected);
    expect((await execute(database, testViewers.policy, READ, { id: contractId })).data.contract.cohorts).toEqual([]);
  });
});
