import type { Database, RegistrationSecret } from '@continuity/db';
import { recomputeAll } from '@continuity/indicators';
import type { ReturnKey } from './hash';
import {
  importReturn,
  reclaimReplacedRows,
  type ImportActor,
  type ImportFile,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from './import';
import { createWorkerReader, type ReturnReader } from './reader';

/** One return of a bulk load. `files` may be a function, called when the return's turn comes (so a
 * generator or a folder reader holds one return's bytes in memory per import in flight, not all of them). */
export interface BulkReturn extends ReturnKey {
  files: readonly ImportFile[] | (() => readonly ImportFile[]);
}

/** Imports in flight at once unless told otherwise (see ImportReturnsOptions.concurrency). */
export const DEFAULT_CONCURRENCY = 2;

export interface ImportReturnsOptions {
  /** The user id recorded on every submission and audit row. */
  submittedBy: string;
  /** See ImportOptions.registrationSecret. */
  registrationSecret: RegistrationSecret;
  actor?: ImportActor;
  /**
   * Imports in flight at once (default 2): one return is read in a worker thread while the database writes
   * another (on PGlite too: it runs in the main thread, the reading does not). See docs/benchmarks.md.
   */
  concurrency?: number;
  /** Where returns are read (default: a pool of `concurrency` worker threads, closed at the end). */
  reader?: ReturnReader;
  /**
   * 'end' (default): every import skips its own recompute, and one recomputeAll over the years touched runs
   * after the last import (and also after a failure, for the returns accepted before it). 'each': every
   * import recomputes its council, as an upload does.
   */
  recompute?: 'end' | 'each';
  /** Issue caps for every import (ImportOptions.issueLimits; default DEFAULT_ISSUE_LIMITS). */
  issueLimits?: ImportOptions['issueLimits'];
  /** Each import's progress, with the return it belongs to. */
  onProgress?: (key: ReturnKey, progress: ImportProgress) => void;
  /** Called as each import finishes (in finishing order). */
  onResult?: (result: ImportResult, done: number) => void;
  /** Called when the final recomputeAll starts. */
  onRecompute?: (range: { fromYear: number; toYear: number }) => void;
}

export interface ImportReturnsSummary {
  /** In finishing order. */
  results: ImportResult[];
  accepted: number;
  rejected: number;
  unchanged: number;
  /** The final recomputeAll: the years it covered and how long it took; null when none ran. */
  recompute: { fromYear: number; toYear: number; milliseconds: number } | null;
  milliseconds: number;
}

/**
 * Years a recompute must cover after these returns were accepted: each year itself and, for a 903
 * return, the two following years (its episodes are the history behind their long-term stability).
 */
export function recomputeRange(
  accepted: readonly Pick<ReturnKey, 'kind' | 'collectionYear'>[],
): { fromYear: number; toYear: number } | null {
  if (accepted.length === 0) return null;
  return {
    fromYear: Math.min(...accepted.map((r) => r.collectionYear)),
    toYear: Math.max(...accepted.map((r) => r.collectionYear + (r.kind === 'ssda903' ? 2 : 0))),
  };
}

/**
 * Imports many returns (a national year, the demo returns) through importReturn, each in its own
 * transaction with everything importReturn guarantees (files kept, all or nothing, idempotent), then
 * recomputes the indicators once for every council at the same time. Returns are read (parsed, validated,
 * turned into COPY text) in worker threads, so reading one overlaps writing another. A rejected return does not stop the
 * others. A failure of the database stops taking new returns; the ones in flight finish, the accepted ones
 * are recomputed, and the failure is thrown.
 */
export async function importReturns(
  database: Database,
  returns: Iterable<BulkReturn>,
  options: ImportReturnsOptions,
): Promise<ImportReturnsSummary> {
  const started = performance.now();
  const deferred = (options.recompute ?? 'end') === 'end';
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const reader = options.reader ?? createWorkerReader({ size: concurrency });
  const summary: ImportReturnsSummary = {
    results: [],
    accepted: 0,
    rejected: 0,
    unchanged: 0,
    recompute: null,
    milliseconds: 0,
  };
  const iterator = returns[Symbol.iterator]();
  let failure: { error: unknown } | null = null;

  const worker = async () => {
    while (!failure) {
      const step = iterator.next();
      if (step.done) return;
      const { files, ...key } = step.value;
      try {
        const result = await importReturn(database, {
          ...key,
          files: typeof files === 'function' ? files() : files,
          submittedBy: options.submittedBy,
          registrationSecret: options.registrationSecret,
          reader,
          ...(options.actor ? { actor: options.actor } : {}),
          ...(options.issueLimits ? { issueLimits: options.issueLimits } : {}),
          ...(options.onProgress ? { onProgress: (p: ImportProgress) => options.onProgress!(key, p) } : {}),
          ...(deferred ? { recompute: false as const } : {}),
          reclaim: false,
        });
        summary.results.push(result);
        summary[result.status]++;
        options.onResult?.(result, summary.results.length);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    if (!options.reader) await reader.close();
  }

  const range = deferred ? recomputeRange(summary.results.filter((r) => r.status === 'accepted')) : null;
  if (range) {
    options.onRecompute?.(range);
    const t0 = performance.now();
    await recomputeAll(database.db, range);
    summary.recompute = { ...range, milliseconds: Math.round(performance.now() - t0) };
  }
  // PGlite: the rows of replaced returns reclaimed once, not after each replacement (each VACUUM scans a table).
  const replaced = [...new Set(summary.results.filter((r) => r.supersedes !== null).map((r) => r.kind))];
  if (replaced.length > 0) await reclaimReplacedRows(database, replaced);
  summary.milliseconds = Math.round(performance.now() - started);
  if (failure) throw (failure as { error: unknown }).error;
  return summary;
}
