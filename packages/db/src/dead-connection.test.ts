import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './testing';
import type { Database } from './open';

/*
 * Issue 12: postgres.js 3.4.x sends a failed transaction's ROLLBACK on the dead socket and throws
 * "Cannot read properties of null (reading 'write')" from a setImmediate, which no caller can catch: the
 * gateway died in 5 of 6 trials of a terminated backend. patches/postgres+3.4.9.patch (applied by
 * patch-package at install) guards that write; this suite terminates the backend of a transaction in flight,
 * 20 times, plain and inside a savepoint (the recompute runs in one), and the process must live on.
 * PostgreSQL only: PGlite has no backend to terminate.
 */
const TERMINATIONS = 20;

describe.runIf(process.env.DATABASE_URL)('a dead connection on postgres', () => {
  let database: Database;
  let killer: postgres.Sql;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    killer = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await killer?.end();
    await database?.close();
  });

  it('sets the server-side guards on its own connections', async () => {
    const [row] = await database.rows<Record<string, string>>(sql`SELECT current_setting('statement_timeout') AS st,
      current_setting('idle_in_transaction_session_timeout') AS idle,
      current_setting('client_connection_check_interval') AS check`);
    expect(row).toEqual({ st: '1min', idle: '1min', check: '2s' });
  });

  /** Runs a transaction whose backend another connection terminates mid-statement; returns its error. */
  const terminated = async (nested: boolean): Promise<unknown> => {
    let pid: number | null = null;
    const work = database.db.transaction(async (tx) => {
      const [row] = (await tx.execute(sql`SELECT pg_backend_pid() AS pid`)) as unknown as { pid: number }[];
      pid = row!.pid;
      const sleep = () => tx.execute(sql`SELECT pg_sleep(30)`);
      if (nested) await tx.transaction(async (inner) => void (await inner.execute(sql`SELECT pg_sleep(30)`)));
      else await sleep();
    });
    const outcome = work.then(
      () => null,
      (error: unknown) => error,
    );
    // Bounded: the transaction reports its pid within a few statements.
    for (let i = 0; i < 200 && pid === null; i++) await new Promise((r) => setTimeout(r, 25));
    expect(pid).not.toBeNull();
    // Wait until the sleep is running, then kill its backend.
    for (let i = 0; i < 200; i++) {
      const [state] = await killer`SELECT query FROM pg_stat_activity WHERE pid = ${pid!}`;
      if (String(state?.query ?? '').includes('pg_sleep')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await killer`SELECT pg_terminate_backend(${pid!})`;
    const error = await outcome;
    // Give the driver's scheduled writes (setImmediate) their turn: the crash came from there.
    await new Promise((r) => setTimeout(r, 50));
    return error;
  };

  it(`survives ${TERMINATIONS} terminated backends mid-transaction, and the pool answers after each`, async () => {
    for (let i = 0; i < TERMINATIONS; i++) {
      const error = await terminated(i % 2 === 1);
      expect(error).toBeInstanceOf(Error);
      const [row] = await database.rows<{ one: number }>(sql`SELECT 1 AS one`);
      expect(row).toEqual({ one: 1 });
    }
    expect(uncaught).toEqual([]);
  });
});
