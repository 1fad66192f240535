/**
 * The documented backup and restore (infra/README.md), run on loopback against a PostgreSQL server of
 * the test's own (initdb in a temporary folder; removed after, even on failure):
 * 1. logical: pg_dump -Fc of a migrated database holding figures, pg_restore into a new database, the
 *    figures compared;
 * 2. physical: a base backup (pg_basebackup) plus the WAL archive (archive_command), restored to a named
 *    restore point taken just before a mistaken DELETE: the restored server has the rows written after
 *    the base backup and not the mistake.
 * Skipped when PostgreSQL's server binaries are not installed.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from './open';
import { indicators, indicatorValues } from './schema/index';
import {
  createPrimary,
  freePort,
  localServerAt,
  postgresBinDir,
  removeServers,
  runClientTool,
  runServerTool,
  serverTempDir,
  type LocalServer,
} from './local-postgres';

const bin = postgresBinDir();
if (!bin) console.warn('backup-restore.test.ts skipped: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin');

const figure = (subjectId: string, numerator: number, denominator: number) => ({
  indicatorId: 'placements_3plus',
  subjectKind: 'council' as const,
  subjectId,
  period: 2025,
  source: 'published' as const,
  numerator,
  denominator,
  value: (numerator / denominator) * 100,
});

/** Pooled over the councils held: sum of numerators, sum of denominators, and how many rows. */
async function pooled(database: Database) {
  const [row] = await database.rows<{ rows: number; numerator: number; denominator: number }>(sql`
    SELECT count(*)::int AS rows, sum(numerator)::float8 AS numerator, sum(denominator)::float8 AS denominator
    FROM indicator_values WHERE indicator_id = 'placements_3plus' AND period = 2025`);
  return row!;
}

describe.skipIf(!bin)('backup and restore on loopback', () => {
  let root: string;
  let server: LocalServer | undefined;
  let restored: LocalServer | undefined;
  const open: Database[] = [];
  const connect = async (url: string, migrate = true) => {
    const database = await openDatabase({ url, migrate, max: 2 });
    open.push(database);
    return database;
  };

  beforeAll(async () => {
    root = serverTempDir('continuity-backup-');
    mkdirSync(join(root, 'wal'));
    const owner = statSync(root);
    chownSync(join(root, 'wal'), owner.uid, owner.gid);
    server = await createPrimary({
      bin: bin!,
      root,
      port: await freePort(5455, 5457),
      // The WAL archive: every finished segment copied aside, as barman-cloud copies it to object storage.
      settings: {
        archive_mode: 'on',
        archive_command: `'test ! -f ${join(root, 'wal')}/%f && cp %p ${join(root, 'wal')}/%f'`,
      },
    });
    const admin = postgres(server.url(), { max: 1, onnotice: () => {} });
    await admin`CREATE DATABASE source`;
    await admin.end();
    const source = await connect(server.url('source'));
    await source.db.insert(indicators).values({
      id: 'placements_3plus',
      title: 'Children looked after with 3 or more placements during the year',
      area: 'stability',
      unit: 'percent',
      polarity: 'lower_better',
      numerator: 'CLA on 31 March with 3 or more placements',
      denominator: 'CLA on 31 March',
      source: 'test',
      method: 'test',
      periodType: 'reporting_year',
    });
    await source.db
      .insert(indicatorValues)
      .values([figure('886', 40, 400), figure('887', 30, 200), figure('312', 10, 100)]);
  }, 120_000);

  afterAll(async () => {
    for (const database of open) await database.close().catch(() => undefined);
    await removeServers(root, [restored, server]);
  }, 60_000);

  it('pg_dump -Fc, then pg_restore into a new database, gives the same figures', async () => {
    const dump = join(root, 'source.dump');
    await runClientTool(bin!, 'pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, server!.url('source')]);
    await runClientTool(bin!, 'createdb', [
      '-h',
      '127.0.0.1',
      '-p',
      String(server!.port),
      '-U',
      'postgres',
      'restored',
    ]);
    await runClientTool(bin!, 'pg_restore', [
      '--no-owner',
      '--exit-on-error',
      `--dbname=${server!.url('restored')}`,
      dump,
    ]);
    // migrate: false: the restored database must already carry the migrations table and schema.
    const copy = await connect(server!.url('restored'), false);
    // 40 + 30 + 10 = 80 children with 3+ placements of 400 + 200 + 100 = 700: pooled 11.4%.
    expect(await pooled(copy)).toEqual({ rows: 3, numerator: 80, denominator: 700 });
    const [migrations] = await copy.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    );
    const [original] = await open[0]!.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    );
    expect(migrations!.n).toBe(original!.n);
  });

  it('a base backup plus the WAL archive restores to the moment before a mistake', async () => {
    const source = open[0]!;
    const base = join(root, 'base');
    await runServerTool(bin!, 'pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(server!.port),
      '-U',
      'postgres',
      '-D',
      base,
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    // After the base backup: one more council's figures, a restore point, then the mistake.
    await source.db.insert(indicatorValues).values(figure('929', 5, 50));
    await source.rows(sql`SELECT pg_create_restore_point('before-mistake')`);
    await source.rows(sql`DELETE FROM indicator_values WHERE subject_id = '886'`);
    expect(await pooled(source)).toEqual({ rows: 3, numerator: 45, denominator: 350 });
    // Close the segment so the archive holds everything up to and past the restore point, and wait
    // (bounded) for the archiver to copy it.
    const [switched] = await source.rows<{ segment: string }>(sql`SELECT pg_walfile_name(pg_switch_wal()) AS segment`);
    for (let i = 0; i < 300; i++) {
      const [state] = await source.rows<{ done: boolean }>(sql`
        SELECT coalesce(last_archived_wal >= ${switched!.segment}, false) AS done FROM pg_stat_archiver`);
      if (state!.done) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Restore: a copy of the base backup, told where the archive is and where to stop.
    const target = join(root, 'pitr');
    // cp -a keeps the server user's ownership and modes (cpSync would not).
    execFileSync('cp', ['-a', base, target]);
    const port = await freePort(server!.port + 1, 5459);
    const settings = [
      `port = ${port}`,
      'archive_mode = off',
      `restore_command = 'cp ${join(root, 'wal')}/%f %p'`,
      "recovery_target_name = 'before-mistake'",
      "recovery_target_action = 'promote'",
    ];
    appendFileSync(join(target, 'postgresql.conf'), `\n${settings.join('\n')}\n`);
    writeFileSync(join(target, 'recovery.signal'), '');
    restored = localServerAt(bin!, target, port);
    await restored.start();
    const recovered = await connect(restored.url('source'), false);
    // 886, 887, 312 from the base backup and 929 from the archive; the DELETE after the restore point is not replayed:
    // 40 + 30 + 10 + 5 = 85 of 400 + 200 + 100 + 50 = 750.
    expect(await pooled(recovered)).toEqual({ rows: 4, numerator: 85, denominator: 750 });
  });
});
