import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, submissionFiles, submissions, type Database } from '@continuity/db';
import { openTestDatabase, TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import { subjectLock, subjectLockKey } from '@continuity/indicators';
import { CLEAN, checkIntegrity, generateSsda903, writeSsda903Csv } from '@continuity/returns';
import type { Viewer } from '@continuity/schema';
import { seedFixture } from '@continuity/schema/testing';
import { createReturnsHandler } from './route';

/*
 * Issue 12: an upload whose database connection died mid-transaction crashed the gateway, or, when it lived,
 * left no trace (no rejected submission, no audit row). Here the import's own backend is terminated while it
 * waits inside its transaction (for a council lock this test holds from another connection, so the moment
 * is exact): the process lives, the upload is answered 503 with Retry-After, and it is recorded as a
 * rejected submission (rule CONT-STORE) with its files and its audit row; the next upload is accepted.
 * PostgreSQL only: PGlite has no backend to terminate.
 */
const TRIALS = 5;

const kent: Viewer = {
  userId: 'kent-officer',
  name: 'Kent',
  role: 'council',
  organisation: { kind: 'council', id: '886' },
};
const authenticate = async (req: IncomingMessage) => (req.headers.authorization === 'Bearer kent' ? kent : null);

function form(files: { name: string; bytes: Uint8Array }[]): FormData {
  const body = new FormData();
  body.append('councilCode', '886');
  body.append('collectionYear', '2025');
  body.append('kind', 'ssda903');
  for (const f of files) body.append('files', new Blob([f.bytes]), f.name);
  return body;
}
const upload = (url: string, files: { name: string; bytes: Uint8Array }[]) =>
  fetch(url, { method: 'POST', headers: { authorization: 'Bearer kent' }, body: form(files) });

describe.runIf(process.env.DATABASE_URL)('POST /returns when the database connection dies, on postgres', () => {
  let database: Database;
  let server: Server;
  let url: string;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedFixture(database);
    const handle = createReturnsHandler({ database, registrationSecret: TEST_REGISTRATION_SECRET, authenticate });
    server = createServer((req, res) => {
      handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/returns`;
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await new Promise((r) => server?.close(r));
    await database?.close();
  });

  it(`${TRIALS} uploads whose backend is terminated: 503, recorded as rejected with files and audit; then one accepted`, async () => {
    if (database.raw.engine !== 'postgres') throw new Error('postgres only');
    const raw = database.raw.sql;
    const [space, key] = subjectLockKey(subjectLock.council('886'));
    // The fixture's hand-worked practice figures have no submission behind them: they count as stale from the start.
    const before = await checkIntegrity(database);
    expect({ ...before, staleFigures: 0 }).toEqual(CLEAN);
    for (let trial = 0; trial < TRIALS; trial++) {
      const files = writeSsda903Csv(
        generateSsda903({ seed: `terminated-${trial}`, councilCode: '886', collectionYear: 2025, children: 20 }),
      );
      const holder = await raw.reserve();
      try {
        await holder`BEGIN`;
        await holder`SELECT pg_advisory_xact_lock(${space}::int, ${key}::int)`;
        const response = upload(url, files);
        // The import's backend, waiting for the council's lock inside its transaction (bounded wait).
        let pid: number | null = null;
        for (let i = 0; i < 400 && pid === null; i++) {
          const [row] = await holder`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
            AND classid = ${space}::int::oid AND objid = ${key}::int::oid AND pid <> pg_backend_pid()`;
          pid = row ? Number(row.pid) : null;
          if (pid === null) await new Promise((r) => setTimeout(r, 25));
        }
        expect(pid).not.toBeNull();
        await holder`SELECT pg_terminate_backend(${pid!})`;
        await holder`ROLLBACK`;
        const answer = await response;
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('30');
        const body = (await answer.json()) as { status: string; submissionId: number; errors: { rule: string }[] };
        expect(body.status).toBe('rejected');
        expect(body.errors.map((e) => e.rule)).toEqual(['CONT-STORE']);

        const [stored] = await database.db.select().from(submissions).where(eq(submissions.id, body.submissionId));
        expect(stored).toMatchObject({ status: 'rejected', councilCode: '886', submittedBy: 'kent-officer' });
        const kept = await database.db
          .select()
          .from(submissionFiles)
          .where(eq(submissionFiles.submissionId, body.submissionId));
        expect(kept.map((f) => f.name).sort()).toEqual(files.map((f) => f.name).sort());
        const audit = await database.db.select().from(auditLog).where(eq(auditLog.submissionId, body.submissionId));
        expect(audit.map((a) => (a.detail as { status: string }).status)).toEqual(['rejected']);
      } finally {
        holder.release();
      }
    }
    const [accepted] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM submissions WHERE status = 'accepted'`,
    );
    expect(accepted!.n).toBe(0);

    const files = writeSsda903Csv(
      generateSsda903({ seed: 'after', councilCode: '886', collectionYear: 2025, children: 20 }),
    );
    const answer = await upload(url, files);
    expect(answer.status).toBe(201);
    expect(await checkIntegrity(database)).toEqual(before);
    expect(uncaught).toEqual([]);
  });
});
