import type { DefaultJobOptions } from 'bullmq';

export { bullConnection, bullPrefix } from '@sluice/transport';

/**
 * How stage jobs retry. An outage of PostgreSQL, Redis or the vector store is waited out: backoff
 * from 1 s doubling up to 30 s, for about 15 minutes in all, so ordinary outages (a restart, a
 * failover) never fail a document and one that returns is picked up again within 30 s. Any other
 * unexpected error is retried twice, as it is more likely a bug than a blip.
 */
export const STAGE_RETRY = { firstDelayMs: 1_000, maxDelayMs: 30_000, outageWindowMs: 15 * 60_000, otherAttempts: 3 };

/** The delay before retry number `attemptsMade` (1 = after the first failure), without jitter. */
export function stageRetryDelayMs(attemptsMade: number): number {
  return Math.min(STAGE_RETRY.firstDelayMs * 2 ** Math.max(0, attemptsMade - 1), STAGE_RETRY.maxDelayMs);
}

/** Attempts whose backoff adds up to the outage window: the job's attempt cap. */
export const STAGE_ATTEMPTS = (() => {
  let waited = 0;
  let n = 1;
  while (waited < STAGE_RETRY.outageWindowMs) waited += stageRetryDelayMs(n++);
  return n;
})();

/** BullMQ's backoffStrategy for `backoff: { type: 'stage' }`: ±20 % jitter so a returning database is not hit all at once. */
export function stageBackoff(attemptsMade: number): number {
  return Math.round(stageRetryDelayMs(attemptsMade) * (0.8 + Math.random() * 0.4));
}

/** Stage jobs: retried as STAGE_RETRY says, removed once done so ids can be reused. */
export const STAGE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: STAGE_ATTEMPTS,
  backoff: { type: 'stage' },
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600, count: 1000 },
};
