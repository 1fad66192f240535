/**
 * The continuity ledger through the API: who may read it, and what non-owners see. Kent's (886) 2025
 * life table, inserted directly (its computation is tested in @continuity/indicators):
 *   day   at risk  events  censored   S
 *   30    10       2       0          0.8
 *   100   8        1       1          0.7
 *   200   6        2       0          0.7 x 4/6 = 0.466667
 *   300   4        1       0          0.466667 x 3/4 = 0.35
 *   364   3        0       3
 * Owner (Kent): every point; median 200 days; 6 months 0.7; 12 months 0.35.
 * Policy (not an owner): points while more than 5 are at risk (days 30, 100, 200), so truncated; the
 * 12-month estimate rests on the hidden day 300, so withheld; event counts 1-5 suppressed ('c').
 * Changes LEFTRL/left 7, MANAGE/stayed 8, ORGRST/stayed 3 (total 18, known from the rate's numerator):
 * policy sees 3 suppressed and, secondary, the next smallest (7); 8 shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuityChanges, continuitySurvival, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedFixture, testViewers } from '../testing';

const LEDGER = `query ($kind: SubjectKind!, $id: ID!) {
  continuityLedger(subject: { kind: $kind, id: $id }) {
    owned
    years {
      period councils
      headline { relationships medianDays truncated sixMonths { survival lower upper } twelveMonths { survival } }
      points { day atRisk events censored symbol survival }
      changes { reason outcome changes symbol reasonLabel }
    }
  }
}`;

describe.each(testEngines())('continuity ledger API on %s', (engine) => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    const base = { subjectKind: 'council', subjectId: '886', period: 2025, councilCode: '886', submissionId: 1 };
    await database.db.insert(continuitySurvival).values([
      { ...base, day: 0, entered: 10, events: 0, censored: 0 },
      { ...base, day: 30, entered: 0, events: 2, censored: 0 },
      { ...base, day: 100, entered: 0, events: 1, censored: 1 },
      { ...base, day: 200, entered: 0, events: 2, censored: 0 },
      { ...base, day: 300, entered: 0, events: 1, censored: 0 },
      { ...base, day: 364, entered: 0, events: 0, censored: 3 },
    ]);
    await database.db.insert(continuityChanges).values([
      { ...base, reason: 'LEFTRL', outcome: 'left', changes: 7 },
      { ...base, reason: 'MANAGE', outcome: 'stayed', changes: 8 },
      { ...base, reason: 'ORGRST', outcome: 'stayed', changes: 3 },
    ]);
  });

  afterAll(async () => {
    await database?.close();
  });

  const ask = (viewer: keyof typeof testViewers, kind: string, id: string) =>
    execute(database, testViewers[viewer], LEDGER, { kind, id });
  const r6 = (n: number) => Math.round(n * 1e6) / 1e6;

  it('gives the owning council its whole ledger', async () => {
    const { data, errors } = await ask('councilKent', 'COUNCIL', '886');
    expect(errors).toBeUndefined();
    const year = data.continuityLedger.years[0];
    expect(data.continuityLedger.owned).toBe(true);
    expect(year.points.map((p: any) => [p.day, p.atRisk, p.events, p.censored, r6(p.survival)])).toEqual([
      [30, 10, 2, 0, 0.8],
      [100, 8, 1, 1, 0.7],
      [200, 6, 2, 0, 0.466667],
      [300, 4, 1, 0, 0.35],
      [364, 3, 0, 3, 0.35],
    ]);
    expect(year.headline).toMatchObject({ relationships: 10, medianDays: 200, truncated: false });
    expect(r6(year.headline.twelveMonths.survival)).toBe(0.35);
    expect(r6(year.headline.sixMonths.survival)).toBe(0.7);
    expect(year.changes.map((c: any) => [c.reason, c.changes])).toEqual([
      ['LEFTRL', 7],
      ['MANAGE', 8],
      ['ORGRST', 3],
    ]);
  });

  it('controls what a non-owner sees: the curve stops at small risk sets, small changes are suppressed', async () => {
    const { data, errors } = await ask('policy', 'COUNCIL', '886');
    expect(errors).toBeUndefined();
    const year = data.continuityLedger.years[0];
    expect(data.continuityLedger.owned).toBe(false);
    expect(year.points.map((p: any) => [p.day, p.atRisk, p.events, p.symbol])).toEqual([
      [30, 10, null, 'c'],
      [100, 8, null, 'c'],
      [200, 6, null, 'c'],
    ]);
    expect(year.headline).toMatchObject({ relationships: 10, medianDays: 200, truncated: true, twelveMonths: null });
    expect(r6(year.headline.sixMonths.survival)).toBe(0.7);
    expect(year.changes.map((c: any) => [c.reason, c.changes, c.symbol])).toEqual([
      ['LEFTRL', null, 'c'],
      ['MANAGE', 8, null],
      ['ORGRST', null, 'c'],
    ]);
  });

  it("refuses another council's, and pooled figures to councils, as for every computed figure", async () => {
    expect((await ask('councilOther', 'COUNCIL', '886')).errors?.[0]?.message).toBe('Unknown subjects');
    expect((await ask('councilKent', 'ENGLAND', 'E92000001')).errors?.[0]?.message).toBe('Unknown subjects');
    expect((await ask('practiceKent', 'COUNCIL', '886')).errors?.[0]?.message).toBe('Unknown subjects');
  });

  it('pools England from council rows for policy, with coverage', async () => {
    const { data, errors } = await ask('policy', 'ENGLAND', 'E92000001');
    expect(errors).toBeUndefined();
    expect(data.continuityLedger.years.map((y: any) => [y.period, y.councils, y.headline.relationships])).toEqual([
      [2025, 1, 10],
    ]);
  });
});
