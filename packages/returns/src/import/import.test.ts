import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { auditLog, submissionFiles, submissions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { recomputeIndicators } from '@continuity/indicators';
import { importReturn, ImportRequestError, type ImportOptions, type ImportProgress } from './import';
import { createWorkerReader } from './reader';
import { getSubmission, getSubmissionFile, listSubmissions } from './submissions';
import { childRowCounts, cswwFile, rowsOf, seedPlaces, ssda903Files } from './testing';
import { TEST_REGISTRATION_SECRET } from '@continuity/db/testing';

const fixtures = join(import.meta.dirname, '../../fixtures/ssda903');
const d2i = readdirSync(fixtures)
  .filter((f) => f.startsWith('d2i_fake_') && f.endsWith('.csv'))
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(fixtures, name))) }));
const text = (name: string, s: string) => ({ name, bytes: new TextEncoder().encode(s) });

const kent903 = (files: ImportOptions['files'], extra: Partial<ImportOptions> = {}): ImportOptions => ({
  kind: 'ssda903',
  councilCode: '886',
  collectionYear: 2025,
  files,
  submittedBy: 'kent-officer',
  registrationSecret: TEST_REGISTRATION_SECRET,
  actor: { role: 'council', organisationId: '886' },
  ...extra,
});

describe.each(testEngines())('importReturn on %s', (engine) => {
  let database: Database;
  const first = ssda903Files('first');
  const corrected = ssda903Files('corrected');

  const submissionRows = () => database.db.select().from(submissions).orderBy(asc(submissions.id));
  const computed = (councilCode: string, period = 2025) =>
    database.rows<{ indicator_id: string; numerator: number; denominator: number; submission_id: number }>(sql`
      SELECT indicator_id, numerator, denominator, submission_id FROM indicator_values
      WHERE source = 'computed' AND subject_kind = 'council' AND subject_id = ${councilCode} AND period = ${period}
      ORDER BY indicator_id`);

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedPlaces(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  let acceptedId = 0;

  it('accepts a valid 903 return: child rows, files byte for byte, computed indicators, audit, progress', async () => {
    const progress: ImportProgress[] = [];
    const result = await importReturn(database, kent903(first, { onProgress: (p) => progress.push(p) }));
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('accepted');
    expect(result.supersedes).toBeNull();
    acceptedId = result.submissionId;

    // Every table the hub keeps, row for row as read.
    expect(await rowsOf(database, acceptedId)).toEqual({
      cla903_header: result.counts.header,
      cla903_episodes: result.counts.episodes,
      cla903_reviews: result.counts.reviews,
      cla903_missing: result.counts.missing,
      cla903_sw_episodes: result.counts.swEpisodes,
      cla903_oc2: result.counts.oc2,
      cla903_oc3: result.counts.oc3,
      ...(result.counts.placedAdoption ? { cla903_placed_adoption: result.counts.placedAdoption } : {}),
    });
    expect(result.written.cla903_episodes).toBe(result.counts.episodes);
    const [episode] = await database.rows<Record<string, unknown>>(
      sql`SELECT * FROM cla903_episodes WHERE submission_id = ${acceptedId} ORDER BY child, decom LIMIT 1`,
    );
    expect(episode).toMatchObject({ council_code: '886', practice_id: null });
    expect(Object.keys(episode!)).not.toContain('pl_post');

    // The files, byte for byte.
    const kept = await database.db
      .select()
      .from(submissionFiles)
      .where(eq(submissionFiles.submissionId, acceptedId))
      .orderBy(asc(submissionFiles.id));
    expect(kept.map((f) => f.name)).toEqual(first.map((f) => f.name));
    for (const [i, f] of kept.entries()) {
      expect(Buffer.from(f.bytes).equals(Buffer.from(first[i]!.bytes))).toBe(true);
      expect(f.size).toBe(first[i]!.bytes.length);
    }

    const [sub] = await database.db.select().from(submissions).where(eq(submissions.id, acceptedId));
    expect(sub).toMatchObject({
      status: 'accepted',
      submittedBy: 'kent-officer',
      contentHash: result.contentHash,
      supersededBy: null,
    });
    expect(sub!.counts).toEqual(result.counts);

    // Kent's computed indicators sit beside DfE's, tied to this submission.
    const values = await computed('886');
    expect(values.map((v) => v.indicator_id)).toContain('placements_3plus');
    expect(values.every((v) => v.submission_id === acceptedId)).toBe(true);

    const audit = await database.db.select().from(auditLog).where(eq(auditLog.submissionId, acceptedId));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      userId: 'kent-officer',
      role: 'council',
      organisationId: '886',
      action: 'submit',
      target: 'ssda903:886:2025',
    });
    expect(audit[0]!.detail).toMatchObject({ status: 'accepted' });

    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(['hashing', 'checking', 'parsing', 'validating', 'storing', 'writing', 'computing', 'done']);
    const lastWrite = progress.filter((p) => p.phase === 'writing').at(-1)!;
    expect(lastWrite.done).toBe(lastWrite.total);
    expect(lastWrite.total).toBe(Object.values(result.written).reduce((a, b) => a + b, 0));
  });

  it('treats the same files again (renamed, reordered) as unchanged: no new submission, no new rows', async () => {
    const before = await childRowCounts(database);
    const subs = (await submissionRows()).length;
    const again = [...first].reverse().map((f, i) => ({ name: `renamed-${i}.csv`, bytes: f.bytes }));
    const result = await importReturn(database, kent903(again));
    expect(result).toMatchObject({ status: 'unchanged', submissionId: acceptedId, errors: [] });
    expect(await childRowCounts(database)).toEqual(before);
    expect(await submissionRows()).toHaveLength(subs);
    // The attempt is audited against the submission that already holds the data.
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.submissionId, acceptedId));
    expect(audit.map((a) => (a.detail as { status: string }).status)).toEqual(['accepted', 'unchanged']);
  });

  it('replaces the return with a corrected one atomically, keeping the history and both sets of files', async () => {
    const oldRows = await rowsOf(database, acceptedId);
    const replacedAt = (await database.rows<{ now: string }>(sql`SELECT now()::text AS now`))[0]!.now;
    const result = await importReturn(database, kent903(corrected));
    expect(result.status).toBe('accepted');
    expect(result.supersedes).toBe(acceptedId);
    expect(await rowsOf(database, acceptedId)).toEqual({});
    expect(Object.keys(await rowsOf(database, result.submissionId))).toEqual(Object.keys(oldRows));
    const total = await childRowCounts(database);
    expect(total.cla903_episodes).toBe(result.counts.episodes);

    const history = await listSubmissions(database.db, { councilCode: '886', kind: 'ssda903' });
    expect(history.map((s) => [s.id, s.status, s.supersededBy])).toEqual([
      [result.submissionId, 'accepted', null],
      [acceptedId, 'superseded', result.submissionId],
    ]);
    expect(history[1]!.files.map((f) => f.name)).toEqual(first.map((f) => f.name));
    const oldFile = await getSubmissionFile(database.db, {
      submissionId: acceptedId,
      fileId: history[1]!.files[1]!.id,
    });
    expect(Buffer.from(oldFile!.bytes).equals(Buffer.from(first[1]!.bytes))).toBe(true);
    expect(history[0]!.files.map((f) => f.sha256)).not.toEqual(history[1]!.files.map((f) => f.sha256));

    const values = await computed('886');
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v.submission_id === result.submissionId)).toBe(true);
    acceptedId = result.submissionId;

    // PGlite has no autovacuum: the replaced rows are reclaimed after the commit (PostgreSQL's autovacuum does it).
    // Asserted by the VACUUM having run after the replacement began: n_dead_tup is not a reliable witness, since
    // the DELETE's pending statistics may be flushed (rate-limited, about once a second) after VACUUM's report.
    if (engine === 'pglite') {
      const [episodes] = await database.rows<{ vacuumed: boolean }>(sql`
        SELECT coalesce(last_vacuum >= ${replacedAt}::timestamptz, false) AS vacuumed
        FROM pg_stat_user_tables WHERE relname = 'cla903_episodes'`);
      expect(episodes).toEqual({ vacuumed: true });
    }
  });

  it('rejects the d2i fake return with row and column errors, keeps the files, changes nothing; a repeat is recorded again', async () => {
    const before = await childRowCounts(database);
    const valuesBefore = await computed('886');
    const result = await importReturn(database, kent903(d2i, { collectionYear: 2018 }));
    expect(result.status).toBe('rejected');
    expect(result.errors.length).toBeGreaterThan(29);
    expect(result.errors.find((e) => e.rule === '120')).toEqual({
      file: 'd2i_fake_placed_for_adoption.csv',
      row: 2,
      column: 'REASON_PLACED_CEASED',
      rule: '120',
      severity: 'error',
      message: expect.stringContaining('"XXX" is not a 2017-18 code'),
      value: 'XXX',
      child: '988635',
    });
    expect(result.counts.episodes).toBe(5050);
    expect(await childRowCounts(database)).toEqual(before);
    expect(await computed('886')).toEqual(valuesBefore);

    const stored = await getSubmission(database.db, result.submissionId);
    expect(stored).toMatchObject({ status: 'rejected', collectionYear: 2018, errorCount: result.errors.length });
    expect(stored!.errors).toEqual(result.errors);
    expect(stored!.files).toHaveLength(d2i.length);
    const file = await getSubmissionFile(database.db, {
      submissionId: result.submissionId,
      fileId: stored!.files[0]!.id,
    });
    expect(Buffer.from(file!.bytes).equals(Buffer.from(d2i[0]!.bytes))).toBe(true);

    // The same rejected files again: a new rejected submission (the attempt is on record), data untouched.
    const repeat = await importReturn(database, kent903(d2i, { collectionYear: 2018 }));
    expect(repeat.status).toBe('rejected');
    expect(repeat.submissionId).toBeGreaterThan(result.submissionId);
    expect(repeat.contentHash).toBe(result.contentHash);
    expect(await childRowCounts(database)).toEqual(before);
  });

  it('rejects broken XML and a CSV with a wrong header, with file-level errors', async () => {
    const before = await childRowCounts(database);
    // An awkward name (accent, backslash, tab) is kept as given.
    const name = 'retour é\\2025\t.xml';
    const xml = await importReturn(database, kent903([text(name, '<EXPSSDA903><CHILD><HEADER>')]));
    expect(xml.status).toBe('rejected');
    expect(xml.errors[0]).toMatchObject({ file: name, row: 0, rule: 'FILE-XML', severity: 'error' });
    expect(xml.errors[0]!.message).toMatch(/not well formed|could not be read/);

    const header = await importReturn(
      database,
      kent903([...corrected.slice(1), text('header.csv', 'CHILD,GENDER,BIRTHDAY\n1,M,01/01/2010\n')]),
    );
    expect(header.status).toBe('rejected');
    expect(header.errors.map((e) => [e.file, e.row, e.rule])).toContainEqual(['header.csv', 0, 'FILE-HEADER']);
    expect(await childRowCounts(database)).toEqual(before);
    const [kept] = await database.db
      .select()
      .from(submissionFiles)
      .where(eq(submissionFiles.submissionId, xml.submissionId));
    expect(new TextDecoder().decode(kept!.bytes)).toBe('<EXPSSDA903><CHILD><HEADER>');
    expect(kept!.name).toBe(name);
  });

  it('leaves nothing partial when storing fails mid-write, and records the rejected submission with its files', async () => {
    const before = await childRowCounts(database);
    const valuesBefore = await computed('886');
    const subsBefore = await submissionRows();
    const third = ssda903Files('third');
    const result = await importReturn(
      database,
      kent903(third, {
        recompute: async (db, options) => {
          await recomputeIndicators(db, options);
          throw new Error('injected failure after the rows were written');
        },
      }),
    );
    expect(result.status).toBe('rejected');
    expect(result.errors).toEqual([
      expect.objectContaining({ rule: 'CONT-STORE', message: expect.stringContaining('injected failure') }),
    ]);
    expect(await childRowCounts(database)).toEqual(before);
    expect(await computed('886')).toEqual(valuesBefore);
    const subsAfter = await submissionRows();
    // The earlier accepted submission is untouched; only the rejected record is new.
    expect(subsAfter.slice(0, subsBefore.length)).toEqual(subsBefore);
    expect(subsAfter.slice(subsBefore.length).map((s) => s.status)).toEqual(['rejected']);
    const files = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(submissionFiles)
      .where(eq(submissionFiles.submissionId, result.submissionId));
    expect(files[0]!.n).toBe(third.length);

    // A constraint violation (a NOT NULL column left blank by a model the rules let through) rolls back too.
    const broken = ssda903Files('fourth');
    const viaInsert = await importReturn(
      database,
      kent903(broken, {
        recompute: async (db) => {
          await db.execute(
            sql`INSERT INTO cla903_episodes (submission_id, council_code, child, decom) VALUES (${acceptedId}, '886', 'X', NULL)`,
          );
        },
      }),
    );
    expect(viaInsert.status).toBe('rejected');
    expect(viaInsert.errors[0]!.rule).toBe('CONT-STORE');
    expect(await childRowCounts(database)).toEqual(before);
  });

  it('imports a practice return for a council it serves and refuses wrong targets before storing anything', async () => {
    const files = ssda903Files('practice', '886', 2025, 10);
    const result = await importReturn(
      database,
      kent903(files, { practiceId: 'swp-kent', submittedBy: 'practice-user' }),
    );
    expect(result.status).toBe('accepted');
    expect(result.practiceId).toBe('swp-kent');
    const [row] = await database.rows<{ practice_id: string }>(
      sql`SELECT DISTINCT practice_id FROM cla903_header WHERE submission_id = ${result.submissionId}`,
    );
    expect(row!.practice_id).toBe('swp-kent');
    const practiceValues = await database.rows(
      sql`SELECT 1 FROM indicator_values WHERE subject_kind = 'practice' AND subject_id = 'swp-kent'`,
    );
    expect(practiceValues.length).toBeGreaterThan(0);
    // The council's own return is a different return: still current.
    const own = await listSubmissions(database.db, {
      councilCode: '886',
      practiceId: null,
      kind: 'ssda903',
      collectionYear: 2025,
    });
    expect(own.filter((s) => s.status === 'accepted').map((s) => s.id)).toEqual([acceptedId]);
    expect(own.every((s) => s.practiceId === null)).toBe(true);

    const count = (await submissionRows()).length;
    const attempts: Array<[Partial<ImportOptions>, string]> = [
      [{ councilCode: '999' }, 'unknown-council'],
      [{ practiceId: 'nope' }, 'unknown-practice'],
      [{ councilCode: '341', practiceId: 'swp-kent' }, 'practice-not-serving-council'],
      [{ collectionYear: 25 }, 'bad-year'],
      [{ files: [] }, 'no-files'],
    ];
    for (const [extra, code] of attempts) {
      await expect(importReturn(database, kent903(files, extra))).rejects.toMatchObject({
        name: 'ImportRequestError',
        code,
      });
    }
    await expect(importReturn(database, kent903(files, { councilCode: '999' }))).rejects.toBeInstanceOf(
      ImportRequestError,
    );
    expect(await submissionRows()).toHaveLength(count);
  });

  it('imports a workforce census, and rejects one naming another council', async () => {
    const census = cswwFile('census', '341', 2024, 40);
    const result = await importReturn(database, {
      kind: 'csww',
      councilCode: '341',
      collectionYear: 2024,
      files: [census],
      submittedBy: 'lpool',
      registrationSecret: TEST_REGISTRATION_SECRET,
    });
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('accepted');
    expect(result.written).toEqual({ csww_workers: result.counts.workers, csww_la_level: 1 });
    const [worker] = await database.rows<Record<string, unknown>>(
      sql`SELECT * FROM csww_workers WHERE submission_id = ${result.submissionId} LIMIT 1`,
    );
    expect(typeof worker!.agency_worker).toBe('boolean');
    expect((await computed('341', 2024)).map((v) => v.indicator_id)).toContain('workforce_turnover');

    const other = await importReturn(database, {
      kind: 'csww',
      councilCode: '887',
      collectionYear: 2024,
      files: [census],
      submittedBy: 'medway',
      registrationSecret: TEST_REGISTRATION_SECRET,
    });
    expect(other.status).toBe('rejected');
    expect(other.errors.map((e) => e.rule)).toContain('CSWW-H01');
    const two = await importReturn(database, {
      kind: 'csww',
      councilCode: '341',
      collectionYear: 2024,
      files: [census, census],
      submittedBy: 'lpool',
      registrationSecret: TEST_REGISTRATION_SECRET,
    });
    expect(two.errors.map((e) => e.rule)).toEqual(['FILE-COUNT']);
  });

  it('writes the same rows when a worker thread reads the return, awkward text included', async () => {
    const files = ssda903Files('same', '887', 2025, 12);
    // A URN with a tab, a backslash and a quote goes through COPY's escaping unchanged.
    const episodes = files.find((f) => f.name === 'episodes.csv')!;
    const lines = new TextDecoder().decode(episodes.bytes).split('\n');
    const cells = lines[1]!.split(',');
    cells[12] = '"SC\\1\t""x"""';
    lines[1] = cells.join(',');
    const awkward = files.map((f) => (f === episodes ? text(f.name, lines.join('\n')) : f));
    const viaCopy = await importReturn(database, { ...kent903(awkward), councilCode: '887' });
    expect(viaCopy.status).toBe('accepted');
    const dump = (id: number) =>
      database.rows(sql`SELECT child, decom::text, rne, ls, cin, place, place_provider, dec::text, rec, reason_place_change, urn
        FROM cla903_episodes WHERE submission_id = ${id} ORDER BY child, decom`);
    const copied = await dump(viaCopy.submissionId);
    expect(copied.map((r) => r.urn)).toContain('SC\\1\t"x"');

    const reader = createWorkerReader({ size: 1 });
    try {
      const viaWorker = await importReturn(database, { ...kent903(awkward), councilCode: '887', reader });
      // Same content hash as the current accepted return: unchanged. Import it as a fresh return elsewhere instead.
      expect(viaWorker.status).toBe('unchanged');
      const elsewhere = await importReturn(database, { ...kent903(awkward), councilCode: '341', reader });
      expect(elsewhere.status).toBe('accepted');
      expect(elsewhere.timings.parseMs).toBeGreaterThan(0);
      expect(await dump(elsewhere.submissionId)).toEqual(copied);
      // And a return the worker finds wrong is rejected with the same errors as in this thread.
      const broken = [text('header.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nX1,3,31/02/2010,WBRI,,,\n')];
      const inThread = await importReturn(database, { ...kent903(broken), councilCode: '887', collectionYear: 2024 });
      const inWorker = await importReturn(database, {
        ...kent903(broken),
        councilCode: '341',
        collectionYear: 2024,
        reader,
      });
      expect(inThread.status).toBe('rejected');
      expect(inWorker.errors).toEqual(inThread.errors);
    } finally {
      await reader.close();
    }
  });

  it('caps the issues of a return with 20,000 bad rows (issue 11): stored and answered bounded, totals exact', async () => {
    const rows = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
    for (let i = 0; i < 20_000; i++) rows.push(`${100000 + i},X,31/02/2010,ZZZZ,BAD,7,99/99/9999`);
    const before = await childRowCounts(database);
    const result = await importReturn(
      database,
      kent903([text('header.csv', `${rows.join('\n')}\n`)], { collectionYear: 2023 }),
    );
    expect(result.status).toBe('rejected');
    // Four error rules on every row (101, 102, 103, 165) and CONT-TABLES once (no Episodes; 2022-23 needs no
    // social worker episodes); a warning (EPI) on every row. Listed: 1 + 4 x 100 errors and 4 summaries.
    expect([result.errorTotal, result.warningTotal]).toEqual([80_001, 20_000]);
    expect([result.errors.length, result.warnings.length]).toEqual([401 + 4, 100 + 1]);
    expect(result.errors.filter((e) => e.more).map((e) => [e.rule, e.more])).toEqual([
      ['101', 19_900],
      ['102', 19_900],
      ['103', 19_900],
      ['165', 19_900],
    ]);
    const stored = await getSubmission(database.db, result.submissionId);
    expect(stored).toMatchObject({
      status: 'rejected',
      errorCount: 405,
      warningCount: 101,
      errorTotal: 80_001,
      warningTotal: 20_000,
    });
    expect(stored!.errors).toEqual(result.errors);
    expect(stored!.files).toHaveLength(1);
    const [listed] = await listSubmissions(database.db, { councilCode: '886', collectionYear: 2023 });
    expect(listed).toMatchObject({
      id: result.submissionId,
      errorCount: 405,
      errorTotal: 80_001,
      warningTotal: 20_000,
    });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.submissionId, result.submissionId));
    expect(audit!.detail).toMatchObject({ status: 'rejected', errors: 80_001, warnings: 20_000 });
    expect(await childRowCounts(database)).toEqual(before);

    // Smaller caps, given with the import: 10 per rule, 25 per return (1 + 6 + 6 + 6 + 6 errors, then no room
    // for warnings: EPI's 50 in one summary).
    const tight = await importReturn(
      database,
      kent903([text('header.csv', `${rows.slice(0, 51).join('\n')}\n`)], {
        collectionYear: 2022,
        issueLimits: { perRule: 10, perReturn: 25 },
      }),
    );
    expect(tight.errors.filter((e) => e.more === undefined).map((e) => e.rule)).toEqual([
      'CONT-TABLES',
      ...['101', '102', '103', '165'].flatMap((r) => Array(6).fill(r)),
    ]);
    expect(tight.warnings).toMatchObject([{ rule: 'EPI', more: 50 }]);
    expect([tight.errorTotal, tight.warningTotal]).toEqual([201, 50]);
  });

  it("caps an accepted return's warnings too, and answers a repeat (unchanged) with the capped list", async () => {
    const files = ssda903Files('warned', '887', 2023, 12);
    const header = files.find((f) => f.name === 'header.csv')!;
    const lines = new TextDecoder().decode(header.bytes).trimEnd().split('\n');
    const sample = lines[1]!.split(',');
    // 150 more children with a Header row and no episode: warning EPI on each.
    for (let i = 0; i < 150; i++) lines.push([`EXTRA${i}`, ...sample.slice(1)].join(','));
    const warned = files.map((f) => (f === header ? text(f.name, `${lines.join('\n')}\n`) : f));
    const result = await importReturn(database, { ...kent903(warned), councilCode: '887', collectionYear: 2023 });
    expect(result.status).toBe('accepted');
    const epi = result.warnings.filter((w) => w.rule === 'EPI');
    expect(epi).toHaveLength(101);
    expect(epi[100]).toMatchObject({ rule: 'EPI', severity: 'warning', row: 0, more: 50 });
    expect(result.warningTotal).toBe(result.warnings.length - 1 + 50);
    const stored = await getSubmission(database.db, result.submissionId);
    expect(stored!.warnings).toEqual(result.warnings);
    const again = await importReturn(database, { ...kent903(warned), councilCode: '887', collectionYear: 2023 });
    expect(again.status).toBe('unchanged');
    expect(again.warnings).toEqual(result.warnings);
    expect(again.warningTotal).toBe(result.warningTotal);
  });
});
