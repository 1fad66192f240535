import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { auditLog, submissions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import type { Viewer } from '@continuity/schema';
import { seedFixture } from '@continuity/schema/testing';
import { startServer, type RunningServer } from '../server';
import { testKeys, writeDirectory, type TestKeys } from '../testing';
import { parseEnv, repoRoot } from '../env';
import { DEFAULT_UPLOAD_LIMITS } from './multipart';
import { createReturnsHandler } from './route';

/** The hand-written 2024-25 return (valid: warnings only), with its social worker episodes. */
const handWritten = join(repoRoot, 'packages/returns/fixtures/hand-written');
const valid = [
  ...readdirSync(handWritten)
    .filter((f) => f.endsWith('.csv'))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(handWritten, name))) })),
  {
    name: 'sw.csv',
    bytes: new TextEncoder().encode('CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n1001,15/06/2010,SW7,01/03/2024,,\n'),
  },
];
const badHeader = [
  ...valid.filter((f) => f.name !== 'header.csv'),
  { name: 'header.csv', bytes: new TextEncoder().encode('CHILD,GENDER,BIRTHDAY\n1001,F,15/06/2010\n') },
];

/** What the tests read of an issue in an answer. */
interface Listed {
  rule: string;
  message: string;
  more?: number;
}

const viewer = (userId: string, role: Viewer['role'], kind: Viewer['organisation']['kind'], id: string): Viewer => ({
  userId,
  name: userId,
  role,
  organisation: { kind, id },
});
/** Bearer token -> viewer: the handler is given this in place of the gateway's token check. */
const viewers: Record<string, Viewer> = {
  kent: viewer('kent-officer', 'council', 'council', '886'),
  medway: viewer('medway-officer', 'council', 'council', '887'),
  practice: viewer('kent-practice', 'practice', 'practice', 'swp-kent'),
  tyne: viewer('tyne-practice', 'practice', 'practice', 'swp-ntyne'),
  policy: viewer('dfe-analyst', 'policy', 'department', 'dfe'),
  admin: viewer('dfe-admin', 'admin', 'department', 'dfe'),
  confused: viewer('odd', 'council', 'practice', 'swp-kent'),
};
const authenticate = async (req: IncomingMessage) =>
  viewers[(req.headers.authorization ?? '').replace(/^Bearer /, '')] ?? null;

function form(fields: Record<string, string>, files: { name: string; bytes: Uint8Array }[]): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files) body.append('files', new Blob([f.bytes]), f.name);
  return body;
}

describe('upload limits', () => {
  it('come from the environment, with defaults of 200 MB a file, 20 files, 500 MB in all', () => {
    expect(parseEnv({}).uploadLimits).toEqual(DEFAULT_UPLOAD_LIMITS);
    expect(DEFAULT_UPLOAD_LIMITS).toEqual({
      maxFileBytes: 200 * 1024 * 1024,
      maxFiles: 20,
      maxTotalBytes: 500 * 1024 * 1024,
    });
    expect(
      parseEnv({ RETURNS_MAX_FILE_MB: '1.5', RETURNS_MAX_FILES: '3', RETURNS_MAX_TOTAL_MB: '' }).uploadLimits,
    ).toEqual({
      maxFileBytes: 1_572_864,
      maxFiles: 3,
      maxTotalBytes: 500 * 1024 * 1024,
    });
    expect(() => parseEnv({ RETURNS_MAX_FILES: 'many' })).toThrow(/RETURNS_MAX_FILES/);
  });
});

describe.each(testEngines())('POST /returns on %s', (engine) => {
  let database: Database;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    const handle = createReturnsHandler({
      database,
      registrationSecret: TEST_REGISTRATION_SECRET,
      authenticate,
      limits: { maxFileBytes: 64 * 1024, maxFiles: 14, maxTotalBytes: 100 * 1024 },
    });
    server = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        console.error(error);
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/returns`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
  });

  const post = (
    token: string | null,
    fields: Record<string, string>,
    files = valid,
    headers: Record<string, string> = {},
  ) =>
    fetch(url, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: form(fields, files),
    });
  const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(submissions))[0]!.n;

  it('refuses anonymous (401), policy and admin (403), before storing anything', async () => {
    const anonymous = await post(null, { collectionYear: '2025' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toEqual({ error: 'Sign in to submit a return.' });
    for (const token of ['policy', 'admin', 'confused', 'unknown-token']) {
      const res = await post(token, { councilCode: '886', collectionYear: '2025' });
      expect(res.status).toBe(token === 'unknown-token' ? 401 : 403);
    }
    expect(await count()).toBe(0);
  });

  it('refuses a council submitting for another council, or for a practice that does not serve it, with one generic 403', async () => {
    const other = await post('kent', { kind: 'ssda903', councilCode: '887', collectionYear: '2025' });
    const foreignPractice = await post('kent', {
      kind: 'ssda903',
      councilCode: '886',
      practiceId: 'swp-ntyne',
      collectionYear: '2025',
    });
    const unknown = await post('kent', { kind: 'ssda903', councilCode: '999', collectionYear: '2025' });
    const practiceElsewhere = await post('practice', { councilCode: '887', collectionYear: '2025' });
    const otherPractice = await post('practice', {
      councilCode: '886',
      practiceId: 'swp-ntyne',
      collectionYear: '2025',
    });
    for (const res of [other, foreignPractice, unknown, practiceElsewhere, otherPractice]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'You may not submit this return.' });
    }
    expect(await count()).toBe(0);
  });

  it('accepts a council return as JSON (201), then the same files as unchanged (200), with an audit row each', async () => {
    const res = await post('kent', { kind: 'ssda903', councilCode: '886', collectionYear: '2025' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({
      status: 'accepted',
      kind: 'ssda903',
      councilCode: '886',
      practiceId: null,
      collectionYear: 2025,
      errors: [],
      supersedes: null,
    });
    expect(body.counts).toMatchObject({ header: 2, episodes: 3, swEpisodes: 1 });
    expect(body.files.map((f: { name: string }) => f.name).sort()).toEqual(valid.map((f) => f.name).sort());

    // Kind and council left out: detected from the files and taken from the viewer's organisation.
    const again = await post('kent', { collectionYear: '2025' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'unchanged', submissionId: body.submissionId });

    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.submissionId, body.submissionId))
      .orderBy(asc(auditLog.id));
    expect(
      audit.map((a) => [a.userId, a.role, a.organisationId, a.action, (a.detail as { status: string }).status]),
    ).toEqual([
      ['kent-officer', 'council', '886', 'submit', 'accepted'],
      ['kent-officer', 'council', '886', 'submit', 'unchanged'],
    ]);
  });

  it('lets a practice submit for itself to the council it serves (council implied), and needs the council when it serves two', async () => {
    const res = await post('practice', { kind: 'ssda903', collectionYear: '2025' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'accepted', councilCode: '886', practiceId: 'swp-kent' });
    const [row] = await database.db.select().from(submissions).where(eq(submissions.practiceId, 'swp-kent'));
    expect(row).toMatchObject({ submittedBy: 'kent-practice', councilCode: '886', status: 'accepted' });

    const tyne = await post('tyne', { collectionYear: '2025' });
    expect(tyne.status).toBe(400);
    expect(((await tyne.json()) as any).error).toMatch(/councilCode is required/);
    const tyneOk = await post('tyne', { councilCode: '929', collectionYear: '2025' });
    expect(tyneOk.status).toBe(201);
    // A council may submit for a practice that serves it: the same files as the practice's are unchanged.
    const forPractice = await post('kent', { councilCode: '886', practiceId: 'swp-kent', collectionYear: '2025' });
    expect(forPractice.status).toBe(200);
    expect(await forPractice.json()).toMatchObject({ status: 'unchanged', practiceId: 'swp-kent' });
  });

  it('answers a malformed return with 422 and the precise error list, storing the rejected files', async () => {
    const before = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM cla903_episodes`);
    const res = await post('medway', { kind: 'ssda903', collectionYear: '2025' }, badHeader);
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(body.status).toBe('rejected');
    expect(body.errors).toContainEqual({
      file: 'header.csv',
      row: 0,
      column: '',
      rule: 'FILE-HEADER',
      severity: 'error',
      message: expect.stringContaining('does not match any SSDA903 table'),
      value: '',
    });
    for (const e of body.errors)
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['file', 'row', 'column', 'rule', 'severity', 'message', 'value']),
      );
    expect(await database.rows(sql`SELECT count(*)::int AS n FROM cla903_episodes`)).toEqual(before);
    const [stored] = await database.db.select().from(submissions).where(eq(submissions.id, body.submissionId));
    expect(stored).toMatchObject({ status: 'rejected', councilCode: '887' });
  });

  it('caps the issues of a file of bad rows in the JSON answer, the NDJSON result and the stored submission (issue 11)', async () => {
    // 1,400 Header rows (59 KB, under this handler's 64 KB limit), each failing rules 101, 102, 103 and 165
    // (errors) and EPI (a warning); no Episodes or SWEpisodes table (CONT-TABLES twice).
    const rows = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
    for (let i = 0; i < 1400; i++) rows.push(`${100000 + i},X,31/02/2010,ZZZZ,BAD,7,99/99/9999`);
    const bad = [{ name: 'header.csv', bytes: new TextEncoder().encode(`${rows.join('\n')}\n`) }];
    const json = await post('medway', { kind: 'ssda903', collectionYear: '2025' }, bad);
    expect(json.status).toBe(422);
    const body = (await json.json()) as {
      errorTotal: number;
      warningTotal: number;
      submissionId: number;
      errors: Listed[];
      warnings: Listed[];
    };
    expect([body.errorTotal, body.warningTotal]).toEqual([5602, 1400]);
    // 2 + 4 x 100 errors listed and a summary for each of the four rules; 100 warnings and EPI's summary.
    expect([body.errors.length, body.warnings.length]).toEqual([406, 101]);
    expect(body.errors.filter((e) => e.more).map((e) => [e.rule, e.more, e.message])).toEqual(
      ['101', '102', '103', '165'].map((rule) => [
        rule,
        1300,
        `And 1,300 more errors like this under rule ${rule}, not listed.`,
      ]),
    );
    expect(body.warnings.at(-1)).toMatchObject({ rule: 'EPI', severity: 'warning', row: 0, more: 1300 });
    const [stored] = await database.rows<{ errors: number; warnings: number }>(
      sql`SELECT jsonb_array_length(errors)::int AS errors, jsonb_array_length(warnings)::int AS warnings FROM submissions WHERE id = ${body.submissionId}`,
    );
    expect(stored).toEqual({ errors: 406, warnings: 101 });

    const streamed = await post('medway', { kind: 'ssda903', collectionYear: '2025' }, bad, {
      accept: 'application/x-ndjson',
    });
    const lines = (await streamed.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-2)).toMatchObject({
      type: 'progress',
      phase: 'done',
      message: expect.stringMatching(/^Rejected: 5602 error\(s\), 1400 warning\(s\)/),
    });
    const result = lines.at(-1);
    expect(result).toMatchObject({
      type: 'result',
      httpStatus: 422,
      status: 'rejected',
      errorTotal: 5602,
      warningTotal: 1400,
    });
    expect([result.errors.length, result.warnings.length]).toEqual([406, 101]);
  });

  it('streams progress then the result as NDJSON when asked', async () => {
    const res = await post('medway', { kind: 'ssda903', collectionYear: '2025' }, valid, {
      accept: 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const progress = lines.slice(0, -1);
    expect(progress.every((l) => l.type === 'progress')).toBe(true);
    expect([...new Set(progress.map((l) => l.phase))]).toEqual([
      'hashing',
      'checking',
      'parsing',
      'validating',
      'storing',
      'writing',
      'computing',
      'done',
    ]);
    expect(lines.at(-1)).toMatchObject({
      type: 'result',
      httpStatus: 201,
      status: 'accepted',
      councilCode: '887',
      errors: [],
    });
  });

  it('enforces the upload limits and the form', async () => {
    const big = await post('kent', { collectionYear: '2025' }, [
      { name: 'big.csv', bytes: new Uint8Array(65 * 1024).fill(65) },
    ]);
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).error).toMatch(/big\.csv is larger than the 65536 byte limit/);
    const together = await post(
      'kent',
      { collectionYear: '2025' },
      [1, 2].map((i) => ({ name: `${i}.csv`, bytes: new Uint8Array(60 * 1024).fill(65) })),
    );
    expect(together.status).toBe(413);
    expect(((await together.json()) as any).error).toMatch(/together are larger than the 102400 byte limit/);
    const many = await post(
      'kent',
      { collectionYear: '2025' },
      Array.from({ length: 15 }, (_, i) => ({ name: `${i}.csv`, bytes: new Uint8Array([65]) })),
    );
    expect(many.status).toBe(413);
    const noYear = await post('kent', { kind: 'ssda903' });
    expect(noYear.status).toBe(400);
    const badKind = await post('kent', { kind: 'cin', collectionYear: '2025' });
    expect(badKind.status).toBe(400);
    const noFiles = await post('kent', { collectionYear: '2025' }, []);
    expect(noFiles.status).toBe(400);
    const json = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer kent', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const get = await fetch(url, { headers: { authorization: 'Bearer kent' } });
    expect(get.status).toBe(405);
  });
});

describe.each(testEngines())('POST /returns mounted in the gateway, with real tokens, on %s', (engine) => {
  let database: Database;
  let keys: TestKeys;
  let server: RunningServer;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    keys = await testKeys();
    await writeDirectory(
      database,
      Object.values(viewers).filter((v) => v.userId !== 'odd'),
    );
    // As main.ts mounts it: the handler takes the server's token check from the route context.
    server = await startServer({
      database,
      port: 0,
      nodeEnv: 'test',
      keyStore: keys.store,
      routes: { '/returns': createReturnsHandler({ database, registrationSecret: TEST_REGISTRATION_SECRET }) },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
    keys?.dispose();
  });

  it('accepts a signed council token for its own council, refuses a bad token, no token and another council', async () => {
    const url = `${server.origin}/returns`;
    const send = (headers: Record<string, string>, fields: Record<string, string>) =>
      fetch(url, { method: 'POST', headers, body: form(fields, valid) });
    const kent = await keys.token(viewers.kent!);
    const ok = await send({ authorization: `Bearer ${kent}` }, { collectionYear: '2025' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ status: 'accepted', councilCode: '886' });
    expect((await send({}, { collectionYear: '2025' })).status).toBe(401);
    expect((await send({ authorization: 'Bearer not.a.token' }, { collectionYear: '2025' })).status).toBe(401);
    expect(
      (await send({ authorization: `Bearer ${kent}` }, { councilCode: '887', collectionYear: '2025' })).status,
    ).toBe(403);
    // A preflight from a local page is answered; a plain GET is not an upload.
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
