import type { Viewer } from '@continuity/access';
import type { Database } from '@continuity/db';
import { DEFAULT_LIMITS, type QueryLimits } from './limits';

export type { Viewer } from '@continuity/access';

/** One audit row gathered while resolving (who and when are added when it is written). */
export interface AuditEntry {
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/**
 * One per request. Dataloaders are not fields here: the Pothos dataloader plugin (and
 * `createContextCache`) keep them in caches keyed on this object, so a fresh context per request
 * gives fresh, per-request loaders: nothing is cached across viewers.
 */
export interface Context {
  /**
   * Where this request reads: a hot standby for queries when the gateway has one (DATABASE_READ_URL),
   * the primary for mutations (the gateway switches it once the operation is known) and otherwise.
   */
  database: Database;
  /** The primary: every write (mutations, audit rows, even those of a query) goes here. */
  primary: Database;
  /** Who is asking, from a verified token; null when no token was sent (every data field is then denied). */
  viewer: Viewer | null;
  /** Aborted when the request runs out of time: resolvers start no further SQL. */
  signal: AbortSignal | undefined;
  /** Query limits (depth, aliases, tokens, cost); the gateway passes its configuration. */
  limits: QueryLimits;
  /**
   * Reads of child-derived figures made by this request, written in one insert when the request
   * ends (`flushAudit`, called by the gateway; `execute` in testing.ts for direct execution).
   */
  audit: AuditEntry[];
}

export interface ContextOptions {
  database: Database;
  /** The primary, when `database` is a read replica; default `database`. */
  primary?: Database;
  viewer?: Viewer | null;
  signal?: AbortSignal;
  limits?: Partial<QueryLimits>;
}

export function createContext(options: ContextOptions): Context {
  return {
    database: options.database,
    primary: options.primary ?? options.database,
    viewer: options.viewer ?? null,
    signal: options.signal,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    audit: [],
  };
}

/** Throws the request's abort reason once it has timed out: call before issuing SQL. */
export function guard(ctx: Context): void {
  ctx.signal?.throwIfAborted();
}
