import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTransientDatabaseError, type Database, type RegistrationSecret } from '@continuity/db';
import {
  detectReturnKind,
  importReturn,
  type IssueLimits,
  type ReturnReader,
  ImportRequestError,
  type ImportProgress,
  type ImportResult,
  type ReturnKind,
} from '@continuity/returns';
import type { Viewer } from '@continuity/schema';
import { HttpError } from '../http/body';
import { councilsServedBy, defaultTarget, maySubmit, maySubmitAtAll, type CouncilsServedBy } from './authorize';
import { DEFAULT_UPLOAD_LIMITS, readMultipart, type UploadLimits } from './multipart';

type Authenticate = (req: IncomingMessage) => Promise<Viewer | null>;

export interface ReturnsRouteOptions {
  database: Database;
  /** The server secret registration numbers are hashed under before they are stored (ImportOptions.registrationSecret). */
  registrationSecret: RegistrationSecret;
  /**
   * Who is asking: the gateway's token check. Null, or a throw (a bad token), answers 401. When left out,
   * the one startServer passes to its routes is used.
   */
  authenticate?: Authenticate;
  /** Defaults 200 MB, 20, 500 MB; the gateway passes env.ts's (RETURNS_MAX_FILE_MB, RETURNS_MAX_FILES, RETURNS_MAX_TOTAL_MB). */
  limits?: Partial<UploadLimits>;
  /**
   * Issues listed per rule and per return, in the answer and the stored submission (issue-caps.ts in
   * @continuity/returns). Defaults 100 and 1,000; the gateway passes env.ts's (RETURNS_MAX_ISSUES_PER_RULE,
   * RETURNS_MAX_ISSUES).
   */
  issueLimits?: Partial<IssueLimits>;
  /** Which councils a practice serves; defaults to the practice_councils table. */
  servedBy?: CouncilsServedBy;
  /**
   * Where uploads are parsed and validated: main.ts passes a worker pool so a national-size upload does not
   * stop the gateway answering others for seconds; default: the request's own thread.
   */
  reader?: ReturnReader;
  /**
   * Called once an import has finished (accepted, unchanged or rejected), before the answer is sent:
   * metrics, and read-your-writes (the headers returned, e.g. X-Commit-Lsn, go on a JSON answer).
   */
  onImported?: (viewer: Viewer, result: ImportResult, seconds: number) => Promise<Record<string, string> | void>;
}

/** The same answer whatever the reason, so a refusal says nothing about which councils or practices exist. */
const FORBIDDEN = 'You may not submit this return.';
const NDJSON = 'application/x-ndjson';

/** The JSON body of a finished import (and the last NDJSON line, with `type: 'result'`). */
function resultBody(result: ImportResult) {
  return {
    submissionId: result.submissionId,
    status: result.status,
    kind: result.kind,
    councilCode: result.councilCode,
    practiceId: result.practiceId,
    collectionYear: result.collectionYear,
    contentHash: result.contentHash,
    supersedes: result.supersedes,
    files: result.files,
    counts: result.counts,
    written: result.written,
    // Capped lists: a rule cut short ends with a summary issue whose `more` counts the findings not listed.
    errors: result.errors,
    warnings: result.warnings,
    errorTotal: result.errorTotal,
    warningTotal: result.warningTotal,
    timings: result.timings,
  };
}

/** accepted 201 (a new submission holds the data), unchanged 200, rejected 422 (the body lists the errors). */
const STATUS_CODE: Record<ImportResult['status'], number> = { accepted: 201, unchanged: 200, rejected: 422 };

/**
 * The answer's status: a valid return the database failed to store (recorded as a rejected submission with
 * its files, rule CONT-STORE) is 503 when the fault is transient (connection lost, server restarting), so
 * the client uploads again later; otherwise as STATUS_CODE.
 */
function statusOf(result: ImportResult): number {
  return result.fault?.transient ? 503 : STATUS_CODE[result.status];
}

const RETRY_AFTER = { 'retry-after': '30' };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(JSON.stringify(body));
}

function wantsNdjson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').split(',').some((t) => t.trim().toLowerCase().startsWith(NDJSON));
}

function readFields(fields: Record<string, string>) {
  const text = (name: string) => {
    const v = fields[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const kind = text('kind');
  if (kind !== undefined && kind !== 'ssda903' && kind !== 'csww') {
    throw new HttpError(400, 'kind must be ssda903 or csww (or left out to be detected from the files).');
  }
  const year = text('collectionYear');
  if (year === undefined || !/^\d{4}$/.test(year)) {
    throw new HttpError(400, 'collectionYear is required: the year the collection ends, e.g. 2025 for 2024-25.');
  }
  // Ids are checked for shape here, so nothing malformed (a NUL byte, which PostgreSQL text cannot hold)
  // reaches SQL as an internal error.
  const councilCode = text('councilCode');
  if (councilCode !== undefined && !/^\d{3}$/.test(councilCode))
    throw new HttpError(400, 'councilCode must be a 3-digit DfE code.');
  const practiceId = text('practiceId');
  if (practiceId !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(practiceId)) {
    throw new HttpError(400, 'practiceId must be a practice id (lower-case letters, digits and hyphens).');
  }
  return { kind: kind as ReturnKind | undefined, collectionYear: Number(year), councilCode, practiceId };
}

/**
 * POST /returns: a council or practice uploads one return (multipart/form-data: fields kind?, councilCode?,
 * practiceId?, collectionYear, and one or more files). The import runs through the same `importReturn` as
 * the CLI. Answers JSON, or with `Accept: application/x-ndjson` a stream of progress lines and then the
 * result line. See apps/gateway/README.md ("Uploading returns").
 */
export function createReturnsHandler(
  options: ReturnsRouteOptions,
): (req: IncomingMessage, res: ServerResponse, context?: { authenticate: Authenticate }) => Promise<void> {
  const { database } = options;
  const limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...options.limits };
  const servedBy = options.servedBy ?? councilsServedBy(database.db);

  return async function handleReturns(req, res, context) {
    // CORS (pages on another origin uploading directly) is answered by startServer, under its policy.
    if (req.method !== 'POST') {
      send(res, 405, { error: 'Use POST with multipart/form-data.' }, { allow: 'POST' });
      return;
    }
    // Who and whether at all, before reading a byte of the body.
    const authenticate = options.authenticate ?? context?.authenticate;
    const viewer = authenticate ? await authenticate(req).catch(() => null) : null;
    if (!viewer) {
      req.resume();
      send(res, 401, { error: 'Sign in to submit a return.' }, { 'www-authenticate': 'Bearer', connection: 'close' });
      return;
    }
    if (!maySubmitAtAll(viewer)) {
      req.resume();
      send(res, 403, { error: FORBIDDEN }, { connection: 'close' });
      return;
    }

    let upload;
    try {
      upload = await readMultipart(req, limits);
    } catch (error) {
      if (error instanceof HttpError) return send(res, error.status, { error: error.message }, { connection: 'close' });
      throw error;
    }
    let fields;
    try {
      fields = readFields(upload.fields);
    } catch (error) {
      if (error instanceof HttpError) return send(res, error.status, { error: error.message });
      throw error;
    }
    const target = await defaultTarget(viewer, fields, servedBy);
    if (!target.councilCode)
      return send(res, 400, { error: 'councilCode is required: the council the return is for.' });
    if (!(await maySubmit(viewer, { councilCode: target.councilCode, practiceId: target.practiceId }, servedBy))) {
      return send(res, 403, { error: FORBIDDEN });
    }
    if (upload.files.length === 0) return send(res, 400, { error: 'No files were uploaded.' });
    // File names are stored and shown back: control characters (NUL) or absurd lengths are refused.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is this pattern's job
    if (upload.files.some((f) => f.name.length > 255 || /[\u0000-\u001f\u007f]/.test(f.name))) {
      return send(res, 400, { error: 'File names may not hold control characters or exceed 255 characters.' });
    }

    const files = upload.files.map(({ name, bytes }) => ({ name, bytes }));
    const kind = fields.kind ?? detectReturnKind(files);
    const stream = wantsNdjson(req);
    const line = (body: unknown) => {
      if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify(body)}\n`);
    };
    if (stream) {
      res.writeHead(200, {
        'content-type': `${NDJSON}; charset=utf-8`,
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      });
      res.flushHeaders();
    }
    const onProgress = stream ? (p: ImportProgress) => line({ type: 'progress', ...p }) : undefined;

    let result: ImportResult;
    const started = process.hrtime.bigint();
    try {
      result = await importReturn(database, {
        kind,
        councilCode: target.councilCode,
        practiceId: target.practiceId,
        collectionYear: fields.collectionYear,
        files,
        submittedBy: viewer.userId,
        registrationSecret: options.registrationSecret,
        actor: { role: viewer.role, organisationId: viewer.organisation.id },
        ...(options.issueLimits ? { issueLimits: options.issueLimits } : {}),
        ...(options.reader ? { reader: options.reader } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
    } catch (error) {
      // A request the import refuses outright (unknown council, practice not serving it ...): nothing stored.
      const known = error instanceof ImportRequestError;
      if (!known) console.error(error);
      // The database unreachable even to record the failure: nothing was stored; try again later.
      const transient = !known && isTransientDatabaseError(error);
      const status = known ? 400 : transient ? 503 : 500;
      const message = known
        ? error.message
        : transient
          ? 'The database is unavailable: nothing was stored. Please upload the return again in a minute.'
          : 'The return could not be imported because of a fault on our side.';
      if (!stream) return send(res, status, { error: message }, transient ? RETRY_AFTER : {});
      line({ type: 'error', status, error: message });
      res.end();
      return;
    }
    const extra = (await options.onImported?.(viewer, result, Number(process.hrtime.bigint() - started) / 1e9)) ?? {};
    const httpStatus = statusOf(result);
    if (!stream)
      return send(res, httpStatus, resultBody(result), { ...extra, ...(httpStatus === 503 ? RETRY_AFTER : {}) });
    // Streamed: the headers have gone, so the commit position (read-your-writes) rides on the result line.
    const commitLsn = extra['x-commit-lsn'];
    line({ type: 'result', httpStatus, ...resultBody(result), ...(commitLsn ? { commitLsn } : {}) });
    res.end();
  };
}
