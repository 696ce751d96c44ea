import Redis from 'ioredis';
import { SluiceConfig } from '@sluice/config';
import { DatabaseUnavailableError, prepareDatabase } from '@sluice/database';

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

export async function preflight(cfg: SluiceConfig): Promise<string[]> {
  await checkRedis(cfg.redisUrl);
  try {
    return await prepareDatabase(cfg.databaseUrl);
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw new PreflightError(`${err.message}\n  ${err.hint}`);
    throw err;
  }
}
