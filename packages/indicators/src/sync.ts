import { sql } from 'drizzle-orm';
import { indicators, type Db } from '@continuity/db';
import { catalogue } from './catalogue';

/** Writes the catalogue into the `indicators` table; running it again changes nothing. */
export async function syncCatalogue(db: Db): Promise<void> {
  await db
    .insert(indicators)
    .values(catalogue.map((d) => ({ ...d })))
    .onConflictDoUpdate({
      target: indicators.id,
      set: {
        title: sql`excluded.title`,
        area: sql`excluded.area`,
        unit: sql`excluded.unit`,
        polarity: sql`excluded.polarity`,
        numerator: sql`excluded.numerator`,
        denominator: sql`excluded.denominator`,
        source: sql`excluded.source`,
        method: sql`excluded.method`,
        periodType: sql`excluded.period_type`,
        decimals: sql`excluded.decimals`,
        scale: sql`excluded.scale`,
      },
    });
}
