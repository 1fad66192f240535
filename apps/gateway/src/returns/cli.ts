/**
 * The import command line: the same `importReturn` as POST /returns, against the gateway's database.
 *
 *   npm run import -- --council 886 [--practice swp-kent] --year 2025 [--kind ssda903] files-or-folders...
 *   npm run import -- --bulk folders...   (one sub-folder per return: bulk-folders.ts)
 *
 * Prints progress (stderr), then the outcome and every error as `file:row:column rule message` (stdout).
 * Exit code: 0 accepted or unchanged, 1 rejected, 2 a wrong request, 3 the database is busy or failed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type RegistrationSecret } from '@continuity/db';
import {
  detectReturnKind,
  importReturn,
  importReturns,
  checkTarget,
  ImportRequestError,
  returnLabel,
  type ImportProgress,
  type ImportResult,
  type Issue,
  type IssueLimits,
  type ReturnKind,
} from '@continuity/returns';
import { parseEnv, repoRoot } from '../env';
import { loadServerSecret, preparePublishedData } from '../startup-data';
import { returnsInFolders } from './bulk-folders';
import { DataDirBusyError, lockDataDir } from './data-dir-lock';

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The directory relative paths are read from (npm sets INIT_CWD to where `npm run` was typed). */
  cwd: string;
  /** Opens the database (tests pass one in); default: the gateway's, from DATABASE_URL or DATA_DIR. */
  open?: () => Promise<{ database: Database; close: () => Promise<void>; label: string }>;
  /**
   * Puts the reference and published data in (idempotent); default, when `open` is not given: the
   * gateway's start-up load (preparePublishedData), so the command works on a fresh database.
   */
  prepare?: (database: Database) => Promise<{ loaded: boolean; milliseconds: number }>;
  /** The key registration numbers are hashed under (tests pass one); default: the gateway's (PSEUDONYM_SECRET or its file). */
  registrationSecret?: RegistrationSecret;
}

/** The gateway's secret, so rows imported here join those uploaded through it. */
async function registrationSecretOf(io: CliIo): Promise<RegistrationSecret> {
  return io.registrationSecret ?? loadServerSecret(parseEnv(io.env));
}

const USAGE = `Usage: npm run import -- --council <code> --year <yyyy> [--practice <id>] [--kind ssda903|csww] [options] <files or folders>...

  --council, -c   the council's 3-digit DfE code (e.g. 886 for Kent)
  --year, -y      the collection year, named by the year it ends (2025 = 903 year to 31 March 2025;
                  census at 30 September 2024 = 2024)
  --practice, -p  the practice the return is for, when a practice submits the children it holds
  --kind, -k      ssda903 or csww; detected from the files when left out
  --user, -u      who is submitting, for the record (default cli:<login name>)
  --json          print the result as JSON (progress still goes to stderr)
  --max-issues N  errors and warnings to print (default 200; 0 prints all of those kept: at most
                  RETURNS_MAX_ISSUES_PER_RULE (100) a rule and RETURNS_MAX_ISSUES (1,000) a return)
  --force         import even though a gateway answers on PORT (only when it uses another database)

A folder stands for the files in it. Uses DATABASE_URL, else the PGlite directory DATA_DIR (default .data/pglite).

       npm run import -- --bulk [--user U] [--json] <folders>...

  --bulk          many returns at once (a national year): each folder holds one sub-folder per return, named
                  <kind>-<council>[-<practice>]-<year> (e.g. ssda903-886-2025, csww-886-2025,
                  ssda903-886-swp-kent-2025). Each is imported as above, two at a time, with one recompute
                  of every indicator at the end. Exit code 1 if any was rejected.`;

function filesOf(paths: readonly string[], cwd: string): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const p of paths) {
    const full = isAbsolute(p) ? p : resolve(cwd, p);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) throw new ImportRequestError('no-files', `No such file or folder: ${p}`);
    const list = stat.isDirectory()
      ? readdirSync(full)
          // every file, hidden ones too: what is not a table is listed as skipped (a warning) by the reader
          .filter((n) => statSync(join(full, n)).isFile())
          .sort()
          .map((n) => join(full, n))
      : [full];
    for (const f of list) {
      const bytes = readFileSync(f);
      out.push({ name: f.split('/').pop()!, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) });
    }
  }
  return out;
}

function issueLine(i: Issue): string {
  const where = `${i.file || '(return)'}:${i.row}:${i.column || '-'}`;
  const value = i.value !== '' ? ` [value "${i.value}"]` : '';
  return `${where} ${i.rule} ${i.message}${value}`;
}

function progressLine(p: ImportProgress): string {
  const at = `${(p.elapsedMs / 1000).toFixed(1)}s`.padStart(7);
  const counts = p.phase === 'writing' && p.total ? ` (${p.done}/${p.total})` : '';
  return `[${at}] ${p.phase.padEnd(10)} ${p.message}${counts}`;
}

/** Is a gateway answering on this port? (PGlite only: a gateway on the same directory must not run beside us.) */
async function gatewayAnswers(port: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(700) });
    return res.ok;
  } catch {
    return false;
  }
}

class GatewayRunningError extends Error {}

async function defaultOpen(env: CliIo['env'], force: boolean) {
  if (env.DATABASE_URL) {
    const database = await openDatabase({ url: env.DATABASE_URL, max: 2 });
    return { database, close: () => database.close(), label: 'PostgreSQL (DATABASE_URL)' };
  }
  const dataDir = resolve(repoRoot, env.DATA_DIR || '.data/pglite');
  const lock = lockDataDir(dataDir, 'import CLI');
  try {
    const port = env.PORT || '4000';
    if (!force && (await gatewayAnswers(port))) {
      throw new GatewayRunningError(
        `A gateway is answering on port ${port}. If it uses this PGlite database (${dataDir}), importing from a ` +
          'second process would corrupt it: PGlite is single-process. Stop the gateway and run this again, or ' +
          'upload through the gateway (POST /returns). If that gateway uses another database, add --force.',
      );
    }
    const database = await openDatabase({ dataDir });
    return {
      database,
      close: async () => {
        await database.close();
        lock.release();
      },
      label: `PGlite in ${dataDir}`,
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export async function runImportCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        council: { type: 'string', short: 'c' },
        year: { type: 'string', short: 'y' },
        practice: { type: 'string', short: 'p' },
        kind: { type: 'string', short: 'k' },
        user: { type: 'string', short: 'u' },
        json: { type: 'boolean' },
        'max-issues': { type: 'string' },
        force: { type: 'boolean' },
        bulk: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.bulk)
    return runBulk(positionals, { user: values.user, json: values.json ?? false, force: values.force ?? false }, io);
  const problems: string[] = [];
  if (!values.council) problems.push('--council is required');
  if (!values.year || !/^\d{4}$/.test(values.year)) problems.push('--year is required (e.g. 2025)');
  if (values.kind && values.kind !== 'ssda903' && values.kind !== 'csww')
    problems.push('--kind must be ssda903 or csww');
  if (positionals.length === 0) problems.push('give the return files (or a folder holding them)');
  const maxIssues = Number(values['max-issues'] ?? 200);
  if (!Number.isInteger(maxIssues) || maxIssues < 0) problems.push('--max-issues must be a whole number');
  // Issue caps as uploads have them (RETURNS_MAX_ISSUES_PER_RULE, RETURNS_MAX_ISSUES, read by env.ts).
  let issueLimits: Partial<IssueLimits> | undefined;
  try {
    issueLimits = parseEnv(io.env).issueLimits;
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) {
    io.err(`${problems.join('; ')}\n\n${USAGE}`);
    return 2;
  }

  let files;
  try {
    files = filesOf(positionals, io.cwd);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const kind: ReturnKind = (values.kind as ReturnKind | undefined) ?? detectReturnKind(files);
  if (!values.kind) io.err(`kind: ${kind} (detected from the files)`);

  const opened = await openForImport(io, values.force ?? false);
  if (typeof opened === 'number') return opened;
  const { database } = opened;
  try {
    let result: ImportResult;
    try {
      result = await importReturn(database, {
        kind,
        councilCode: values.council!,
        practiceId: values.practice ?? null,
        collectionYear: Number(values.year),
        files,
        submittedBy: values.user ?? `cli:${userInfo().username}`,
        registrationSecret: await registrationSecretOf(io),
        actor: { role: 'cli', organisationId: values.practice ?? values.council! },
        ...(issueLimits ? { issueLimits } : {}),
        onProgress: (p) => io.err(progressLine(p)),
      });
    } catch (error) {
      if (error instanceof ImportRequestError) {
        io.err(error.message);
        return 2;
      }
      throw error;
    }
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
    } else {
      const who = `${result.kind} ${result.councilCode}${result.practiceId ? `/${result.practiceId}` : ''} ${result.collectionYear}`;
      const rows = Object.entries(result.counts)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      const headline =
        result.status === 'accepted'
          ? `ACCEPTED ${who}: submission ${result.submissionId}${result.supersedes ? ` (replaces ${result.supersedes})` : ''}; rows: ${rows}`
          : result.status === 'unchanged'
            ? `UNCHANGED ${who}: submission ${result.submissionId} already holds these files; nothing written`
            : `REJECTED ${who}: submission ${result.submissionId} keeps the files; ${result.errorTotal} error(s), nothing changed`;
      io.out(headline);
      const show = (label: string, list: Issue[], total: number) => {
        if (list.length === 0) return;
        // The lists are capped (RETURNS_MAX_ISSUES_PER_RULE, RETURNS_MAX_ISSUES): the total counts every finding.
        io.out(`${label} (${total}):`);
        const limit = maxIssues === 0 ? list.length : maxIssues;
        for (const i of list.slice(0, limit)) io.out(`  ${issueLine(i)}`);
        if (list.length > limit)
          io.out(`  ... and ${list.length - limit} more (--max-issues 0 prints all, --json gives them as data)`);
      };
      show('errors', result.errors, result.errorTotal);
      show('warnings', result.warnings, result.warningTotal);
      io.out(`time: ${(result.timings.totalMs / 1000).toFixed(1)}s (${JSON.stringify(result.timings)})`);
    }
    return result.status === 'rejected' ? 1 : 0;
  } catch (error) {
    io.err(`The import failed: ${(error as Error).stack ?? String(error)}`);
    return 3;
  } finally {
    await opened.close();
  }
}

/** Opens the database and checks it holds the reference data; an exit code when it cannot. */
async function openForImport(
  io: CliIo,
  force: boolean,
): Promise<Awaited<ReturnType<NonNullable<CliIo['open']>>> | number> {
  let opened;
  try {
    opened = await (io.open ? io.open() : defaultOpen(io.env, force));
  } catch (error) {
    const known = error instanceof DataDirBusyError || error instanceof GatewayRunningError;
    io.err(known ? (error as Error).message : `Could not open the database: ${(error as Error).message}`);
    return 3;
  }
  io.err(`database: ${opened.label}`);
  const prepare =
    io.prepare ?? (io.open ? undefined : (database: Database) => preparePublishedData(database, parseEnv(io.env)));
  if (prepare) {
    try {
      const data = await prepare(opened.database);
      io.err(
        data.loaded
          ? `reference and published data loaded in ${data.milliseconds} ms`
          : 'reference and published data up to date',
      );
    } catch (error) {
      io.err(`Could not load the reference data: ${(error as Error).message}`);
      await opened.close();
      return 3;
    }
  }
  const [{ n }] = (await opened.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM councils`)) as [
    { n: number },
  ];
  if (n === 0) {
    io.err('The database has no councils: the reference data could not be loaded.');
    await opened.close();
    return 3;
  }
  return opened;
}

/** --bulk: every return folder below the given folders, through importReturns. */
async function runBulk(
  paths: readonly string[],
  options: { user: string | undefined; json: boolean; force: boolean },
  io: CliIo,
): Promise<number> {
  if (paths.length === 0) {
    io.err(`give the folders holding the return folders\n\n${USAGE}`);
    return 2;
  }
  const { returns, problems } = returnsInFolders(paths, io.cwd);
  let issueLimits: Partial<IssueLimits> | undefined;
  try {
    issueLimits = parseEnv(io.env).issueLimits;
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) {
    io.err(`Nothing was imported:\n  ${problems.join('\n  ')}`);
    return 2;
  }
  const opened = await openForImport(io, options.force);
  if (typeof opened === 'number') return opened;
  const folderOf = new Map(returns.map((r) => [returnLabel(r), r.folder]));
  try {
    // Every council and practice named must exist (and the practice serve the council) before any import.
    const unknown: string[] = [];
    for (const r of returns) {
      await checkTarget(opened.database.db, r).catch((error: unknown) => {
        if (!(error instanceof ImportRequestError)) throw error;
        unknown.push(`${r.folder}: ${error.message}`);
      });
    }
    if (unknown.length > 0) {
      io.err(`Nothing was imported:\n  ${unknown.join('\n  ')}`);
      return 2;
    }
    io.err(`${returns.length} returns to import`);
    const summary = await importReturns(opened.database, returns, {
      submittedBy: options.user ?? `cli:${userInfo().username}`,
      registrationSecret: await registrationSecretOf(io),
      actor: { role: 'cli' },
      ...(issueLimits ? { issueLimits } : {}),
      onResult: (r, done) => {
        const where = folderOf.get(returnLabel(r)) ?? '';
        const line = `[${done}/${returns.length}] ${r.status.toUpperCase()} ${where}: submission ${r.submissionId}`;
        const detail =
          r.status === 'rejected'
            ? `; ${r.errorTotal} error(s), first: ${r.errors[0] ? issueLine(r.errors[0]) : '?'}`
            : '';
        (options.json ? io.err : io.out)(line + detail);
      },
      onRecompute: (range) => io.err(`recomputing every indicator for ${range.fromYear}-${range.toYear}`),
    });
    if (options.json) {
      io.out(
        JSON.stringify(
          { ...summary, results: summary.results.map((r) => ({ ...r, folder: folderOf.get(returnLabel(r)) })) },
          null,
          2,
        ),
      );
    } else {
      io.out(
        `${summary.accepted} accepted, ${summary.unchanged} unchanged, ${summary.rejected} rejected in ${(summary.milliseconds / 1000).toFixed(1)}s` +
          (summary.recompute ? ` (recompute ${(summary.recompute.milliseconds / 1000).toFixed(1)}s)` : ''),
      );
    }
    return summary.rejected > 0 ? 1 : 0;
  } catch (error) {
    io.err(
      `The import failed: ${(error as Error).stack ?? String(error)}\n` +
        'Returns imported before the failure are kept and recomputed; run the same command again to finish (what is already there comes back unchanged).',
    );
    return 3;
  } finally {
    await opened.close();
  }
}
