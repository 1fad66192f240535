import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { ENGLAND_TOTALS_2025, iterateNationalYear, type NationalCouncil } from '../generator/national';
import { writeSsda903Csv } from '../generator/write-csv';
import { writeCswwXml } from '../generator/write-xml';
import type { ImportFile, ImportPhase, ImportProgress, ImportResult, ImportTimings } from '../import/import';
import { DEFAULT_CONCURRENCY, importReturns, type BulkReturn } from '../import/import-returns';
import { publishedSizes } from '../demo/sizes';
import { cpuClock, PhaseClock } from './cpu';
import { measureCopyFloor, type FloorResult } from './floor';
import { BENCH_REGISTRATION_SECRET } from './setup';

/**
 * The national benchmark on one engine: a generated national year of council 903 returns (CSV) and
 * workforce censuses (XML), imported through `importReturns`, the bulk path (each return through
 * `importReturn`: hash, parse, validate, store, COPY; then one `recomputeAll`), then the bare COPY floor of
 * the same rows. The database must be migrated and hold the published data (councils and
 * their published sizes): see `prepareBenchDatabase`.
 */
export interface NationalBenchOptions {
  /** Fraction of England's totals (81,770 children looked after, 38,292 social workers). Default 1. */
  scale?: number;
  seed?: number | string;
  /** 903 year to 31 March (default 2025); the census is the one at 30 September of the same year. */
  collectionYear?: number;
  /**
   * 'end' (default, the bulk path): the imports skip their own recompute and one recomputeAll does all of
   * it. 'each': every import recomputes its council, England and the regions, as one upload does.
   */
  recompute?: 'each' | 'end';
  /** Imports in flight at once (default: importReturns' own, 2). */
  concurrency?: number;
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
  /** Import transaction: COPY of the child-level rows. */
  write: number;
  /** Import transaction: recomputeIndicators of the council, England and regions (recompute 'each'), with ANALYZE of stale tables. */
  recompute: number;
  /** The import's remainder: transaction begin/lock/commit, audit rows, progress. */
  other: number;
  /** The single recomputeAll after the last import (recompute 'end'), with ANALYZE of stale tables. */
  recomputeAll: number;
}

export interface NationalBenchResult {
  engine: Database['engine'];
  scale: number;
  seed: number | string;
  collectionYear: number;
  recompute: 'each' | 'end';
  concurrency: number;
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
  /** The slowest single import. */
  slowest: { label: string; seconds: number; recomputeSeconds: number };
  floor: (FloorResult & { rowsPerSecond: number }) | null;
  memory: { maxRssMb: number; peakRssMb: number; peakHeapMb: number };
  /** Sanity: England's computed placements_3plus and workforce_turnover after recomputeAll. */
  england: {
    placements3plus: { numerator: number; denominator: number } | null;
    turnover: { numerator: number; denominator: number } | null;
  };
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

export async function runNationalBench(
  database: Database,
  options: NationalBenchOptions = {},
): Promise<NationalBenchResult> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 2025;
  const collectionYear = options.collectionYear ?? 2025;
  const mode = options.recompute ?? 'end';
  const log = options.onProgress ?? (() => {});
  if (!(scale > 0 && scale <= 4)) throw new Error(`scale must be in (0, 4]: ${scale}`);

  const councils = await benchCouncils(database, collectionYear);
  const totals = {
    children: Math.max(councils.length, Math.round(ENGLAND_TOTALS_2025.children * scale)),
    workers: Math.max(councils.length, Math.round(ENGLAND_TOTALS_2025.workers * scale)),
  };
  log(
    `${database.engine}: ${councils.length} councils, ${totals.children} children looked after, ${totals.workers} social workers`,
  );

  const loadBefore = loadavg()[0]!;
  const cpu = await cpuClock(database);
  const clock = new PhaseClock(cpu);
  const memory = memorySampler();
  const timings: Totals = {};
  const rowsRead: Record<string, number> = {};
  let rowsWritten = 0;
  let bytes = 0;
  let generateMs = 0;
  let slowest = { label: '', seconds: 0, recomputeSeconds: 0 };

  /** Each council's two returns, generated when the first of them is taken (one council in memory per import in flight). */
  function* nationalReturns(): Generator<BulkReturn> {
    for (const cy of iterateNationalYear({ seed, collectionYear, councils, totals })) {
      let files: { ssda903: ImportFile[]; csww: ImportFile[] } | undefined;
      const generate = () => {
        if (files) return files;
        const started = performance.now();
        const previous = clock.enter('generate');
        files = { ssda903: writeSsda903Csv(cy.ssda903), csww: [writeCswwXml(cy.csww)] };
        clock.enter(previous);
        generateMs += performance.now() - started;
        return files;
      };
      const key = { councilCode: cy.councilCode, practiceId: null, collectionYear };
      yield { ...key, kind: 'ssda903', files: () => generate().ssda903 };
      yield { ...key, kind: 'csww', files: () => generate().csww };
    }
  }

  const account = (r: ImportResult, done: number) => {
    if (r.status !== 'accepted') {
      const first = r.errors
        .slice(0, 3)
        .map((e) => `${e.rule} ${e.message}`)
        .join('; ');
      throw new Error(`${r.kind} ${r.councilCode} ${r.collectionYear} was ${r.status}: ${first}`);
    }
    add(timings, r.timings);
    for (const [k, v] of Object.entries(r.counts)) rowsRead[k] = (rowsRead[k] ?? 0) + v;
    rowsWritten += Object.values(r.written).reduce((a, b) => a + b, 0);
    bytes += r.files.reduce((a, f) => a + f.size, 0);
    if (r.timings.totalMs / 1000 > slowest.seconds) {
      slowest = {
        label: `${r.kind} ${r.councilCode}`,
        seconds: r.timings.totalMs / 1000,
        recomputeSeconds: r.timings.computeMs / 1000,
      };
    }
    if (done % 50 === 0 || done === 2 * councils.length) {
      log(
        `${database.engine}: ${done}/${2 * councils.length} returns imported, ${rowsWritten} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  };

  const started = performance.now();
  let importedAt = 0;
  clock.enter('other');
  const summary = await importReturns(database, nationalReturns(), {
    submittedBy: BENCH_SUBMITTER,
    registrationSecret: BENCH_REGISTRATION_SECRET,
    actor: { role: 'cli' },
    recompute: mode,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    // Node and server CPU by phase (exact with concurrency 1; interleaved imports blur it).
    onProgress: (_key, p: ImportProgress) => clock.enter(PHASE_OF[p.phase] ?? 'other'),
    onResult: account,
    onRecompute: () => {
      importedAt = performance.now();
      clock.enter('recomputeAll');
    },
  });
  clock.enter('after');
  const finished = performance.now();
  importedAt ||= finished;
  if (summary.recompute)
    log(`${database.engine}: recomputeAll ${(summary.recompute.milliseconds / 1000).toFixed(1)} s`);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;

  // Wall clock of the import loop less generation (generation runs in the loop, between imports).
  const importMs = importedAt - started - generateMs;
  const seconds = (finished - started - generateMs) / 1000;
  const sumMs = ms(
    timings,
    'hashMs',
    'checkMs',
    'parseMs',
    'validateMs',
    'storeMs',
    'deleteMs',
    'writeMs',
    'computeMs',
  );
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
