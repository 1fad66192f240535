/**
 * Verification (issue 18): the returns a statement's facts came from, frozen in its document so
 * anyone entitled can recompute it from the same submissions. Named are every submission a fact
 * row carries, and the practice's accepted returns for each period the statement reads (its actual
 * and baseline years), since a practice figure pooled over several councils carries one of them.
 * Published (DfE) figures come from no return: their source is the published release.
 */
import { sql } from 'drizzle-orm';
import type { StatementFacts } from './engine/types';
import { rowsOf, type Executor } from './facts';

export interface SourceReturn {
  submissionId: number;
  kind: 'ssda903' | 'csww';
  councilCode: string;
  practiceId: string | null;
  collectionYear: number;
  status: 'accepted' | 'rejected' | 'superseded';
  /** SHA-256 over the sorted file hashes of the submission, as recorded when it was received. */
  contentHash: string;
}

interface SourceRow {
  id: number;
  kind: SourceReturn['kind'];
  council_code: string;
  practice_id: string | null;
  collection_year: number;
  status: SourceReturn['status'];
  content_hash: string;
}

/** The periods and submission ids the facts read, for one set-based look-up. */
export function factReferences(facts: StatementFacts): { periods: number[]; submissionIds: number[] } {
  const periods = new Set<number>([facts.period]);
  const ids = new Set<number>();
  for (const entry of Object.values(facts.indicators)) {
    for (const value of [entry.actual, entry.baseline, ...(entry.group?.values ?? [])]) {
      if (!value) continue;
      if (value.submissionId !== null) ids.add(value.submissionId);
      if (value.subjectKind === 'practice') periods.add(value.period);
    }
  }
  return { periods: [...periods].sort(), submissionIds: [...ids].sort((a, b) => a - b) };
}

export async function readSources(executor: Executor, facts: StatementFacts): Promise<SourceReturn[]> {
  const { periods, submissionIds } = factReferences(facts);
  const byId = submissionIds.length
    ? sql`s.id IN (${sql.join(
        submissionIds.map((id) => sql`${id}::int`),
        sql`, `,
      )})`
    : sql`false`;
  const rows = await rowsOf<SourceRow>(
    executor,
    sql`SELECT s.id, s.kind::text AS kind, s.council_code, s.practice_id, s.collection_year, s.status::text AS status,
        s.content_hash
      FROM submissions s
      WHERE ${byId}
        OR (s.practice_id = ${facts.practiceId} AND s.status = 'accepted'
          AND s.collection_year IN (${sql.join(
            periods.map((p) => sql`${p}::int`),
            sql`, `,
          )}))
      ORDER BY s.id`,
  );
  return rows.map((r) => ({
    submissionId: r.id,
    kind: r.kind,
    councilCode: r.council_code,
    practiceId: r.practice_id,
    collectionYear: r.collection_year,
    status: r.status,
    contentHash: r.content_hash,
  }));
}
