import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { RedisClient } from '../common/redis-client';

type Check = { status: 'up' | 'down'; latency_ms?: number; error?: string };

async function probe(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<Check> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    return { status: 'up', latency_ms: Math.round((performance.now() - t0) * 100) / 100 };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(private readonly db: ApiKeyRepository, private readonly r: RedisClient) {}

  async check() {
    const [postgres, redis] = await Promise.all([probe(() => this.db.ping()), probe(() => this.r.redis.ping())]);
    const down = Object.entries({ postgres, redis }).filter(([, c]) => c.status === 'down').map(([k]) => k);
    return {
      httpStatus: down.length ? 503 : 200,
      body: {
        status: down.length ? 'unavailable' : 'ok',
        ...(down.length ? { message: `unavailable: ${down.join(', ')}` } : {}),
        checks: { postgres, redis },
        uptime_s: Math.round(process.uptime()),
      },
    };
  }
}
