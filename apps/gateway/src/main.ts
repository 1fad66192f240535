import { env } from './env';
import { startGateway } from './gateway';
import { createLogger, routeConsoleTo } from './observability/log';

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
  const gateway = await startGateway(config, { logger });

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
