/**
 * Reconciliation through the API, worked by hand on testing.ts's fixtures plus one computed figure
 * beside a published one:
 *   Kent 886 placements_3plus 2024: computed 95 of 1050 = 9.05%, published 90 of 1000 = 9% (DfE prints
 *     whole percentages: 9.05 rounds to 9) -> difference 0.0476..., equal once rounded, cohort 1050 vs 1000.
 *   Kent 886 2025: computed 40 of 400 = 10%, nothing published for 2025.
 *   Hillingdon 312 2025: computed 4 of 50 = 8%: 4 is a small count, suppressed (c) for policy; in full
 *     for Hillingdon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { indicatorValues, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedComputedFixture, seedFixture, testViewers } from './testing';

describe.each(testEngines())('reconciliation on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    await seedComputedFixture(database);
    await database.db.insert(indicatorValues).values({
      indicatorId: 'placements_3plus',
      subjectKind: 'council',
      subjectId: '886',
      period: 2024,
      source: 'computed',
      numerator: 95,
      denominator: 1050,
      value: (95 * 100) / 1050,
      symbol: null,
    });
  });
  afterAll(() => database?.close());

  const query = /* GraphQL */ `
    query ($code: ID!) {
      reconciliation(councilCode: $code) {
        indicator { id }
        period
        computed { value numerator denominator symbol }
        published { value numerator denominator symbol }
        difference
        reasons
      }
    }`;
  const read = async (viewer: keyof typeof testViewers, code: string) => {
    const result = await execute(database, testViewers[viewer], query, { code });
    expect(result.errors).toBeUndefined();
    return result.data.reconciliation;
  };

  it("gives the council its computed figures beside DfE's, with the difference and why", async () => {
    const rows = await read('councilKent', '886');
    expect(rows.map((r: any) => [r.indicator.id, r.period])).toEqual([
      ['placements_3plus', 2024],
      ['placements_3plus', 2025],
    ]);
    const [y2024, y2025] = rows;
    expect(y2024.computed).toEqual({ value: 9500 / 1050, numerator: 95, denominator: 1050, symbol: null });
    expect(y2024.published).toEqual({ value: 9, numerator: 90, denominator: 1000, symbol: null });
    expect(y2024.difference).toBeCloseTo(9500 / 1050 - 9, 9);
    expect(y2024.reasons[0]).toBe('Equal once rounded as DfE prints it (0 decimal places).');
    expect(y2024.reasons[1]).toMatch(/^Different cohort: 1050 in the return, 1000 in DfE's table\./);
    expect(y2025).toMatchObject({
      computed: { value: 10, numerator: 40, denominator: 400 },
      published: null,
      difference: null,
    });
    expect(y2025.reasons).toEqual(['DfE has published no figure for this council and year (yet).']);
  });

  it('gives policy the computed part disclosure-controlled, and the owner it in full', async () => {
    const policy = await read('policy', '312');
    expect(policy).toHaveLength(1);
    expect(policy[0].computed).toEqual({ value: null, numerator: null, denominator: 50, symbol: 'c' });
    expect(policy[0].difference).toBeNull();
    const own = await read('councilOther', '312');
    expect(own[0].computed).toEqual({ value: 8, numerator: 4, denominator: 50, symbol: null });
  });

  it('is null for another council and for practices, as for a council that does not exist', async () => {
    expect(await read('councilKent', '312')).toBeNull();
    expect(await read('practiceKent', '886')).toBeNull();
    expect(await read('policy', '999')).toEqual([]);
  });

  it('audits every read', async () => {
    await execute(database, testViewers.policy, query, { code: '886' });
    const rows = await database.rows<{ user_id: string; target: string }>(
      sql`SELECT user_id, target FROM audit_log WHERE target = 'reconciliation:886'`,
    );
    expect(rows.map((r) => r.user_id)).toContain(testViewers.policy.userId);
  });
});
