export * from './schema/index';
export { openDatabase, migrationsFolder } from './open';
export type { Database, Db, Engine, OpenOptions, RawClient, Schema } from './open';
export { analyzeIfStale, isStale } from './statistics';
export { updateFromExcluded } from './upsert';
export { createReplicaRouting, isLsn, parseLsn, reachedLsn } from './replica';
export type { ReadChoice, ReadTarget, ReplicaRouting, ReplicaRoutingOptions, ReplicaState, ReplicaStatus } from './replica';
