import type { Db } from '@continuity/db';
import { catalogue, type IndicatorDefinition } from '@continuity/indicators';
import { buildValues, type PublishedValue } from './build';
import { publishedSources, type PublishedSource } from './sources';
import { tableCache } from './tables';
import type { Row } from './subject';
import { upsertPublishedValues } from './upsert';

export interface IndicatorLoad {
  values: number;
  /** Values that are a symbol rather than a number. */
  symbols: number;
  firstPeriod: number | null;
  lastPeriod: number | null;
}

export interface PublishedSummary {
  /** Published values built from the files. */
  values: number;
  /** Rows inserted or changed by this load (0 when the same files are loaded again). */
  written: number;
  indicators: Record<string, IndicatorLoad>;
}

/** Catalogue indicators that DfE publishes (their `source` names a "Published:" table). */
export function publishedIndicators(definitions: readonly IndicatorDefinition[] = catalogue): IndicatorDefinition[] {
  return definitions.filter((d) => d.source.includes('Published:'));
}

/** Every published value from the package's files, for each published catalogue indicator. */
export function buildPublishedValues(table: (file: string) => readonly Row[] = tableCache()): PublishedValue[] {
  return publishedIndicators().flatMap((d) => buildValues(d.id, sourcesOf(d.id), table));
}

function sourcesOf(indicatorId: string): readonly PublishedSource[] {
  const sources = publishedSources[indicatorId];
  if (!sources?.length)
    throw new Error(`catalogue indicator ${indicatorId} is published but has no source in sources.ts`);
  return sources;
}

/**
 * Loads DfE's published figures into `indicator_values` (source 'published') for England, regions and
 * councils. Needs the catalogue in the database first (`syncCatalogue`). Loading again changes nothing.
 */
export async function loadPublishedIndicators(db: Db): Promise<PublishedSummary> {
  const values = buildPublishedValues();
  const written = await upsertPublishedValues(db, values);
  return { values: values.length, written, indicators: summarise(values) };
}

function summarise(values: readonly PublishedValue[]): Record<string, IndicatorLoad> {
  const summary: Record<string, IndicatorLoad> = {};
  for (const v of values) {
    const s = (summary[v.indicatorId] ??= { values: 0, symbols: 0, firstPeriod: null, lastPeriod: null });
    s.values += 1;
    if (v.symbol !== null) s.symbols += 1;
    s.firstPeriod = Math.min(s.firstPeriod ?? v.period, v.period);
    s.lastPeriod = Math.max(s.lastPeriod ?? v.period, v.period);
  }
  return summary;
}
