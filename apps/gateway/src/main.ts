import { loadOrCreateSecretFile } from '@continuity/access';
import { openDatabase } from '@continuity/db';
import { seedDemoContracts } from '@continuity/payments';
import { loadAll } from '@continuity/published';
import { createWorkerReader, seedDemoReturns } from '@continuity/returns';
import { keyStoreFor } from './auth/authenticate';
import { upsertDemoDirectory } from './auth/demo';
import { ensureData } from './data';
import { env } from './env';
import { publishedFingerprint } from './fingerprint';
import { createReturnsHandler } from './returns/route';
import { startServer } from './server';

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

  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  console.log(config.DATABASE_URL ? 'database: PostgreSQL' : `database: PGlite in ${config.DATA_DIR}`);

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
    corsOrigins: config.corsOrigins,
    rateLimits: config.rateLimits,
    // Uploads: the server's own token check (signature and directory); the handler scopes each return
    // to the viewer's organisation.
    routes: { '/returns': createReturnsHandler({ database, reader }) },
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
    await server.stop();
    await reader.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
