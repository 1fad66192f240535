export * from './catalogue';
export { syncCatalogue } from './sync';
export { rankCouncils, rankedValues, type CouncilRank, type RankFilter } from './rank';
export { series, ENGLAND_CODE } from './series';
export type { SeriesRequest, SeriesResult, SeriesLine, SeriesPoint, ComparatorPoint, SubjectRef } from './series';
export { chosenValues, type ValueFilter, type SubjectKind, type ValueSource } from './series-values';
export * from './compute/index';
export * from './continuity/index';
export * from './uncertainty/index';
export { councilTable, type CouncilTable, type CouncilTableRow } from './council-table';
export { valueInterval, versusEngland, trendOf, type Significance, type Trend } from './council-verdicts';
export {
  councilFunnel,
  funnelPosition,
  type CouncilFunnel,
  type FunnelPosition,
  type FunnelCurvePoint,
} from './council-funnel';
