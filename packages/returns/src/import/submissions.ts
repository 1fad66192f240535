import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { submissionFiles, submissions, type Db } from '@continuity/db';
import { issueTotal } from '../issue-caps';
import type { Issue } from '../issues';
import type { ReturnKind } from './hash';

/*
 * Read access to submissions, for the API to wire (GraphQL is not this package's business). These
 * providers do not check who is asking: the caller must first decide the viewer may see the council's
 * (or the practice's) returns, with the same rule as uploading (own council and its practices; a
 * practice its own).
 */

export interface SubmissionFileInfo {
  id: number;
  name: string;
  sha256: string;
  size: number;
}

export interface SubmissionSummary {
  id: number;
  kind: ReturnKind;
  councilCode: string;
  practiceId: string | null;
  collectionYear: number;
  status: 'accepted' | 'rejected' | 'superseded';
  submittedBy: string;
  submittedAt: Date;
  contentHash: string;
  counts: Record<string, number>;
  /** Entries in the stored lists: listed issues and summary issues (a rule cut short by the caps). */
  errorCount: number;
  warningCount: number;
  /** Findings in all, listed or not: each issue 1, each summary issue its `more`. */
  errorTotal: number;
  warningTotal: number;
  supersededBy: number | null;
  files: SubmissionFileInfo[];
}

export interface SubmissionFilter {
  councilCode: string;
  /** undefined: the council's own returns and every practice's; null: the council's own only; an id: that practice's. */
  practiceId?: string | null;
  kind?: ReturnKind;
  collectionYear?: number;
  /** Newest first; default 200. */
  limit?: number;
}

/** A submission's summary without its files: what one query over `submissions` gives. */
export type SubmissionHeader = Omit<SubmissionSummary, 'files'>;

/** Σ (more ?? 1) over a stored issue list: the findings it stands for (issueTotal, in SQL). */
function issueTotalSql(list: typeof submissions.errors | typeof submissions.warnings) {
  return sql<number>`(SELECT coalesce(sum(coalesce((i->>'more')::int, 1)), 0) FROM jsonb_array_elements(${list}) AS i)::int`;
}

const headerColumns = {
  id: submissions.id,
  kind: submissions.kind,
  councilCode: submissions.councilCode,
  practiceId: submissions.practiceId,
  collectionYear: submissions.collectionYear,
  status: submissions.status,
  submittedBy: submissions.submittedBy,
  submittedAt: submissions.submittedAt,
  contentHash: submissions.contentHash,
  counts: submissions.counts,
  // Counts only: read the issues per submission when asked for.
  errorCount: sql<number>`jsonb_array_length(${submissions.errors})::int`,
  warningCount: sql<number>`jsonb_array_length(${submissions.warnings})::int`,
  errorTotal: issueTotalSql(submissions.errors),
  warningTotal: issueTotalSql(submissions.warnings),
  supersededBy: submissions.supersededBy,
};

/**
 * Submission headers, for the caller to add its condition, order and limit (so the API can scope
 * them in SQL by the viewer's role): `selectSubmissionHeaders(db).where(...).orderBy(...)`.
 */
export function selectSubmissionHeaders(db: Db) {
  return db.select(headerColumns).from(submissions);
}

/** The files of these submissions (names, hashes, sizes; not the bytes), each list in the order received. */
export async function filesOfSubmissions(
  db: Db,
  submissionIds: readonly number[],
): Promise<Map<number, SubmissionFileInfo[]>> {
  const bySubmission = new Map<number, SubmissionFileInfo[]>();
  if (submissionIds.length === 0) return bySubmission;
  const files = await db
    .select({
      submissionId: submissionFiles.submissionId,
      id: submissionFiles.id,
      name: submissionFiles.name,
      sha256: submissionFiles.sha256,
      size: submissionFiles.size,
    })
    .from(submissionFiles)
    .where(inArray(submissionFiles.submissionId, [...submissionIds]))
    .orderBy(asc(submissionFiles.id));
  for (const { submissionId, ...f } of files) {
    const list = bySubmission.get(submissionId) ?? [];
    list.push(f);
    bySubmission.set(submissionId, list);
  }
  return bySubmission;
}

/** A council's submissions, newest first, with their files (names, hashes, sizes; not the bytes). */
export async function listSubmissions(db: Db, filter: SubmissionFilter): Promise<SubmissionSummary[]> {
  const where = and(
    eq(submissions.councilCode, filter.councilCode),
    filter.practiceId === undefined
      ? undefined
      : filter.practiceId === null
        ? isNull(submissions.practiceId)
        : eq(submissions.practiceId, filter.practiceId),
    filter.kind ? eq(submissions.kind, filter.kind) : undefined,
    filter.collectionYear !== undefined ? eq(submissions.collectionYear, filter.collectionYear) : undefined,
  );
  const rows = await selectSubmissionHeaders(db)
    .where(where)
    .orderBy(desc(submissions.id))
    .limit(filter.limit ?? 200);
  if (rows.length === 0) return [];
  const files = await filesOfSubmissions(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, files: files.get(r.id) ?? [] }));
}

/** One submission with its full error and warning lists (for a "what was wrong" page). */
export async function getSubmission(
  db: Db,
  submissionId: number,
): Promise<(SubmissionSummary & { errors: Issue[]; warnings: Issue[] }) | null> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, submissionId));
  if (!row) return null;
  const files = (await filesOfSubmissions(db, [submissionId])).get(submissionId) ?? [];
  const errors = row.errors as Issue[];
  const warnings = row.warnings as Issue[];
  return {
    ...row,
    errorCount: errors.length,
    warningCount: warnings.length,
    errorTotal: issueTotal(errors),
    warningTotal: issueTotal(warnings),
    errors,
    warnings,
    files,
  };
}

/** A kept file, byte for byte, with the submission it belongs to (so the caller can check access). */
export async function getSubmissionFile(
  db: Db,
  ref: { submissionId: number; fileId: number },
): Promise<{
  name: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
  councilCode: string;
  practiceId: string | null;
} | null> {
  const [row] = await db
    .select({
      name: submissionFiles.name,
      sha256: submissionFiles.sha256,
      size: submissionFiles.size,
      bytes: submissionFiles.bytes,
      councilCode: submissions.councilCode,
      practiceId: submissions.practiceId,
    })
    .from(submissionFiles)
    .innerJoin(submissions, eq(submissions.id, submissionFiles.submissionId))
    .where(and(eq(submissionFiles.id, ref.fileId), eq(submissionFiles.submissionId, ref.submissionId)));
  return row ?? null;
}
