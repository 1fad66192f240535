import { openDatabase } from '@continuity/db';
import { loadAll } from '@continuity/published';
import { ensureData } from './data';
import { env } from './env';
import { publishedFingerprint } from './fingerprint';
import { startServer } from './server';

/** Start-up: open (and migrate) the database, make sure the published data is in, serve. */
async function main(): Promise<void> {
  const config = env();
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  console.log(config.DATABASE_URL ? 'database: PostgreSQL' : `database: PGlite in ${config.DATA_DIR}`);

  const data = await ensureData(database, { fingerprint: () => publishedFingerprint(), load: loadAll });
  console.log(
    data.loaded
      ? `published data loaded in ${data.milliseconds} ms`
      : `published data up to date (checked in ${data.milliseconds} ms)`,
  );

  const server = await startServer({ database, port: config.PORT, host: config.HOST, nodeEnv: config.NODE_ENV });
  console.log(`continuity gateway ready at ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await server.stop();
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
