/**
 * Operations over HTTP: request ids in responses and log lines, /metrics and its protection, and a
 * graceful stop that lets requests in flight finish.
 */
import { Writable } from 'node:stream';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@continuity/db';
import { openTestDatabase } from '@continuity/db/testing';
import { seedFixture, testViewers } from '@continuity/schema/testing';
import { upsertDemoDirectory } from '../auth/demo';
import { startServer, type RunningServer } from '../server';
import { post, testKeys, type TestKeys } from '../testing';
import { createLogger } from './log';
import { GatewayMetrics } from './metrics';

function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('debug', stream) };
}

describe('request ids, logs and metrics (PGlite)', () => {
  let database: Database;
  let keys: TestKeys;
  let server: RunningServer;
  const logs = captureLogs();
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  const token = 'metrics-token-0123456789';

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await seedFixture(database);
    // Tokens are honoured only for users in the directory (auth/directory.ts).
    await upsertDemoDirectory(database);
    keys = await testKeys();
    server = await startServer({
      database,
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'test',
      keyStore: keys.store,
      logger: logs.logger,
      metrics,
      metricsAccess: { mode: 'token', token },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
    keys?.dispose();
  });

  it('keeps a caller X-Request-Id, makes one otherwise, echoes it and logs it on the request line', async () => {
    const bearer = await keys.token(testViewers.councilKent);
    const given = await post(server.url, 'query Regions { regions { code } }', {
      token: bearer,
      headers: { 'x-request-id': 'lb-1234.abc' },
    });
    expect(given.status).toBe(200);
    expect(given.headers.get('x-request-id')).toBe('lb-1234.abc');
    const made = await post(server.url, '{ regions { code } }', {
      token: bearer,
      headers: { 'x-request-id': 'not an id; <script>' },
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ofGiven = logs.lines.filter((l) => l.requestId === 'lb-1234.abc');
    // The operation line (debug) and the request line (info), both carrying the id.
    expect(ofGiven.map((l) => l.msg)).toEqual(['graphql operation', 'request']);
    expect(ofGiven[0]).toMatchObject({ operation: 'Regions', type: 'query', readFrom: 'primary' });
    expect(ofGiven[1]).toMatchObject({ method: 'POST', path: '/graphql', status: 200, service: 'continuity-gateway' });
    expect(logs.lines.some((l) => l.requestId === made.headers.get('x-request-id'))).toBe(true);
  });

  it('serves /metrics only with the token, counting operations by name', async () => {
    expect((await fetch(`${server.origin}/metrics`)).status).toBe(401);
    const response = await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    // The first test sent one "Regions" and one anonymous query, both read from the primary (no standby here).
    expect(text).toMatch(
      /^continuity_graphql_operations_total\{operation="Regions",type="query",read_from="primary",outcome="ok"\} 1$/m,
    );
    expect(text).toMatch(
      /^continuity_graphql_operations_total\{operation="anonymous",type="query",read_from="primary",outcome="ok"\} 1$/m,
    );
    expect(text).toMatch(
      /^continuity_graphql_operation_duration_seconds_count\{operation="Regions",type="query"\} 1$/m,
    );
    expect(text).toMatch(/^continuity_http_requests_total\{route="\/graphql",method="POST",status="200"\} 2$/m);
  });

  it('bounds operation-name labels: odd names are "other"', () => {
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
    expect(metrics.operationLabel('Fine_Name1')).toBe('Fine_Name1');
    expect(metrics.operationLabel('x'.repeat(65))).toBe('other');
  });
});

describe('graceful stop (PGlite)', () => {
  it('stops accepting, lets the request in flight finish, then resolves', async () => {
    const database = await openTestDatabase('pglite');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const server = await startServer({
      database,
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'test',
      shutdownGraceMs: 30_000,
      routes: {
        '/slow': async (_req, res) => {
          entered();
          await held;
          res.end('finished');
        },
      },
    });
    const port = Number(new URL(server.origin).port);
    try {
      const inFlight = fetch(`${server.origin}/slow`).then(async (r) => ({ status: r.status, text: await r.text() }));
      await inside;
      let stopped = false;
      const stopping = server.stop().then(() => (stopped = true));
      // Draining: the port closes (polled: Apollo gets there in its own time) while the request runs.
      const attempt = () =>
        new Promise<string>((resolve) => {
          const r = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
            res.resume();
            resolve(`answered ${res.statusCode}`);
          });
          r.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
          r.end();
        });
      let refused = await attempt();
      for (let i = 0; i < 200 && refused !== 'ECONNREFUSED'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        refused = await attempt();
      }
      expect(refused).toBe('ECONNREFUSED');
      // Not stopped while the request is held.
      expect(stopped).toBe(false);
      release();
      expect(await inFlight).toEqual({ status: 200, text: 'finished' });
      await stopping;
      expect(stopped).toBe(true);
    } finally {
      release();
      await database.close();
    }
  });
});
