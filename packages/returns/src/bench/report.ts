import type { NationalBenchResult } from './national';

const s = (x: number) => `${x.toFixed(1)} s`;
const n = (x: number) => Math.round(x).toLocaleString('en-GB');
const pct = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : '');

/** "wall s (share) | cpu node + db" for one phase. */
function phase(r: NationalBenchResult, k: keyof NationalBenchResult['phases']): string {
  const c = r.cpu[k];
  const cpu = r.cpuTotal.measuresDb ? `${c.node.toFixed(1)} + ${c.db.toFixed(1)}` : c.node.toFixed(1);
  return `${s(r.phases[k])}${pct(r.phases[k], r.seconds)}; cpu ${cpu}`;
}

/** One column per engine, one line per measure: what `npm run bench` prints. */
export function formatResults(results: readonly NationalBenchResult[]): string {
  if (results.length === 0) return '(no results)';
  const first = results[0]!;
  const lines: [string, ...string[]][] = [
    ['engine', ...results.map((r) => r.engine)],
    ['councils', ...results.map((r) => n(r.councils))],
    ['children looked after at 31 March (target)', ...results.map((r) => n(r.targetChildren))],
    ['903 children (header rows)', ...results.map((r) => n(r.rowsRead.header ?? 0))],
    ['903 episodes', ...results.map((r) => n(r.rowsRead.episodes ?? 0))],
    ['census worker records', ...results.map((r) => n(r.rowsRead.workers ?? 0))],
    ['child-level rows written', ...results.map((r) => n(r.rowsWritten))],
    ['return files (MB)', ...results.map((r) => (r.bytes / 1e6).toFixed(1))],
    ['TOTAL: import and recompute', ...results.map((r) => s(r.seconds))],
    ['rows/s', ...results.map((r) => n(r.rowsPerSecond))],
    [
      'CPU s: Node + PostgreSQL backends',
      ...results.map((r) =>
        r.cpuTotal.measuresDb
          ? `${r.cpuTotal.node.toFixed(1)} + ${r.cpuTotal.db.toFixed(1)}`
          : `${r.cpuTotal.node.toFixed(1)} (all in Node)`,
      ),
    ],
    ['phase: wall (share); cpu node [+ db]', ...results.map(() => '')],
    ['  hash + checks', ...results.map((r) => phase(r, 'hash'))],
    ['  parse', ...results.map((r) => phase(r, 'parse'))],
    ['  validate', ...results.map((r) => phase(r, 'validate'))],
    ['  store submission + files', ...results.map((r) => phase(r, 'store'))],
    ['  write (COPY)', ...results.map((r) => phase(r, 'write'))],
    [
      `  recompute in each import (${first.recompute === 'each' ? 'on' : 'off'})`,
      ...results.map((r) => phase(r, 'recompute')),
    ],
    ['  other (tx, commit, audit, checks)', ...results.map((r) => phase(r, 'other'))],
    [`  recomputeAll (${first.recompute === 'end' ? 'on' : 'off'})`, ...results.map((r) => phase(r, 'recomputeAll'))],
    ['generate returns (not in total)', ...results.map((r) => phase(r, 'generate').replace(/ \(\d+%\)/, ''))],
    ['slowest single import', ...results.map((r) => `${r.slowest.label} ${s(r.slowest.seconds)}`)],
    [
      'bare COPY floor, same rows',
      ...results.map((r) =>
        r.floor
          ? `${s(r.floor.seconds)}; cpu ${r.floor.cpu.node.toFixed(1)}${r.cpuTotal.measuresDb ? ` + ${r.floor.cpu.db.toFixed(1)}` : ''}`
          : '-',
      ),
    ],
    ['bare COPY rows/s', ...results.map((r) => (r.floor ? n(r.floor.rowsPerSecond) : '-'))],
    ['total / floor', ...results.map((r) => (r.floor ? `${(r.seconds / r.floor.seconds).toFixed(1)}x` : '-'))],
    ['peak RSS, maxRSS (MB)', ...results.map((r) => n(r.memory.maxRssMb))],
    ['peak JS heap + external (MB)', ...results.map((r) => n(r.memory.peakHeapMb))],
    ['database size (MB)', ...results.map((r) => n(r.databaseMb))],
    ['England placements_3plus (computed)', ...results.map((r) => fraction(r.england.placements3plus))],
    ['England workforce_turnover (computed)', ...results.map((r) => fraction(r.england.turnover))],
    ['load average before / after', ...results.map((r) => `${r.load.before.toFixed(2)} / ${r.load.after.toFixed(2)}`)],
  ];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  const row = (l: readonly string[]) =>
    `| ${l.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`;
  const head =
    `scale ${first.scale}, seed ${first.seed}, collection year ${first.collectionYear}, recompute ${first.recompute}, ` +
    `concurrency ${results.map((r) => `${r.concurrency} (${r.engine})`).join(', ')}`;
  return [head, '', row(lines[0]!), rule, ...lines.slice(1).map(row)].join('\n');
}

function fraction(v: { numerator: number; denominator: number } | null): string {
  if (!v || v.denominator === 0) return '-';
  return `${n(v.numerator)} / ${n(v.denominator)} = ${((v.numerator / v.denominator) * 100).toFixed(1)}%`;
}
