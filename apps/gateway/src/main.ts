import { loadOrCreateSecretFile } from '@continuity/access';
import { openDatabase } from '@continuity/db';
import { seedDemoContracts } from '@continuity/payments';
import { loadAll } from '@continuity/published';
import { createWorkerReader, seedDemoReturns } from '@continuity/returns';
import { authenticator, keyStoreFor } from './auth/authenticate';
import { upsertDemoDirectory } from './auth/demo';
import { ensureData } from './data';
import { deadDatabaseMessage, EXIT_EMBEDDED_DEAD, watchEmbeddedDatabase, watchEventLoop } from './embedded-watchdog';
import { env } from './env';
import { publishedFingerprint } from './fingerprint';
import { DataDirBusyError, lockDataDir } from './returns/data-dir-lock';
import { createReturnsHandler } from './returns/route';
import { startServer } from './server';

/** The exit code of a gateway refused the PGlite folder because another process holds it. */
const EXIT_DATA_DIR_BUSY = 73;

/**
 * Start-up: read the configuration (env.ts), the token keys and the pseudonym secret, open (and
 * migrate) the database, make sure the published data is in, write the demo directory, serve.
 */
async function main(): Promise<void> {
  const config = env();
  const keyStore = await keyStoreFor(config.auth);
  console.log(
    keyStore.mode === 'local'
      ? `sign-in: local key ${config.auth.mode === 'local' ? config.auth.localKeyFile : ''} (issuer ${keyStore.issuer}, audience ${keyStore.audience})`
      : `sign-in: identity provider keys (issuer ${keyStore.issuer}, audience ${keyStore.audience})`,
  );
  const pseudonymSecret =
    'value' in config.pseudonymSecret ? config.pseudonymSecret.value : await loadOrCreateSecretFile(config.pseudonymSecret.file);

  // PGlite is single-process: a second gateway (or the import CLI) on the same folder would answer the same
  // submission ids and lose acknowledged uploads (issue 12). Take the folder's lock first, or stop here.
  let dataDirLock: { release(): void } | undefined;
  if (!config.DATABASE_URL) {
    try {
      dataDirLock = lockDataDir(config.DATA_DIR, `gateway on port ${config.PORT}`);
    } catch (error) {
      if (error instanceof DataDirBusyError) {
        console.error(error.message);
        process.exit(EXIT_DATA_DIR_BUSY);
      }
      throw error;
    }
    process.on('exit', () => dataDirLock?.release());
  }
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL, guards: config.databaseGuards } : { dataDir: config.DATA_DIR },
  );
  console.log(config.DATABASE_URL ? 'database: PostgreSQL' : `database: PGlite in ${config.DATA_DIR}`);
  // The embedded database cannot restart itself after a fault (a full disk): exit for the supervisor to restart us.
  const watching = !config.DATABASE_URL && config.embeddedWatchdogMs > 0;
  const stopProbes = watching
    ? watchEmbeddedDatabase(database, {
        timeoutMs: config.embeddedWatchdogMs,
        onDead: (reason) => {
          console.error(deadDatabaseMessage(config.DATA_DIR, reason));
          process.exit(EXIT_EMBEDDED_DEAD);
        },
      })
    : () => {};
  // PGlite runs in this thread: stuck in it, no probe's timer fires; a worker thread watches for that.
  const stopLoopWatch = watching ? watchEventLoop(config.embeddedWatchdogMs, (r) => deadDatabaseMessage(config.DATA_DIR, r, 'Killing the process (SIGKILL: its main thread is stuck)')) : () => {};
  const stopWatchdog = () => {
    stopProbes();
    stopLoopWatch();
  };

  const data = await ensureData(database, {
    fingerprint: () => publishedFingerprint(),
    load: (db) => loadAll(db, { pseudonymSecret }),
  });
  console.log(
    data.loaded
      ? `published data loaded in ${data.milliseconds} ms`
      : `published data up to date (checked in ${data.milliseconds} ms)`,
  );

  const demo = config.demoSignIn ? await upsertDemoDirectory(database) : undefined;
  if (demo && keyStore.mode !== 'local') console.warn('DEMO_SIGN_IN needs the local key: demo sign-in is off with AUTH_JWKS_URL');
  if (demo && config.NODE_ENV === 'production') console.warn('DEMO_SIGN_IN=true in production: anyone can sign in as a demo user');

  // Uploads are read in worker threads (started on the first upload), so the event loop keeps answering.
  const reader = createWorkerReader();
  const server = await startServer({
    database,
    port: config.PORT,
    host: config.HOST,
    nodeEnv: config.NODE_ENV,
    keyStore,
    demoSignIn: demo && { users: demo, tokenSeconds: config.demoTokenSeconds },
    limits: config.limits,
    bodyLimit: config.bodyLimitBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    // Uploads: the same token check; the handler scopes each return to the viewer's organisation.
    routes: { '/returns': createReturnsHandler({ database, authenticate: authenticator(keyStore), reader }) },
  });
  console.log(`continuity gateway ready at ${server.url}`);
  if (demo && keyStore.signing) console.log(`demo sign-in: ${server.origin}/auth/demo-users (${demo.length} users)`);

  // Demo returns after listening, so the server is up at once; on PostgreSQL requests are served while
  // they import, on PGlite (one connection) they queue behind each import. First start only: seeded
  // returns are skipped after that.
  if (config.demoReturns) {
    void seedDemoReturns(database, {
      onProgress: (p) => {
        if (p.done === p.total || p.done % 20 === 0) console.log(`demo returns ${p.done}/${p.total}: ${p.message}`);
      },
    }).then(
      (s) => {
        console.log(`demo returns: ${s.accepted} imported, ${s.skipped} already there (${Math.round(s.milliseconds / 1000)} s)`);
        // Demo contracts once the returns are in, so their statements have figures; never fatal.
        return seedDemoContracts(database, { years: s.years }).then(
          (c) => console.log(`demo contracts: ${c.created} created, ${c.skipped} already there`),
          (error: unknown) => console.error('demo contracts failed:', error),
        );
      },
      (error: unknown) => console.error('demo returns failed:', error),
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    stopWatchdog();
    await server.stop();
    await reader.close();
    await database.close();
    dataDirLock?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
