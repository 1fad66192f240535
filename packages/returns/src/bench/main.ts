import { parseSsda903Files } from '../ssda903/parse';
import { validateReturn } from '../validate';
import { generateSsda903Csv } from './generate';

/*
 * Measures parse + validate on a generated national-size 903 return (default 200,000 episodes).
 *   npm run bench -w @continuity/returns -- [episodes]
 */
const target = Number(process.argv[2] ?? 200_000);
const gen = generateSsda903Csv(target);
const mb = gen.files.reduce((s, f) => s + f.bytes.length, 0) / 1e6;
console.log(`generated ${gen.children} children, ${gen.episodes} episodes, ${mb.toFixed(1)} MB of CSV`);

for (let run = 1; run <= 3; run++) {
  // CPU time as well as wall time: on a shared machine the wall clock also counts other people's work.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const parsed = parseSsda903Files(gen.files);
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const result = validateReturn(parsed, { collectionYear: gen.collectionYear });
  const t2 = performance.now();
  const c2 = process.cpuUsage(c0);
  const cpu = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  console.log(
    `run ${run}: parse ${(t1 - t0).toFixed(0)} ms (cpu ${cpu(c1).toFixed(0)}), validate ${(t2 - t1).toFixed(0)} ms ` +
      `(cpu ${(cpu(c2) - cpu(c1)).toFixed(0)}), total ${(t2 - t0).toFixed(0)} ms (cpu ${cpu(c2).toFixed(0)});` +
      ` rows ${JSON.stringify(result.counts.rows)}; errors ${result.errors.length}, warnings ${result.warnings.length}`,
  );
  if (run === 1) console.log('issues by rule:', result.counts.errorsByRule, result.counts.warningsByRule);
}
