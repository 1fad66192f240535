import { indicators, updateFromExcluded, type Db } from '@continuity/db';
import { catalogue } from './catalogue';

/** Writes the catalogue into the `indicators` table; running it again changes nothing. */
export async function syncCatalogue(db: Db): Promise<void> {
  await db
    .insert(indicators)
    .values(catalogue.map((d) => ({ ...d })))
    .onConflictDoUpdate({
      target: indicators.id,
      set: updateFromExcluded(indicators, [
        'title',
        'area',
        'unit',
        'polarity',
        'numerator',
        'denominator',
        'source',
        'method',
        'periodType',
        'decimals',
        'scale',
      ]),
    });
}
