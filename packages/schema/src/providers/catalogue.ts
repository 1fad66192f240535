import { eq, inArray } from 'drizzle-orm';
import { indicators, type Database } from '@continuity/db';
import { catalogue, type OutcomeArea } from '@continuity/indicators';

/**
 * Reads of the `indicators` table: the catalogue as synced into the database, the same rows the SQL
 * providers join for polarity and scale, so the API and the ranks never disagree.
 */

export type IndicatorRow = typeof indicators.$inferSelect;

// Catalogue order (areas in framework order, then as written) is the order people read them in.
const position = new Map(catalogue.map((d, i) => [d.id, i]));
const byCatalogueOrder = (a: IndicatorRow, b: IndicatorRow) =>
  (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || a.id.localeCompare(b.id);

export async function listIndicators(
  database: Database,
  filter: { area?: OutcomeArea | null } = {},
): Promise<IndicatorRow[]> {
  const query = database.db.select().from(indicators);
  const rows = await (filter.area == null ? query : query.where(eq(indicators.area, filter.area)));
  return rows.sort(byCatalogueOrder);
}

export function indicatorsByIds(database: Database, ids: readonly string[]): Promise<IndicatorRow[]> {
  return database.db
    .select()
    .from(indicators)
    .where(inArray(indicators.id, [...ids]));
}
