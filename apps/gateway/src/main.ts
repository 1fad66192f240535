import { openDatabase } from '@continuity/db';
import { seedDemoContracts } from '@continuity/payments';
import { createWorkerReader, seedDemoReturns } from '@continuity/returns';
import { authenticator, keyStoreFor } from './auth/authenticate';
import { upsertDemoDirectory } from './auth/demo';
import { env } from './env';
import { createReturnsHandler } from './returns/route';
import { startServer } from './server';
import { preparePublishedData } from './startup-data';

/**
 * Start-up: read the configuration (env.ts), the token keys and the pseudonym secret, open (and
 * migrate) the database, make sure the reference and published data are in (preparePublishedData, which
 * the import command runs too), write the demo directory, serve.
 */
async function main(): Promise<void> {
  const config = env();
  const keyStore = await keyStoreFor(config.auth);
  console.log(
    keyStore.mode === 'local'
      ? `sign-in: local key ${config.auth.mode === 'local' ? config.auth.localKeyFile : ''} (issuer ${keyStore.issuer}, audience ${keyStore.audience})`
      : `sign-in: identity provider keys (issuer ${keyStore.issuer}, audience ${keyStore.audience})`,
  );
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  console.log(config.DATABASE_URL ? 'database: PostgreSQL' : `database: PGlite in ${config.DATA_DIR}`);

  const data = await preparePublishedData(database, config);
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
