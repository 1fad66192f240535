/**
 * Uploading a return: `POST /returns` (multipart/form-data) with `Accept: application/x-ndjson`, so
 * the gateway streams progress lines and then the result line. XMLHttpRequest, not fetch, because it
 * reports upload progress (bytes sent) as well as the response arriving in pieces.
 */
import { sessionCommitPositions, type CommitPositions } from '../../graphql/commitPosition';

export interface ReturnIssue {
  file: string;
  /** 0: about the whole file. */
  row: number;
  column: string;
  rule: string;
  severity: string;
  message: string;
  value: string;
  child?: string;
  /**
   * Set on a summary line (the gateway lists at most 100 issues a rule and 1,000 a return): this many more
   * findings of the rule were not listed.
   */
  more?: number;
}

export interface ReturnResult {
  submissionId: number | string | null;
  status: 'accepted' | 'rejected' | 'unchanged' | string;
  kind?: string;
  councilCode?: string;
  practiceId?: string | null;
  collectionYear?: number;
  supersedes?: number | string | null;
  files?: unknown[];
  counts: Record<string, number>;
  written?: Record<string, number>;
  errors: ReturnIssue[];
  warnings: ReturnIssue[];
  /** Errors and warnings found in all, listed or not. */
  errorTotal: number;
  warningTotal: number;
  /** Where the import's commit is in the primary's WAL (read-your-writes; see graphql/commitPosition.ts). */
  commitLsn?: string;
}

export interface ReturnProgress {
  phase: string;
  message: string;
  done?: number;
  total?: number;
  elapsedMs?: number;
}

export type ReturnLine =
  | { type: 'progress'; progress: ReturnProgress }
  | { type: 'result'; result: ReturnResult }
  | { type: 'error'; status: number | null; error: string }
  | { type: 'unknown'; raw: unknown };

function issues(raw: unknown): ReturnIssue[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((i): ReturnIssue[] => {
    if (!i || typeof i !== 'object') return [];
    const o = i as Record<string, unknown>;
    return [
      {
        file: String(o.file ?? ''),
        row: typeof o.row === 'number' ? o.row : Number(o.row ?? 0) || 0,
        column: String(o.column ?? ''),
        rule: String(o.rule ?? ''),
        severity: String(o.severity ?? 'error'),
        message: String(o.message ?? ''),
        value: o.value === null || o.value === undefined ? '' : String(o.value),
        ...(typeof o.child === 'string' ? { child: o.child } : {}),
        ...(typeof o.more === 'number' ? { more: o.more } : {}),
      },
    ];
  });
}

function counts(raw: unknown): Record<string, number> {
  if (!raw || typeof raw !== 'object') return {};
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
}

/** How many findings a list stands for: each issue 1, each summary line its `more`. */
function issueTotal(list: readonly ReturnIssue[]): number {
  return list.reduce((n, i) => n + (i.more ?? 1), 0);
}

/** A result body (JSON answer, or the NDJSON `result` line) read tolerantly. */
export function readResult(body: Record<string, unknown>): ReturnResult {
  const errors = issues(body.errors);
  const warnings = issues(body.warnings);
  return {
    submissionId: (body.submissionId as number | string | null | undefined) ?? null,
    status: String(body.status ?? 'unknown'),
    ...(typeof body.kind === 'string' ? { kind: body.kind } : {}),
    ...(typeof body.councilCode === 'string' ? { councilCode: body.councilCode } : {}),
    ...(body.practiceId === null || typeof body.practiceId === 'string'
      ? { practiceId: body.practiceId as string | null }
      : {}),
    ...(typeof body.collectionYear === 'number' ? { collectionYear: body.collectionYear } : {}),
    ...(body.supersedes !== undefined ? { supersedes: body.supersedes as number | string | null } : {}),
    counts: counts(body.counts),
    ...(body.written ? { written: counts(body.written) } : {}),
    errors,
    warnings,
    errorTotal: typeof body.errorTotal === 'number' ? body.errorTotal : issueTotal(errors),
    warningTotal: typeof body.warningTotal === 'number' ? body.warningTotal : issueTotal(warnings),
    ...(typeof body.commitLsn === 'string' ? { commitLsn: body.commitLsn } : {}),
  };
}

/** One NDJSON line: progress, the result, or an error the gateway hit after it started streaming. */
export function interpretLine(raw: unknown): ReturnLine {
  if (!raw || typeof raw !== 'object') return { type: 'unknown', raw };
  const o = raw as Record<string, unknown>;
  if (o.type === 'progress' || (o.type === undefined && typeof o.phase === 'string')) {
    return {
      type: 'progress',
      progress: {
        phase: String(o.phase ?? ''),
        message: String(o.message ?? ''),
        ...(typeof o.done === 'number' ? { done: o.done } : {}),
        ...(typeof o.total === 'number' ? { total: o.total } : {}),
        ...(typeof o.elapsedMs === 'number' ? { elapsedMs: o.elapsedMs } : {}),
      },
    };
  }
  if (o.type === 'result' || (o.type === undefined && typeof o.status === 'string' && 'submissionId' in o)) {
    return { type: 'result', result: readResult(o) };
  }
  if (o.type === 'error' || typeof o.error === 'string') {
    return {
      type: 'error',
      status: typeof o.status === 'number' ? o.status : null,
      error: String(o.error ?? 'The return could not be imported.'),
    };
  }
  return { type: 'unknown', raw };
}

/** Splits a growing response text into complete lines; keeps the unfinished tail for the next call. */
export class NdjsonReader {
  private consumed = 0;

  /** The lines completed since the last call, parsed (lines that are not JSON are skipped). */
  read(text: string, final = false): unknown[] {
    const out: unknown[] = [];
    let start = this.consumed;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end === -1) break;
      this.push(text.slice(start, end), out);
      start = end + 1;
    }
    if (final && start < text.length) {
      this.push(text.slice(start), out);
      start = text.length;
    }
    this.consumed = start;
    return out;
  }

  private push(line: string, out: unknown[]): void {
    const trimmed = line.trim();
    if (trimmed === '') return;
    try {
      out.push(JSON.parse(trimmed));
    } catch {
      // not a JSON line: ignore
    }
  }
}

export interface UploadCallbacks {
  onUpload?: (sent: number, total: number) => void;
  onLine?: (line: ReturnLine) => void;
  /** Where the import's commit position is kept; the tab's session positions by default. */
  positions?: CommitPositions;
}

/**
 * Keeps the commit position of a finished upload: the streamed result line's `commitLsn`, else the
 * JSON answer's X-Commit-Lsn header. The user's next reads then see their own import.
 */
export function rememberUpload(
  result: ReturnResult,
  header: string | null,
  positions: CommitPositions = sessionCommitPositions,
): void {
  positions.remember(result.commitLsn ?? header);
}

export class UploadError extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null) {
    super(message);
    this.name = 'UploadError';
    this.status = status;
  }
}

/**
 * Sends the form; resolves with the result (accepted, rejected or unchanged), rejects with an
 * UploadError for a refused request (400, 401, 403, 413 ...) or a failure.
 */
export function uploadReturn(
  form: FormData,
  token: string | null,
  callbacks: UploadCallbacks = {},
  signal?: AbortSignal,
): Promise<ReturnResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const reader = new NdjsonReader();
    let result: ReturnResult | null = null;
    let failure: string | null = null;

    const consume = (final: boolean) => {
      const type = xhr.getResponseHeader('content-type') ?? '';
      if (!type.includes('ndjson')) return;
      for (const raw of reader.read(xhr.responseText, final)) {
        const line = interpretLine(raw);
        if (line.type === 'result') result = line.result;
        if (line.type === 'error') failure = line.error;
        callbacks.onLine?.(line);
      }
    };

    xhr.open('POST', '/returns');
    xhr.setRequestHeader('accept', 'application/x-ndjson, application/json');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => callbacks.onUpload?.(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onprogress = () => consume(false);
    xhr.onerror = () =>
      reject(new UploadError('The return could not be sent: the data service could not be reached.', null));
    xhr.onabort = () => reject(new UploadError('The upload was cancelled.', null));
    xhr.onload = () => {
      consume(true);
      const done = (r: ReturnResult) => {
        rememberUpload(r, xhr.getResponseHeader('x-commit-lsn'), callbacks.positions);
        resolve(r);
      };
      if (result) return done(result);
      if (failure) return reject(new UploadError(failure, xhr.status));
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        body = null;
      }
      if (body && typeof body.status === 'string' && 'errors' in body) return done(readResult(body));
      const message = body && typeof body.error === 'string' ? body.error : `The data service answered ${xhr.status}.`;
      reject(new UploadError(message, xhr.status));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
