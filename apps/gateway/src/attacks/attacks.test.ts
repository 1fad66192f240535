/**
 * The attacker's suite (issue 11): each attack that once got through, tried against a real gateway
 * (in-process, ephemeral port, real signed tokens for the demo roles), asserting it now fails.
 * The upload fuzzer here is seeded and small (FUZZ_UPLOADS, default 200); run 10,000 with
 * `FUZZ_UPLOADS=10000 npx vitest run src/attacks` in apps/gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { cla903Episodes, practiceCouncils, practices, submissions, type Database } from '@continuity/db';
import { recomputeIndicators } from '@continuity/indicators';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
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

/** A hostile multipart body: a valid-looking one cut, corrupted or filled with random bytes. */
function fuzzedBody(next: () => number, boundary: string): Buffer {
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256)));
  const good = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="collectionYear"\r\n\r\n2025\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="header.csv"\r\n\r\nCHILD,SEX,DOB\r\n1001,1,15/06/2010\r\n` +
      `--${boundary}--\r\n`,
  );
  switch (Math.floor(next() * 5)) {
    case 0: // truncated anywhere
      return good.subarray(0, Math.floor(next() * good.length));
    case 1: // random bytes in place of some
      return Buffer.from(good.map((b) => (next() < 0.05 ? Math.floor(next() * 256) : b)));
    case 2: // random bytes only
      return bytes(Math.floor(next() * 600));
    case 3: // random bytes in every field's name and value, the body cut short
      return Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`), bytes(20), Buffer.from('"\r\n\r\n'), bytes(40)]);
    default: // malformed headers
      return Buffer.from(`--${boundary}\r\n${bytes(30).toString('latin1')}\r\n\r\nx\r\n--${boundary}--\r\n`);
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
      routes: { '/returns': createReturnsHandler({ database, limits: { maxFileBytes: 4096, maxFiles: 4, maxTotalBytes: 8192 } }) },
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
    (await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM submissions WHERE status <> 'rejected'`))[0]!.n;
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

  it(`fuzzes ${FUZZ} uploads: every one a 4xx, the gateway alive, nothing accepted`, async () => {
    const token = await keys.token(testViewers.councilKent);
    const before = await submissionCount();
    const next = random(11);
    for (let i = 0; i < FUZZ; i++) {
      const response = await upload(token, 'FUZZ', fuzzedBody(next, 'FUZZ'));
      await response.arrayBuffer();
      expect(response.status, `upload ${i}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `upload ${i}`).toBeLessThan(500);
    }
    expect(await alive()).toBe(true);
    expect(await submissionCount()).toBe(before);
  }, 600_000);

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
        .values({ kind: 'ssda903', councilCode: council, practiceId: PRACTICE, collectionYear: 2026, status: 'accepted', submittedBy: 'attack', contentHash: `attack-${council}-${rows.length}` })
        .returning({ id: submissions.id });
      if (rows.length > 0) {
        await database.db.insert(cla903Episodes).values(
          rows.map(([child, decom, rne, place, dec]) => ({ submissionId: row!.id, councilCode: council, practiceId: PRACTICE, child: child!, decom: decom!, rne: rne!, ls: 'C2', place: place!, dec })),
        );
      }
      await recomputeIndicators(database.db, { kind: 'ssda903', councilCode: council, collectionYear: 2026 });
      return row!.id;
    };
    const points = async (viewer: keyof typeof testViewers, subjects: object[]) => {
      const result = await post(server.url, SERIES, { token: await keys.token(testViewers[viewer]), variables: { subjects } });
      return { errors: result.errors, points: (result.data?.series?.lines ?? []).map((l: { points: unknown[] }) => l.points[0]) };
    };
    let kentReturn = 0;

    beforeAll(async () => {
      await database.db.insert(practices).values({ id: PRACTICE, name: 'Shared practice', pseudonym: 'Practice Shared' });
      await database.db.insert(practiceCouncils).values([
        { practiceId: PRACTICE, councilCode: '886' },
        { practiceId: PRACTICE, councilCode: '312' },
      ]);
      kentReturn = await addReturn('886', children('K', 59, 20));
      await addReturn('312', children('H', 41, 5));
    });

    it("Kent owns its part, and the pooled figure minus Kent's part does not give Hillingdon's small count", async () => {
      const { errors, points: [shared, own] } = await points('councilKent', [pooled, part('886')]);
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
      await database.db.update(submissions).set({ status: 'superseded', supersededBy: empty }).where(eq(submissions.id, kentReturn));
      await recomputeIndicators(database.db, { kind: 'ssda903', councilCode: '886', collectionYear: 2026 });
      const { points: [shared, own] } = await points('councilKent', [pooled, part('886')]);
      // the pooled figure is now Hillingdon's 5/41 alone: Kent sees c/41, and has no part
      expect(shared).toEqual({ numerator: null, denominator: 41, value: null, symbol: 'c' });
      expect(own).toBeUndefined();
    });
  });

  it('9. a signed token for a user absent from the directory, or a council that does not exist, is 401', async () => {
    const ghost = await keys.token({ userId: 'ghost', name: 'g', role: 'policy', organisation: { kind: 'department', id: 'dfe' } });
    const nowhere = await keys.token({ ...testViewers.councilKent, organisation: { kind: 'council', id: '999' } });
    for (const token of [ghost, nowhere]) expect((await post(server.url, '{ me { userId } }', { token })).status).toBe(401);
  });

  it('9. a disabled user is refused from the next request', async () => {
    const admin = await keys.token(testViewers.admin);
    const kent = await keys.token(testViewers.councilKent);
    expect((await post(server.url, '{ me { userId } }', { token: kent })).status).toBe(200);
    const off = await post(server.url, 'mutation { setUserDisabled(id: "demo-council-kent", disabled: true) { disabled } }', { token: admin });
    expect(off.data.setUserDisabled).toEqual({ disabled: true });
    try {
      expect((await post(server.url, '{ me { userId } }', { token: kent })).status).toBe(401);
    } finally {
      await post(server.url, 'mutation { setUserDisabled(id: "demo-council-kent", disabled: false) { disabled } }', { token: admin });
    }
    expect((await post(server.url, '{ me { userId } }', { token: kent })).status).toBe(200);
  });

  it('9. a NUL byte in an id is a 400 input error with no SQL in the answer, literal or variable', async () => {
    const token = await keys.token(testViewers.policy);
    const literal = await post(server.url, '{ council(code: "88\\u00006") { code } }', { token });
    const variable = await post(server.url, 'query ($id: ID!) { submission(id: $id) { id } }', { token, variables: { id: '1\u0000' } });
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
      const over = await fetch(limited.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"query":"{ me { userId } }"}' });
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});
