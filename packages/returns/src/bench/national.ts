import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '@continuity/db';
import { recomputeAll, recomputeIndicators, type RecomputeOptions } from '@continuity/indicators';
import { ENGLAND_TOTALS_2025, iterateNationalYear, type CouncilYear, type NationalCouncil } from '../generator/national';
import { writeSsda903Csv } from '../generator/write-csv';
import { writeCswwXml } from '../generator/write-xml';
import { importReturn, type ImportFile, type ImportPhase, type ImportProgress, type ImportResult, type ImportTimings } from '../import/import';
import { publishedSizes } from '../demo/sizes';
import { cpuClock, PhaseClock } from './cpu';
import { FLOOR_TABLES, measureCopyFloor, type FloorResult } from './floor';
import { withStaleAnalyze } from './simulate';

/**
 * The national benchmark on one engine: a generated national year of council 903 returns (CSV) and
 * workforce censuses (XML), imported council by council through `importReturn` (hash, parse, validate,
 * store, COPY, recompute: what the upload endpoint and the CLI run), then `recomputeAll`, then the bare
 * COPY floor of the same rows. The database must be migrated and hold the published data (councils and
 * their published sizes): see `prepareBenchDatabase`.
 */
export interface NationalBenchOptions {
  /** Fraction of England's totals (81,770 children looked after, 38,292 social workers). Default 1. */
  scale?: number;
  seed?: number | string;
  /** 903 year to 31 March (default 2025); the census is the one at 30 September of the same year. */
  collectionYear?: number;
  /**
   * 'each' (default, the real path): every importReturn recomputes its council and England and the
   * regions. 'end': the imports skip it (importReturn's `recompute` hook given a no-op) and the one
   * recomputeAll afterwards does all of it.
   */
  recompute?: 'each' | 'end';
  /** Imports in flight at once (default 1). With 2, parsing one council overlaps the database work of another. */
  concurrency?: number;
  /**
   * Simulates the statistics fix proposed for packages/indicators (default false): `ANALYZE submissions`
   * before each import's recompute (through importReturn's `recompute` hook), and `ANALYZE` of submissions
   * and the child-level tables before recomputeAll. With stale planner statistics on `submissions` (taken
   * when it held a few rows), every CTE over it is estimated at one row and recomputeAll's joins become
   * nested loops over aggregates (minutes instead of seconds).
   */
  analyze?: boolean;
  /**
   * Simulates the change proposed for importReturn (src/import): analyse a written table only when its
   * statistics are stale (simulate.ts), not after every import on PGlite / every 5,000+ rows on PostgreSQL.
   */
  staleAnalyze?: boolean;
  /** Measure the bare COPY floor (default true). */
  floor?: boolean;
  onProgress?: (line: string) => void;
}

export interface PhaseSeconds {
  /** Generating the returns and writing their bytes (CSV, XML): not part of the import. */
  generate: number;
  /** Import: checking the council, hashing the files, looking for an identical earlier submission. */
  hash: number;
  parse: number;
  validate: number;
  /** Import transaction: the submission row and its files (raw bytes kept), the previous rows deleted. */
  store: number;
  /** Import transaction: COPY of the child-level rows (and ANALYZE of big writes, where importReturn does it). */
  write: number;
  /** Import transaction: recomputeIndicators of the council (and England, regions). */
  recompute: number;
  /** The import's remainder: transaction begin/lock/commit, audit rows, progress. */
  other: number;
  /** The single recomputeAll after the last import. */
  recomputeAll: number;
}

export interface NationalBenchResult {
  engine: Database['engine'];
  scale: number;
  seed: number | string;
  collectionYear: number;
  recompute: 'each' | 'end';
  concurrency: number;
  /** Proposed fixes simulated in this run (see NationalBenchOptions). */
  variant: { analyze: boolean; staleAnalyze: boolean };
  /** With staleAnalyze: importReturn's ANALYZE statements seen and those the stale rule let run. */
  analyzes: { seen: number; run: number; seconds: number } | null;
  councils: number;
  /** Children looked after at 31 March the returns were sized for (the generator's target). */
  targetChildren: number;
  /** Rows read per table over every return (903 tables, census workers). */
  rowsRead: Record<string, number>;
  /** Child-level rows written over every table. */
  rowsWritten: number;
  /** Bytes of the returns' files. */
  bytes: number;
  /** Import of every return plus the final recomputeAll, wall clock (the figure the target is about). */
  seconds: number;
  /** Rows written per second over `seconds`. */
  rowsPerSecond: number;
  phases: PhaseSeconds;
  /** CPU seconds by phase: Node (all threads; PGlite's work included) and the PostgreSQL backends. */
  cpu: Record<keyof PhaseSeconds, { node: number; db: number }>;
  /** CPU seconds over `seconds` (generation excluded). On an idle machine the wall clock is about their sum. */
  cpuTotal: { node: number; db: number; measuresDb: boolean };
  /** The slowest council import (903 + census). */
  slowest: { councilCode: string; seconds: number; recomputeSeconds: number };
  floor: (FloorResult & { rowsPerSecond: number }) | null;
  memory: { maxRssMb: number; peakRssMb: number; peakHeapMb: number };
  /** Sanity: England's computed placements_3plus and workforce_turnover after recomputeAll. */
  england: { placements3plus: { numerator: number; denominator: number } | null; turnover: { numerator: number; denominator: number } | null };
  databaseMb: number;
  /** The engine's version() string. */
  server: string;
  /** 1-minute load average before and after the run (other work on the machine skews wall clocks). */
  load: { before: number; after: number };
}

export const BENCH_SUBMITTER = 'bench-generator';

/** Councils with a published number of children looked after, sized from the published figures. */
export async function benchCouncils(database: Database, year: number): Promise<NationalCouncil[]> {
  const sizes = await publishedSizes(database, { childrenYear: year, workersYear: year });
  const councils = [...sizes.values()]
    .filter((s) => s.children !== null)
    .sort((a, b) => a.code.localeCompare(b.code))
    // Workers as a weight: in-post FTE where published, else the national ratio of workers to children.
    .map((s) => ({ code: s.code, children: s.children!, workers: s.workers ?? s.children! * 0.44 }));
  if (councils.length === 0) throw new Error('No published council sizes: load the published data first (loadAll)');
  return councils;
}

const noRecompute = async () => {};

/** importReturn's progress phases mapped onto the bench's (a phase added later counts as 'other'). */
const PHASE_OF: Partial<Record<ImportPhase, keyof PhaseSeconds>> = {
  hashing: 'hash',
  checking: 'hash',
  parsing: 'parse',
  validating: 'validate',
  storing: 'store',
  writing: 'write',
  computing: 'recompute',
  done: 'other',
};

/** recomputeIndicators after `ANALYZE submissions` (the proposed fix; see NationalBenchOptions.analyze). */
const analyzedRecompute = async (db: Db, o: RecomputeOptions) => {
  await db.execute(sql`ANALYZE submissions`);
  await recomputeIndicators(db, o);
};

type Totals = Record<string, number>;

/** Sums every timing importReturn reports (its ImportTimings may gain fields: they are summed too). */
function add(into: Totals, t: ImportTimings): void {
  for (const [k, v] of Object.entries(t)) if (typeof v === 'number') into[k] = (into[k] ?? 0) + v;
}

const ms = (t: Totals, ...keys: string[]) => keys.reduce((a, k) => a + (t[k] ?? 0), 0);

/** Peak memory, sampled every 100 ms while the bench runs (maxRSS from the kernel besides). */
function memorySampler() {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    // external already counts arrayBuffers: file bytes, COPY text and, on PGlite, its WebAssembly memory.
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  };
  sample();
  const timer = setInterval(sample, 100);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return {
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        peakRssMb: Math.round(peakRss / 2 ** 20),
        peakHeapMb: Math.round(peakHeap / 2 ** 20),
      };
    },
  };
}

export async function runNationalBench(database: Database, options: NationalBenchOptions = {}): Promise<NationalBenchResult> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 2025;
  const collectionYear = options.collectionYear ?? 2025;
  const mode = options.recompute ?? 'each';
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const log = options.onProgress ?? (() => {});
  if (!(scale > 0 && scale <= 4)) throw new Error(`scale must be in (0, 4]: ${scale}`);

  const councils = await benchCouncils(database, collectionYear);
  const totals = {
    children: Math.max(councils.length, Math.round(ENGLAND_TOTALS_2025.children * scale)),
    workers: Math.max(councils.length, Math.round(ENGLAND_TOTALS_2025.workers * scale)),
  };
  log(`${database.engine}: ${councils.length} councils, ${totals.children} children looked after, ${totals.workers} social workers`);

  const loadBefore = loadavg()[0]!;
  const simulated = options.staleAnalyze ? withStaleAnalyze(database) : null;
  const importInto = simulated?.database ?? database;
  const cpu = await cpuClock(database);
  const clock = new PhaseClock(cpu);
  const memory = memorySampler();
  const timings: Totals = {};
  const rowsRead: Record<string, number> = {};
  let rowsWritten = 0;
  let bytes = 0;
  let generateMs = 0;
  let done = 0;
  let slowest = { councilCode: '', seconds: 0, recomputeSeconds: 0 };

  const years = iterateNationalYear({ seed, collectionYear, councils, totals });
  /** The next council's files, generated on demand (one council's returns in memory per import in flight). */
  const next = (): { councilCode: string; ssda903: ImportFile[]; csww: ImportFile[] } | null => {
    const started = performance.now();
    clock.enter('generate');
    const step = years.next();
    const cy: CouncilYear | undefined = step.done ? undefined : step.value;
    const files = cy && { councilCode: cy.councilCode, ssda903: writeSsda903Csv(cy.ssda903), csww: [writeCswwXml(cy.csww)] };
    clock.enter('other');
    generateMs += performance.now() - started;
    return files ?? null;
  };

  const account = (r: ImportResult) => {
    if (r.status !== 'accepted') {
      const first = r.errors.slice(0, 3).map((e) => `${e.rule} ${e.message}`).join('; ');
      throw new Error(`${r.kind} ${r.councilCode} ${r.collectionYear} was ${r.status}: ${first}`);
    }
    add(timings, r.timings);
    for (const [k, v] of Object.entries(r.counts)) rowsRead[k] = (rowsRead[k] ?? 0) + v;
    rowsWritten += Object.values(r.written).reduce((a, b) => a + b, 0);
    bytes += r.files.reduce((a, f) => a + f.size, 0);
  };

  const started = performance.now();
  clock.enter('other');
  const worker = async () => {
    for (let job = next(); job; job = next()) {
      const common = {
        councilCode: job.councilCode,
        collectionYear,
        submittedBy: BENCH_SUBMITTER,
        actor: { role: 'cli' },
        // Node and server CPU by phase (exact with concurrency 1; interleaved imports blur it).
        onProgress: (p: ImportProgress) => clock.enter(PHASE_OF[p.phase] ?? 'other'),
        ...(mode === 'end' ? { recompute: noRecompute } : options.analyze ? { recompute: analyzedRecompute } : {}),
      };
      const a = await importReturn(importInto, { ...common, kind: 'ssda903', files: job.ssda903 });
      account(a);
      const b = await importReturn(importInto, { ...common, kind: 'csww', files: job.csww });
      account(b);
      const seconds = (a.timings.totalMs + b.timings.totalMs) / 1000;
      if (seconds > slowest.seconds) {
        slowest = { councilCode: job.councilCode, seconds, recomputeSeconds: (a.timings.computeMs + b.timings.computeMs) / 1000 };
      }
      done++;
      if (done % 25 === 0 || done === councils.length) {
        log(`${database.engine}: ${done}/${councils.length} councils imported, ${rowsWritten} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const importedAt = performance.now();

  clock.enter('recomputeAll');
  if (options.analyze) await database.rows(sql.raw(`ANALYZE submissions, ${FLOOR_TABLES.join(', ')}`));
  await recomputeAll(database.db, { collectionYear });
  clock.enter('after');
  const finished = performance.now();
  log(`${database.engine}: recomputeAll ${((finished - importedAt) / 1000).toFixed(1)} s`);

  // Wall clock of the import loop less generation (generation runs in the loop, between imports).
  const importMs = importedAt - started - generateMs;
  const seconds = (finished - started - generateMs) / 1000;
  const sumMs = ms(timings, 'hashMs', 'checkMs', 'parseMs', 'validateMs', 'storeMs', 'deleteMs', 'writeMs', 'computeMs');
  const phases: PhaseSeconds = {
    generate: generateMs / 1000,
    hash: ms(timings, 'hashMs', 'checkMs') / 1000,
    parse: ms(timings, 'parseMs') / 1000,
    validate: ms(timings, 'validateMs') / 1000,
    store: ms(timings, 'storeMs', 'deleteMs') / 1000,
    write: ms(timings, 'writeMs') / 1000,
    recompute: ms(timings, 'computeMs') / 1000,
    // With concurrency > 1 the imports overlap, so their summed phases can exceed the wall clock.
    other: Math.max(0, importMs - sumMs) / 1000,
    recomputeAll: (finished - importedAt) / 1000,
  };
  const cpuPhases = Object.fromEntries(
    (Object.keys(phases) as (keyof PhaseSeconds)[]).map((k) => {
      const t = clock.get(k);
      return [k, { node: t.node, db: t.db }];
    }),
  ) as Record<keyof PhaseSeconds, { node: number; db: number }>;
  const measured = (Object.keys(cpuPhases) as (keyof PhaseSeconds)[]).filter((k) => k !== 'generate');
  const cpuTotal = {
    node: measured.reduce((a, k) => a + cpuPhases[k].node, 0),
    db: measured.reduce((a, k) => a + cpuPhases[k].db, 0),
    measuresDb: cpu.measuresDb,
  };

  const england = await englandValues(database, collectionYear);
  const floor = options.floor === false ? null : await measureCopyFloor(database, cpu);
  if (floor) log(`${database.engine}: bare COPY of ${floor.rows} rows ${floor.seconds.toFixed(1)} s`);
  const [size] = await database.rows<{ bytes: number; server: string }>(
    sql`SELECT pg_database_size(current_database())::float8 AS bytes, version() AS server`,
  );

  return {
    engine: database.engine,
    scale,
    seed,
    collectionYear,
    recompute: mode,
    concurrency,
    variant: { analyze: options.analyze ?? false, staleAnalyze: options.staleAnalyze ?? false },
    analyzes: simulated ? { seen: simulated.stats.seen, run: simulated.stats.run, seconds: simulated.stats.milliseconds / 1000 } : null,
    councils: councils.length,
    targetChildren: totals.children,
    rowsRead,
    rowsWritten,
    bytes,
    seconds,
    rowsPerSecond: rowsWritten / seconds,
    phases,
    cpu: cpuPhases,
    cpuTotal,
    slowest,
    floor: floor ? { ...floor, rowsPerSecond: floor.rows / floor.seconds } : null,
    memory: memory.stop(),
    england,
    databaseMb: Math.round(Number(size?.bytes ?? 0) / 2 ** 20),
    server: size?.server ?? '',
    load: { before: loadBefore, after: loadavg()[0]! },
  };
}

async function englandValues(database: Database, year: number): Promise<NationalBenchResult['england']> {
  const rows = await database.rows<{ indicator_id: string; numerator: number; denominator: number }>(sql`
    SELECT indicator_id, numerator, denominator FROM indicator_values
    WHERE source = 'computed' AND subject_kind = 'england' AND period = ${year}
      AND indicator_id IN ('placements_3plus', 'workforce_turnover')`);
  const pick = (id: string) => {
    const r = rows.find((x) => x.indicator_id === id);
    return r ? { numerator: Number(r.numerator), denominator: Number(r.denominator) } : null;
  };
  return { placements3plus: pick('placements_3plus'), turnover: pick('workforce_turnover') };
}
