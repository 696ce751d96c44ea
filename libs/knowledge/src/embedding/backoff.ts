export interface BackoffOptions {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { maxAttempts: 6, baseMs: 500, maxMs: 30_000 };

/**
 * Delay before retry number `attempt` (1-based): "full jitter" exponential backoff, so many workers
 * hitting one rate limit spread out instead of retrying in lockstep. A provider's Retry-After wins
 * when it asks for longer.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number, retryAfterSeconds?: number): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  const asked = retryAfterSeconds && retryAfterSeconds > 0 ? Math.min(retryAfterSeconds * 1000, opts.maxMs * 4) : 0;
  return Math.max(jittered, asked);
}
