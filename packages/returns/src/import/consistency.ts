import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { CHILD_TABLES } from './rows';

/*
 * What "nothing lost, nothing wrong" means after a fault, checked from the database alone (the fault suite
 * and the concurrency tests share it): one accepted submission per return, no child-level or computed row
 * tied to a submission that is not accepted, and the computed figures as a clean import gives them.
 */

/** A computed figure without the ids that differ between databases (submission and row ids). */
interface Figure {
  indicator_id: string;
  subject_kind: string;
  subject_id: string;
  period: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  symbol: string | null;
}

/** Every computed figure, in a fixed order, as text lines (so two databases compare with toEqual). */
export async function computedFigures(database: Database): Promise<string[]> {
  const rows = await database.rows<Figure>(sql`
    SELECT indicator_id, subject_kind::text AS subject_kind, subject_id, period, numerator, denominator, value, symbol
    FROM indicator_values WHERE source = 'computed'
    ORDER BY indicator_id, subject_kind, subject_id, period`);
  // Rounded to 9 significant digits: a sum may be pooled in a different order on another run.
  const n = (x: number | null) => (x === null ? '-' : Number(Number(x).toPrecision(9)).toString());
  return rows.map((r) =>
    [
      r.indicator_id,
      r.subject_kind,
      r.subject_id,
      r.period,
      n(r.numerator),
      n(r.denominator),
      n(r.value),
      r.symbol ?? '',
    ].join(' '),
  );
}

export interface Integrity {
  /** Returns (kind, council, practice, year) with more than one accepted submission. */
  returnsWithSeveralAccepted: number;
  /** Child-level rows whose submission is missing or not accepted (partial or stale rows). */
  strayChildRows: number;
  /** Computed council and practice figures tied to a submission that is missing or not accepted. */
  staleFigures: number;
  /** Submissions without a single kept file (every file, accepted or rejected, is kept). */
  submissionsWithoutFiles: number;
  /** Submissions without their audit row. */
  submissionsWithoutAudit: number;
}

export async function checkIntegrity(database: Database): Promise<Integrity> {
  const one = async (query: ReturnType<typeof sql>) => Number((await database.rows<{ n: number }>(query))[0]!.n);
  let strayChildRows = 0;
  for (const t of [...CHILD_TABLES.ssda903, ...CHILD_TABLES.csww]) {
    strayChildRows += await one(sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)} c
      WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = c.submission_id AND s.status = 'accepted')`);
  }
  return {
    returnsWithSeveralAccepted: await one(sql`SELECT count(*)::int AS n FROM (
      SELECT 1 FROM submissions WHERE status = 'accepted'
      GROUP BY kind, council_code, practice_id, collection_year HAVING count(*) > 1) x`),
    strayChildRows,
    staleFigures: await one(sql`SELECT count(*)::int AS n FROM indicator_values v
      WHERE v.source = 'computed' AND v.subject_kind IN ('council', 'practice')
        AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = v.submission_id AND s.status = 'accepted')`),
    submissionsWithoutFiles: await one(sql`SELECT count(*)::int AS n FROM submissions s
      WHERE NOT EXISTS (SELECT 1 FROM submission_files f WHERE f.submission_id = s.id)`),
    submissionsWithoutAudit: await one(sql`SELECT count(*)::int AS n FROM submissions s
      WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.submission_id = s.id)`),
  };
}

export const CLEAN: Integrity = {
  returnsWithSeveralAccepted: 0,
  strayChildRows: 0,
  staleFigures: 0,
  submissionsWithoutFiles: 0,
  submissionsWithoutAudit: 0,
};
