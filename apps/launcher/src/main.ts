import { ConfigValidationError, loadConfig, PinoLogger } from '@sluice/config';
import { PreflightError } from './preflight';
import { startPlatform } from './platform';

/** `npm start`: every app named in SERVICES (default all) in this process. */
async function main() {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = new PinoLogger(cfg.logLevel, 'sluice');
  try {
    const platform = await startPlatform(cfg, logger);
    const where = platform.url ? ` — API at ${platform.url} (Service API ${platform.url}/v1, console ${platform.url}/console/api)` : ` — health on :${cfg.healthPort}/health`;
    // Said on stdout whatever LOG_LEVEL is: this is the line a person starting Sluice waits for.
    console.log(`Sluice started: ${cfg.services.join(', ')}${where}`);
    if (platform.url) console.log(`Sluice is running at ${platform.url}`);
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.log(`${signal} received, shutting down`);
      const force = setTimeout(() => process.exit(1), 55_000);
      force.unref();
      platform.stop().then(() => process.exit(0), () => process.exit(1));
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
