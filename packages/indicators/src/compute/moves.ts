import { sql } from 'drizzle-orm';
import type { Executor } from './scope';

/** A subject, as elsewhere in the package (the same shape as SubjectRef). */
export interface Subject {
  kind: 'england' | 'region' | 'council' | 'practice';
  /** england: E92000001; region: region code; council: DfE code; practice: practice id. */
  id: string;
}

export interface MovesByReason {
  /** REASON_PLACE_CHANGE code, e.g. CARPL, CLOSE, ALLEG, STAND, APPRR, CREQB, CREQO, CHILD, LAREQ, PLACE, OTHER. */
  reason: string;
  moves: number;
}

/**
 * Placement moves by reason, for one subject and 903 year (1 April Y-1 .. 31 March Y), computed on
 * demand from the accepted returns (no stored table; the catalogue has no per-reason indicator).
 * A move is an episode that ended in the year (DEC between 1 April and 31 March) with a reason for
 * placement change recorded: the 903 records REASON_PLACE_CHANGE on the episode a placement change
 * ends. Council: its own return; practice: its returns to any council; region and England: the
 * council returns of the councils there that submitted (practice returns would double count the
 * council's own children).
 */
export async function placementMovesByReason(
  db: Executor,
  subject: Subject,
  collectionYear: number,
): Promise<MovesByReason[]> {
  const who =
    subject.kind === 'practice'
      ? sql`s.practice_id = ${subject.id}`
      : subject.kind === 'council'
        ? sql`s.practice_id IS NULL AND s.council_code = ${subject.id}`
        : subject.kind === 'region'
          ? sql`s.practice_id IS NULL AND s.council_code IN (SELECT code FROM councils WHERE region_code = ${subject.id})`
          : sql`s.practice_id IS NULL`;
  const result = await db.execute(sql`
    SELECT e.reason_place_change AS reason, count(*)::int AS moves
    FROM submissions s JOIN cla903_episodes e ON e.submission_id = s.id
    WHERE s.kind = 'ssda903' AND s.status = 'accepted' AND s.collection_year = ${collectionYear} AND ${who}
      AND e.dec BETWEEN make_date(${collectionYear}::int - 1, 4, 1) AND make_date(${collectionYear}::int, 3, 31)
      AND e.reason_place_change IS NOT NULL AND e.reason_place_change <> ''
    GROUP BY e.reason_place_change
    ORDER BY moves DESC, reason`);
  // postgres.js returns the rows as an array, PGlite as { rows }
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Array<{
    reason: string;
    moves: number;
  }>;
  return rows.map((r) => ({ reason: r.reason, moves: Number(r.moves) }));
}
