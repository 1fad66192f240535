/*
 * npm run bench [-- --engine pglite|postgres|both] [--scale 1] [--seed 2025] [--recompute end|each]
 *                  [--concurrency N] [--no-floor] [--json results.json]
 * npm run bench -- --demo [--engine pglite]
 * npm run bench -- --council-children 1896,4000,15000 [--engine postgres]
 *
 * Generates a national year of returns, imports it through importReturns (the bulk path: every return
 * through importReturn, then one recomputeAll), and measures a bare COPY of the same rows, on each engine
 * asked for. --recompute each makes every import recompute its council instead, as one upload does.
 * --concurrency defaults to importReturns' own (2). PostgreSQL: the server in
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432), in a database of its own created and dropped
 * here. PGlite: in memory. With both engines, each runs in a child process of its own so its peak memory is
 * its own. See docs/benchmarks.md.
 *
 * --demo instead times seedDemoReturns (what the first `npm start` runs) from a database holding only the
 * published data, then a second call.
 *
 * --council-children instead imports one council's 903 return of each size given (an upload: importReturn
 * with its recompute), each into a fresh database, and times its recompute (bench/council.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '@continuity/db';
import { formatCouncilBench, runCouncilBench } from './council';
import { formatDemo, runDemoBench, type DemoBenchResult } from './demo';
import { runNationalBench, type NationalBenchResult } from './national';
import { formatResults } from './report';
import { openBenchDatabase, prepareBenchDatabase } from './setup';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '2025' },
    year: { type: 'string', default: '2025' },
    recompute: { type: 'string', default: 'end' },
    concurrency: { type: 'string' },
    'no-floor': { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    'council-children': { type: 'string' },
    json: { type: 'string' },
    // Internal: a child process writes its result here.
    'result-file': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(
    readFileSync(new URL(import.meta.url), 'utf8')
      .split('*/')[0]!
      .replace(/^\/\*\n?/, '')
      .replace(/^ \* ?/gm, ''),
  );
  process.exit(0);
}

const engines: Engine[] =
  values.engine === 'both'
    ? ['postgres', 'pglite']
    : values.engine === 'pglite' || values.engine === 'postgres'
      ? [values.engine]
      : [];
if (engines.length === 0) throw new Error(`--engine must be pglite, postgres or both, not ${values.engine}`);
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 4)) throw new Error(`--scale must be a fraction in (0, 4], not ${values.scale}`);
const recompute = values.recompute === 'end' ? 'end' : values.recompute === 'each' ? 'each' : undefined;
if (!recompute) throw new Error(`--recompute must be each or end, not ${values.recompute}`);
const seed = /^\d+$/.test(values.seed!) ? Number(values.seed) : values.seed!;

const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
  throw new Error(`--concurrency must be a whole number from 1, not ${values.concurrency}`);
}

if (values['council-children']) {
  const sizes = values['council-children'].split(',').map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n > 0))
    throw new Error(`--council-children must list whole numbers, not ${values['council-children']}`);
  const rows = [];
  for (const engine of engines)
    rows.push(
      ...(await runCouncilBench(() => openBenchDatabase(engine), sizes, { seed, onProgress: (l) => console.error(l) })),
    );
  console.log(formatCouncilBench(rows));
  process.exit(0);
}

/** One engine, in this process: a fresh database, the published data, then the national year or the demo. */
async function runOne(engine: Engine): Promise<NationalBenchResult | DemoBenchResult> {
  const database = await openBenchDatabase(engine);
  try {
    const setupSeconds = await prepareBenchDatabase(database);
    console.error(`${engine}: published data loaded in ${setupSeconds.toFixed(1)} s (not counted)`);
    if (values.demo) return await runDemoBench(database, (line) => console.error(line));
    return await runNationalBench(database, {
      scale,
      seed,
      collectionYear: Number(values.year),
      recompute,
      ...(concurrency ? { concurrency } : {}),
      floor: !values['no-floor'],
      onProgress: (line) => console.error(line),
    });
  } finally {
    await database.close();
  }
}

/** Runs one engine in a child process (same loader, same flags) and reads back its result. */
function runChild(engine: Engine): NationalBenchResult | DemoBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'continuity-bench-'));
  const file = join(dir, 'result.json');
  const args: string[] = [];
  const given = process.argv.slice(2);
  for (let i = 0; i < given.length; i++) {
    if (given[i] === '--engine' || given[i] === '--json') i++;
    else if (!given[i]!.startsWith('--engine=') && !given[i]!.startsWith('--json=')) args.push(given[i]!);
  }
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, ...args, '--engine', engine, '--result-file', file],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: process.env,
    },
  );
  try {
    if (child.status !== 0) throw new Error(`the ${engine} run failed (exit ${child.status ?? child.signal})`);
    return JSON.parse(readFileSync(file, 'utf8')) as NationalBenchResult | DemoBenchResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = engines.length === 1 && !values['result-file'] ? [await runOne(engines[0]!)] : [];
if (values['result-file']) {
  writeFileSync(values['result-file'], JSON.stringify(await runOne(engines[0]!)));
  process.exit(0);
}
if (engines.length > 1) for (const engine of engines) results.push(runChild(engine));

if (values.demo) {
  for (const r of results as DemoBenchResult[]) console.log(formatDemo(r));
} else {
  console.log(formatResults(results as NationalBenchResult[]));
}
if (values.json) {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), values.json);
  writeFileSync(
    path,
    JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), results }, null, 2) + '\n',
  );
  console.log(`\nJSON written to ${path}`);
}

function machine() {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? '',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
