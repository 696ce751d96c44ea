import { ConfigValidationError, PinoLogger, SluiceConfig, configSecrets, loadConfig } from '@sluice/config';
import { initTracing, shutdownTracing } from '@sluice/observability';

/** `npm start`: every app named in SERVICES (default all) in this process. */
async function main() {
  let cfg: SluiceConfig;
  try {
    cfg = loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // Before anything loads pg, ioredis or opens a server, so the instrumentations see them.
  initTracing({ endpoint: cfg.otel.endpoint, serviceName: cfg.otel.serviceName, services: cfg.services });
  const { PreflightError } = require('./preflight') as typeof import('./preflight');
  const { startPlatform } = require('./platform') as typeof import('./platform');
  const logger = new PinoLogger(cfg.logLevel, 'sluice', configSecrets(cfg));
  try {
    const platform = await startPlatform(cfg, logger);
    const where = platform.url
      ? ` — API at ${platform.url} (Service API ${platform.url}/v1, console ${platform.url}/console/api)`
      : ` — health on ${platform.healthUrl}/health`;
    // Said on stdout whatever LOG_LEVEL is: this is the line a person starting Sluice waits for.
    console.log(`Sluice started: ${cfg.services.join(', ')}${where}`);
    if (platform.url) console.log(`Sluice is running at ${platform.url}`);
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.log(`${signal} received: finishing running requests, streams and jobs (at most ${cfg.shutdownTimeoutSeconds} s)`, 'Launcher');
      const force = setTimeout(() => {
        logger.warn(`still busy after ${cfg.shutdownTimeoutSeconds} s, exiting anyway`, 'Launcher');
        process.exit(1);
      }, cfg.shutdownTimeoutSeconds * 1000);
      force.unref();
      platform
        .stop()
        // the last spans (the drained requests') are flushed before the process goes
        .then(() => shutdownTracing())
        .then(
          () => {
            logger.log('stopped', 'Launcher');
            process.exit(0);
          },
          () => process.exit(1),
        );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  } catch (err) {
    if (err instanceof PreflightError) {
      console.error(`Sluice cannot start: ${err.message}`);
      process.exit(1);
    }
    logger.error(`Sluice failed to start: ${(err as Error)?.stack ?? err}`);
    process.exit(1);
  }
}

void main();
