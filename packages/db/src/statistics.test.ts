import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { analyzeIfStale, isStale } from './statistics';
import { openTestDatabase, testEngines } from './testing';
import type { Database } from './open';

describe('isStale', () => {
  it('is stale when never analysed (reltuples -1)', () => {
    expect(isStale({ analysedPages: 0, analysedRows: -1, pages: 0 })).toBe(true);
  });
  it('allows 20% growth plus 8 pages', () => {
    expect(isStale({ analysedPages: 100, analysedRows: 5000, pages: 128 })).toBe(false);
    expect(isStale({ analysedPages: 100, analysedRows: 5000, pages: 129 })).toBe(true);
    expect(isStale({ analysedPages: 0, analysedRows: 0, pages: 8 })).toBe(false);
    expect(isStale({ analysedPages: 0, analysedRows: 0, pages: 9 })).toBe(true);
  });
  it('is not stale after shrinking', () => {
    expect(isStale({ analysedPages: 100, analysedRows: 5000, pages: 10 })).toBe(false);
  });
});

describe.each(testEngines())('analyzeIfStale on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await database.rows(sql`CREATE TABLE stats_probe (id int, pad text)`);
  });
  afterAll(() => database?.close());

  const fill = (n: number) =>
    database.rows(sql`INSERT INTO stats_probe SELECT g, repeat('x', 200) FROM generate_series(1, ${n}) g`);
  const analysedRows = async () =>
    Number(
      (
        await database.rows<{ n: number }>(
          sql`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'stats_probe'`,
        )
      )[0]!.n,
    );

  it('analyses a never-analysed table, then leaves it until it grows by a fifth', async () => {
    await fill(100);
    expect(await analyzeIfStale(database.db, ['stats_probe'])).toEqual(['stats_probe']);
    expect(await analysedRows()).toBe(100);
    expect(await analyzeIfStale(database.db, ['stats_probe'])).toEqual([]);
    // 100 rows of ~230 bytes fit in ~3 pages: a few more rows stay within the 8-page slack.
    await fill(20);
    expect(await analyzeIfStale(database.db, ['stats_probe'])).toEqual([]);
    await fill(5000);
    expect(await analyzeIfStale(database.db, ['stats_probe'])).toEqual(['stats_probe']);
    expect(await analysedRows()).toBe(5120);
  });

  it('sees the rows of the transaction it runs in', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO stats_probe SELECT g, repeat('y', 200) FROM generate_series(1, 20000) g`);
      expect(await analyzeIfStale(tx, ['stats_probe'])).toEqual(['stats_probe']);
    });
    expect(await analysedRows()).toBe(25120);
  });

  it('ignores tables that do not exist and refuses names that are not plain identifiers', async () => {
    expect(await analyzeIfStale(database.db, ['no_such_table'])).toEqual([]);
    await expect(analyzeIfStale(database.db, ['x; DROP TABLE stats_probe'])).rejects.toThrow(/not a table name/);
  });
});
