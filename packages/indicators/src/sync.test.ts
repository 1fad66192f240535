import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicators } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import type { Database } from '@continuity/db';
import { catalogue } from './catalogue';
import { syncCatalogue } from './sync';

describe.each(testEngines())('syncCatalogue on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database?.close());

  it('writes every definition once, however often it runs', async () => {
    await syncCatalogue(database.db);
    await syncCatalogue(database.db);
    const rows = await database.db.select().from(indicators);
    expect(rows).toHaveLength(catalogue.length);
    expect(rows.find((r) => r.id === 'placements_3plus')).toMatchObject({
      area: 'stability',
      polarity: 'lower_better',
      unit: 'percent',
    });
  });

  it('has unique ids and a definition for every field', () => {
    expect(new Set(catalogue.map((d) => d.id)).size).toBe(catalogue.length);
    for (const d of catalogue) {
      expect(d.numerator.length, d.id).toBeGreaterThan(10);
      expect(d.denominator.length, d.id).toBeGreaterThan(10);
    }
  });
});
