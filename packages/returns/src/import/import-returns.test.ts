import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import { importReturn } from './import';
import { importReturns, recomputeRange, type BulkReturn } from './import-returns';
import { cswwFile, seedPlaces, ssda903Files } from './testing';

const bad = { name: 'header.csv', bytes: new TextEncoder().encode('CHILD,SEX,DOB\n1,9,32/13/2010\n') };

function nationalish(): BulkReturn[] {
  return [
    {
      kind: 'ssda903',
      councilCode: '886',
      practiceId: null,
      collectionYear: 2025,
      files: () => ssda903Files('k', '886', 2025, 30),
    },
    {
      kind: 'ssda903',
      councilCode: '886',
      practiceId: 'swp-kent',
      collectionYear: 2025,
      files: ssda903Files('kp', '886', 2025, 8),
    },
    {
      kind: 'ssda903',
      councilCode: '887',
      practiceId: null,
      collectionYear: 2025,
      files: () => ssda903Files('m', '887', 2025, 20),
    },
    { kind: 'ssda903', councilCode: '341', practiceId: null, collectionYear: 2025, files: [bad] },
    {
      kind: 'csww',
      councilCode: '886',
      practiceId: null,
      collectionYear: 2024,
      files: () => [cswwFile('kc', '886', 2024, 25)],
    },
    {
      kind: 'csww',
      councilCode: '887',
      practiceId: null,
      collectionYear: 2024,
      files: () => [cswwFile('mc', '887', 2024, 15)],
    },
  ];
}

type Value = {
  indicator_id: string;
  subject_kind: string;
  subject_id: string;
  period: number;
  numerator: number;
  denominator: number;
};
const computedValues = (database: Database) =>
  database.rows<Value>(sql`
    SELECT indicator_id, subject_kind::text, subject_id, period, numerator, denominator FROM indicator_values
    WHERE source = 'computed' ORDER BY indicator_id, subject_kind, subject_id, period`);

describe('recomputeRange', () => {
  it('covers each year and, for a 903 return, the two after it (long-term stability history)', () => {
    expect(recomputeRange([])).toBeNull();
    expect(recomputeRange([{ kind: 'csww', collectionYear: 2024 }])).toEqual({ fromYear: 2024, toYear: 2024 });
    expect(
      recomputeRange([
        { kind: 'csww', collectionYear: 2024 },
        { kind: 'ssda903', collectionYear: 2023 },
      ]),
    ).toEqual({ fromYear: 2023, toYear: 2025 });
  });
});

describe.each(testEngines())('importReturns on %s', (engine) => {
  let bulk: Database;
  let oneByOne: Database;
  beforeAll(async () => {
    [bulk, oneByOne] = await Promise.all([openTestDatabase(engine), openTestDatabase(engine)]);
    await seedPlaces(bulk);
    await seedPlaces(oneByOne);
  });
  afterAll(async () => {
    await bulk?.close();
    await oneByOne?.close();
  });

  it('gives the same indicators as importing each return with its own recompute', async () => {
    const seen: number[] = [];
    const ranges: unknown[] = [];
    const summary = await importReturns(bulk, nationalish(), {
      submittedBy: 'bulk-test',
      registrationSecret: TEST_REGISTRATION_SECRET,
      concurrency: 2,
      onResult: (_r, done) => seen.push(done),
      onRecompute: (range) => ranges.push(range),
    });
    expect(summary).toMatchObject({ accepted: 5, rejected: 1, unchanged: 0 });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ranges).toEqual([{ fromYear: 2024, toYear: 2027 }]);
    expect(summary.recompute).toMatchObject({ fromYear: 2024, toYear: 2027 });
    const rejected = summary.results.find((r) => r.status === 'rejected')!;
    expect(rejected.councilCode).toBe('341');
    expect(rejected.errors.length).toBeGreaterThan(0);
    // The deferred imports did not recompute.
    for (const r of summary.results) expect(r.timings.computeMs).toBeLessThan(5_000);

    for (const item of nationalish()) {
      const { files, ...key } = item;
      await importReturn(oneByOne, {
        ...key,
        files: typeof files === 'function' ? files() : files,
        submittedBy: 'one-test',
        registrationSecret: TEST_REGISTRATION_SECRET,
      });
    }
    const expected = await computedValues(oneByOne);
    expect(expected.length).toBeGreaterThan(40);
    expect(expected.some((v) => v.subject_kind === 'practice')).toBe(true);
    expect(expected.some((v) => v.subject_kind === 'england')).toBe(true);
    expect(await computedValues(bulk)).toEqual(expected);
  });

  it('is idempotent: the same returns again are unchanged and nothing is recomputed', async () => {
    const summary = await importReturns(bulk, nationalish(), {
      submittedBy: 'bulk-test',
      registrationSecret: TEST_REGISTRATION_SECRET,
    });
    expect(summary).toMatchObject({ accepted: 0, unchanged: 5, rejected: 1, recompute: null });
  });

  it('stops on a failure, still recomputes what was accepted, and throws', async () => {
    const db = await openTestDatabase(engine);
    try {
      await seedPlaces(db);
      const returns: BulkReturn[] = [
        {
          kind: 'csww',
          councilCode: '886',
          practiceId: null,
          collectionYear: 2024,
          files: () => [cswwFile('a', '886', 2024, 10)],
        },
        {
          kind: 'csww',
          councilCode: '887',
          practiceId: null,
          collectionYear: 2024,
          files: () => {
            throw new Error('disk gone');
          },
        },
        {
          kind: 'csww',
          councilCode: '341',
          practiceId: null,
          collectionYear: 2024,
          files: () => [cswwFile('c', '341', 2024, 10)],
        },
      ];
      await expect(
        importReturns(db, returns, {
          submittedBy: 'bulk-test',
          registrationSecret: TEST_REGISTRATION_SECRET,
          concurrency: 1,
        }),
      ).rejects.toThrow('disk gone');
      const [kent] = await db.rows<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM indicator_values WHERE source = 'computed' AND subject_id = '886'`);
      expect(kent!.n).toBeGreaterThan(0);
      const [liverpool] = await db.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM submissions WHERE council_code = '341'`,
      );
      expect(liverpool!.n).toBe(0);
    } finally {
      await db.close();
    }
  });
});
