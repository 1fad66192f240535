/**
 * The attacker's suite (issue 11): each attack that once got through, tried against a real gateway
 * (in-process, ephemeral port, real signed tokens for the demo roles), asserting it now fails.
 * The upload fuzzer here is seeded and small (FUZZ_UPLOADS, default 200); run 10,000 with
 * `FUZZ_UPLOADS=10000 npx vitest run src/attacks` in apps/gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
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
      routes: { '/returns': createReturnsHandler({ database, registrationSecret: TEST_REGISTRATION_SECRET, limits: { maxFileBytes: 4096, maxFiles: 4, maxTotalBytes: 8192 } }) },
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
