import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import { seedFixture } from '@continuity/schema/testing';
import { repoRoot } from '../env';
import { runImportCli } from './cli';
import { DataDirBusyError, lockDataDir, lockPath } from './data-dir-lock';

const work = mkdtempSync(join(tmpdir(), 'continuity-cli-'));
const good = join(work, 'good');
const bad = join(work, 'bad');
cpSync(join(repoRoot, 'packages/returns/fixtures/hand-written'), good, { recursive: true });
rmSync(join(good, 'return.xml'));
writeFileSync(join(good, 'sw.csv'), 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n1001,15/06/2010,SW7,01/03/2024,,\n');
cpSync(good, bad, { recursive: true });
writeFileSync(join(bad, 'header.csv'), 'CHILD,GENDER,BIRTHDAY\n1001,F,15/06/2010\n');

afterAll(() => rmSync(work, { recursive: true, force: true }));

function io(database: Database | null, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      env,
      cwd: work,
      registrationSecret: TEST_REGISTRATION_SECRET,
      out: (l: string) => void out.push(l),
      err: (l: string) => void err.push(l),
      ...(database ? { open: async () => ({ database, close: async () => {}, label: 'test database' }) } : {}),
    },
  };
}

describe.each(testEngines())('import CLI on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('explains its usage and refuses incomplete commands with exit code 2', async () => {
    const help = io(database);
    expect(await runImportCli(['--help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toMatch(/^Usage: npm run import -- --council <code> --year <yyyy>/);
    const missing = io(database);
    expect(await runImportCli(['good'], missing.io)).toBe(2);
    expect(missing.err[0]).toMatch(/--council is required; --year is required/);
    const unknown = io(database);
    expect(await runImportCli(['--council', '999', '--year', '2025', 'good'], unknown.io)).toBe(2);
    expect(unknown.err.at(-1)).toBe('No council has the code 999.');
    const nofile = io(database);
    expect(await runImportCli(['-c', '886', '-y', '2025', 'nowhere'], nofile.io)).toBe(2);
    expect(nofile.err.at(-1)).toBe('No such file or folder: nowhere');
  });

  it('imports a folder (kind detected), prints progress, then reports the same files as unchanged', async () => {
    const first = io(database);
    expect(await runImportCli(['--council', '886', '--year', '2025', 'good'], first.io)).toBe(0);
    expect(first.err[0]).toBe('kind: ssda903 (detected from the files)');
    expect(first.err.some((l) => /\] writing {4}cla903_episodes: 3 of 3 rows \(\d+\/\d+\)$/.test(l))).toBe(true);
    expect(first.err.some((l) => l.includes('] computing '))).toBe(true);
    expect(first.out[0]).toMatch(/^ACCEPTED ssda903 886 2025: submission \d+; rows: header 2, episodes 3, /);

    const again = io(database);
    expect(await runImportCli(['-c', '886', '-y', '2025', '-k', 'ssda903', good, '--json'], again.io)).toBe(0);
    expect(JSON.parse(again.out.join('\n'))).toMatchObject({ status: 'unchanged', councilCode: '886' });
    const [{ n }] = (await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM submissions WHERE status = 'accepted'`,
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('lists every error as file:row:column rule message and exits 1 on a rejected return', async () => {
    const run = io(database);
    expect(
      await runImportCli(
        ['--council', '886', '--practice', 'swp-kent', '--year', '2025', '--max-issues', '2', 'bad'],
        run.io,
      ),
    ).toBe(1);
    expect(run.out[0]).toMatch(
      /^REJECTED ssda903 886\/swp-kent 2025: submission \d+ keeps the files; \d+ error\(s\), nothing changed$/,
    );
    expect(run.out).toContain(
      "  header.csv:0:- FILE-HEADER The header row (CHILD, GENDER, BIRTHDAY) does not match any SSDA903 table. The first row must hold DfE's column names, e.g. CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB for the Header table.",
    );
    expect(run.out.some((l) => /^ {2}\.\.\. and \d+ more/.test(l))).toBe(true);
  });

  it('--bulk imports one folder per return, recomputes once, and refuses misnamed folders or unknown councils first', async () => {
    const root = join(work, 'bulk');
    // The fixture's dates fit 2025; Kent's own 2025 return is already in (above), its practice's is not.
    cpSync(good, join(root, 'ssda903-886-swp-kent-2025'), { recursive: true });
    cpSync(bad, join(root, 'ssda903-886-2025'), { recursive: true });
    const wrong = join(work, 'bulk-wrong');
    cpSync(good, join(wrong, 'ssda903-886-2023'), { recursive: true });
    cpSync(good, join(wrong, 'kent-2023'), { recursive: true });
    const unknown = join(work, 'bulk-unknown');
    cpSync(good, join(unknown, 'ssda903-999-2023'), { recursive: true });
    const before = await database.rows(sql`SELECT id FROM submissions`);

    const misnamed = io(database);
    expect(await runImportCli(['--bulk', 'bulk-wrong'], misnamed.io)).toBe(2);
    expect(misnamed.err.join('\n')).toMatch(
      /Nothing was imported:\n {2}bulk-wrong\/kent-2023: not a return folder name/,
    );
    const noCouncil = io(database);
    expect(await runImportCli(['--bulk', unknown], noCouncil.io)).toBe(2);
    expect(noCouncil.err.join('\n')).toContain('ssda903-999-2023: No council has the code 999.');
    expect(await database.rows(sql`SELECT id FROM submissions`)).toEqual(before);

    const run = io(database);
    expect(await runImportCli(['--bulk', 'bulk'], run.io)).toBe(1);
    expect(run.err, [...run.err, ...run.out].join('\n')).toContain('2 returns to import');
    expect(run.err, [...run.err, ...run.out].join('\n')).toContain('recomputing every indicator for 2025-2027');
    expect(run.out.some((l) => /^\[\d\/2\] ACCEPTED bulk\/ssda903-886-swp-kent-2025: submission \d+$/.test(l))).toBe(
      true,
    );
    expect(
      run.out.some((l) =>
        /^\[\d\/2\] REJECTED bulk\/ssda903-886-2025: submission \d+; \d+ error\(s\), first: header\.csv:0:- FILE-HEADER/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(run.out.at(-1)).toMatch(/^1 accepted, 0 unchanged, 1 rejected in [\d.]+s \(recompute [\d.]+s\)$/);
    const [computed] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM indicator_values WHERE source = 'computed' AND subject_id = 'swp-kent' AND period = 2025`,
    );
    expect(computed!.n).toBeGreaterThan(0);

    const again = io(database);
    expect(await runImportCli(['--bulk', 'bulk', '--json'], again.io)).toBe(1);
    expect(JSON.parse(again.out.join('\n'))).toMatchObject({ accepted: 0, unchanged: 1, rejected: 1, recompute: null });
  });
});

describe('PGlite is single-process', () => {
  it('refuses a data directory another live process holds, and takes over a stale lock', () => {
    const dir = join(work, 'pglite-a');
    writeFileSync(
      lockPath(dir),
      JSON.stringify({ pid: process.ppid, owner: 'gateway', host: hostname(), since: 'earlier' }),
    );
    expect(() => lockDataDir(dir, 'import CLI')).toThrow(DataDirBusyError);
    expect(() => lockDataDir(dir, 'import CLI')).toThrow(
      /in use by process \d+ \(gateway, since earlier\)\. PGlite is single-process/,
    );

    writeFileSync(
      lockPath(dir),
      JSON.stringify({ pid: 999_999_999, owner: 'gateway', host: hostname(), since: 'earlier' }),
    );
    const lock = lockDataDir(dir, 'import CLI');
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, owner: 'import CLI' });
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('says so clearly when a gateway answers on PORT, before opening the directory', async () => {
    const gateway = createServer((_req, res) => res.end('{"status":"ok"}'));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const dataDir = join(work, 'pglite-b');
      const run = io(null, { DATA_DIR: dataDir, PORT: String((gateway.address() as AddressInfo).port) });
      expect(await runImportCli(['-c', '886', '-y', '2025', 'good'], run.io)).toBe(3);
      expect(run.err.at(-1)).toMatch(
        /^A gateway is answering on port \d+\. If it uses this PGlite database .* PGlite is single-process/,
      );
      expect(existsSync(dataDir)).toBe(false);
      expect(existsSync(lockPath(dataDir))).toBe(false);
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });
});
