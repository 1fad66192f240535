import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { syncCatalogue } from '../sync';
import { recomputeIndicators } from './recompute';
import { resolveScope, sourceCte } from './scope';
import { addReturn, seedPlaces } from './testkit';

describe.each(testEngines())('council scope on %s', (engine) => {
  let database: Database;
  const statements: string[] = [];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    database = await openTestDatabase(engine, { logger: (query) => statements.push(query) });
    await syncCatalogue(database.db);
    await seedPlaces(database.db);
    ids.kent = (await addReturn(database.db, { kind: 'ssda903', council: '886', year: 2025 })).id;
    ids.kentOld = (
      await addReturn(database.db, { kind: 'ssda903', council: '886', year: 2025, status: 'superseded' })
    ).id;
    ids.kentCensus = (await addReturn(database.db, { kind: 'csww', council: '886', year: 2025 })).id;
    ids.p1Kent = (await addReturn(database.db, { kind: 'ssda903', council: '886', practice: 'P1', year: 2025 })).id;
    ids.p1Mk = (await addReturn(database.db, { kind: 'ssda903', council: '826', practice: 'P1', year: 2025 })).id;
    ids.p2Rejected = (
      await addReturn(database.db, { kind: 'ssda903', council: '886', practice: 'P2', year: 2025, status: 'rejected' })
    ).id;
    ids.mk = (await addReturn(database.db, { kind: 'ssda903', council: '826', year: 2025 })).id;
    ids.kentNextYear = (await addReturn(database.db, { kind: 'ssda903', council: '886', year: 2026 })).id;
  });
  afterAll(() => database?.close());

  it("finds the council's accepted returns, its practices (any status) and their returns to other councils", async () => {
    const scope = await resolveScope(database.db, {
      kind: 'ssda903',
      councilCode: '886',
      fromYear: 2025,
      toYear: 2025,
    });
    expect(scope.resolved).toEqual({
      practiceIds: ['P1', 'P2'],
      submissionIds: [ids.kent, ids.p1Kent, ids.p1Mk].sort((a, b) => a! - b!),
    });
    const wider = await resolveScope(database.db, {
      kind: 'ssda903',
      councilCode: '886',
      fromYear: 2025,
      toYear: 2027,
    });
    expect(wider.resolved?.submissionIds).toContain(ids.kentNextYear);
    const census = await resolveScope(database.db, { kind: 'csww', councilCode: '886', fromYear: 2025, toYear: 2025 });
    expect(census.resolved).toEqual({ practiceIds: [], submissionIds: [ids.kentCensus] });
    const none = await resolveScope(database.db, { kind: 'csww', councilCode: '341', fromYear: 2025, toYear: 2025 });
    expect(none.resolved).toEqual({ practiceIds: [], submissionIds: [] });
  });

  it('refuses to build SQL for a council scope that was not resolved', () => {
    expect(() => sourceCte({ kind: 'ssda903', councilCode: '886', fromYear: 2025, toYear: 2025 })).toThrow(/resolved/);
  });

  it('names the submissions as constants in every council-scoped statement (so the planner can estimate them)', async () => {
    statements.length = 0;
    await recomputeIndicators(database.db, { kind: 'ssda903', councilCode: '886', collectionYear: 2025 });
    const scoped = statements.filter((q) => q.includes('src AS ('));
    // Episodes (with OC2), Reviews, OC3, and the continuity ledger's indicators, survival and changes (issue 15)
    expect(scoped.length).toBe(6);
    // the ledger's warning on the returns it reconciles names them as constants too
    expect(
      statements
        .filter((q) => q.startsWith('UPDATE submissions'))
        .every((q) => /s\.id IN \(\$\d+(, \$\d+){3}\)/.test(q)),
    ).toBe(true);
    for (const q of scoped) {
      // 2025 to 2027 (a 903 return feeds the next two years' stability): Kent 2025 and 2026, P1's two.
      expect(q).toMatch(/s\.id IN \(\$\d+(, \$\d+){3}\)/);
      expect(q).not.toMatch(/IN \(SELECT/i);
    }
  });
});
