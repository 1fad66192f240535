export { loadAll, type LoadOptions, type LoadSummary } from './load-all';
export { loadReference, type ReferenceOptions, type ReferenceSummary } from './reference';
export { practicePseudonyms, isLegacyPseudonym } from './pseudonyms';
export {
  loadPublishedIndicators,
  buildPublishedValues,
  publishedIndicators,
  type PublishedSummary,
  type IndicatorLoad,
} from './published';
export type { PublishedValue } from './build';
export { parseCell, type Cell } from './cell';
export { periodOf } from './period';
