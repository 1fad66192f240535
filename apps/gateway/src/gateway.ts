import { createServer, type Server } from 'node:http';
import { createReplicaRouting, openDatabase, type Database, type ReplicaRouting } from '@continuity/db';
import { seedDemoContracts } from '@continuity/payments';
import { createWorkerReader, seedDemoReturns } from '@continuity/returns';
import { keyStoreFor } from './auth/authenticate';
import { upsertDemoDirectory } from './auth/demo';
import type { Env } from './env';
import { createLogger, type Logger } from './observability/log';
import { GatewayMetrics } from './observability/metrics';
import { RecentWrites } from './reads/recent-writes';
import { deadDatabaseMessage, EXIT_EMBEDDED_DEAD, watchEmbeddedDatabase, watchEventLoop } from './embedded-watchdog';
import { lockDataDir } from './returns/data-dir-lock';
import { loadStaticSite } from './http/static-site';
import { createReturnsHandler } from './returns/route';
import { startServer, type RunningServer } from './server';
import { loadServerSecret, preparePublishedData } from './startup-data';

export interface Gateway {
  server: RunningServer;
  /** The separate /metrics listener (METRICS_PORT), if any. */
  metricsUrl: string | undefined;
  database: Database;
  replica: ReplicaRouting | undefined;
  /** When the demo returns and contracts are in (resolves at once when there are none). */
  demoSeeded: Promise<void>;
  /** Graceful: stop accepting, finish requests in flight (SHUTDOWN_GRACE_MS), stop readers, close the databases. */
  stop(): Promise<void>;
}

/**
 * One gateway from its configuration: the token keys and pseudonym secret, the database (migrated;
 * and the standby, when DATABASE_READ_URL is set), the published data, the demo directory, the HTTP
 * server and, when asked for, its metrics listener. main.ts runs one per process; the replica test runs
 * two in one process, each with its own Env.
 */
export async function startGateway(config: Env, options: { logger?: Logger } = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const keyStore = await keyStoreFor(config.auth);
  logger.info(
    keyStore.mode === 'local'
      ? `sign-in: local key ${config.auth.mode === 'local' ? config.auth.localKeyFile : ''} (issuer ${keyStore.issuer}, audience ${keyStore.audience})`
      : `sign-in: identity provider keys (issuer ${keyStore.issuer}, audience ${keyStore.audience})`,
  );
  // PGlite is single-process: a second gateway (or the import CLI) on the same folder would answer the same
  // submission ids and lose acknowledged uploads (issue 12). Take the folder's lock first (DataDirBusyError
  // otherwise: main.ts exits with EXIT_DATA_DIR_BUSY).
  const dataDirLock = config.DATABASE_URL ? undefined : lockDataDir(config.DATA_DIR, `gateway on port ${config.PORT}`);
  if (dataDirLock) process.on('exit', () => dataDirLock.release());
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL, guards: config.databaseGuards } : { dataDir: config.DATA_DIR },
  );
  logger.info(config.DATABASE_URL ? 'database: PostgreSQL' : `database: PGlite in ${config.DATA_DIR}`);
  // The embedded database cannot restart itself after a fault (a full disk): exit for the supervisor to restart us.
  const watching = !config.DATABASE_URL && config.embeddedWatchdogMs > 0;
  const stopProbes = watching
    ? watchEmbeddedDatabase(database, {
        timeoutMs: config.embeddedWatchdogMs,
        onDead: (reason) => {
          logger.fatal(deadDatabaseMessage(config.DATA_DIR, reason));
          process.exit(EXIT_EMBEDDED_DEAD);
        },
      })
    : () => {};
  // PGlite runs in this thread: stuck in it, no probe's timer fires; a worker thread watches for that.
  const stopLoopWatch = watching
    ? watchEventLoop(config.embeddedWatchdogMs, (r) =>
        deadDatabaseMessage(config.DATA_DIR, r, 'Killing the process (SIGKILL: its main thread is stuck)'),
      )
    : () => {};
  // The standby is read-only and replays the primary's migrations: never migrate it.
  const replicaDatabase = config.readReplica
    ? await openDatabase({ url: config.readReplica.url, migrate: false, guards: config.databaseGuards })
    : undefined;
  const replica = replicaDatabase
    ? createReplicaRouting({
        primary: database,
        replica: replicaDatabase,
        maxLagBytes: config.readReplica!.maxLagBytes,
        waitMs: config.readReplica!.readYourWritesWaitMs,
        probeIntervalMs: config.readReplica!.probeIntervalMs,
      })
    : undefined;
  if (replica) {
    const status = await replica.probe();
    logger.info({ replica: status }, `read replica: ${status.state}`);
  }

  // The import command runs the same preparation, so either can be the first to touch a fresh database.
  const data = await preparePublishedData(database, config);
  logger.info(
    data.loaded
      ? `published data loaded in ${data.milliseconds} ms`
      : `published data up to date (checked in ${data.milliseconds} ms)`,
  );
  const hashed = Object.values(data.registrationsHashed).reduce((a, b) => a + b, 0);
  if (hashed > 0)
    logger.info(
      { rows: data.registrationsHashed },
      `registration numbers stored before hashing: ${hashed} rows hashed`,
    );
  if (data.findingsWithheld > 0)
    logger.info(`registration numbers withheld from the findings of ${data.findingsWithheld} earlier submissions`);
  const registrationSecret = await loadServerSecret(config);

  const demo = config.demoSignIn ? await upsertDemoDirectory(database) : undefined;
  if (demo && keyStore.mode !== 'local')
    logger.warn('DEMO_SIGN_IN needs the local key: demo sign-in is off with AUTH_JWKS_URL');
  if (demo && config.NODE_ENV === 'production')
    logger.warn('DEMO_SIGN_IN=true in production: anyone can sign in as a demo user');

  const metrics = new GatewayMetrics();
  const recentWrites = new RecentWrites();
  // Uploads are read in worker threads (started on the first upload), so the event loop keeps answering.
  const reader = createWorkerReader();
  const site = config.dashboardDist ? await loadStaticSite(config.dashboardDist) : undefined;
  if (site) logger.info(`serving the dashboard from ${config.dashboardDist} (${site.files} files)`);
  const server = await startServer({
    database,
    site,
    readReplica: replica ? { routing: replica, recentWrites } : undefined,
    logger,
    metrics,
    metricsAccess: config.metrics.mode === 'port' ? { mode: 'off' } : config.metrics,
    shutdownGraceMs: config.shutdownGraceMs,
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
    // Uploads: the server's own token check (signature and directory); the handler scopes each return to the
    // viewer's organisation. Imports write to the primary; the uploader's next reads see them (X-Commit-Lsn).
    routes: {
      '/returns': createReturnsHandler({
        database,
        registrationSecret,
        limits: config.uploadLimits,
        ...(config.issueLimits ? { issueLimits: config.issueLimits } : {}),
        reader,
        onImported: async (viewer, result, seconds) => {
          metrics.recordImport(result, seconds);
          logger.info(
            {
              kind: result.kind,
              status: result.status,
              councilCode: result.councilCode,
              submissionId: result.submissionId,
              seconds,
            },
            'return imported',
          );
          if (!replica) return;
          const lsn = await replica.primaryLsn();
          recentWrites.record(viewer.userId, lsn);
          return { 'x-commit-lsn': lsn };
        },
      }),
    },
  });
  logger.info(`continuity gateway ready at ${server.url}`);
  if (demo && keyStore.signing) logger.info(`demo sign-in: ${server.origin}/auth/demo-users (${demo.length} users)`);

  let metricsServer: Server | undefined;
  let metricsUrl: string | undefined;
  if (config.metrics.mode === 'port') {
    metricsServer = createServer((req, res) => {
      if ((req.url ?? '/').split('?')[0] !== '/metrics') {
        res.statusCode = 404;
        return void res.end();
      }
      server.metricsText().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType });
          res.end(body);
        },
        () => {
          res.statusCode = 500;
          res.end();
        },
      );
    });
    const port = config.metrics.port;
    await new Promise<void>((resolve, reject) => {
      metricsServer!.once('error', reject);
      metricsServer!.listen(port, config.HOST, () => resolve());
    });
    metricsUrl = `http://${config.HOST ?? 'localhost'}:${(metricsServer.address() as { port: number }).port}/metrics`;
    logger.info(`metrics at ${metricsUrl}`);
  }

  // Demo returns after listening, so the server is up at once; on PostgreSQL requests are served while
  // they import, on PGlite (one connection) they queue behind each import. First start only: seeded
  // returns are skipped after that.
  const demoSeeded = !config.demoReturns
    ? Promise.resolve()
    : seedDemoReturns(database, {
        registrationSecret,
        onProgress: (p) => {
          if (p.done === p.total || p.done % 20 === 0) logger.info(`demo returns ${p.done}/${p.total}: ${p.message}`);
        },
      }).then(
        (s) => {
          logger.info(
            `demo returns: ${s.accepted} imported, ${s.skipped} already there (${Math.round(s.milliseconds / 1000)} s)`,
          );
          // Demo contracts once the returns are in, so their statements have figures; never fatal.
          return seedDemoContracts(database, { years: s.years, issuePastYears: true }).then(
            (c) =>
              logger.info(
                `demo contracts: ${c.created} created, ${c.skipped} already there, ${c.issued ?? 0} past statements issued`,
              ),
            (error: unknown) => logger.error({ err: error }, 'demo contracts failed'),
          );
        },
        (error: unknown) => logger.error({ err: error }, 'demo returns failed'),
      );

  let stopped: Promise<void> | undefined;
  return {
    server,
    metricsUrl,
    database,
    replica,
    demoSeeded,
    stop: () =>
      (stopped ??= (async () => {
        stopProbes();
        stopLoopWatch();
        await server.stop();
        if (metricsServer) await new Promise((resolve) => metricsServer!.close(resolve));
        replica?.stop();
        await reader.close();
        await replicaDatabase?.close();
        await database.close();
        dataDirLock?.release();
      })()),
  };
}
