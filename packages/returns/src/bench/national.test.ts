import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { councils, indicatorValues, regions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { syncCatalogue } from '@continuity/indicators';
import { FLOOR_TABLES, measureCopyFloor } from './floor';
import { benchCouncils, runNationalBench, type NationalBenchResult } from './national';
import { formatResults } from './report';

/** Three councils with published sizes (Kent large, Medway and Liverpool smaller). */
async function seedCouncils(database: Database): Promise<void> {
  const { db } = database;
  await syncCatalogue(db);
  await db.insert(regions).values([
    { code: 'E12000008', name: 'South East' },
    { code: 'E12000002', name: 'North West' },
  ]);
  await db.insert(councils).values([
    { code: '886', onsCode: 'E10000016', name: 'Kent', regionCode: 'E12000008' },
    { code: '887', onsCode: 'E06000035', name: 'Medway', regionCode: 'E12000008' },
    { code: '341', onsCode: 'E08000012', name: 'Liverpool', regionCode: 'E12000002' },
  ]);
  const sizes: [string, number, number | null][] = [
    ['886', 1900, 760],
    ['887', 450, 210],
    ['341', 1400, null], // no workforce figure: workers from the national ratio
  ];
  await db.insert(indicatorValues).values(
    sizes.flatMap(([code, children, fte]) => [
      {
        indicatorId: 'placements_3plus',
        subjectKind: 'council' as const,
        subjectId: code,
        period: 2025,
        source: 'published' as const,
        numerator: 1,
        denominator: children,
      },
      ...(fte
        ? [
            {
              indicatorId: 'workforce_turnover',
              subjectKind: 'council' as const,
              subjectId: code,
              period: 2025,
              source: 'published' as const,
              numerator: 1,
              denominator: fte,
            },
          ]
        : []),
    ]),
  );
}

/** An order-free fingerprint of every child-level table. */
async function tableFingerprint(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of FLOOR_TABLES) {
    const [row] = await database.rows<{ n: number; h: string }>(
      sql`SELECT count(*)::int AS n, coalesce(sum(hashtext(x::text)::bigint), 0)::text AS h FROM ${sql.identifier(t)} x`,
    );
    out[t] = `${row!.n}:${row!.h}`;
  }
  return out;
}

describe.each(testEngines())('national bench on %s (tiny scale)', (engine) => {
  let database: Database;
  let result: NationalBenchResult;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedCouncils(database);
    // 0.2% of England: about 160 children looked after over three councils.
    result = await runNationalBench(database, { scale: 0.002, seed: 'test', recompute: 'each', floor: false });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('sizes councils from the published figures', async () => {
    expect(await benchCouncils(database, 2025)).toEqual([
      { code: '341', children: 1400, workers: 1400 * 0.44 },
      { code: '886', children: 1900, workers: 760 },
      { code: '887', children: 450, workers: 210 },
    ]);
  });

  it('imports every council through importReturn and counts what it wrote', async () => {
    expect(result.councils).toBe(3);
    expect(result.targetChildren).toBe(Math.round(81_770 * 0.002));
    const [{ accepted }] = (await database.rows<{ accepted: number }>(
      sql`SELECT count(*)::int AS accepted FROM submissions WHERE status = 'accepted' AND submitted_by = 'bench-generator'`,
    )) as [{ accepted: number }];
    expect(accepted).toBe(6);
    const stored = await tableFingerprint(database);
    const rows = Object.values(stored).reduce((a, v) => a + Number(v.split(':')[0]), 0);
    expect(result.rowsWritten).toBe(rows);
    expect(result.rowsRead.episodes).toBeGreaterThan(0);
    expect(result.rowsRead.workers).toBeGreaterThan(0);
  });

  it('leaves England computed from the councils', () => {
    expect(result.england.placements3plus?.denominator).toBeGreaterThan(100);
    expect(result.england.turnover?.denominator).toBeGreaterThan(10);
  });

  it('reports every phase, and prints a table', () => {
    for (const k of ['parse', 'validate', 'write', 'recomputeAll'] as const)
      expect(result.phases[k]).toBeGreaterThanOrEqual(0);
    expect(result.memory.maxRssMb).toBeGreaterThan(0);
    const table = formatResults([result]);
    expect(table).toContain(`| engine`);
    expect(table).toContain(engine);
    expect(table).toContain('recomputeAll');
  });

  it('measures the COPY floor and leaves the same rows behind', async () => {
    const before = await tableFingerprint(database);
    const floor = await measureCopyFloor(database);
    expect(floor.rows).toBe(result.rowsWritten);
    expect(await tableFingerprint(database)).toEqual(before);
  });
});
