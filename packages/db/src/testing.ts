import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database, type Engine, type OpenOptions } from './open';

/**
 * The engines a database suite runs on: always the embedded PGlite, and the PostgreSQL server
 * too when DATABASE_URL is set (CI sets it). Use with `describe.each(testEngines())`.
 */
export function testEngines(): Engine[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, migrated, empty database on the given engine. On PostgreSQL it is a new database on the
 * server named by DATABASE_URL, dropped again by `close()`, so suites never share state.
 */
export async function openTestDatabase(engine: Engine, options: Pick<OpenOptions, 'logger'> = {}): Promise<Database> {
  if (engine === 'pglite') return openDatabase({ logger: options.logger });
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: the postgres engine needs a server');
  const name = `continuity_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), logger: options.logger, max: 4 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The registration-number key tests store rows under (never a real server's). */
export const TEST_REGISTRATION_SECRET = 'continuity-test-registration-secret';
