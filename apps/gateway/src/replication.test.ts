/**
 * Two gateways over a PostgreSQL primary and its hot standby, all on loopback, built from scratch:
 * initdb (wal_level=replica) for the primary, pg_basebackup -R for the standby, each on a port of its
 * own; two gateways in this process, each from its own environment (parseEnv), both with
 * DATABASE_READ_URL pointing at the standby.
 *
 * Shows: a return imported through gateway A is read through gateway B from the standby; with the
 * standby's replay paused (a lagging standby), a read through B carrying the import's X-Min-Lsn goes to
 * the primary and sees the import while one without it sees the standby's older figures; then with
 * gateway A and the standby stopped, every request retried against the gateways left is answered
 * (B's reads fall back to the primary), and a retried upload is not stored twice.
 *
 * Skipped when PostgreSQL's server binaries (/usr/lib/postgresql/<version>/bin) are not installed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPrimary,
  createStandby,
  freePort,
  postgresBinDir,
  removeServers,
  serverTempDir,
  type LocalServer,
} from '@continuity/db/local-postgres';
import { parseEnv, repoRoot } from './env';
import { startGateway, type Gateway } from './gateway';

const bin = postgresBinDir();
if (!bin)
  console.warn(
    'replication.test.ts skipped: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)',
  );

/** The hand-written 2024-25 return for Kent (886): valid, warnings only. */
const handWritten = join(repoRoot, 'packages/returns/fixtures/hand-written');
const files = [
  ...readdirSync(handWritten)
    .filter((f) => f.endsWith('.csv'))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(handWritten, name))) })),
  // Social worker episodes, which a 2024-25 return must carry.
  {
    name: 'sw.csv',
    bytes: new TextEncoder().encode('CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n1001,15/06/2010,SW7,01/03/2024,,\n'),
  },
];

/**
 * The same return with 1001 given three social workers in the year (0 of 1 child with 3 or more in
 * the first version, 1 of 1 in this one): a change a stale read would not show.
 */
const threeWorkers = [
  ...files.filter((f) => f.name !== 'sw.csv'),
  {
    name: 'sw.csv',
    bytes: new TextEncoder().encode(
      'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n1001,15/06/2010,SW7,01/03/2024,01/05/2024,\n1001,15/06/2010,SW8,01/05/2024,01/07/2024,MANAGE\n1001,15/06/2010,SW9,01/07/2024,,LEFTRL\n',
    ),
  },
];

function upload(version: readonly { name: string; bytes: Uint8Array }[] = files): FormData {
  const body = new FormData();
  body.append('collectionYear', '2025');
  for (const f of version) body.append('files', new Blob([f.bytes]), f.name);
  return body;
}

/**
 * Placements: 1001 is in care on 31 March 2025 with two placements in the year (the one held on 1 April,
 * RNE S, then RNE P in July); 1002 left care on 1 January 2025. So 0 of 1 child had 3 or more.
 */
const kentSocialWorkers = /* GraphQL */ `
  query KentSocialWorkers {
    series(indicatorId: "social_workers_3plus", subjects: [{ kind: COUNCIL, id: "886" }], fromPeriod: 2025, toPeriod: 2025, source: COMPUTED) {
      lines { points { period numerator denominator } }
    }
  }`;

const kentPlacements = /* GraphQL */ `
  query KentPlacements {
    series(indicatorId: "placements_3plus", subjects: [{ kind: COUNCIL, id: "886" }], fromPeriod: 2025, toPeriod: 2025, source: COMPUTED) {
      lines { points { period numerator denominator } }
    }
  }`;

/** One try of a request, against each gateway in turn until one answers (what a load balancer's retry does). */
async function withRetry(
  origins: string[],
  attempt: (origin: string) => Promise<Response>,
): Promise<{ response: Response; tries: number }> {
  let tries = 0;
  let last: unknown;
  for (let round = 0; round < 3; round++) {
    for (const origin of origins) {
      tries++;
      try {
        const response = await attempt(origin);
        if (response.status < 500) return { response, tries };
        last = new Error(`HTTP ${response.status}`);
      } catch (error) {
        last = error; // connection refused or reset: this copy is gone, try the next
      }
    }
  }
  throw last;
}

describe.skipIf(!bin)('two gateways over a primary and a hot standby (streaming replication, loopback)', () => {
  let root: string;
  let files_: string;
  let primary: LocalServer | undefined;
  let standby: LocalServer | undefined;
  const gateways: Gateway[] = [];
  let token: string;

  const gatewayEnv = (name: string) =>
    parseEnv({
      DATABASE_URL: primary!.url(),
      DATABASE_READ_URL: standby!.url(),
      READ_REPLICA_PROBE_MS: '200',
      READ_YOUR_WRITES_WAIT_MS: '5000',
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      DEMO_RETURNS: 'false',
      LOG_LEVEL: 'silent',
      // Both copies verify the same tokens: one key file, as a mounted secret would be.
      AUTH_LOCAL_KEY_FILE: join(files_, 'key.json'),
      PSEUDONYM_SECRET: 'replication-test-pseudonym-secret',
      DATA_DIR: join(files_, name),
    });

  const graphql = (origin: string, headers: Record<string, string> = {}, query = kentPlacements) =>
    fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query }),
    });
  const points = async (response: Response) => ((await response.json()) as any).data.series.lines[0].points;

  beforeAll(async () => {
    root = serverTempDir('continuity-replication-');
    files_ = mkdtempSync(join(tmpdir(), 'continuity-replication-gw-'));
    // Ports 5451-5454 (the backup test takes 5455-5459), so both suites may run at once.
    const primaryPort = await freePort(5451, 5453);
    primary = await createPrimary({ bin: bin!, root, port: primaryPort });
    standby = await createStandby({ bin: bin!, root, port: await freePort(primaryPort + 1, 5454), primary });
    // One after the other: the first migrates and loads the published data, the second finds it there.
    gateways.push(await startGateway(gatewayEnv('a')));
    gateways.push(await startGateway(gatewayEnv('b')));
    const signIn = await fetch(`${gateways[0]!.server.origin}/auth/demo-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'demo-council-kent' }),
    });
    token = ((await signIn.json()) as { token: string }).token;
  }, 150_000);

  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop().catch(() => undefined);
    await removeServers(root, [standby, primary]);
    rmSync(files_, { recursive: true, force: true });
  }, 60_000);

  it('imports a return through gateway A and reads the new figures through gateway B, from the standby', async () => {
    const [a, b] = gateways as [Gateway, Gateway];
    // The published data load wrote a lot of WAL: let the standby replay all of it before reading there
    // (up to the primary's position now, however long a loaded machine takes; bounded at 5 minutes).
    const loaded = await b.replica!.primaryLsn();
    for (let i = 0; i < 1500; i++) {
      const [row] = await b
        .replica!.replica.rows<{ past: boolean }>(sql`SELECT pg_last_wal_replay_lsn() >= ${loaded}::pg_lsn AS past`)
        .catch(() => [] as { past: boolean }[]);
      if (row?.past && (await b.replica!.probe()).state === 'up') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const health = (await (await fetch(`${b.server.origin}/health`)).json()) as any;
    expect(health).toMatchObject({ status: 'ok', replica: { state: 'up' } });

    const before = await graphql(b.server.origin);
    expect(before.headers.get('x-read-from')).toBe('replica');
    expect(await points(before)).toEqual([]);

    const imported = await fetch(`${a.server.origin}/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: upload(),
    });
    expect(imported.status).toBe(201);
    expect(await imported.json()).toMatchObject({ status: 'accepted', councilCode: '886', collectionYear: 2025 });
    const lsn = imported.headers.get('x-commit-lsn');
    expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

    // Gateway B never saw the write: the client hands it the commit position, B waits for the standby
    // to replay past it and reads there.
    const after = await graphql(b.server.origin, { 'x-min-lsn': lsn! });
    expect(after.headers.get('x-read-from')).toBe('replica');
    expect(await points(after)).toEqual([{ period: 2025, numerator: 0, denominator: 1 }]);

    // Gateway A remembers the uploader's write by itself (read-your-writes without the header).
    const own = await graphql(a.server.origin);
    expect(await points(own)).toEqual([{ period: 2025, numerator: 0, denominator: 1 }]);

    // The standby's replay position is at or past the import's commit, and /health and /metrics say how far behind it is.
    const measured = await b.replica!.probe();
    expect(measured.state).toBe('up');
    const metrics = await b.server.metricsText();
    expect(metrics.body).toMatch(/^continuity_replica_up 1$/m);
    expect(metrics.body).toMatch(/^continuity_replica_lag_bytes \d+$/m);
    expect(metrics.body).toMatch(
      /continuity_graphql_operations_total\{operation="KentPlacements",type="query",read_from="replica",outcome="ok"\} 2/,
    );
    const importsOnA = await a.server.metricsText();
    expect(importsOnA.body).toMatch(/continuity_imports_total\{kind="ssda903",status="accepted"\} 1/);
  }, 400_000);

  it('sends a read carrying X-Min-Lsn past a lagging standby to the primary, and back to the standby once it has replayed', async () => {
    const [a, b] = gateways as [Gateway, Gateway];
    const standbyDb = b.replica!.replica;
    // Resuming replay may cancel the statement that asked for it (a conflict with the replayed cleanup):
    // ask again until the standby says it is not paused.
    const resumeReplay = async () => {
      for (let i = 0; i < 100; i++) {
        // A cancelled statement may also come back with no row: that is a retry too.
        const state = await standbyDb
          .rows<{ state: string }>(sql`SELECT pg_wal_replay_resume(), pg_get_wal_replay_pause_state() AS state`)
          .then(
            (rows) => rows[0]?.state ?? 'retry',
            () => 'retry',
          );
        if (state === 'not paused') return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the standby did not resume replaying');
    };
    const workers = async (response: Response) => ({
      readFrom: response.headers.get('x-read-from'),
      points: await points(response),
    });
    const before = [{ period: 2025, numerator: 0, denominator: 1 }];
    const after = [{ period: 2025, numerator: 1, denominator: 1 }];
    expect(await workers(await graphql(b.server.origin, {}, kentSocialWorkers))).toEqual({
      readFrom: 'replica',
      points: before,
    });

    // The standby stops replaying: it still answers, with what it had (a standby that fell behind).
    await standbyDb.rows(sql`SELECT pg_wal_replay_pause()`);
    try {
      const imported = await fetch(`${a.server.origin}/returns`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: upload(threeWorkers),
      });
      expect(imported.status).toBe(201);
      const lsn = imported.headers.get('x-commit-lsn')!;
      expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      // Without the header B reads the standby, which has not replayed the import: the figures from before it.
      expect(await workers(await graphql(b.server.origin, {}, kentSocialWorkers))).toEqual({
        readFrom: 'replica',
        points: before,
      });
      // With it, B waits for the standby (READ_YOUR_WRITES_WAIT_MS), which does not get there: the primary answers.
      expect(await workers(await graphql(b.server.origin, { 'x-min-lsn': lsn }, kentSocialWorkers))).toEqual({
        readFrom: 'primary',
        points: after,
      });
      await resumeReplay();
      // Replaying again, the standby passes the position (waited for here, however slow the machine): the same
      // read is answered there.
      for (let i = 0; i < 600; i++) {
        const [row] = await standbyDb
          .rows<{ past: boolean }>(sql`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS past`)
          .catch(() => [] as { past: boolean }[]);
        if (row?.past) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await workers(await graphql(b.server.origin, { 'x-min-lsn': lsn }, kentSocialWorkers))).toEqual({
        readFrom: 'replica',
        points: after,
      });
    } finally {
      await resumeReplay().catch(() => undefined);
    }
    // The first version back, so the return holds what the next test uploads again.
    const restored = await fetch(`${a.server.origin}/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: upload(),
    });
    expect(restored.status).toBe(201);
  }, 200_000);

  it('keeps answering with gateway A and the standby gone: retried requests land on B, which reads from the primary', async () => {
    const [a, b] = gateways as [Gateway, Gateway];
    const origins = [a.server.origin, b.server.origin];
    await a.stop();
    await standby!.stop('immediate');

    const answers = [];
    for (let i = 0; i < 5; i++) {
      const { response, tries } = await withRetry(origins, (origin) => graphql(origin));
      expect(response.status).toBe(200);
      answers.push({ points: await points(response), readFrom: response.headers.get('x-read-from'), tries });
    }
    for (const answer of answers) {
      expect(answer.points).toEqual([{ period: 2025, numerator: 0, denominator: 1 }]);
      expect(answer.readFrom).toBe('primary');
      // A is refused at once; B answers on the first try.
      expect(answer.tries).toBe(2);
    }
    const health = (await (await fetch(`${b.server.origin}/health`)).json()) as any;
    expect(health).toMatchObject({ status: 'ok', replica: { state: 'down' } });

    // A retried upload is not lost and not doubled: the same files again are "unchanged", pointing at the first.
    const { response } = await withRetry(origins, (origin) =>
      fetch(`${origin}/returns`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: upload() }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'unchanged', councilCode: '886' });
    const metrics = await b.server.metricsText();
    expect(metrics.body).toMatch(/^continuity_replica_up 0$/m);
  }, 200_000);
});
