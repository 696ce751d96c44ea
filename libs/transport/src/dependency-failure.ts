import { Logger } from '@nestjs/common';
import { DomainError, ServiceUnavailableError } from '@sluice/contracts';

export type Dependency = 'postgres' | 'redis';

// SQLSTATE classes that mean "the server is not there for us right now", not "your query is wrong":
// 08 connection exceptions, 57P01-03 shutdown/crash/starting up, 53300 too many connections.
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|the database system is (starting up|shutting down|in recovery mode)/i;
// TypeORM's errors when the connection under a transaction broke.
const PG_NAMES = new Set(['QueryRunnerAlreadyReleasedError', 'ConnectionIsNotSetError']);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
// What ioredis (and BullMQ over it) throws at callers while Redis is away or restarting.
const REDIS_MESSAGES = /^Connection is closed\.?$|enableOfflineQueue|max retries per request|^LOADING |^MASTERDOWN|^READONLY|^CLUSTERDOWN/i;

const MESSAGES: Record<Dependency, string> = {
  postgres: 'The database is unavailable, try again shortly.',
  redis: 'The service is temporarily unavailable, try again shortly.',
};
const RETRY_AFTER_S: Record<Dependency, number> = { postgres: 5, redis: 2 };

/** Which dependency an error says is unreachable, or null when it is some other failure. */
export function unavailableDependency(err: unknown): Dependency | null {
  if (!err || typeof err !== 'object' || err instanceof DomainError) return null;
  const e = err as { name?: string; message?: string; code?: unknown; driverError?: unknown };
  if (e.name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(e.message ?? '')) return 'redis';
  const code = typeof e.code === 'string' ? e.code : '';
  if (PG_UNAVAILABLE.test(code) || PG_MESSAGES.test(e.message ?? '') || PG_NAMES.has(e.name ?? '')) return 'postgres';
  // ioredis reports its own socket errors as events, never to callers: a refused connection
  // thrown at a caller comes from the PostgreSQL pool.
  if (NET_CODES.has(code)) return 'postgres';
  // TypeORM wraps the driver's error.
  if (e.driverError && e.driverError !== err) return unavailableDependency(e.driverError);
  return null;
}

/**
 * The error a caller sees when a dependency is down: 503 service_unavailable with Retry-After and a
 * plain sentence (never the driver's text). Reported to the outage log as a side effect.
 */
export function dependencyFailure(err: unknown): ServiceUnavailableError | null {
  const dep = unavailableDependency(err);
  if (!dep) return null;
  outageLog.report(dep, err);
  return new ServiceUnavailableError(MESSAGES[dep], { retryAfter: RETRY_AFTER_S[dep] });
}

const NAMES: Record<Dependency, string> = { postgres: 'PostgreSQL', redis: 'Redis' };
const REPORT_EVERY_MS = 60_000;

/**
 * One log line per dependency outage instead of one stack per failed request: the first failure
 * is logged, later ones are counted and summed up at most once a minute while the outage lasts.
 */
export class OutageLog {
  private readonly log = new Logger('Dependencies');
  private readonly state = new Map<string, { at: number; suppressed: number }>();

  report(dep: Dependency | string, err: unknown, what?: string): void {
    const now = Date.now();
    const s = this.state.get(dep);
    if (s && now - s.at < REPORT_EVERY_MS) {
      s.suppressed++;
      return;
    }
    const name = NAMES[dep as Dependency] ?? dep;
    const more = s?.suppressed ? ` (${s.suppressed} more failures since the last report)` : '';
    this.log.warn(`${name} unavailable${what ? ` (${what})` : ''}: ${plainReason(err)}${more}`);
    this.state.set(dep, { at: now, suppressed: 0 });
  }
}

export const outageLog = new OutageLog();

/** A short reason for logs and health checks, without library advice or stack frames. */
export function plainReason(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: string } | undefined;
  if (e?.name === 'MaxRetriesPerRequestError' || /max retries per request/i.test(e?.message ?? '')) return 'no connection';
  if (/^Connection is closed\.?$/.test(e?.message ?? '') || /enableOfflineQueue/.test(e?.message ?? '')) return 'no connection';
  const msg = (e?.message ?? String(err ?? 'unknown error')).split('\n')[0];
  return msg.length > 200 ? `${msg.slice(0, 200)}…` : msg;
}
