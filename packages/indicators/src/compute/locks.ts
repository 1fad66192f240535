import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from './scope';

/*
 * Which transactions may run at once. A council's recompute writes the rows of the council and of every
 * practice that sent it a return (each practice pooled over its returns to every council it serves), and
 * reads their accepted submissions; a practice's import changes what its council's recompute and every
 * other council's recompute that includes the practice read. Locking the return alone let a council and
 * its practice replace their returns at once and leave stale or missing figures (issue 12: 7 of 14 trials).
 *
 * So every import and recompute takes, at the start of its transaction and in one fixed order:
 *   1. the return's lock (importReturn; one import of a return at a time),
 *   2. the all-councils lock: shared for a one-council scope, exclusive for recomputeAll (which writes
 *      every council and practice),
 *   3. one lock per subject it reads or writes (`council:<code>`, `practice:<id>`), sorted by lock key,
 *   4. the aggregates lock (England and regions) last, exclusive, just before pooling them.
 * Locks are transaction-scoped advisory locks (released at commit or rollback) and re-entrant, so a
 * recompute inside an import's transaction takes them again for free. Sorting by the 32-bit key itself (not
 * by the name) keeps the order total even when two names hash alike, so no two transactions wait on each
 * other in a cycle. The one exception: a practice that first sends a council a return while that council's
 * recompute waits for its locks; the recompute then takes the newcomer's lock after the others (lockSubjects
 * again after resolving its scope), which PostgreSQL's deadlock detector resolves by failing one, should it
 * ever close a cycle; the import records that failure as a rejected submission with its files.
 */

const ALL_COUNCILS = 'continuity.all-councils';
const AGGREGATES = 'continuity.computed_aggregates';
/** Subject locks use the two-key form (a key space of their own), so they never collide with the others. */
const SUBJECT_SPACE = 903_0012;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/** A lock name's 32-bit key: the first four bytes of its SHA-256, signed (advisory locks take an int). */
function keyOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

/** The keys of these names, deduplicated and sorted: the order every transaction takes them in. */
function keysOf(names: readonly string[]): number[] {
  return [...new Set(names.map(keyOf))].sort((a, b) => a - b);
}

/** Takes the subject locks one statement at a time, in key order (one statement could take them in any order). */
async function lockKeys(db: Executor, keys: readonly number[]): Promise<void> {
  for (const k of keys) await db.execute(sql`SELECT pg_advisory_xact_lock(${SUBJECT_SPACE}::int, ${k}::int)`);
}

export const subjectLock = {
  council: (code: string) => `continuity.council ${code}`,
  practice: (id: string) => `continuity.practice ${id}`,
};

/**
 * The advisory-lock key pair of a subject lock (as pg_locks shows it: classid, objid), for tests and fault
 * drills that hold one from outside to stop an import at a known point inside its transaction.
 */
export function subjectLockKey(name: string): [number, number] {
  return [SUBJECT_SPACE, keyOf(name)];
}

/** Locks these subjects (after the shared all-councils lock), in the fixed order. */
export async function lockSubjects(db: Executor, names: readonly string[]): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock_shared(hashtext(${ALL_COUNCILS}))`);
  await lockKeys(db, keysOf(names));
}

/**
 * Locks what a one-council recompute (or an import of a return to that council) reads and writes: the
 * council, the practice importing (if any), and every practice that serves the council or has sent it a
 * return (any kind, any year: a wider net costs only waiting, a narrower one wrong figures).
 */
export async function lockCouncilScope(
  db: Executor,
  scope: { councilCode: string; practiceId?: string | null },
): Promise<void> {
  const practices = rowsOf<{ practice_id: string }>(
    await db.execute(sql`SELECT practice_id FROM practice_councils WHERE council_code = ${scope.councilCode}
      UNION SELECT practice_id FROM submissions WHERE council_code = ${scope.councilCode} AND practice_id IS NOT NULL`),
  ).map((r) => r.practice_id);
  if (scope.practiceId) practices.push(scope.practiceId);
  await lockSubjects(db, [subjectLock.council(scope.councilCode), ...practices.map(subjectLock.practice)]);
}

/** recomputeAll: every council and practice at once. */
export async function lockAllCouncils(db: Executor): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${ALL_COUNCILS}))`);
}

/** England and regions, pooled from every council's rows: taken last, just before pooling them. */
export async function lockAggregates(db: Executor): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${AGGREGATES}))`);
}
