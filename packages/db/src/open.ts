import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The drizzle database, the same type on both engines. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

/** The raw driver, for what drizzle does not cover (COPY for bulk loads). */
export type RawClient = { engine: 'pglite'; pglite: PGlite } | { engine: 'postgres'; sql: postgres.Sql };

export interface Database {
  db: Db;
  engine: Engine;
  raw: RawClient;
  /** Runs a query and returns its rows, whichever engine is underneath. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * postgres.js leaves Nagle's algorithm on, so a COPY's closing message waits for the server's delayed ACK:
 * about 40 ms per statement, 133 s of a national import (docs/benchmarks.md). A socket with noDelay removes
 * that. Unix-socket URLs keep postgres.js's own socket; TLS is negotiated over this socket as usual.
 */
function noDelaySocket(options: { host: string[]; port: number[]; path?: string | false }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.path
      ? connect({ path: options.path })
      : connect({ host: options.host[0] ?? '127.0.0.1', port: options.port[0] ?? 5432, noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string | undefined;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** Notice and log hooks for tests that capture SQL. */
  logger?: (query: string, params: unknown[]) => void;
  /** postgres.js pool size. */
  max?: number;
  /** PostgreSQL only: the server-side guards set on every connection (defaults: DEFAULT_SERVER_GUARDS). */
  guards?: Partial<ServerGuards>;
}

/**
 * Settings the product gives PostgreSQL on each of its connections (as startup parameters, so they hold
 * from the first statement, the migrations included). Issue 12: after the gateway was killed during a
 * recompute, its orphaned backend ran on for 74-78 s holding the return's lock, and the retry waited.
 *  - client_connection_check_interval: while a statement runs, the server checks this often whether the
 *    client is still there, and cancels the statement (releasing its locks) when it is not.
 *  - idle_in_transaction_session_timeout: a transaction left open by a client that stopped talking ends.
 *  - statement_timeout: no statement runs longer (the longest of a national bulk load takes seconds).
 * 0 turns one off. PGlite is in-process (its client cannot vanish), so these are PostgreSQL's only.
 */
export interface ServerGuards {
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  connectionCheckIntervalMs: number;
}

export const DEFAULT_SERVER_GUARDS: ServerGuards = {
  statementTimeoutMs: 60_000,
  idleInTransactionTimeoutMs: 60_000,
  connectionCheckIntervalMs: 2_000,
};

/** The guards as postgres.js `connection` parameters. */
export function guardParameters(guards: Partial<ServerGuards> = {}): Record<string, string> {
  const g = { ...DEFAULT_SERVER_GUARDS, ...guards };
  return {
    statement_timeout: String(g.statementTimeoutMs),
    idle_in_transaction_session_timeout: String(g.idleInTransactionTimeoutMs),
    client_connection_check_interval: String(g.connectionCheckIntervalMs),
  };
}

/**
 * Opens the database: PostgreSQL through the `postgres` driver when a URL is given, otherwise an
 * embedded PGlite (persisted in `dataDir`, or in memory). Migrations are applied on both.
 */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const logger = options.logger ? { logQuery: options.logger } : undefined;
  let database: Database;
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: guardParameters(options.guards),
      // `socket` is a documented postgres.js option its type definitions lack.
      ...({ socket: noDelaySocket } as Record<string, unknown>),
    });
    const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
    database = {
      db,
      engine: 'postgres',
      raw: { engine: 'postgres', sql: client },
      rows: async <T>(query: SQL) => (await db.execute(query)) as unknown as T[],
      close: () => client.end({ timeout: 5 }),
    };
    if (options.migrate !== false) await migratePostgres(db as never, { migrationsFolder });
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const pglite = new PGlite(options.dataDir);
    const db = drizzlePglite(pglite, { schema, logger }) as unknown as Db;
    database = {
      db,
      engine: 'pglite',
      raw: { engine: 'pglite', pglite },
      rows: async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
      close: () => pglite.close(),
    };
    if (options.migrate !== false) await migratePglite(db as never, { migrationsFolder });
  }
  return database;
}
