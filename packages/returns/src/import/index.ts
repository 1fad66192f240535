/**
 * The import service: keep the raw bytes and their hash, parse, validate, replace the return's child-level
 * rows and recompute the council's indicators in one transaction (see import.ts and the README's "Import").
 */
export {
  importReturn,
  checkTarget,
  ImportRequestError,
  STORE_FAILURE_RULE,
  READ_FAILURE_RULE,
  type ImportActor,
  type ImportFile,
  type ImportOptions,
  type ImportPhase,
  type ImportProgress,
  type ImportResult,
  type ImportStatus,
  type ImportTimings,
} from './import';
export {
  importReturns,
  recomputeRange,
  type BulkReturn,
  type ImportReturnsOptions,
  type ImportReturnsSummary,
} from './import-returns';
export { contentHash, detectReturnKind, returnLabel, sha256Hex, type ReturnKey, type ReturnKind } from './hash';
export {
  listSubmissions,
  getSubmission,
  getSubmissionFile,
  type SubmissionFilter,
  type SubmissionSummary,
  type SubmissionFileInfo,
} from './submissions';
export { createWorkerReader, inThreadReader, type ReturnReader } from './reader';
export type { ReadOutcome, ReadRequest } from './read';
export { checkIntegrity, computedFigures, CLEAN, type Integrity } from './consistency';
