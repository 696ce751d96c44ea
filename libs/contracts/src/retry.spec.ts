import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from './errors';
import { backoffDelay, retry } from './retry';

const policy = { attempts: 4, baseMs: 100, maxMs: 1_000 };

test('retries until success, waiting jittered exponential backoff, and stretches a wait to Retry-After', async () => {
  const waits: number[] = [];
  let calls = 0;
  const out = await retry(
    async (attempt) => {
      calls++;
      if (attempt === 1) throw new Error('flaky');
      if (attempt === 2) throw new DomainError('rate_limit', 429, 'slow down', { retryAfter: 3 });
      return 'ok';
    },
    { ...policy, sleep: async (ms) => void waits.push(ms), random: () => 1 },
  );
  assert.equal(out, 'ok');
  assert.equal(calls, 3);
  assert.deepEqual(waits, [100, 3_000]);
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0)),
    [50, 100, 200, 400, 500],
  );
});

test('gives up with the last failure when attempts run out, at once when it is not retryable, and when aborted', async () => {
  const sleep = async () => undefined;
  let calls = 0;
  await assert.rejects(
    retry(
      async (a) => {
        calls++;
        throw new Error(`try ${a}`);
      },
      { ...policy, sleep },
    ),
    /try 4/,
  );
  assert.equal(calls, 4);
  calls = 0;
  await assert.rejects(
    retry(
      async () => {
        calls++;
        throw new Error('bad key');
      },
      { ...policy, sleep, retryable: (e) => !/bad key/.test(String(e)) },
    ),
    /bad key/,
  );
  assert.equal(calls, 1);
  const ac = new AbortController();
  calls = 0;
  await assert.rejects(
    retry(
      async () => {
        calls++;
        ac.abort();
        throw new Error('aborted mid-call');
      },
      { ...policy, sleep, signal: ac.signal },
    ),
    /aborted mid-call/,
  );
  assert.equal(calls, 1);
});
