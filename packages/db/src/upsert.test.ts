import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from './testing';
import type { Database } from './open';
import { councils, regions } from './schema/index';
import { updateFromExcluded } from './upsert';

describe.each(testEngines())('updateFromExcluded on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database?.close());

  it('overwrites only the named columns, by their SQL names', async () => {
    await database.db.insert(regions).values([
      { code: 'E12000007', name: 'London' },
      { code: 'E12000008', name: 'South East' },
    ]);
    const kent = { code: '886', onsCode: 'E10000016', name: 'Kent', regionCode: 'E12000008', firstPeriod: 2010 };
    await database.db.insert(councils).values(kent);
    await database.db
      .insert(councils)
      .values({ ...kent, name: 'Kent CC', regionCode: 'E12000007', firstPeriod: 2020 })
      .onConflictDoUpdate({ target: councils.code, set: updateFromExcluded(councils, ['name', 'regionCode']) });
    const [row] = await database.db.select().from(councils);
    expect(row).toMatchObject({ name: 'Kent CC', regionCode: 'E12000007', firstPeriod: 2010 });
  });
});
