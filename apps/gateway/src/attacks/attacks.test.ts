/**
 * The attacker's suite (issue 11): each attack that once got through, tried against a real gateway
 * (in-process, ephemeral port, real signed tokens for the demo roles), asserting it now fails.
 * The upload fuzzer here is seeded and small (FUZZ_UPLOADS, default 200); run 10,000 with
 * `FUZZ_UPLOADS=10000 npx vitest run src/attacks -t fuzzes` in apps/gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { cla903Episodes, practiceCouncils, practices, submissions, type Database } from '@continuity/db';
import { recomputeIndicators } from '@continuity/indicators';
import { openTestDatabase, testEngines, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import { seedFixture, testViewers } from '@continuity/schema/testing';
import { upsertDemoDirectory } from '../auth/demo';
import { createReturnsHandler } from '../returns/route';
import { startServer, type RunningServer } from '../server';
import { post, testKeys, type TestKeys } from '../testing';

const FUZZ = Number(process.env.FUZZ_UPLOADS ?? 200);

/** A seeded generator (mulberry32), so every run fuzzes the same bodies. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The upload limits of the suite's gateway: small, so oversized bodies stay small. */
const LIMITS = { maxFileBytes: 4096, maxFiles: 4, maxTotalBytes: 8192 };

/** What the tests read of an issue in an answer. */
interface Listed {
  rule: string;
  more?: number | null;
}

interface Fuzzed {
  kind: string;
  boundary: string;
  body: Buffer;
  /** The statuses this kind may answer (any 4xx for the malformed kinds). */
  expect?: readonly number[];
}

const part = (boundary: string, name: string, value: string | Buffer, filename?: string) =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}\r\n\r\n`,
    ),
    Buffer.from(value),
    Buffer.from('\r\n'),
  ]);
const end = (boundary: string) => Buffer.from(`--${boundary}--\r\n`);
const YEAR = (boundary: string) => part(boundary, 'collectionYear', '2025');

/**
 * A hostile multipart body: a valid-looking one cut, corrupted or filled with random bytes (kinds 0-4), or
 * one over a limit (5-10, 12): a file over the size limit, too many files, files over the total, too many
 * fields, a field over its size, an enormous part header, a boundary longer than RFC 2046 allows; or a
 * well-formed upload of random file content (11).
 */
function fuzzedUpload(next: () => number, boundary = 'FUZZ'): Fuzzed {
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256)));
  const between = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const good = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="collectionYear"\r\n\r\n2025\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="header.csv"\r\n\r\nCHILD,SEX,DOB\r\n1001,1,15/06/2010\r\n` +
      `--${boundary}--\r\n`,
  );
  const csv = (n: number) =>
    Buffer.from(`CHILD,SEX,DOB\r\n${'1001,1,15/06/2010\r\n'.repeat(Math.ceil(n / 19))}`.slice(0, n));
  const fill = (n: number) => (next() < 0.5 ? bytes(n) : csv(n));
  const kind = Math.floor(next() * 13);
  switch (kind) {
    case 0:
      return { kind: 'truncated', boundary, body: good.subarray(0, Math.floor(next() * good.length)) };
    case 1:
      return {
        kind: 'corrupted',
        boundary,
        body: Buffer.from(good.map((b) => (next() < 0.05 ? Math.floor(next() * 256) : b))),
      };
    case 2:
      return { kind: 'random bytes', boundary, body: bytes(Math.floor(next() * 600)) };
    case 3: // random bytes in every field's name and value, the body cut short
      return {
        kind: 'random fields',
        boundary,
        body: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`),
          bytes(20),
          Buffer.from('"\r\n\r\n'),
          bytes(40),
        ]),
      };
    case 4:
      return {
        kind: 'malformed headers',
        boundary,
        body: Buffer.from(`--${boundary}\r\n${bytes(30).toString('latin1')}\r\n\r\nx\r\n--${boundary}--\r\n`),
      };
    case 5: // one byte over the limit to five times it, the body complete or cut inside the file
      return {
        kind: 'file over the limit',
        boundary,
        body: Buffer.concat([
          YEAR(boundary),
          part(boundary, 'files', fill(between(LIMITS.maxFileBytes + 1, 5 * LIMITS.maxFileBytes)), 'big.csv'),
          end(boundary),
        ]),
        expect: [413],
      };
    case 6:
      return {
        kind: 'too many files',
        boundary,
        body: Buffer.concat([
          YEAR(boundary),
          ...Array.from({ length: between(LIMITS.maxFiles + 1, 40) }, (_, i) =>
            part(boundary, 'files', fill(between(0, 200)), `${i}.csv`),
          ),
          end(boundary),
        ]),
        expect: [413],
      };
    case 7: // each file under the limit, together over the total
      return {
        kind: 'files over the total',
        boundary,
        body: Buffer.concat([
          YEAR(boundary),
          ...Array.from({ length: between(3, LIMITS.maxFiles) }, (_, i) =>
            part(boundary, 'files', fill(between(2800, LIMITS.maxFileBytes)), `${i}.csv`),
          ),
          end(boundary),
        ]),
        expect: [413],
      };
    case 8:
      return {
        kind: 'too many fields',
        boundary,
        body: Buffer.concat([
          ...Array.from({ length: between(21, 300) }, (_, i) => part(boundary, `f${i}`, 'v')),
          end(boundary),
        ]),
        expect: [413],
      };
    case 9:
      return {
        kind: 'field over the limit',
        boundary,
        body: Buffer.concat([
          part(boundary, next() < 0.5 ? 'collectionYear' : 'councilCode', 'x'.repeat(between(1025, 100_000))),
          end(boundary),
        ]),
        expect: [413],
      };
    case 10: {
      // busboy allows 16 KB of part header: a file name or header lines past it.
      const size = between(16 * 1024, 200 * 1024);
      const header =
        next() < 0.5
          ? `Content-Disposition: form-data; name="files"; filename="${'a'.repeat(size)}.csv"`
          : `${Array.from({ length: Math.ceil(size / 12) }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\nContent-Disposition: form-data; name="files"; filename="a.csv"`;
      return {
        kind: 'enormous part header',
        boundary,
        body: Buffer.concat([
          YEAR(boundary),
          Buffer.from(`--${boundary}\r\n${header}\r\n\r\nCHILD\r\n`),
          end(boundary),
        ]),
        expect: [400],
      };
    }
    case 11: {
      // A well-formed upload of files holding random bytes (or a CSV with some of them): read, found wrong,
      // 422, the files kept with a rejected submission.
      const files = Array.from({ length: between(1, 3) }, (_, i) =>
        part(
          boundary,
          'files',
          next() < 0.5
            ? bytes(between(1, 2000))
            : Buffer.from(csv(between(20, 2000)).map((b) => (next() < 0.05 ? Math.floor(next() * 256) : b))),
          `${i}.csv`,
        ),
      );
      return {
        kind: 'random file content',
        boundary,
        body: Buffer.concat([YEAR(boundary), part(boundary, 'kind', 'ssda903'), ...files, end(boundary)]),
        expect: [422],
      };
    }
    default: {
      // Over RFC 2046's 70 characters, in a well-formed body: 400 from the gateway, or 431 from Node when the
      // header is over its 16 KB.
      const huge = 'B'.repeat(next() < 0.8 ? between(71, 12_000) : between(17_000, 40_000));
      return {
        kind: 'huge boundary',
        boundary: huge,
        body: Buffer.concat([YEAR(huge), part(huge, 'files', csv(200), 'header.csv'), end(huge)]),
        expect: [400, 431],
      };
    }
  }
}

describe.each(testEngines())('attacks on the gateway (%s)', (engine) => {
  let database: Database;
  let server: RunningServer;
  let keys: TestKeys;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    await upsertDemoDirectory(database);
    keys = await testKeys();
    server = await startServer({
      database,
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'production',
      keyStore: keys.store,
      // Limits high enough for the fuzzer; the rate-limit attack uses its own server below.
      rateLimits: false,
      routes: {
        '/returns': createReturnsHandler({ database, registrationSecret: TEST_REGISTRATION_SECRET, limits: LIMITS }),
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
    keys?.dispose();
  });

  const alive = async () => (await fetch(`${server.origin}/health`)).status === 200;
  // A 422 (a readable body whose return fails validation) records a rejected submission by design, with
  // no child rows; what must never happen is an accepted one, or rows of one.
  const submissionCount = async () =>
    (await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM submissions WHERE status <> 'rejected'`))[0]!
      .n;
  const upload = async (token: string, boundary: string, body: Buffer) =>
    fetch(`${server.origin}/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });

  it('1. a multipart body ending inside a file is a 400, and the gateway lives', async () => {
    const token = await keys.token(testViewers.councilKent);
    const body = Buffer.from('--XX\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\nCHILD,');
    const response = await upload(token, 'XX', body);
    expect(response.status).toBe(400);
    expect(await alive()).toBe(true);
  });

  it('8. an 840 KB file of 20,000 bad rows gets a bounded answer and stored list, saying how many more there were', async () => {
    // Default limits here (200 MB a file; 100 issues a rule, 1,000 a return): the attack as it was made.
    const wide = await startServer({
      database,
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'production',
      keyStore: keys.store,
      rateLimits: false,
      routes: { '/returns': createReturnsHandler({ database, registrationSecret: TEST_REGISTRATION_SECRET }) },
    });
    try {
      const token = await keys.token(testViewers.councilKent);
      const rows = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
      for (let i = 0; i < 20_000; i++) rows.push(`${100000 + i},X,31/02/2010,ZZZZ,BAD,7,99/99/9999`);
      const file = `${rows.join('\n')}\n`;
      expect(file.length).toBe(840_039);
      const body = Buffer.concat([YEAR('XX'), part('XX', 'files', file, 'header.csv'), end('XX')]);
      const send = (accept?: string) =>
        fetch(`${wide.origin}/returns`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'multipart/form-data; boundary=XX',
            ...(accept ? { accept } : {}),
          },
          body,
        });

      const response = await send();
      expect(response.status).toBe(422);
      const text = await response.text();
      const answer = JSON.parse(text);
      // Every row fails rules 101, 102, 103 and 165 (errors) and EPI (a warning); CONT-TABLES twice (no
      // Episodes, no SWEpisodes). Listed: 2 + 4 x 100 errors and 4 summaries; 100 warnings and 1 summary.
      expect([answer.errorTotal, answer.warningTotal]).toEqual([80_002, 20_000]);
      expect([answer.errors.length, answer.warnings.length]).toEqual([406, 101]);
      expect((answer.errors as Listed[]).filter((e) => e.more).map((e) => [e.rule, e.more])).toEqual(
        ['101', '102', '103', '165'].map((r) => [r, 19_900]),
      );
      expect(answer.warnings.at(-1)).toMatchObject({ rule: 'EPI', more: 19_900 });
      // 100,002 issues were 24.5 MB; 507 lines are under 200 KB.
      expect(Buffer.byteLength(text)).toBeLessThan(200_000);

      // Stored: the same bounded lists, the rejection as before (a rejected submission, its file kept).
      const [stored] = await database.rows<{ status: string; errors: number; warnings: number; files: number }>(sql`
        SELECT status::text, jsonb_array_length(errors)::int AS errors, jsonb_array_length(warnings)::int AS warnings,
          (SELECT count(*)::int FROM submission_files f WHERE f.submission_id = s.id) AS files
        FROM submissions s WHERE id = ${answer.submissionId}`);
      expect(stored).toEqual({ status: 'rejected', errors: 406, warnings: 101, files: 1 });

      // The API gives the totals and the summaries.
      const read = await post(
        wide.url,
        `query ($id: ID!) { submission(id: $id) { errorCount errorTotal warningTotal errors(limit: 1000) { rule more } } }`,
        {
          token,
          variables: { id: String(answer.submissionId) },
        },
      );
      expect(read.data.submission).toMatchObject({ errorCount: 406, errorTotal: 80_002, warningTotal: 20_000 });
      expect((read.data.submission.errors as Listed[]).filter((e) => e.more !== null)).toEqual(
        ['101', '102', '103', '165'].map((rule) => ({ rule, more: 19_900 })),
      );

      // Streamed: a few progress lines, then the same bounded result.
      const streamed = await send('application/x-ndjson');
      const lines = (await streamed.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.length).toBeLessThan(20);
      expect(lines.at(-1)).toMatchObject({ type: 'result', httpStatus: 422, errorTotal: 80_002, warningTotal: 20_000 });
      expect([lines.at(-1).errors.length, lines.at(-1).warnings.length]).toEqual([406, 101]);
    } finally {
      await wide.stop();
    }
  }, 120_000);

  /** Rows per table of the public schema. */
  const tableRows = async () => {
    const tables = await database.rows<{ name: string }>(
      sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const out: Record<string, number> = {};
    for (const { name } of tables)
      out[name] = (
        await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)}`)
      )[0]!.n;
    return out;
  };
  const maxId = async (table: string) =>
    (await database.rows<{ id: number }>(sql`SELECT coalesce(max(id), 0)::int AS id FROM ${sql.identifier(table)}`))[0]!
      .id;

  it(`fuzzes ${FUZZ} uploads: every one a 4xx, the gateway alive, nothing written but rejected submissions with their files`, async () => {
    const token = await keys.token(testViewers.councilKent);
    const before = await submissionCount();
    const rowsBefore = await tableRows();
    const [lastSubmission, lastFile, lastAudit] = [
      await maxId('submissions'),
      await maxId('submission_files'),
      await maxId('audit_log'),
    ];
    const next = random(11);
    const seen = new Map<string, Map<number, number>>();
    const started = performance.now();
    for (let i = 0; i < FUZZ; i++) {
      const fuzzed = fuzzedUpload(next);
      const response = await upload(token, fuzzed.boundary, fuzzed.body);
      await response.arrayBuffer();
      const statuses = seen.get(fuzzed.kind) ?? new Map<number, number>();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      seen.set(fuzzed.kind, statuses);
      expect(response.status, `upload ${i} (${fuzzed.kind})`).toBeGreaterThanOrEqual(400);
      expect(response.status, `upload ${i} (${fuzzed.kind})`).toBeLessThan(500);
      if (fuzzed.expect)
        expect(fuzzed.expect, `upload ${i} (${fuzzed.kind}): ${response.status}`).toContain(response.status);
    }
    const seconds = (performance.now() - started) / 1000;
    // The figure for the record (not asserted): how many, which answers, how long.
    const summary = [...seen]
      .map(([kind, statuses]) => `${kind}: ${[...statuses].map(([s, n]) => `${s}x${n}`).join(' ')}`)
      .join('; ');
    console.log(`fuzzed ${FUZZ} uploads (${engine}) in ${seconds.toFixed(1)} s: ${summary}`);
    if (FUZZ >= 200) expect(seen.size, 'every kind of body was tried').toBe(13);
    expect(await alive()).toBe(true);
    expect(await submissionCount()).toBe(before);

    // No partial write: the only rows added are rejected submissions (a readable body whose return failed
    // validation), each with its files kept and its audit row; every other table is as it was.
    const rowsAfter = await tableRows();
    const changed = Object.keys(rowsAfter).filter((t) => rowsAfter[t] !== rowsBefore[t]);
    expect(changed.filter((t) => !['submissions', 'submission_files', 'audit_log'].includes(t))).toEqual([]);
    const [added] = await database.rows<{
      submissions: number;
      notRejected: number;
      withoutFiles: number;
      strayFiles: number;
      strayAudit: number;
      audits: number;
    }>(sql`
      SELECT
        (SELECT count(*)::int FROM submissions WHERE id > ${lastSubmission}) AS submissions,
        (SELECT count(*)::int FROM submissions WHERE id > ${lastSubmission} AND status <> 'rejected') AS "notRejected",
        (SELECT count(*)::int FROM submissions s WHERE s.id > ${lastSubmission}
           AND NOT EXISTS (SELECT 1 FROM submission_files f WHERE f.submission_id = s.id)) AS "withoutFiles",
        (SELECT count(*)::int FROM submission_files WHERE id > ${lastFile} AND submission_id <= ${lastSubmission}) AS "strayFiles",
        (SELECT count(*)::int FROM audit_log WHERE id > ${lastAudit}
           AND (action <> 'submit' OR submission_id IS NULL OR submission_id <= ${lastSubmission})) AS "strayAudit",
        (SELECT count(*)::int FROM audit_log WHERE id > ${lastAudit}) AS audits`);
    expect(added).toMatchObject({ notRejected: 0, withoutFiles: 0, strayFiles: 0, strayAudit: 0 });
    expect(added!.audits).toBe(added!.submissions);
  }, 3_600_000);

  describe('2. a practice shared by two councils', () => {
    // swp-shared serves Kent (886, the attacker) and Hillingdon (312). Year to 31 March 2026,
    // placements_3plus: Kent's part 20/59, Hillingdon's part 5/41 (small), pooled 25/100.
    const PRACTICE = 'swp-shared';
    const SERIES = `query ($subjects: [SubjectInput!]!) {
      series(indicatorId: "placements_3plus", subjects: $subjects, fromPeriod: 2026, toPeriod: 2026) {
        lines { subject { kind id } points { numerator denominator value symbol } }
      } }`;
    const pooled = { kind: 'PRACTICE', id: PRACTICE };
    const part = (council: string) => ({ kind: 'PRACTICE_PART', id: `${PRACTICE}@${council}` });
    const children = (prefix: string, n: number, three: number) =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}`).flatMap((child, i) =>
        i < three
          ? [
              [child, '2025-04-10', 'S', 'U1', '2025-06-01'],
              [child, '2025-06-01', 'P', 'U2', '2025-09-01'],
              [child, '2025-09-01', 'P', 'U3', null],
            ]
          : [[child, '2025-05-01', 'S', 'U1', null]],
      );
    const addReturn = async (council: string, rows: (string | null)[][]) => {
      const [row] = await database.db
        .insert(submissions)
        .values({
          kind: 'ssda903',
          councilCode: council,
          practiceId: PRACTICE,
          collectionYear: 2026,
          status: 'accepted',
          submittedBy: 'attack',
          contentHash: `attack-${council}-${rows.length}`,
        })
        .returning({ id: submissions.id });
      if (rows.length > 0) {
        await database.db.insert(cla903Episodes).values(
          rows.map(([child, decom, rne, place, dec]) => ({
            submissionId: row!.id,
            councilCode: council,
            practiceId: PRACTICE,
            child: child!,
            decom: decom!,
            rne: rne!,
            ls: 'C2',
            place: place!,
            dec,
          })),
        );
      }
      await recomputeIndicators(database.db, { kind: 'ssda903', councilCode: council, collectionYear: 2026 });
      return row!.id;
    };
    const points = async (viewer: keyof typeof testViewers, subjects: object[]) => {
      const result = await post(server.url, SERIES, {
        token: await keys.token(testViewers[viewer]),
        variables: { subjects },
      });
      return {
        errors: result.errors,
        points: (result.data?.series?.lines ?? []).map((l: { points: unknown[] }) => l.points[0]),
      };
    };
    let kentReturn = 0;

    beforeAll(async () => {
      await database.db
        .insert(practices)
        .values({ id: PRACTICE, name: 'Shared practice', pseudonym: 'Practice Shared' });
      await database.db.insert(practiceCouncils).values([
        { practiceId: PRACTICE, councilCode: '886' },
        { practiceId: PRACTICE, councilCode: '312' },
      ]);
      kentReturn = await addReturn('886', children('K', 59, 20));
      await addReturn('312', children('H', 41, 5));
    });

    it("Kent owns its part, and the pooled figure minus Kent's part does not give Hillingdon's small count", async () => {
      const {
        errors,
        points: [shared, own],
      } = await points('councilKent', [pooled, part('886')]);
      expect(errors).toBeUndefined();
      expect(own).toEqual({ numerator: 20, denominator: 59, value: expect.closeTo(33.9, 1), symbol: null });
      // 25 - 20 would be Hillingdon's 5: the pooled numerator is withheld, and the rate with it
      expect(shared).toEqual({ numerator: null, denominator: 100, value: null, symbol: 'c' });
      // Hillingdon's part is not Kent's to see at all
      expect((await points('councilKent', [part('312')])).errors?.[0]?.message).toMatch(/Unknown subjects/);
      // Hillingdon owns its part; policy sees the parts controlled so that they cannot be differenced either
      expect((await points('councilOther', [part('312')])).points[0]).toMatchObject({ numerator: 5, denominator: 41 });
      const policy = await points('policy', [pooled, part('886'), part('312')]);
      expect(policy.points.map((p: { numerator: number | null }) => p.numerator)).toEqual([25, null, null]);
    });

    it("an empty return from Kent for the practice does not let Kent read Hillingdon's part", async () => {
      const empty = await addReturn('886', []);
      await database.db
        .update(submissions)
        .set({ status: 'superseded', supersededBy: empty })
        .where(eq(submissions.id, kentReturn));
      await recomputeIndicators(database.db, { kind: 'ssda903', councilCode: '886', collectionYear: 2026 });
      const {
        points: [shared, own],
      } = await points('councilKent', [pooled, part('886')]);
      // the pooled figure is now Hillingdon's 5/41 alone: Kent sees c/41, and has no part
      expect(shared).toEqual({ numerator: null, denominator: 41, value: null, symbol: 'c' });
      expect(own).toBeUndefined();
    });
  });

  it('9. a signed token for a user absent from the directory, or a council that does not exist, is 401', async () => {
    const ghost = await keys.token({
      userId: 'ghost',
      name: 'g',
      role: 'policy',
      organisation: { kind: 'department', id: 'dfe' },
    });
    const nowhere = await keys.token({ ...testViewers.councilKent, organisation: { kind: 'council', id: '999' } });
    for (const token of [ghost, nowhere])
      expect((await post(server.url, '{ me { userId } }', { token })).status).toBe(401);
  });

  it('9. a disabled user is refused from the next request', async () => {
    const admin = await keys.token(testViewers.admin);
    const kent = await keys.token(testViewers.councilKent);
    expect((await post(server.url, '{ me { userId } }', { token: kent })).status).toBe(200);
    const off = await post(
      server.url,
      'mutation { setUserDisabled(id: "demo-council-kent", disabled: true) { disabled } }',
      { token: admin },
    );
    expect(off.data.setUserDisabled).toEqual({ disabled: true });
    try {
      expect((await post(server.url, '{ me { userId } }', { token: kent })).status).toBe(401);
    } finally {
      await post(server.url, 'mutation { setUserDisabled(id: "demo-council-kent", disabled: false) { disabled } }', {
        token: admin,
      });
    }
    expect((await post(server.url, '{ me { userId } }', { token: kent })).status).toBe(200);
  });

  it('9. a NUL byte in an id is a 400 input error with no SQL in the answer, literal or variable', async () => {
    const token = await keys.token(testViewers.policy);
    const literal = await post(server.url, '{ council(code: "88\\u00006") { code } }', { token });
    const variable = await post(server.url, 'query ($id: ID!) { submission(id: $id) { id } }', {
      token,
      variables: { id: '1\u0000' },
    });
    for (const result of [literal, variable]) {
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(result)).not.toMatch(/select|from "|params/i);
    }
  });

  it('9. CORS in production does not reflect a localhost origin', async () => {
    const preflight = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('9. requests over the per-user limit are 429 with Retry-After', async () => {
    const limited = await startServer({
      database,
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'production',
      keyStore: keys.store,
      rateLimits: {
        graphqlPerUser: { points: 3, seconds: 600 },
        graphqlPerAddress: { points: 100, seconds: 600 },
        returnsPerUser: { points: 1, seconds: 600 },
        returnsPerAddress: { points: 100, seconds: 600 },
      },
    });
    try {
      const token = await keys.token(testViewers.policy);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(limited.url, '{ me { userId } }', { token })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const over = await fetch(limited.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"query":"{ me { userId } }"}',
      });
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});
