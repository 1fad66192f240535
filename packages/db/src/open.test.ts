import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase, testEngines } from './testing';
import type { Database } from './open';
import { councils, regions } from './schema/index';

describe.each(testEngines())('migrations on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database?.close());

  it('creates every table the schema declares', async () => {
    const rows = await database.rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'councils',
        'indicator_values',
        'indicators',
        'pilot_councils',
        'pilot_waves',
        'practice_councils',
        'practices',
        'regions',
        'statistical_neighbours',
      ]),
    );
  });

  it('stores and reads rows through drizzle', async () => {
    await database.db.insert(regions).values({ code: 'E12000008', name: 'South East' });
    await database.db
      .insert(councils)
      .values({ code: '886', onsCode: 'E10000016', name: 'Kent', regionCode: 'E12000008' });
    const [kent] = await database.db.select().from(councils);
    expect(kent).toMatchObject({ code: '886', name: 'Kent', regionCode: 'E12000008' });
  });

  it('is idempotent when migrations run again', async () => {
    const { migrate } = await import(
      engine === 'pglite' ? 'drizzle-orm/pglite/migrator' : 'drizzle-orm/postgres-js/migrator'
    );
    const { migrationsFolder } = await import('./open');
    await migrate(database.db as never, { migrationsFolder });
    const [count] = await database.rows<{ n: number }>(sql`select count(*)::int as n from councils`);
    expect(count?.n).toBe(1);
  });
});
