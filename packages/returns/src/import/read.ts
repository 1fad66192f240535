import { parseCswwXml, type CswwParseResult } from '../csww/parse-xml';
import { DEFAULT_ISSUE_LIMITS, type IssueLimits } from '../issue-caps';
import { fileIssue, type Issue } from '../issues';
import { isSystemFile, parseSsda903Files, skipped, SYSTEM_FILE, type Ssda903ParseResult } from '../ssda903/parse';
import { validateReturn } from '../validate';
import { prepareTable, type PreparedTable } from './copy-text';
import type { ReturnKey } from './hash';
import { storedRegistration, type RegistrationSecret } from '@continuity/db';
import { withoutRegistrationNumbers } from './redact';
import { cswwTables, ssda903Tables } from './rows';

/** The rule code of a return that could not be read at all because of a fault of ours (not its content). */
export const READ_FAILURE_RULE = 'CONT-READ';

export interface ReadRequest {
  key: ReturnKey;
  files: readonly { name: string; bytes: Uint8Array }[];
  /** The id the submission will have if accepted (reserved from its sequence): every COPY row carries it. */
  submissionId: number;
  /** Issue caps (issue-caps.ts); default DEFAULT_ISSUE_LIMITS. */
  issueLimits?: IssueLimits;
  /** The key registration numbers are hashed under before they are stored (see @continuity/db registration.ts). */
  registrationSecret: RegistrationSecret;
}

/**
 * What reading a return gives: it could not be read (one issue), it was read and has errors, or it was read,
 * passed, and its child-level rows are ready to COPY. Plain data only, so it crosses a worker boundary.
 */
export type ReadOutcome = { parseMs: number; validateMs: number; prepareMs: number } & (
  | { status: 'unreadable'; issue: Issue }
  // errors and warnings as capped by the request's issueLimits (summary issues carry `more`).
  | { status: 'invalid'; errors: Issue[]; warnings: Issue[]; counts: Record<string, number> }
  | { status: 'valid'; warnings: Issue[]; counts: Record<string, number>; tables: PreparedTable[] }
);

function parse(key: ReturnKey, files: ReadRequest['files']): Ssda903ParseResult | CswwParseResult | Issue {
  if (key.kind === 'ssda903') return parseSsda903Files(files);
  // A folder's hidden and system files (.DS_Store) are listed as skipped, not counted as census files.
  const system = files.filter((f) => isSystemFile(f.name));
  const census = files.filter((f) => !isSystemFile(f.name));
  if (census.length !== 1) {
    return fileIssue(
      census.map((f) => f.name).join(', '),
      'FILE-COUNT',
      `A workforce census return is one XML file; ${census.length} files were uploaded.`,
    );
  }
  const parsed = parseCswwXml(census[0]!);
  return { ...parsed, issues: [...system.map((f) => skipped(f.name, SYSTEM_FILE)), ...parsed.issues] };
}

function rowsRead(parsed: Ssda903ParseResult | CswwParseResult): number {
  if (parsed.kind === 'csww') return parsed.model.workers.length;
  return parsed.model.sources.reduce((a, s) => a + s.rows, 0);
}

/**
 * Parses and validates a return, and for a valid one builds the COPY text of its child-level rows. Pure
 * CPU work on bytes: importReturn runs it in a worker thread (reader.ts) so a big upload does not stall the
 * gateway, or in its own thread. Never throws: a fault of ours while reading becomes a CONT-READ issue.
 */
export function readReturn(request: ReadRequest, onParsed: (rows: number) => void = () => {}): ReadOutcome {
  const { key } = request;
  let t = performance.now();
  const times = { parseMs: 0, validateMs: 0, prepareMs: 0 };
  const lap = (field: keyof typeof times) => {
    const now = performance.now();
    times[field] = Math.round(now - t);
    t = now;
  };
  try {
    const parsed = parse(key, request.files);
    lap('parseMs');
    if ('rule' in parsed) return { ...times, status: 'unreadable', issue: parsed };
    onParsed(rowsRead(parsed));
    const validation = validateReturn(parsed, {
      collectionYear: key.collectionYear,
      councilCode: key.councilCode,
      limits: request.issueLimits ?? DEFAULT_ISSUE_LIMITS,
    });
    // Findings are stored and answered: registration numbers quoted in them are withheld.
    const numbers =
      parsed.kind === 'ssda903'
        ? parsed.model.swEpisodes.map((s) => s.SW_ID)
        : parsed.model.workers.map((w) => w.SWENo);
    const errors = withoutRegistrationNumbers(validation.errors, numbers);
    const warnings = withoutRegistrationNumbers(validation.warnings, numbers);
    lap('validateMs');
    const counts = validation.counts.rows;
    if (!validation.accepted) return { ...times, status: 'invalid', errors, warnings, counts };
    const owner = [request.submissionId, key.councilCode, key.practiceId ?? null] as const;
    const registration = (raw: string | null) => storedRegistration(request.registrationSecret, key.councilCode, raw);
    const tables = (
      parsed.kind === 'ssda903' ? ssda903Tables(parsed.model, registration) : cswwTables(parsed.model, registration)
    ).map((tr) => prepareTable(tr, owner));
    lap('prepareMs');
    return { ...times, status: 'valid', warnings, counts, tables };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const issue = fileIssue(
      '',
      READ_FAILURE_RULE,
      `The return could not be read because of a fault in the importer. Nothing was changed. (${detail.slice(0, 300)})`,
    );
    return { ...times, status: 'unreadable', issue };
  }
}

/** The ArrayBuffers a valid outcome holds, to transfer (not copy) them out of a worker. */
export function transferablesOf(outcome: ReadOutcome): ArrayBuffer[] {
  if (outcome.status !== 'valid') return [];
  return outcome.tables.flatMap((t) => t.chunks.map((c) => c.buffer as ArrayBuffer));
}
