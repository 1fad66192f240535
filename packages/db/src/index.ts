export * from './schema/index';
export { openDatabase, migrationsFolder, DEFAULT_SERVER_GUARDS, guardParameters } from './open';
export type { Database, Db, Engine, OpenOptions, RawClient, Schema, ServerGuards } from './open';
export { analyzeIfStale, isStale } from './statistics';
export { updateFromExcluded } from './upsert';
export { isRetryableTransactionError, isTransientDatabaseError } from './faults';
