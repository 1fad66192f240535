import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';

/*
 * The embedded database (PGlite) runs inside the gateway's process. After a full disk it may be left unable
 * to answer (issue 12: a PANIC on rollback, reads failing and /health 503 even once space was freed; here a
 * query that never returned). PostgreSQL would restart its backends; PGlite cannot, only a new process can
 * (it replays its WAL on open). So the gateway probes it and, when a probe fails or does not return in
 * time, exits with a clear message and EXIT_EMBEDDED_DEAD for its supervisor (compose `restart:`, systemd,
 * Kubernetes) to start it again. A probe queues behind the running transaction (PGlite is one connection),
 * so the timeout must be longer than the longest upload: 120 s by default.
 */

/** The exit code of a gateway whose embedded database stopped answering (EX_SOFTWARE would be 70; 75 is EX_TEMPFAIL). */
export const EXIT_EMBEDDED_DEAD = 75;

export interface WatchdogOptions {
  /** A probe not answered in this time counts as failed (milliseconds). */
  timeoutMs: number;
  /** Time between probes (default: a quarter of the timeout, at most 15 s). */
  intervalMs?: number;
  /** What to do when the database is dead (the gateway: log and exit). */
  onDead: (reason: string) => void;
}

/** One probe: a trivial query, failed on error or when it takes longer than timeoutMs. */
export async function probe(database: Database, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer to SELECT 1 within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
  });
  try {
    return await Promise.race([database.rows(sql`SELECT 1 AS ok`).then(() => null), late]);
  } catch (error) {
    return reasonOf(error);
  } finally {
    clearTimeout(timer);
  }
}

/** The error's message and its causes' (drizzle wraps the driver's error in "Failed query: ..."). */
function reasonOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push((e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim());
  }
  return parts.join(': ');
}

/** Starts probing; returns a function that stops it. One probe at a time; the timer does not hold the process open. */
export function watchEmbeddedDatabase(database: Database, options: WatchdogOptions): () => void {
  const interval = options.intervalMs ?? Math.min(15_000, Math.max(1_000, Math.floor(options.timeoutMs / 4)));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      const failure = await probe(database, options.timeoutMs);
      if (stopped) return;
      if (failure) {
        stopped = true;
        options.onDead(failure);
        return;
      }
      next();
    }, interval);
    timer.unref();
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export function deadDatabaseMessage(dataDir: string, reason: string): string {
  return (
    `The embedded database (PGlite in ${dataDir}) stopped answering: ${reason}. Exiting (code ${EXIT_EMBEDDED_DEAD}) so ` +
    'the supervisor starts the gateway again; PGlite recovers its committed data on start. If the disk is full, free ' +
    'space first (df -h), or run on PostgreSQL (DATABASE_URL).'
  );
}
