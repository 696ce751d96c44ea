import { createServer, Server } from 'node:http';
import Redis from 'ioredis';
import { Client } from 'pg';
import { SluiceConfig } from '@sluice/config';

/**
 * `/health` for processes that run no gateway (Kubernetes probes on HEALTH_PORT):
 * 200 when PostgreSQL and Redis answer, 503 naming what is down otherwise.
 */
export async function startHealthServer(cfg: SluiceConfig, services: string[]): Promise<Server> {
  const redis = new Redis(cfg.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const check = async (fn: () => Promise<unknown>) => {
    try {
      await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 2000).unref())]);
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', error: (err as Error).message };
    }
  };
  const server = createServer(async (req, res) => {
    if (req.url !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'not_found', message: 'Not found.', status: 404 }));
      return;
    }
    const [postgres, redisState] = await Promise.all([
      check(async () => {
        const c = new Client({ connectionString: cfg.databaseUrl, connectionTimeoutMillis: 2000 });
        await c.connect();
        try {
          await c.query('SELECT 1');
        } finally {
          await c.end();
        }
      }),
      check(() => redis.ping()),
    ]);
    const down = Object.entries({ postgres, redis: redisState }).filter(([, v]) => v.status === 'down').map(([k]) => k);
    res.writeHead(down.length ? 503 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: down.length ? 'unavailable' : 'ok', services, checks: { postgres, redis: redisState } }));
  });
  server.on('close', () => redis.disconnect());
  await new Promise<void>((resolve) => server.listen(cfg.healthPort, cfg.host, resolve));
  return server;
}
