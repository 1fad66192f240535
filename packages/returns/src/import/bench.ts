/*
 * Throwaway measurement of the import path at national scale (the lead turns it into `npm run bench`):
 * one generated 903 year the size of England (~82k children looked after at 31 March) imported as a
 * single return, then replaced by a corrected one (delete + insert + recompute), on PGlite or PostgreSQL.
 *
 *   npx tsx packages/returns/src/import/bench.ts pglite [children] [copy|insert]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx packages/returns/src/import/bench.ts postgres
 *
 * On PostgreSQL it works in a fresh database created beside DATABASE_URL's and dropped at the end.
 */
import { openTestDatabase } from '@continuity/db/testing';
import { ENGLAND_TOTALS_2025, generateSsda903, writeSsda903Csv } from '../generator/index';
import type { BulkMethod } from './bulk';
import { importReturn, type ImportProgress, type ImportResult } from './import';
import { childRowCounts, seedPlaces } from './testing';

const engine = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const children = Number(process.argv[3] ?? ENGLAND_TOTALS_2025.children);
const method = (process.argv[4] ?? 'copy') as BulkMethod;

function generate(seed: string) {
  const t0 = performance.now();
  const ret = generateSsda903({ seed, councilCode: '886', collectionYear: 2025, children });
  const files = writeSsda903Csv(ret);
  const mb = files.reduce((s, f) => s + f.bytes.length, 0) / 1e6;
  console.log(`generated ${seed}: ${ret.children.length} children, ${mb.toFixed(1)} MB of CSV in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return files;
}

/** Node's own CPU time per phase (user + system), to tell JavaScript work from waiting on the database. */
function cpuByPhase(cpu: Map<string, number>): string {
  const order = [...cpu.entries()];
  return order
    .slice(0, -1)
    .map(([phase, at], i) => `${phase} ${Math.round((order[i + 1]![1] - at) / 1000)}`)
    .join(', ');
}

function report(label: string, r: ImportResult, phases: Map<string, number>) {
  const rows = Object.values(r.written).reduce((a, b) => a + b, 0);
  const t = r.timings;
  const rate = (n: number, ms: number) => (ms > 0 ? `${Math.round((n / ms) * 1000).toLocaleString('en-GB')} rows/s` : '-');
  const read = Object.values(r.counts).reduce((a, b) => a + b, 0);
  console.log(`${label}: ${r.status} in ${(t.totalMs / 1000).toFixed(2)} s; ${rows.toLocaleString('en-GB')} child rows written`);
  console.log(`  hash      ${String(t.hashMs).padStart(6)} ms`);
  console.log(`  parse     ${String(t.parseMs).padStart(6)} ms  ${rate(read, t.parseMs)} (${read} rows read)`);
  console.log(`  validate  ${String(t.validateMs).padStart(6)} ms  ${rate(read, t.validateMs)}`);
  console.log(`  store     ${String(t.storeMs).padStart(6)} ms  (submission + files)`);
  console.log(`  delete    ${String(t.deleteMs).padStart(6)} ms  (the previous submission's rows)`);
  console.log(`  write     ${String(t.writeMs).padStart(6)} ms  ${rate(rows, t.writeMs)} (COPY + ANALYZE)`);
  console.log(`  compute   ${String(t.computeMs).padStart(6)} ms`);
  console.log(`  tx total  ${String(t.transactionMs).padStart(6)} ms  (commit ${t.transactionMs - t.storeMs - t.deleteMs - t.writeMs - t.computeMs} ms incl. lock)`);
  console.log(`  written   ${JSON.stringify(r.written)}`);
  console.log(`  node cpu ms by phase: ${cpuByPhase(phases)}`);
}

const database = await openTestDatabase(engine);
try {
  await seedPlaces(database);
  const first = generate('bench-first');
  let phases = new Map<string, number>();
  const onProgress = (p: ImportProgress) => {
    if (p.phase === 'hashing') phases = new Map();
    if (!phases.has(p.phase)) {
      const c = process.cpuUsage();
      phases.set(p.phase, c.user + c.system);
    }
  };
  const options = { kind: 'ssda903' as const, councilCode: '886', collectionYear: 2025, submittedBy: 'bench', bulkMethod: method, onProgress };
  const a = await importReturn(database, { ...options, files: first });
  if (a.status !== 'accepted') console.log(a.errors.slice(0, 5));
  report(`${engine}/${method} first import`, a, phases);

  const second = generate('bench-corrected');
  const b = await importReturn(database, { ...options, files: second });
  report(`${engine}/${method} replacement`, b, phases);

  const c = await importReturn(database, { ...options, files: second });
  console.log(`resubmission: ${c.status} in ${c.timings.totalMs} ms`);
  console.log('rows now:', JSON.stringify(await childRowCounts(database)));
  console.log(`memory: rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
} finally {
  await database.close();
}
