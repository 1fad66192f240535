export * from './schema/index';
export { openDatabase, migrationsFolder, DEFAULT_SERVER_GUARDS, guardParameters } from './open';
export type { Database, Db, Engine, OpenOptions, RawClient, Schema, ServerGuards } from './open';
export { analyzeIfStale, isStale } from './statistics';
export { updateFromExcluded } from './upsert';
export { createReplicaRouting, isLsn, parseLsn, reachedLsn } from './replica';
export type {
  ReadChoice,
  ReadTarget,
  ReplicaRouting,
  ReplicaRoutingOptions,
  ReplicaState,
  ReplicaStatus,
} from './replica';
export { isRetryableTransactionError, isTransientDatabaseError } from './faults';
export {
  hashStoredRegistrations,
  isStoredRegistration,
  normaliseRegistration,
  storedRegistration,
  REGISTRATION_HASH_PATTERN,
  REGISTRATION_HASH_PREFIX,
  UNKNOWN_REGISTRATION,
  WITHHELD_REGISTRATION,
  withheldFindings,
  withholdStoredFindings,
} from './registration';
export type { RegistrationSecret } from './registration';
