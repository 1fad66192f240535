export * from './terms';
export * from './engine/types';
export { evaluate, atOrBetter } from './engine/evaluate';
export { allocate, earned, formatPence, toMillionths, ACHIEVEMENT_SCALE } from './engine/money';
export { canonicalJson, sha256Hex } from './canonical';
export { readFacts, readNeighbours, readDefinitions, UnknownIndicatorError, type FactsRequest } from './facts';
export { buildDocument, DOCUMENT_FORMAT, RULES } from './document';
export type { StatementDocument, ContractInfo, VersionInfo } from './document';
export * from './scope';
export * from './service';
export {
  discloseLines,
  discloseStatement,
  type DisclosedLine,
  type DisclosedRateLine,
  type DisclosedStatement,
  type DisclosedTotals,
} from './disclose';
export { evaluateRates, type RateCardResult, type RateLine } from './engine/rates';
export { statementCsv, CSV_COLUMNS, pounds } from './csv';
export {
  seedDemoContracts,
  demoContractTerms,
  DEMO_CONTRACT_AUTHOR,
  type SeedDemoContractsOptions,
  type SeedDemoContractsSummary,
} from './demo';
export { readSources, factReferences, type SourceReturn } from './sources';
export {
  listDisputes,
  raiseDispute,
  answerDispute,
  type DisputeRecord,
  type DisputeEvent,
  type DisputeState,
  type DisputeFilter,
} from './disputes';
export { indigoProject, type IndigoContract, type IndigoMetricInfo } from './indigo/project';
export { indigoExport } from './indigo/export';
export { lockCohort, listCohorts, cohortOutcome, type CohortRecord, type CohortOutcome } from './cohorts';
