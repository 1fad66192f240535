import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database, type Engine } from '@continuity/db';
import { loadAll } from '@continuity/published';

/** The PostgreSQL server used when DATABASE_URL is not set. */
export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fixed secret: the bench's practice pseudonyms need not be secret. */
const BENCH_PSEUDONYM_SECRET = 'continuity-bench-pseudonym-secret-not-for-production';
/** The registration-number key bench imports hash under (see @continuity/db registration.ts). */
export const BENCH_REGISTRATION_SECRET = 'continuity-bench-registration-secret-not-for-production';

/**
 * A fresh, migrated database for one bench run: PGlite in memory, or a new database on the PostgreSQL
 * server named by `serverUrl` (created here, dropped by `close()`; the server's own database, e.g. `test`,
 * is only used to issue CREATE / DROP DATABASE and is never written to).
 */
export async function openBenchDatabase(engine: Engine, options: { serverUrl?: string } = {}): Promise<Database> {
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
    database = await openDatabase({ url: url.toString(), max: 4 });
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
