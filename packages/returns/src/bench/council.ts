import type { Database, Engine } from '@continuity/db';
import { importReturn } from '../import/import';
import { seedPlaces, ssda903Files } from '../import/testing';
import { BENCH_REGISTRATION_SECRET } from './setup';

/*
 * One council's 903 return at several sizes, imported as an upload is (importReturn with its recompute of
 * the council, its region and England), each size into a fresh database. Issue 12: the recompute grew faster
 * than the council (0.2 s at 1,896 children, up to 1.3 s at 4,000, 62-82 s at 15,000: one statement joined
 * the children to their social workers by a nested loop). `npm run bench -- --council-children 1896,4000,15000`.
 */

export interface CouncilBenchRow {
  engine: Engine;
  children: number;
  rows: number;
  /** The recompute inside the import's transaction. */
  computeSeconds: number;
  /** The whole import: read, validate, write, recompute, commit. */
  importSeconds: number;
}

export async function runCouncilBench(
  open: () => Promise<Database>,
  sizes: readonly number[],
  options: { seed?: string | number; onProgress?: (line: string) => void } = {},
): Promise<CouncilBenchRow[]> {
  const out: CouncilBenchRow[] = [];
  for (const children of sizes) {
    const database = await open();
    try {
      await seedPlaces(database);
      const files = ssda903Files(`${options.seed ?? 2025}-${children}`, '886', 2025, children);
      const result = await importReturn(database, {
        kind: 'ssda903',
        councilCode: '886',
        collectionYear: 2025,
        files,
        submittedBy: 'bench',
        registrationSecret: BENCH_REGISTRATION_SECRET,
      });
      if (result.status !== 'accepted') throw new Error(`the ${children}-children return was ${result.status}`);
      const row: CouncilBenchRow = {
        engine: database.engine,
        children,
        rows: Object.values(result.written).reduce((a, b) => a + b, 0),
        computeSeconds: result.timings.computeMs / 1000,
        importSeconds: result.timings.totalMs / 1000,
      };
      options.onProgress?.(
        `${row.engine}: ${children} children, ${row.rows} rows: recompute ${row.computeSeconds.toFixed(2)} s, import ${row.importSeconds.toFixed(2)} s`,
      );
      out.push(row);
    } finally {
      await database.close();
    }
  }
  return out;
}

export function formatCouncilBench(rows: readonly CouncilBenchRow[]): string {
  const lines = [
    '| engine | children | child-level rows | recompute (s) | whole import (s) |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.engine} | ${r.children.toLocaleString('en-GB')} | ${r.rows.toLocaleString('en-GB')} | ${r.computeSeconds.toFixed(2)} | ${r.importSeconds.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}
