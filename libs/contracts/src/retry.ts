import { DomainError } from './errors';

/** How often and how long to back off. */
export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  /** Ceiling of the first wait; it doubles per retry up to `maxMs`. */
  baseMs: number;
  maxMs: number;
}

export interface RetryOptions extends RetryPolicy {
  /** Whether a failure is worth another try (default: every failure is). */
  retryable?: (err: unknown) => boolean;
  /** Called before each wait, e.g. to log. */
  onRetry?: (err: unknown, attempt: number, waitMs: number) => void;
  /** Injectable time and randomness, so tests run without real waits. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Stops retrying (and waiting) once aborted; the failure at hand is rethrown. */
  signal?: AbortSignal;
}

/** Model calls: rate limits can take a while to clear. */
export const PROVIDER_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 30_000 };

/**
 * Delay before retry number `attempt` (1-based): jittered exponential backoff between half and all
 * of the ceiling, so many workers hitting one limit spread out instead of retrying in lockstep. A
 * failure's Retry-After (seconds) wins when it asks for longer, up to four times `maxMs`.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random, retryAfterSeconds?: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  const asked = retryAfterSeconds && retryAfterSeconds > 0 ? Math.min(retryAfterSeconds * 1000, policy.maxMs * 4) : 0;
  return Math.max(jittered, asked);
}

const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Runs `fn` (given the 1-based attempt number) until it succeeds, the failure is not retryable,
 * the attempts are used up or the signal aborts; then the last failure is thrown as it is, so the
 * caller words the message. A DomainError's `retryAfter` stretches the wait.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (opts.signal?.aborted || attempt >= opts.attempts || (opts.retryable && !opts.retryable(err))) throw err;
      const wait = backoffDelay(attempt, opts, random, err instanceof DomainError ? err.retryAfter : undefined);
      opts.onRetry?.(err, attempt, wait);
      await sleep(wait, opts.signal);
    }
  }
}
