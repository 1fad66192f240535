import { sql, type SQL } from 'drizzle-orm';
import { analyzeIfStale, type Db } from '@continuity/db';
import { AGGREGATE_SUBJECTS, aggregates } from './aggregate';
import { oc2, OC2 } from './health';
import { careLeavers, OC3 } from './leavers';
import { episodeFamily } from './episodes';
import { lockAggregates, lockAllCouncils, lockCouncilScope, lockSubjects, subjectLock } from './locks';
import { missing } from './missing';
import { reviews, REVIEWS } from './reviews';
import { resolveScope, subjectsOf, writeComputed, type Executor, type ReturnKind, type Scope } from './scope';
import { longTermStability, placements3plus, socialWorkers3plus } from './stability';
import { workforce, WORKFORCE } from './workforce';
import { recomputeContinuity } from '../continuity/recompute';

interface Family {
  ids: readonly string[];
  build: (scope: Scope) => SQL;
}

/** Each family is one set-based statement over the child-level tables it reads. */
const families: Record<ReturnKind, readonly Family[]> = {
  ssda903: [
    {
      ids: [
        'placements_3plus',
        'social_workers_3plus',
        'long_term_stability',
        'missing_children',
        'missing_incidents_per_child',
        ...OC2,
      ],
      build: (scope) => episodeFamily(scope, [placements3plus, socialWorkers3plus, longTermStability, missing, oc2]),
    },
    { ids: REVIEWS, build: reviews },
    { ids: OC3, build: careLeavers },
  ],
  csww: [{ ids: WORKFORCE, build: workforce }],
};

/** The child-level tables each kind's statements read: their planner statistics must be fresh. */
const tablesRead: Record<ReturnKind, readonly string[]> = {
  ssda903: [
    'cla903_header',
    'cla903_episodes',
    'cla903_sw_episodes',
    'cla903_missing',
    'cla903_oc2',
    'cla903_reviews',
    'cla903_oc3',
  ],
  csww: ['csww_workers', 'csww_la_level'],
};

/** The catalogue indicators computed from each kind of return. */
export const computedIndicators: Record<ReturnKind, readonly string[]> = {
  ssda903: families.ssda903.flatMap((f) => f.ids),
  csww: families.csww.flatMap((f) => f.ids),
};

async function run(db: Executor, unresolved: Scope): Promise<void> {
  const scope = await resolveScope(db, unresolved);
  // Held already (lockCouncilScope) unless a practice sent its first return meanwhile: see locks.ts.
  if (scope.resolved) await lockSubjects(db, scope.resolved.practiceIds.map(subjectLock.practice));
  const range = { fromYear: scope.fromYear, toYear: scope.toYear };
  const parts: Scope = { ...scope, parts: true };
  for (const family of families[scope.kind]) {
    // One statement: the subjects' figures and each practice's part per council, from that council's
    // returns only (scope.ts `parts`), the same SQL over two readings of the returns.
    const ctes = sql`whole_rows AS (WITH ${family.build(scope)} SELECT * FROM computed),
      part_rows AS (WITH ${family.build(parts)} SELECT * FROM computed),
      computed AS (SELECT * FROM whole_rows UNION ALL SELECT * FROM part_rows)`;
    const subjects = sql`(${subjectsOf(scope)} OR ${subjectsOf(parts)})`;
    await writeComputed(db, { ctes, ids: family.ids, ...range, subjects });
  }
  // Concurrent imports of different councils each re-pool England: serialise that step so the
  // second reads the first's committed council rows (its statement snapshot starts after the lock).
  await lockAggregates(db);
  const ids = computedIndicators[scope.kind];
  const ctes = aggregates(ids, scope.fromYear, scope.toYear);
  await writeComputed(db, { ctes, ids, ...range, subjects: AGGREGATE_SUBJECTS });
  // The continuity ledger joins both kinds of return, so either kind refreshes it (issue 15).
  await recomputeContinuity(db, unresolved);
}

export interface RecomputeOptions {
  kind: ReturnKind;
  councilCode: string;
  /** 903: the year to 31 March; census: the census year (30 September). */
  collectionYear: number;
}

/**
 * Recomputes one council's indicators of one kind for one year, from its accepted returns: the
 * council (its own return), every practice that sent it a return of that kind (pooled over all of
 * that practice's returns that year), and England and every region, pooled from council rows.
 * A 903 return also supplies the episode history behind long-term stability in the two following
 * years, so those years are refreshed too. Rows whose return is gone are deleted. Runs inside the
 * caller's transaction when `db` is one (as a savepoint), else in its own.
 */
export async function recomputeIndicators(db: Db, options: RecomputeOptions): Promise<void> {
  const scope: Scope = {
    kind: options.kind,
    councilCode: options.councilCode,
    fromYear: options.collectionYear,
    toYear: options.kind === 'ssda903' ? options.collectionYear + 2 : options.collectionYear,
  };
  await db.transaction((tx) =>
    withSettings(tx, false, async () => {
      await lockCouncilScope(tx, { councilCode: options.councilCode });
      // Statistics first: the import that called this has just written rows autovacuum cannot see yet.
      await analyzeIfStale(tx, ['submissions', ...tablesRead[scope.kind]]);
      await run(tx, scope);
    }),
  );
}

/**
 * Recomputes every council, practice, region and England value of both kinds, for one collection
 * year, a range of years, or all years, in set-based statements over all councils at once (for bulk
 * imports, which skip the per-council recompute and call this once at the end).
 */
export async function recomputeAll(
  db: Db,
  options: { collectionYear?: number; fromYear?: number; toYear?: number } = {},
): Promise<void> {
  const fromYear = options.collectionYear ?? options.fromYear ?? 0;
  const toYear = options.collectionYear ?? options.toYear ?? 9999;
  await db.transaction((tx) =>
    withSettings(tx, true, async () => {
      await lockAllCouncils(tx);
      // submissions is analysed whatever its size: planned on statistics from when it held a handful of
      // rows, every CTE over it is estimated at one row and the statements run nested loops over
      // aggregates (measured: 80-130 s instead of 0.3-3 s for a tenth of England). It costs milliseconds.
      await tx.execute(sql`ANALYZE submissions`);
      await analyzeIfStale(tx, [...tablesRead.ssda903, ...tablesRead.csww]);
      for (const kind of ['ssda903', 'csww'] as const) {
        await run(tx, { kind, councilCode: null, fromYear, toYear });
      }
    }),
  );
}

/**
 * Settings for the recompute, local to the transaction and put back afterwards (the caller's
 * transaction may go on). JIT off: these statements run for milliseconds to a second, and compiling
 * their many FILTER expressions cost PostgreSQL 15 several seconds a statement at national scale.
 * Bulk runs also get 64MB of work_mem: a national year sorts and hashes a few hundred thousand rows
 * per statement, which spill to disk at PostgreSQL's default 4MB.
 */
async function withSettings(tx: Executor, bulk: boolean, fn: () => Promise<void>): Promise<void> {
  await tx.execute(sql`SELECT set_config('continuity.jit', current_setting('jit'), true),
    set_config('continuity.work_mem', current_setting('work_mem'), true), set_config('jit', 'off', true)`);
  if (bulk) await tx.execute(sql`SELECT set_config('work_mem', '64MB', true)`);
  await fn();
  await tx.execute(sql`SELECT set_config('jit', current_setting('continuity.jit'), true),
    set_config('work_mem', current_setting('continuity.work_mem'), true)`);
}
