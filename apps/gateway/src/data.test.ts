import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { seedFixture } from '@continuity/schema/testing';
import { ensureData } from './data';

describe.each(testEngines())('ensureData on %s', (engine) => {
  let database: Database;
  let loads = 0;
  // A stand-in for loadAll: the fixture, written once (it is not idempotent, loadAll is).
  const load = async (_db: Db) => {
    loads += 1;
    if (loads === 1) await seedFixture(database);
  };
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database?.close());

  it('loads an empty database, then skips while the fingerprint holds, and reloads when it changes', async () => {
    expect(await ensureData(database, { fingerprint: () => 'aa11', load })).toMatchObject({ loaded: true });
    expect(loads).toBe(1);
    expect(await ensureData(database, { fingerprint: () => 'aa11', load })).toMatchObject({ loaded: false });
    expect(loads).toBe(1);
    expect(await ensureData(database, { fingerprint: () => 'bb22', load })).toMatchObject({ loaded: true });
    expect(loads).toBe(2);
    expect(await ensureData(database, { fingerprint: () => 'bb22', load })).toMatchObject({ loaded: false });
  });

  it('reloads when the published values have gone, whatever the fingerprint says', async () => {
    await database.rows(sql`DELETE FROM indicator_values WHERE source = 'published'`);
    expect(await ensureData(database, { fingerprint: () => 'bb22', load })).toMatchObject({ loaded: true });
  });

  it('refuses a fingerprint that is not hex (it is written into SQL)', async () => {
    await expect(ensureData(database, { fingerprint: () => "x'; DROP TABLE councils; --", load })).rejects.toThrow(
      /hex/,
    );
  });
});
