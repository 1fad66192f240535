import { loadavg } from 'node:os';
import type { Database } from '@continuity/db';
import { seedDemoReturns, type SeedDemoSummary } from '../demo/seed-demo-returns';
import { cpuClock } from './cpu';
import { BENCH_REGISTRATION_SECRET } from './setup';

/** What `npm start`'s first run pays for the demo returns, and what a restart pays. */
export interface DemoBenchResult {
  engine: Database['engine'];
  years: number[];
  councils: SeedDemoSummary['councils'];
  returns: number;
  accepted: number;
  rejected: number;
  rows: number;
  /** First call on a database holding only the published data. */
  seconds: number;
  cpu: { node: number; db: number; measuresDb: boolean };
  /** importReturn's timings summed over every import, seconds. */
  phases: Record<string, number>;
  /** The final recomputeAll (null when none ran). */
  recomputeSeconds: number | null;
  /** Slowest single import. */
  slowest: { label: string; seconds: number };
  /** Second call (everything already seeded). */
  againSeconds: number;
  againSkipped: number;
  maxRssMb: number;
  load: { before: number; after: number };
}

export async function runDemoBench(
  database: Database,
  log: (line: string) => void = () => {},
): Promise<DemoBenchResult> {
  const loadBefore = loadavg()[0]!;
  const cpu = await cpuClock(database);
  const node0 = cpu.node();
  const db0 = cpu.db();
  const started = performance.now();
  const first = await seedDemoReturns(database, {
    registrationSecret: BENCH_REGISTRATION_SECRET,
    onProgress: (p) => {
      if (p.done % 12 === 0 || p.done === p.total || p.status === 'rejected')
        log(`${database.engine} demo: ${p.done}/${p.total} ${p.message}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = { node: cpu.node() - node0, db: cpu.db() - db0, measuresDb: cpu.measuresDb };
  const again0 = performance.now();
  const again = await seedDemoReturns(database, { registrationSecret: BENCH_REGISTRATION_SECRET });
  const againSeconds = (performance.now() - again0) / 1000;
  const slowest = first.returns.reduce((a, r) => (r.milliseconds > a.milliseconds ? r : a), first.returns[0]!);
  const phases: Record<string, number> = {};
  for (const r of first.returns) {
    for (const [k, v] of Object.entries(r.timings ?? {}))
      phases[k.replace(/Ms$/, '')] = (phases[k.replace(/Ms$/, '')] ?? 0) + v / 1000;
  }
  return {
    engine: database.engine,
    phases,
    recomputeSeconds: first.recomputeMs === null ? null : first.recomputeMs / 1000,
    years: first.years,
    councils: first.councils,
    returns: first.returns.length,
    accepted: first.accepted,
    rejected: first.rejected,
    rows: first.returns.reduce((a, r) => a + r.rows, 0),
    seconds,
    cpu: used,
    slowest: { label: slowest.label, seconds: slowest.milliseconds / 1000 },
    againSeconds,
    againSkipped: again.skipped,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    load: { before: loadBefore, after: loadavg()[0]! },
  };
}

export function formatDemo(r: DemoBenchResult): string {
  const sizes = r.councils
    .map(
      (c) =>
        `${c.code}: ${c.children} children, ${c.workers} workers; ${c.practices.map((p) => `${p.id} ${Math.round(p.share * 100)}%`).join(', ')}`,
    )
    .join('\n  ');
  return [
    `demo returns on ${r.engine}: years ${r.years.join(', ')}; ${r.councils.length} councils`,
    `  ${sizes}`,
    `first call: ${r.returns} returns (${r.accepted} accepted, ${r.rejected} rejected), ${r.rows.toLocaleString('en-GB')} child-level rows in ${r.seconds.toFixed(1)} s` +
      ` (cpu ${r.cpu.node.toFixed(1)}${r.cpu.measuresDb ? ` + ${r.cpu.db.toFixed(1)} PostgreSQL` : ''}); slowest ${r.slowest.label} ${r.slowest.seconds.toFixed(1)} s`,
    // Two imports are in flight at once, so the phases summed over imports exceed the wall clock.
    `import phases summed over the imports (s): ${Object.entries(r.phases)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}; ` +
      `recomputeAll at the end ${r.recomputeSeconds === null ? '-' : `${r.recomputeSeconds.toFixed(1)} s`}`,
    `second call: ${r.againSkipped} returns already seeded, ${(r.againSeconds * 1000).toFixed(0)} ms`,
    `peak RSS ${r.maxRssMb} MB; load average ${r.load.before.toFixed(2)} / ${r.load.after.toFixed(2)}`,
  ].join('\n');
}
