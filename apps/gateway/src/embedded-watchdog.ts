import { Worker } from 'node:worker_threads';
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
 *
 * PGlite runs in the main thread, and after a full disk it was seen spinning there (100% CPU, /health never
 * answered): no timer of the main thread fires then. So a worker thread watches the main thread's heartbeat
 * too and, when it stops for the timeout, writes the message and kills the process (SIGKILL: a blocked main
 * thread runs no exit handler; the data-folder lock it leaves is taken over by the next start, its holder
 * being gone).
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

/**
 * Watches the main thread from a worker: a heartbeat stored every second in shared memory; when it is older
 * than timeoutMs the worker prints `message` (with the time stalled) to stderr and kills the process.
 * Returns a function that stops it. The worker does not hold the process open.
 */
export function watchEventLoop(timeoutMs: number, message: (reason: string) => string): () => void {
  const beat = new Int32Array(new SharedArrayBuffer(8));
  const now = () => Math.floor(Date.now() / 1000);
  Atomics.store(beat, 0, now());
  const heart = setInterval(() => Atomics.store(beat, 0, now()), 1000);
  heart.unref();
  const code = `
    const { workerData } = require('node:worker_threads');
    const { writeSync } = require('node:fs');
    const { beat, timeoutSeconds, template } = workerData;
    const now = () => Math.floor(Date.now() / 1000);
    for (;;) {
      Atomics.wait(beat, 1, 0, 1000);
      if (Atomics.load(beat, 1) === 1) break;
      const stalled = now() - Atomics.load(beat, 0);
      if (stalled > timeoutSeconds) {
        writeSync(2, template.replace('{reason}', 'the main thread has not run for ' + stalled + ' s') + String.fromCharCode(10));
        process.kill(process.pid, 'SIGKILL');
      }
    }`;
  const worker = new Worker(code, {
    eval: true,
    // Plain CommonJS: none of the parent's loaders or flags (tsx, --input-type).
    execArgv: [],
    workerData: { beat, timeoutSeconds: Math.ceil(timeoutMs / 1000), template: message('{reason}') },
  });
  worker.unref();
  return () => {
    clearInterval(heart);
    Atomics.store(beat, 1, 1);
    Atomics.notify(beat, 1);
  };
}

export function deadDatabaseMessage(
  dataDir: string,
  reason: string,
  how = `Exiting (code ${EXIT_EMBEDDED_DEAD})`,
): string {
  return (
    `The embedded database (PGlite in ${dataDir}) stopped answering: ${reason}. ${how} so ` +
    'the supervisor starts the gateway again; PGlite recovers its committed data on start. If the disk is full, free ' +
    'space first (df -h), or run on PostgreSQL (DATABASE_URL).'
  );
}
