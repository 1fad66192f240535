import { randomBytes } from 'node:crypto';
import net from 'node:net';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import * as schema from '@continuity/db';
import { migrationsFolder, openDatabase, type Database, type Db, type Engine } from '@continuity/db';
import { loadAll } from '@continuity/published';

/** The PostgreSQL server used when DATABASE_URL is not set. */
export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fixed secret: the bench's practice pseudonyms need not be secret. */
const BENCH_PSEUDONYM_SECRET = 'continuity-bench-pseudonym-secret-not-for-production';

/**
 * A fresh, migrated database for one bench run: PGlite in memory, or a new database on the PostgreSQL
 * server named by `serverUrl` (created here, dropped by `close()`; the server's own database, e.g. `test`,
 * is only used to issue CREATE / DROP DATABASE and is never written to).
 */
export async function openBenchDatabase(
  engine: Engine,
  options: { serverUrl?: string; tcpNoDelay?: boolean } = {},
): Promise<Database> {
  const serverUrl = options.serverUrl ?? (process.env.DATABASE_URL || DEFAULT_SERVER);
  if (engine === 'pglite') return openDatabase();
  const name = `continuity_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = options.tcpNoDelay ? await openPostgresNoDelay(url.toString()) : await openDatabase({ url: url.toString(), max: 4 });
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  }
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await dropDatabase(serverUrl, name);
    },
  };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The catalogue, councils, pilots and published values: what `npm start` loads, and what sizes the councils. */
export async function prepareBenchDatabase(database: Database): Promise<number> {
  const started = performance.now();
  await loadAll(database.db, { pseudonymSecret: BENCH_PSEUDONYM_SECRET });
  return (performance.now() - started) / 1000;
}

/**
 * openDatabase's PostgreSQL branch with one change: the driver's sockets set TCP_NODELAY. postgres.js
 * does not, so a COPY's last CopyData and its CopyDone (and the next small message) wait for the
 * server's delayed ACK: about 40 ms per COPY statement on Linux, whatever its size. This is the change
 * proposed for packages/db/src/open.ts, measured here with `--tcp-nodelay`.
 */
export async function openPostgresNoDelay(
  url: string,
  max = 4,
  onnotice: (notice: postgres.Notice) => void = () => {},
): Promise<Database> {
  const client = postgres(url, {
    max,
    onnotice,
    // `socket` is a documented postgres.js option missing from its type definitions.
    ...({ socket: noDelaySocket } as Record<string, unknown>),
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  await migrate(db as never, { migrationsFolder });
  return {
    db,
    engine: 'postgres',
    raw: { engine: 'postgres', sql: client },
    rows: async <T>(query: Parameters<Database['rows']>[0]) => (await db.execute(query)) as unknown as T[],
    close: () => client.end({ timeout: 5 }),
  };
}

/** A connected TCP (or Unix) socket with Nagle's algorithm off, for postgres.js's `socket` option. */
export function noDelaySocket(options: { host: string[]; port: number[]; path?: string | false }): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.path
      ? net.connect({ path: options.path })
      : net.connect({ host: options.host[0] ?? '127.0.0.1', port: options.port[0] ?? 5432, noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
