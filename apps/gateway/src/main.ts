import { env } from './env';
import { startGateway } from './gateway';
import { createLogger, routeConsoleTo } from './observability/log';
import { DataDirBusyError } from './returns/data-dir-lock';

/** The exit code of a gateway refused the PGlite folder because another process holds it. */
const EXIT_DATA_DIR_BUSY = 73;

/**
 * Start-up: read the configuration (env.ts), then one gateway (gateway.ts). SIGTERM / SIGINT stop it
 * gracefully: /health answers 503, no new connections, requests in flight finish (SHUTDOWN_GRACE_MS),
 * then the readers and the databases close.
 */
async function main(): Promise<void> {
  const config = env();
  const logger = createLogger(config.logLevel);
  // The packages' console lines become JSON lines too, with the request id when inside a request.
  routeConsoleTo(logger);
  let gateway;
  try {
    gateway = await startGateway(config, { logger });
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      logger.fatal(error.message);
      process.exit(EXIT_DATA_DIR_BUSY);
    }
    throw error;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: draining requests, then stopping`);
    try {
      await gateway.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'stop failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
