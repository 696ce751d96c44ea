import type Redis from 'ioredis';
import type { Pool } from 'pg';

export type CheckResult = { status: 'up' | 'down'; latency_ms?: number; error?: string };
type Check = () => Promise<unknown> | unknown;

/**
 * Readiness checks that apps add for what only they know (the ingest worker: its BullMQ workers;
 * the transport: its consumer loop). Process-wide, because one process may run several apps.
 */
const extraChecks = new Map<string, Check>();

/** Adds a named readiness check; the returned function removes it (call it on shutdown). */
export function addReadinessCheck(name: string, check: Check): () => void {
  extraChecks.set(name, check);
  return () => {
    if (extraChecks.get(name) === check) extraChecks.delete(name);
  };
}

async function probe(fn: Check, timeoutMs: number): Promise<CheckResult> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(fn),
      new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { status: 'up', latency_ms: Math.round((performance.now() - t0) * 100) / 100 };
  } catch (err) {
    return { status: 'down', error: (err as Error)?.message ?? String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Loop lag seen by a 500 ms timer, worst of the last few ticks: liveness' "is the event loop turning". */
class LoopLag {
  private worst = 0;
  private last = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly recent: number[] = [];

  constructor() {
    this.timer = setInterval(() => {
      const now = performance.now();
      this.recent.push(Math.max(0, now - this.last - 500));
      if (this.recent.length > 10) this.recent.shift();
      this.worst = Math.max(...this.recent);
      this.last = now;
    }, 500);
    this.timer.unref();
  }
  get ms() {
    return Math.round(this.worst);
  }
  stop() {
    clearInterval(this.timer);
  }
}

export interface HealthCheckerOptions {
  databaseUrl: string;
  redisUrl: string;
  services: string[];
  /** liveness fails when the loop lagged this long (a blocked loop answers nothing at all anyway) */
  maxLoopLagMs?: number;
  timeoutMs?: number;
}

/**
 * The one implementation of Sluice's probes, served by every process on HEALTH_PORT and by the
 * gateway on its API port:
 * - liveness: the process and its event loop work; no dependency is asked, so a database outage
 *   makes pods unready, never restarts them;
 * - readiness: PostgreSQL, Redis and the app-specific checks answer, and the process is not
 *   shutting down;
 * - health: readiness with details, for humans.
 */
export class HealthChecker {
  private pool?: Pool;
  private redis?: Redis;
  private lagMonitor?: LoopLag;
  private shuttingDown = false;

  constructor(private readonly opts: HealthCheckerOptions) {
    this.lagMonitor = new LoopLag();
  }

  /** From now on readiness is 503, so load balancers stop sending work while running work drains. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  liveness(): { httpStatus: number; body: Record<string, unknown> } {
    this.lagMonitor ??= new LoopLag();
    const lag = this.lagMonitor.ms;
    const ok = lag < (this.opts.maxLoopLagMs ?? 10_000);
    return { httpStatus: ok ? 200 : 503, body: { status: ok ? 'ok' : 'unavailable', event_loop_lag_ms: lag, uptime_s: Math.round(process.uptime()) } };
  }

  async readiness(): Promise<{ httpStatus: number; body: { status: string; message?: string; checks: Record<string, CheckResult> } }> {
    const timeout = this.opts.timeoutMs ?? 2000;
    const named: [string, Check][] = [['postgres', () => this.db().query('SELECT 1')], ['redis', () => this.pingRedis()], ...extraChecks.entries()];
    const results = await Promise.all(named.map(async ([n, c]) => [n, await probe(c, timeout)] as const));
    const checks = Object.fromEntries(results);
    const down = results.filter(([, r]) => r.status === 'down').map(([n]) => n);
    if (this.shuttingDown) down.unshift('shutting down');
    return {
      httpStatus: down.length ? 503 : 200,
      body: { status: down.length ? 'unavailable' : 'ok', ...(down.length ? { message: `unavailable: ${down.join(', ')}` } : {}), checks },
    };
  }

  async health() {
    const r = await this.readiness();
    return { httpStatus: r.httpStatus, body: { ...r.body, services: this.opts.services, uptime_s: Math.round(process.uptime()) } };
  }

  async close(): Promise<void> {
    if (current === this) current = undefined;
    // Reusable afterwards (connections are made again on demand): tests start several platforms per process.
    this.lagMonitor?.stop();
    this.lagMonitor = undefined;
    this.redis?.disconnect();
    this.redis = undefined;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end().catch(() => undefined);
  }

  // pg and ioredis are loaded on first use so that tracing, started first, can instrument them.
  private db(): Pool {
    if (!this.pool) {
      const { Pool: PgPool } = require('pg') as typeof import('pg');
      this.pool = new PgPool({ connectionString: this.opts.databaseUrl, max: 1, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30_000 });
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }

  private async pingRedis(): Promise<unknown> {
    if (!this.redis) {
      const IORedis = require('ioredis') as typeof import('ioredis').default;
      // No offline queue: while Redis is down a ping fails at once instead of waiting for a reconnect.
      this.redis = new IORedis(this.opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
      this.redis.on('error', () => undefined);
    }
    const r = this.redis;
    if (r.status === 'wait') r.connect().catch(() => undefined);
    // Several probes can arrive while the first connect is still under way: they wait for it (briefly)
    // rather than fail on the closed offline queue, so a healthy Redis never reads as down.
    if (r.status === 'connecting' || r.status === 'connect') {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1500);
        t.unref();
        r.once('ready', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return r.ping();
  }
}

let current: HealthChecker | undefined;

/**
 * The process's checker: the launcher creates it, the gateway's `/health` on the API port answers
 * from the same one, so both ports always agree (and shutdown turns both unready).
 */
export function processHealthChecker(opts: HealthCheckerOptions): HealthChecker {
  current ??= new HealthChecker(opts);
  return current;
}
