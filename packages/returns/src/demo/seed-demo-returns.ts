import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { submissions, type Database, type RegistrationSecret } from '@continuity/db';
import { recomputeAll } from '@continuity/indicators';
import { generateCouncilYear } from '../generator/national';
import { Rng } from '../generator/random';
import { writeSsda903Csv } from '../generator/write-csv';
import { writeCswwXml } from '../generator/write-xml';
import { returnLabel, type ReturnKey, type ReturnKind } from '../import/hash';
import type { ImportStatus, ImportTimings } from '../import/import';
import { importReturns, type BulkReturn } from '../import/import-returns';
import { publishedSizes, publishedYears, SIZE_INDICATORS } from './sizes';

/**
 * Demo returns for `npm start`. No practice-level data is published, so the hub would have nothing to show
 * for the social work practices: this generates, for every pilot council that has a practice, the council's
 * own SSDA903 return and workforce census and each of its practices' returns, for the last three collection
 * years of the published data (long-term stability needs two years of history), and imports them all
 * through `importReturns` (the upload path, importReturn, with one recompute at the end), submitted by
 * 'demo-generator'. See README.md beside this file for the sizes and shares.
 */

export const DEMO_SUBMITTER = 'demo-generator';
/** Changing the seed changes every demo return (they would then replace the old ones with `refresh`). */
export const DEMO_SEED = 'continuity-demo-v1';
/** England 2025: 36,186.3 in-post FTE over 38,292 in post (headcount). */
const FTE_PER_HEAD = 0.945;
/** Used when a council has no published figure at all. */
const FALLBACK = { children: 300, workers: 150 } as const;

export interface DemoProgress {
  /** Returns handled so far (imported, unchanged or skipped), of `total`. */
  done: number;
  total: number;
  /** e.g. `ssda903:886/swp-kent:2025`. */
  label: string;
  status: ImportStatus | 'skipped';
  message: string;
  elapsedMs: number;
}

export interface SeedDemoOptions {
  /** See ImportOptions.registrationSecret: the gateway's, so demo rows join uploaded ones. */
  registrationSecret: RegistrationSecret;
  /**
   * 903 collection years (year to 31 March) and census years (30 September) to seed. Default: the last three
   * years for which the published data holds children looked after (e.g. 2023, 2024, 2025).
   */
  years?: readonly number[];
  /**
   * false (default): a return that already has an accepted submission is left alone without generating it
   * (a restart costs one query, and a return someone uploaded is never replaced by demo data).
   * true: every demo return is generated and imported again unless its current data was uploaded by someone
   * else; identical content comes back 'unchanged' from importReturn, a changed generator replaces it.
   */
  refresh?: boolean;
  /**
   * 'end' (default): the imports skip their per-council recompute (importReturns' bulk mode) and one
   * recomputeAll runs after the last of them (or whenever a seeded council-year has no
   * computed values, e.g. after an interrupted first start). 'each': every import recomputes, as an upload does.
   */
  recompute?: 'each' | 'end';
  onProgress?: (progress: DemoProgress) => void;
}

export interface DemoReturn extends ReturnKey {
  label: string;
  status: ImportStatus | 'skipped';
  /** Why a return was skipped: 'seeded' (already has demo data) or 'uploaded' (holds someone's upload). */
  reason?: 'seeded' | 'uploaded';
  submissionId: number | null;
  rows: number;
  milliseconds: number;
  /** importReturn's timings (absent when skipped). */
  timings?: ImportTimings;
}

export interface SeedDemoSummary {
  years: number[];
  councils: { code: string; children: number; workers: number; practices: { id: string; share: number }[] }[];
  returns: DemoReturn[];
  accepted: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  /** Milliseconds of the final recomputeAll; null when none was needed (or recompute 'each'). */
  recomputeMs: number | null;
  milliseconds: number;
}

/** A pilot council with the practices serving it in the demo years. */
interface DemoCouncil {
  code: string;
  children: number;
  workers: number;
  practices: { id: string; share: number }[];
}

/**
 * Each practice's share of its council's children looked after (and of its social workers): between 10% and
 * 20%, fixed per council and practice by the seed. A council's practices together hold at most 40%.
 */
export function practiceShare(councilCode: string, practiceId: string): number {
  return Math.round(new Rng(DEMO_SEED, 'share', councilCode, practiceId).float(0.1, 0.2) * 1000) / 1000;
}

/** Pilot councils (not withdrawn) served by a practice that is open in the demo years, with their sizes. */
export async function demoCouncils(database: Database, years: readonly number[]): Promise<DemoCouncil[]> {
  const first = Math.min(...years);
  const last = Math.max(...years);
  // A practice counts if it had not ended before the first demo year began (1 April of the year before).
  const links = await database.rows<{ council_code: string; practice_id: string }>(sql`
    SELECT pc.council_code, pc.practice_id
    FROM practice_councils pc
      JOIN practices p ON p.id = pc.practice_id
    WHERE EXISTS (SELECT 1 FROM pilot_councils w WHERE w.council_code = pc.council_code AND w.withdrew IS NULL)
      AND (p.ended IS NULL OR p.ended > make_date(${first - 1}, 4, 1))
    ORDER BY pc.council_code, pc.practice_id`);
  const byCouncil = new Map<string, string[]>();
  for (const l of links) byCouncil.set(l.council_code, [...(byCouncil.get(l.council_code) ?? []), l.practice_id]);
  const codes = [...byCouncil.keys()];
  if (codes.length === 0) return [];
  const sizes = await publishedSizes(database, { childrenYear: last, workersYear: last, councils: codes });
  return codes.map((code) => {
    const size = sizes.get(code);
    const children = Math.round(size?.children ?? FALLBACK.children);
    const workers = size?.workers ? Math.round(size.workers / FTE_PER_HEAD) : FALLBACK.workers;
    const ids = byCouncil.get(code)!;
    let shares = ids.map((id) => ({ id, share: practiceShare(code, id) }));
    const total = shares.reduce((a, p) => a + p.share, 0);
    if (total > 0.4) shares = shares.map((p) => ({ ...p, share: Math.round((p.share * 0.4 * 1000) / total) / 1000 }));
    return { code, children: Math.max(1, children), workers: Math.max(1, workers), practices: shares };
  });
}

/** The years to seed: the option, or the last three with published children-looked-after figures. */
async function demoYears(database: Database, years: readonly number[] | undefined): Promise<number[]> {
  if (years) return [...new Set(years)].sort((a, b) => a - b);
  return publishedYears(database, SIZE_INDICATORS.children, 3);
}

/**
 * Seeds the demo returns; safe to call at every start. Returns what it did per return. Throws only if the
 * database cannot be read or written; a return the importer rejects (a generator fault) is reported with
 * status 'rejected' and the others go on.
 */
export async function seedDemoReturns(database: Database, options: SeedDemoOptions): Promise<SeedDemoSummary> {
  const started = performance.now();
  const years = await demoYears(database, options.years);
  const councils = years.length ? await demoCouncils(database, years) : [];
  const summary: SeedDemoSummary = {
    years,
    councils,
    returns: [],
    accepted: 0,
    unchanged: 0,
    skipped: 0,
    rejected: 0,
    recomputeMs: null,
    milliseconds: 0,
  };
  const deferred = (options.recompute ?? 'end') === 'end';
  if (councils.length === 0) {
    summary.milliseconds = Math.round(performance.now() - started);
    return summary;
  }

  // Who holds each demo return's current data now: nobody, the demo generator, or someone else.
  const current = await database.db
    .select({
      kind: submissions.kind,
      councilCode: submissions.councilCode,
      practiceId: submissions.practiceId,
      collectionYear: submissions.collectionYear,
      submittedBy: submissions.submittedBy,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.status, 'accepted'),
        inArray(
          submissions.councilCode,
          councils.map((c) => c.code),
        ),
        inArray(submissions.collectionYear, years),
        or(
          isNull(submissions.practiceId),
          inArray(
            submissions.practiceId,
            councils.flatMap((c) => c.practices.map((p) => p.id)),
          ),
        ),
      ),
    );
  const holder = new Map(current.map((s) => [returnLabel(s), s.submittedBy]));

  const total = councils.reduce((a, c) => a + years.length * 2 * (1 + c.practices.length), 0);
  let done = 0;
  const report = (r: DemoReturn, message: string) => {
    summary.returns.push(r);
    if (r.status === 'accepted') summary.accepted++;
    else if (r.status === 'unchanged') summary.unchanged++;
    else if (r.status === 'rejected') summary.rejected++;
    else summary.skipped++;
    done++;
    try {
      options.onProgress?.({
        done,
        total,
        label: r.label,
        status: r.status,
        message,
        elapsedMs: Math.round(performance.now() - started),
      });
    } catch {
      // A listener's failure must not stop the seeding.
    }
  };

  /** The returns to import, council-year by council-year; each council-year is generated when first needed. */
  function* planned(): Generator<BulkReturn> {
    for (const council of councils) {
      for (const year of years) {
        const todo: ReturnKey[] = [];
        for (const kind of ['ssda903', 'csww'] as ReturnKind[]) {
          for (const practiceId of [null, ...council.practices.map((p) => p.id)]) {
            const key: ReturnKey = { kind, councilCode: council.code, practiceId, collectionYear: year };
            const label = returnLabel(key);
            const by = holder.get(label);
            const skip =
              by === undefined ? null : by !== DEMO_SUBMITTER ? 'uploaded' : options.refresh ? null : 'seeded';
            if (!skip) {
              todo.push(key);
              continue;
            }
            report(
              {
                ...key,
                practiceId,
                label,
                status: 'skipped',
                reason: skip,
                submissionId: null,
                rows: 0,
                milliseconds: 0,
              },
              `${label}: ${skip === 'seeded' ? 'already seeded' : 'holds an upload, left alone'}`,
            );
          }
        }
        if (todo.length === 0) continue;
        // One generation gives the council's returns and its practices' subsets (the same children).
        let generated: ReturnType<typeof generateCouncilYear> | undefined;
        const source = (practiceId: string | null | undefined) => {
          generated ??= generateCouncilYear({
            seed: DEMO_SEED,
            councilCode: council.code,
            collectionYear: year,
            censusYear: year,
            children: council.children,
            workers: council.workers,
            practices: council.practices,
          });
          return (practiceId && generated.practices.find((p) => p.practiceId === practiceId)) || generated;
        };
        for (const key of todo) {
          yield {
            ...key,
            files: () =>
              key.kind === 'ssda903'
                ? writeSsda903Csv(source(key.practiceId).ssda903)
                : [writeCswwXml(source(key.practiceId).csww)],
          };
        }
      }
    }
  }

  const imported = await importReturns(database, planned(), {
    submittedBy: DEMO_SUBMITTER,
    registrationSecret: options.registrationSecret,
    actor: { role: 'system' },
    recompute: deferred ? 'end' : 'each',
    onResult: (result) => {
      const key = {
        kind: result.kind,
        councilCode: result.councilCode,
        practiceId: result.practiceId,
        collectionYear: result.collectionYear,
      };
      const label = returnLabel(key);
      const rows = Object.values(result.written).reduce((a, b) => a + b, 0);
      report(
        {
          ...key,
          label,
          status: result.status,
          submissionId: result.submissionId,
          rows,
          milliseconds: result.timings.totalMs,
          timings: result.timings,
        },
        result.status === 'rejected'
          ? `${label}: rejected (${result.errorTotal} errors, first ${result.errors[0]?.rule ?? '?'}: ${result.errors[0]?.message ?? ''})`
          : `${label}: ${result.status}${rows ? `, ${rows} rows` : ''} in ${result.timings.totalMs} ms`,
      );
    },
  });
  let recomputeMs = imported.recompute?.milliseconds ?? null;
  // An interrupted first start can leave accepted returns that were never recomputed.
  if (deferred && recomputeMs === null && (await missingComputed(database, councils, years))) {
    const t0 = performance.now();
    await recomputeAll(database.db);
    recomputeMs = Math.round(performance.now() - t0);
  }
  if (recomputeMs !== null) {
    summary.recomputeMs = recomputeMs;
    try {
      options.onProgress?.({
        done,
        total,
        label: 'recomputeAll',
        status: 'accepted',
        message: `Indicators computed for every council, practice, region and England in ${recomputeMs} ms`,
        elapsedMs: Math.round(performance.now() - started),
      });
    } catch {
      // A listener's failure must not stop the seeding.
    }
  }
  summary.milliseconds = Math.round(performance.now() - started);
  return summary;
}

/** Whether some demo council-year holds an accepted return of a kind but no computed value from it. */
async function missingComputed(
  database: Database,
  councils: readonly DemoCouncil[],
  years: readonly number[],
): Promise<boolean> {
  const codes = sql.join(
    councils.map((c) => sql`${c.code}`),
    sql`, `,
  );
  const list = sql.join(
    years.map((y) => sql`${y}`),
    sql`, `,
  );
  const [row] = await database.rows<{ missing: boolean }>(sql`
    SELECT EXISTS (
      SELECT 1 FROM submissions s
      WHERE s.status = 'accepted' AND s.practice_id IS NULL AND s.council_code IN (${codes}) AND s.collection_year IN (${list})
        AND NOT EXISTS (
          SELECT 1 FROM indicator_values v
          WHERE v.source = 'computed' AND v.subject_kind = 'council' AND v.subject_id = s.council_code
            AND v.period = s.collection_year
            AND v.indicator_id = CASE WHEN s.kind = 'ssda903' THEN 'placements_3plus' ELSE 'workforce_turnover' END)
    ) AS missing`);
  return Boolean(row?.missing);
}
