import type { Db } from '@continuity/db';
import { catalogue, syncCatalogue } from '@continuity/indicators';
import { loadPublishedIndicators, type PublishedSummary } from './published';
import { loadReference, type ReferenceOptions, type ReferenceSummary } from './reference';
import { tableCache } from './tables';

export interface LoadSummary extends ReferenceSummary {
  indicators: number;
  values: number;
  written: number;
  byIndicator: PublishedSummary['indicators'];
  milliseconds: number;
}

export type LoadOptions = ReferenceOptions;

/** Catalogue, then reference data, then published values (which need both). */
export async function loadAll(db: Db, options: LoadOptions): Promise<LoadSummary> {
  const started = performance.now();
  await syncCatalogue(db);
  const reference = await loadReference(db, options, tableCache());
  const published = await loadPublishedIndicators(db);
  return {
    indicators: catalogue.length,
    ...reference,
    values: published.values,
    written: published.written,
    byIndicator: published.indicators,
    milliseconds: Math.round(performance.now() - started),
  };
}
