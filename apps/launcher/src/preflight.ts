import { LoggerService } from '@nestjs/common';
import Redis from 'ioredis';
import { SluiceConfig } from '@sluice/config';
import { DatabaseUnavailableError, hasPendingMigrations, prepareDatabase } from '@sluice/database';

/** A dependency is down at start: said plainly, with how to start it, instead of a stack trace. */
export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightError';
  }
}

export async function checkRedis(url: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } catch (err) {
    throw new PreflightError(
      `Redis is not reachable at ${url}: ${(err as Error).message}\n` +
        '  Start it (e.g. `redis-server --daemonize yes`, `brew services start redis`, or `docker compose up -d redis`) or set REDIS_URL.',
    );
  } finally {
    r.disconnect();
  }
}

const MIGRATION_POLL_MS = 2000;

/**
 * With MIGRATION_ENABLED=false (Kubernetes: the migrate Job owns the schema) a pod whose image is
 * newer than the schema waits for the Job instead of running against missing tables.
 */
async function waitForMigrations(cfg: SluiceConfig, log: LoggerService, maxWaitMs: number): Promise<void> {
  const until = Date.now() + maxWaitMs;
  let said = false;
  while (await hasPendingMigrations(cfg.databaseUrl)) {
    if (!said) {
      log.warn('The database schema is behind this version: waiting for migrations (run `npm run migrate`, or the sluice-migrate Job).', 'Launcher');
      said = true;
    }
    if (Date.now() > until) {
      throw new PreflightError(
        'The database schema is behind this version and no migration ran in time. Run `npm run migrate` (or the sluice-migrate Job), or start with MIGRATION_ENABLED=true.',
      );
    }
    await new Promise((r) => setTimeout(r, MIGRATION_POLL_MS));
  }
}

export async function preflight(cfg: SluiceConfig, log: LoggerService, migrationWaitMs = 10 * 60_000): Promise<string[]> {
  await checkRedis(cfg.redisUrl);
  try {
    if (cfg.migrationEnabled) return await prepareDatabase(cfg.databaseUrl);
    await waitForMigrations(cfg, log, migrationWaitMs);
    return [];
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw new PreflightError(`${err.message}\n  ${err.hint}`);
    throw err;
  }
}
