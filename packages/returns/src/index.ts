/**
 * @continuity/returns: read and check SSDA903 (children looked after) and CSWW (workforce census) returns.
 * Pure: no database, no file system. Parse the uploaded bytes, then validate for a collection year; any error
 * rejects the whole return, warnings do not.
 *
 *   const parsed = parseSsda903Files([{ name, bytes }, ...]);
 *   const result = validateReturn(parsed, { collectionYear: 2025 });
 */
export type { Issue, Origin, Severity } from './issues';
export { ssda903Period, cswwPeriod, type Ssda903Period, type CswwPeriod } from './collection-year';

export { parseSsda903Files, type UploadedFile, type Ssda903ParseResult } from './ssda903/parse';
export {
  TABLES,
  TABLE_KEYS,
  countRows,
  type TableKey,
  type Ssda903Model,
  type Ssda903Source,
  type RowOf,
  type HeaderRow,
  type EpisodeRow,
  type ReviewRow,
  type UascRow,
  type Oc2Row,
  type Oc3Row,
  type Ad1Row,
  type PlacedAdoptionRow,
  type PrevPermRow,
  type MissingRow,
  type SwEpisodeRow,
  type DoLoRow,
} from './ssda903/tables';
export * as ssda903Codes from './ssda903/codes';

export { parseCswwXml, type CswwParseResult } from './csww/parse-xml';
export type { CswwModel, CswwWorker, CswwLaLevel, CswwHeader } from './csww/model';
export { CSWW_CODES } from './csww/codes';

export { validateSsda903, validateCsww, validateReturn, type ValidationResult, type ValidateOptions } from './validate';
export { ruleCatalogue, type RuleInfo } from './catalogue';
export {
  DEFAULT_ISSUE_LIMITS,
  NO_ISSUE_LIMITS,
  IssueTally,
  issueTotal,
  moreMessage,
  type IssueLimits,
} from './issue-caps';

export * from './import/index';
// For the API, which scopes its submission queries in SQL by the viewer's role.
export { selectSubmissionHeaders, filesOfSubmissions, type SubmissionHeader } from './import/submissions';
export * from './generator/index';
export {
  seedDemoReturns,
  demoCouncils,
  practiceShare,
  DEMO_SUBMITTER,
  DEMO_SEED,
  type SeedDemoOptions,
  type SeedDemoSummary,
  type DemoProgress,
  type DemoReturn,
} from './demo/seed-demo-returns';
