import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import {
  auditLog,
  councils,
  practiceCouncils,
  practices,
  submissions,
  isRetryableTransactionError,
  isTransientDatabaseError,
  type Database,
  type Db,
  type RegistrationSecret,
} from '@continuity/db';
import { lockCouncilScope, recomputeIndicators, type RecomputeOptions } from '@continuity/indicators';
import { DEFAULT_ISSUE_LIMITS, issueTotal, IssueTally, type IssueLimits } from '../issue-caps';
import { fileIssue, type Issue } from '../issues';
import { writeFiles, writeTable } from './bulk';
import { contentHash, returnLabel, sha256Hex, type ReturnKey, type ReturnKind } from './hash';
import { READ_FAILURE_RULE } from './read';
import { inThreadReader, type ReturnReader } from './reader';
import { CHILD_TABLES } from './rows';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** Who is submitting, for the audit log (the user id is `submittedBy`). */
export interface ImportActor {
  /** 'council', 'practice', ... or 'cli' for the command line. */
  role: string;
  organisationId?: string | null;
}

export type ImportPhase =
  | 'hashing'
  | 'checking'
  | 'parsing'
  | 'validating'
  | 'storing'
  | 'writing'
  | 'computing'
  | 'done';

/** A progress report: the phase, a line a person can read, and counts where the phase has them. */
export interface ImportProgress {
  phase: ImportPhase;
  message: string;
  /** writing: rows written so far over all tables; hashing: files hashed. */
  done?: number;
  total?: number;
  /** writing: the table being written. */
  table?: string;
  /** Milliseconds since the import started. */
  elapsedMs: number;
}

export interface ImportOptions extends ReturnKey {
  files: readonly ImportFile[];
  /**
   * The server secret registration numbers (SW_ID, SWENo) are keyed-hashed under before they are stored
   * (see @continuity/db registration.ts): the same for every import, or new returns stop joining old ones.
   */
  registrationSecret: RegistrationSecret;
  /** The user id recorded on the submission and the audit row. */
  submittedBy: string;
  actor?: ImportActor;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Where the files are parsed, validated and turned into COPY text (default: this thread). The gateway and
   * bulk loads pass a worker pool (createWorkerReader) so the event loop stays free and reading overlaps
   * the database's work.
   */
  reader?: ReturnReader;
  /**
   * The indicator recompute run inside the import's transaction: default recomputeIndicators (the council,
   * its practices, its region and England). false defers it: bulk loads (importReturns) import every return
   * first and then run one recomputeAll, which costs less than a tenth of one recompute per council.
   */
  recompute?: ((db: Db, options: RecomputeOptions) => Promise<void>) | false;
  /**
   * On PGlite, VACUUM the kind's child-level tables after a replacement (default true; see
   * reclaimReplacedRows). Bulk loads pass false and reclaim once at the end.
   */
  reclaim?: boolean;
  /**
   * At most this many issues listed per rule and per return, in the submission stored and the result
   * (issue-caps.ts; default DEFAULT_ISSUE_LIMITS: 100 and 1,000). Each rule cut short gets a summary issue
   * with `more`, the number not listed.
   */
  issueLimits?: Partial<IssueLimits>;
}

export type ImportStatus = 'accepted' | 'rejected' | 'unchanged';

export interface ImportTimings {
  hashMs: number;
  /** The council and practice checked, and the return's current submission looked up. */
  checkMs: number;
  parseMs: number;
  validateMs: number;
  /** The child-level rows turned into COPY text (where the files were read). */
  prepareMs: number;
  /** Inside the write transaction: the submission and its files. */
  storeMs: number;
  /** Inside the write transaction: the previous submission's child-level rows deleted. */
  deleteMs: number;
  /** Inside the write transaction: the new child-level rows written (COPY). */
  writeMs: number;
  computeMs: number;
  /** The whole write transaction, commit included. */
  transactionMs: number;
  totalMs: number;
}

export interface ImportResult {
  /** The new submission (accepted or rejected) or, when unchanged, the current accepted one. */
  submissionId: number;
  status: ImportStatus;
  kind: ReturnKind;
  councilCode: string;
  practiceId: string | null;
  collectionYear: number;
  contentHash: string;
  files: { name: string; sha256: string; size: number }[];
  /** Capped (ImportOptions.issueLimits): each rule cut short ends with a summary issue whose `more` is the rest. */
  errors: Issue[];
  warnings: Issue[];
  /** Errors and warnings found in all, listed or not (issueTotal of the lists). */
  errorTotal: number;
  warningTotal: number;
  /** Rows read per table (903) or record kind (census). */
  counts: Record<string, number>;
  /** Accepted: child-level rows written per table. */
  written: Record<string, number>;
  /** Accepted: the submission this one replaced (now superseded), if any. */
  supersedes: number | null;
  timings: ImportTimings;
  /**
   * Rejected because the database failed while storing a valid return (rule CONT-STORE), not because of
   * the files: `transient` when trying again later may succeed (connection lost, server restarting ...).
   */
  fault?: { transient: boolean };
}

/** The request cannot be taken at all (nothing is stored): an unknown council, a practice not serving it ... */
export class ImportRequestError extends Error {
  constructor(
    readonly code:
      | 'bad-kind'
      | 'bad-year'
      | 'no-files'
      | 'unknown-council'
      | 'unknown-practice'
      | 'practice-not-serving-council',
    message: string,
  ) {
    super(message);
    this.name = 'ImportRequestError';
  }
}

const KINDS: readonly ReturnKind[] = ['ssda903', 'csww'];

/** The rule code of an import that passed validation but could not be stored (or could not be read at all). */
export const STORE_FAILURE_RULE = 'CONT-STORE';
export { READ_FAILURE_RULE };

function checkRequest(options: ImportOptions): void {
  if (!KINDS.includes(options.kind)) {
    throw new ImportRequestError('bad-kind', `Unknown return kind "${String(options.kind)}": use ssda903 or csww.`);
  }
  const y = options.collectionYear;
  if (!Number.isInteger(y) || y < 2000 || y > 2100) {
    throw new ImportRequestError('bad-year', `Not a collection year: ${String(y)}. Give the year it ends, e.g. 2025.`);
  }
  if (options.files.length === 0) throw new ImportRequestError('no-files', 'No files were given.');
}

/** The council exists; the practice, if any, exists and serves it. */
export async function checkTarget(db: Db, key: ReturnKey): Promise<void> {
  const [council] = await db.select({ code: councils.code }).from(councils).where(eq(councils.code, key.councilCode));
  if (!council) throw new ImportRequestError('unknown-council', `No council has the code ${key.councilCode}.`);
  if (!key.practiceId) return;
  const [practice] = await db.select({ id: practices.id }).from(practices).where(eq(practices.id, key.practiceId));
  if (!practice) throw new ImportRequestError('unknown-practice', `No practice has the id ${key.practiceId}.`);
  const [serves] = await db
    .select({ id: practiceCouncils.practiceId })
    .from(practiceCouncils)
    .where(and(eq(practiceCouncils.practiceId, key.practiceId), eq(practiceCouncils.councilCode, key.councilCode)));
  if (!serves) {
    throw new ImportRequestError(
      'practice-not-serving-council',
      `Practice ${key.practiceId} does not serve council ${key.councilCode}.`,
    );
  }
}

function returnWhere(key: ReturnKey) {
  return and(
    eq(submissions.kind, key.kind),
    eq(submissions.councilCode, key.councilCode),
    key.practiceId ? eq(submissions.practiceId, key.practiceId) : isNull(submissions.practiceId),
    eq(submissions.collectionYear, key.collectionYear),
  );
}

/** The return's current data: its accepted submission (the newest, should there ever be two). */
async function currentAccepted(db: Db, key: ReturnKey) {
  const [row] = await db
    .select({
      id: submissions.id,
      contentHash: submissions.contentHash,
      counts: submissions.counts,
      warnings: submissions.warnings,
    })
    .from(submissions)
    .where(and(returnWhere(key), eq(submissions.status, 'accepted')))
    .orderBy(desc(submissions.id))
    .limit(1);
  return row;
}

function failureIssue(rule: string, lead: string, error: unknown): Issue {
  const detail = error instanceof Error ? error.message : String(error);
  return fileIssue('', rule, `${lead} Nothing was changed. (${detail.slice(0, 300)})`);
}

/**
 * Imports one return (a council's or a practice's 903 or workforce census for one collection year).
 *
 * 1. Hash each file (SHA-256) and the submission (its return plus the sorted file hashes).
 * 2. Same hash as the return's current accepted submission: 'unchanged', nothing written but the audit row.
 * 3. Parse and validate. Any error: one transaction stores a 'rejected' submission with the errors and the
 *    files (bytes kept), and the audit row; nothing else.
 * 4. Otherwise one transaction: lock the return, insert the 'accepted' submission and its files, delete the
 *    child-level rows of the previous accepted submission and mark it 'superseded' (superseded_by), bulk-write
 *    the new child-level rows (COPY), recompute the council's indicators, write the audit row, commit.
 * 5. Any exception in 4 rolls all of it back; then a separate transaction records a 'rejected' submission
 *    with the failure and the files, so the bytes are never lost.
 *
 * Throws ImportRequestError (nothing stored) when the request itself is wrong: an unknown kind, year,
 * council or practice, a practice not serving the council, or no files.
 */
export async function importReturn(database: Database, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const emit = (phase: ImportPhase, message: string, extra: Partial<ImportProgress> = {}) => {
    try {
      options.onProgress?.({ phase, message, ...extra, elapsedMs: since() });
    } catch {
      // A listener's failure (a client gone away) must not break the import.
    }
  };
  checkRequest(options);
  const { db } = database;
  const issueLimits: IssueLimits = { ...DEFAULT_ISSUE_LIMITS, ...options.issueLimits };
  const key: ReturnKey = {
    kind: options.kind,
    councilCode: options.councilCode,
    practiceId: options.practiceId ?? null,
    collectionYear: options.collectionYear,
  };
  const label = returnLabel(key);
  const timings: ImportTimings = {
    hashMs: 0,
    checkMs: 0,
    parseMs: 0,
    validateMs: 0,
    prepareMs: 0,
    storeMs: 0,
    deleteMs: 0,
    writeMs: 0,
    computeMs: 0,
    transactionMs: 0,
    totalMs: 0,
  };
  const clock = () => {
    let last = performance.now();
    return () => {
      const now = performance.now();
      const ms = Math.round(now - last);
      last = now;
      return ms;
    };
  };
  const lap = clock();

  await checkTarget(db, key);
  const targetMs = lap();

  const totalBytes = options.files.reduce((s, f) => s + f.bytes.length, 0);
  emit('hashing', `Hashing ${options.files.length} file(s), ${totalBytes} bytes`, {
    done: 0,
    total: options.files.length,
  });
  const files = options.files.map((f) => ({
    name: f.name,
    bytes: f.bytes,
    sha256: sha256Hex(f.bytes),
    size: f.bytes.length,
  }));
  const hash = contentHash(
    key,
    files.map((f) => f.sha256),
  );
  const fileList = files.map(({ name, sha256, size }) => ({ name, sha256, size }));
  timings.hashMs = lap();

  const base = {
    kind: key.kind,
    councilCode: key.councilCode,
    practiceId: key.practiceId ?? null,
    collectionYear: key.collectionYear,
    contentHash: hash,
    files: fileList,
  };
  const actor = {
    userId: options.submittedBy,
    role: options.actor?.role ?? 'system',
    organisationId: options.actor?.organisationId ?? null,
  };
  const audit = (tx: Db, submissionId: number, status: ImportStatus, detail: Record<string, unknown> = {}) =>
    tx.insert(auditLog).values({
      ...actor,
      action: 'submit',
      target: label,
      submissionId,
      detail: { status, contentHash: hash, files: fileList, ...detail },
    });

  emit('checking', `Looking for an earlier submission of ${label} with the same content`);
  const current = await currentAccepted(db, key);
  timings.checkMs = targetMs + lap();
  const unchanged = async (existing: { id: number; counts: Record<string, number>; warnings: unknown[] }, tx: Db) => {
    await audit(tx, existing.id, 'unchanged');
    timings.totalMs = since();
    emit('done', `Unchanged: submission ${existing.id} already holds these files`);
    // Capped again on the way out: a submission stored before the caps may hold any number.
    const tally = new IssueTally(issueLimits);
    tally.addAll(existing.warnings as Issue[]);
    return {
      ...base,
      submissionId: existing.id,
      status: 'unchanged' as const,
      errors: [],
      warnings: tally.lists().warnings,
      errorTotal: 0,
      warningTotal: tally.total('warning'),
      counts: existing.counts,
      written: {},
      supersedes: null,
      timings,
    };
  };
  if (current && current.contentHash === hash) return unchanged(current, db);

  /** Stores a rejected submission with its files, in its own transaction. */
  const reject = async (errors: Issue[], warnings: Issue[], counts: Record<string, number>): Promise<ImportResult> => {
    emit('storing', `Keeping the ${files.length} rejected file(s) with the error list`);
    const errorTotal = issueTotal(errors);
    const warningTotal = issueTotal(warnings);
    const submissionId = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(submissions)
        .values({
          ...key,
          practiceId: key.practiceId ?? null,
          status: 'rejected',
          submittedBy: options.submittedBy,
          contentHash: hash,
          counts,
          errors,
          warnings,
        })
        .returning({ id: submissions.id });
      const id = row!.id;
      await writeFiles(tx, database.engine, id, files);
      await audit(tx, id, 'rejected', { errors: errorTotal, warnings: warningTotal });
      return id;
    });
    timings.totalMs = since();
    emit('done', `Rejected: ${errorTotal} error(s), ${warningTotal} warning(s); submission ${submissionId}`);
    return {
      ...base,
      submissionId,
      status: 'rejected',
      errors,
      warnings,
      errorTotal,
      warningTotal,
      counts,
      written: {},
      supersedes: null,
      timings,
    };
  };

  // The accepted submission's id is taken now, so the rows' COPY text can be built where they are read.
  const [reserved] = await database.rows<{ id: number }>(
    sql`SELECT nextval(pg_get_serial_sequence('submissions', 'id'))::int AS id`,
  );
  const reservedId = reserved!.id;
  timings.checkMs += lap();
  emit('parsing', `Reading ${files.length} file(s)`);
  const read = await (options.reader ?? inThreadReader).read(
    { key, files, submissionId: reservedId, issueLimits, registrationSecret: options.registrationSecret },
    (rows) => emit('validating', `Checking ${rows} rows against the ${key.collectionYear} rules`),
  );
  lap();
  timings.parseMs = read.parseMs;
  timings.validateMs = read.validateMs;
  timings.prepareMs = read.prepareMs;
  if (read.status === 'unreadable') return reject([read.issue], [], {});
  const counts = read.counts;
  if (read.status === 'invalid') return reject(read.errors, read.warnings, counts);
  const { tables, warnings } = read;
  const validation = { warnings, warningTotal: issueTotal(warnings) };
  const totalRows = tables.reduce((s, t) => s + t.rows, 0);
  const recompute = options.recompute ?? recomputeIndicators;
  const written: Record<string, number> = {};
  try {
    const txStarted = performance.now();
    const outcome = await withRetry(() =>
      db.transaction(async (tx) => {
        const txLap = clock();
        // One import of a return at a time: the second waits, then finds the first's submission.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`continuity.return ${label}`}))`);
        // Then the council's and its practices' locks, before anything is read: a council and its practice
        // replacing their returns at once must not interleave (see @continuity/indicators locks.ts).
        await lockCouncilScope(tx, { councilCode: key.councilCode, practiceId: key.practiceId });
        const previous = await currentAccepted(tx, key);
        if (previous && previous.contentHash === hash) return { done: 'unchanged', existing: previous } as const;

        emit('storing', `Recording the submission and keeping its ${files.length} file(s)`);
        const [row] = await tx
          .insert(submissions)
          .values({
            id: reservedId,
            ...key,
            practiceId: key.practiceId ?? null,
            status: 'accepted',
            submittedBy: options.submittedBy,
            contentHash: hash,
            counts,
            errors: [],
            warnings: validation.warnings,
          })
          .returning({ id: submissions.id });
        const submissionId = row!.id;
        await writeFiles(tx, database.engine, submissionId, files);
        timings.storeMs = txLap();

        if (previous) {
          for (const t of CHILD_TABLES[key.kind]) {
            await tx.execute(sql`DELETE FROM ${sql.identifier(t)} WHERE submission_id = ${previous.id}`);
          }
          await tx
            .update(submissions)
            .set({ status: 'superseded', supersededBy: submissionId })
            .where(eq(submissions.id, previous.id));
        }
        timings.deleteMs = txLap();
        let before = 0;
        emit('writing', `Writing ${totalRows} rows`, { done: 0, total: totalRows });
        for (const t of tables) {
          written[t.table] = await writeTable(tx, database.engine, t, (n) =>
            emit('writing', `${t.table}: ${n} of ${t.rows} rows`, {
              done: before + n,
              total: totalRows,
              table: t.table,
            }),
          );
          before += t.rows;
        }
        // No ANALYZE here: the recompute refreshes the statistics it needs (analyzeIfStale), and a deferred
        // recompute leaves them to recomputeAll.
        timings.writeMs = txLap();

        if (recompute) {
          emit('computing', `Computing ${key.councilCode}'s indicators for ${key.collectionYear}`);
          await recompute(tx, { kind: key.kind, councilCode: key.councilCode, collectionYear: key.collectionYear });
        }
        timings.computeMs = txLap();
        await audit(tx, submissionId, 'accepted', {
          warnings: validation.warningTotal,
          rows: totalRows,
          supersedes: previous?.id ?? null,
        });
        return { done: 'accepted', submissionId, supersedes: previous?.id ?? null } as const;
      }),
    );
    timings.transactionMs = Math.round(performance.now() - txStarted);
    if (outcome.done === 'unchanged') return await unchanged(outcome.existing, db);
    if (outcome.supersedes !== null && options.reclaim !== false) await reclaimReplacedRows(database, [key.kind]);
    timings.totalMs = since();
    emit(
      'done',
      `Accepted: submission ${outcome.submissionId}, ${totalRows} rows, ${validation.warningTotal} warning(s)`,
    );
    return {
      ...base,
      submissionId: outcome.submissionId,
      status: 'accepted',
      errors: [],
      warnings: validation.warnings,
      errorTotal: 0,
      warningTotal: validation.warningTotal,
      counts,
      written,
      supersedes: outcome.supersedes,
      timings,
    };
  } catch (error) {
    // Everything above rolled back. Keep the files and say what happened, in a transaction of its own,
    // tried again for a while should the database be restarting (bounded: about 15 s in all).
    const issue = failureIssue(STORE_FAILURE_RULE, 'The return passed validation but could not be stored.', error);
    const fault = { transient: isTransientDatabaseError(error) };
    for (let attempt = 0; ; attempt++) {
      try {
        return { ...(await reject([issue], validation.warnings, counts)), fault };
      } catch (recordError) {
        if (attempt >= RECORD_RETRIES.length || !isTransientDatabaseError(recordError)) throw error;
        await new Promise((r) => setTimeout(r, RECORD_RETRIES[attempt]));
      }
    }
  }
}

/** Waits between attempts to record a failed import (milliseconds). */
const RECORD_RETRIES = [250, 500, 1000, 2000, 4000, 8000];
/** A write transaction chosen as a deadlock or serialization victim is run again, this many times. */
const WRITE_ATTEMPTS = 3;

/** Runs the write transaction, again when PostgreSQL chose it as a deadlock victim (see indicators' locks.ts). */
async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= WRITE_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
    }
  }
}

/**
 * PGlite has no autovacuum: the rows a replaced return leaves behind would stay as dead rows, every scan
 * reading past them and each correction growing the tables. A plain VACUUM (not FULL: no lock beyond the
 * table's own, space reused rather than returned) after each replacement keeps them bounded; it cannot run
 * in a transaction, so it runs after the commit, and its failure loses nothing (the import stands).
 */
export async function reclaimReplacedRows(database: Database, kinds: readonly ReturnKind[]): Promise<void> {
  if (database.engine !== 'pglite') return;
  try {
    for (const kind of kinds)
      for (const t of CHILD_TABLES[kind]) await database.db.execute(sql`VACUUM ${sql.identifier(t)}`);
  } catch {
    // Best effort: dead rows only cost space and scan time.
  }
}
