import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppConfig } from '@sluice/config';
import { CompletionRequestError, ProviderNotInitializeError } from '@sluice/contracts';
import type { EmbedRequest, LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { Embedder } from './embedder';
import type { EmbedderTiming } from './embedder-timing';
import type { EmbeddingCacheRepository } from './embedding-cache.repository';
import { EmbeddingFailedError } from './embedding-errors';
import type { EmbeddingRateLimiter } from './embedding-rate-limiter';
import type { QueryEmbeddingCache } from './query-embedding-cache';

const MODEL = { provider: 'openai', name: 'text-embedding-3-small' };

/** A provider that answers [len, 1, 1] per input (so vectors differ per text), failing as scripted first. */
class FakeProvider {
  calls: string[][] = [];
  failures: Error[] = [];
  /** While set, requests wait for it (lets a test start a second caller mid-request). */
  gate?: Promise<void>;
  async embed(req: EmbedRequest) {
    this.calls.push(req.inputs);
    await this.gate;
    const f = this.failures.shift();
    if (f) throw f;
    return { vectors: req.inputs.map((t) => [t.length, 1, 1]), totalTokens: req.inputs.length * 3 };
  }
}

class MemoryCache {
  rows = new Map<string, number[]>();
  lookups = 0;
  async getMany(ns: string, model: string, hashes: string[]) {
    this.lookups++;
    const out = new Map<string, number[]>();
    for (const h of hashes) {
      const v = this.rows.get(`${ns}|${model}|${h}`);
      if (v) out.set(h, v);
    }
    return out;
  }
  async putMany(ns: string, model: string, entries: { hash: string; vector: number[] }[]) {
    for (const e of entries) this.rows.set(`${ns}|${model}|${e.hash}`, e.vector);
  }
}

function setup(opts: { batch?: number; baseUrl?: string } = {}) {
  const provider = new FakeProvider();
  const cache = new MemoryCache();
  const sleeps: number[] = [];
  const queries = new Map<string, number[]>();
  const cfg = { knowledge: { embeddingBatchSize: opts.batch ?? 64, embeddingRpm: 0 } } as AppConfig;
  const credentials = { resolve: async () => ({ apiKey: 'k', baseUrl: opts.baseUrl ?? 'http://models.local/v1' }) } as unknown as ProviderCredentialsService;
  const limiter = { reserve: async () => 0 } as unknown as EmbeddingRateLimiter;
  const queryCache = {
    get: async (k: string) => queries.get(k) ?? null,
    set: async (k: string, v: number[]) => void queries.set(k, v),
  } as unknown as QueryEmbeddingCache;
  const timing = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 } as unknown as EmbedderTiming;
  const embedder = new Embedder(cfg, credentials, provider as unknown as LlmClient, cache as unknown as EmbeddingCacheRepository, limiter, queryCache, timing);
  return { embedder, provider, cache, sleeps, cfg };
}

const texts = (n: number, tag = 't') => Array.from({ length: n }, (_, i) => `${tag}-${i}-${'x'.repeat(i % 7)}`);

test('sends batches of the configured size, looks the cache up in bulk, and returns unit vectors in input order', async () => {
  const { embedder, provider, cache } = setup({ batch: 64 });
  const input = texts(150);
  const { vectors, tokens } = await embedder.embedTexts('tenant', MODEL, input);
  assert.deepEqual(
    provider.calls.map((c) => c.length),
    [64, 64, 22],
  );
  assert.equal(cache.lookups, 1, 'one bulk lookup, not one per text');
  assert.equal(tokens, 450);
  assert.equal(vectors.length, 150);
  for (let i = 0; i < input.length; i++) {
    const norm = Math.hypot(...vectors[i]);
    assert.ok(Math.abs(norm - 1) < 1e-9, 'L2-normalized');
    assert.ok(Math.abs(vectors[i][0] / vectors[i][1] - input[i].length) < 1e-9, 'vector i belongs to text i');
  }
});

test('a batch size below 64 is raised to 64', async () => {
  const { embedder, provider } = setup({ batch: 8 });
  await embedder.embedTexts('tenant', MODEL, texts(100));
  assert.deepEqual(
    provider.calls.map((c) => c.length),
    [64, 36],
  );
});

test('cached texts cost no model call; duplicates in one batch are embedded once', async () => {
  const { embedder, provider } = setup();
  await embedder.embedTexts('tenant', MODEL, texts(10));
  assert.equal(provider.calls.length, 1);
  const again = await embedder.embedTexts('tenant', MODEL, [...texts(10), 'new one', 'new one']);
  assert.equal(provider.calls.length, 2);
  assert.deepEqual(provider.calls[1], ['new one']);
  assert.equal(again.vectors.length, 12);
  assert.deepEqual(again.vectors[10], again.vectors[11]);
});

test('a caller asking for texts another caller is already fetching joins that request instead of asking again', async () => {
  const { embedder, provider } = setup();
  let open!: () => void;
  provider.gate = new Promise((r) => (open = r));
  const first = embedder.embedTexts('tenant', MODEL, texts(100));
  while (provider.calls.length < 2) await new Promise((r) => setImmediate(r));
  const second = embedder.embedTexts('tenant', MODEL, [...texts(100).slice(50), 'only mine']);
  await new Promise((r) => setImmediate(r));
  open();
  const [a, b] = await Promise.all([first, second]);
  assert.deepEqual(
    provider.calls.map((c) => c.length),
    [64, 36, 1],
    'the second caller asked only for its new text',
  );
  assert.deepEqual(b.vectors.slice(0, 50), a.vectors.slice(50));
  assert.equal(b.tokens, 3, 'tokens count what this call asked for');
});

test('when the joined request fails, the joining caller asks for those texts itself', async () => {
  const { embedder, provider } = setup();
  let open!: () => void;
  provider.gate = new Promise((r) => (open = r));
  provider.failures.push(new CompletionRequestError('[400] input too long'));
  const first = embedder.embedTexts('tenant', MODEL, texts(10));
  while (provider.calls.length < 1) await new Promise((r) => setImmediate(r));
  const second = embedder.embedTexts('tenant', MODEL, texts(10));
  await new Promise((r) => setImmediate(r));
  provider.gate = undefined;
  open();
  await assert.rejects(first, /input too long/);
  const { vectors } = await second;
  assert.equal(vectors.length, 10);
  assert.equal(provider.calls.length, 2);
});

test('the cache is keyed by provider base URL: another server with the same model name is asked again', async () => {
  const a = setup({ baseUrl: 'http://a.local/v1' });
  await a.embedder.embedTexts('tenant', MODEL, ['hello']);
  const other = setup({ baseUrl: 'http://b.local/v1' });
  other.cache.rows = a.cache.rows;
  await other.embedder.embedTexts('tenant', MODEL, ['hello']);
  assert.equal(other.provider.calls.length, 1);
});

test('429s are retried with backoff that honours Retry-After, then succeed', async () => {
  const { embedder, provider, sleeps } = setup();
  provider.failures.push(
    new CompletionRequestError('[rate_limit] The model provider is rate limiting: slow down', { retryAfter: 3 }),
    new CompletionRequestError('[503] upstream unavailable'),
  );
  const { vectors } = await embedder.embedTexts('tenant', MODEL, ['a', 'b']);
  assert.equal(vectors.length, 2);
  assert.equal(provider.calls.length, 3);
  const waits = sleeps.filter((ms) => ms > 0);
  assert.equal(waits.length, 2);
  assert.ok(waits[0] >= 3000, `waited for Retry-After (${waits[0]} ms)`);
  assert.ok(waits[1] > 0 && waits[1] <= 1000, `exponential backoff from 500 ms (${waits[1]} ms)`);
});

test('network errors are retried too; a provider that keeps failing ends in a readable typed error', async () => {
  const { embedder, provider } = setup();
  for (let i = 0; i < 10; i++) provider.failures.push(new CompletionRequestError('[connection] Could not reach the model provider: ECONNREFUSED'));
  await assert.rejects(embedder.embedTexts('tenant', MODEL, ['a']), (err: Error) => {
    assert.ok(err instanceof EmbeddingFailedError);
    assert.match(err.message, /Embedding with text-embedding-3-small failed after 6 attempts: .*ECONNREFUSED/);
    return true;
  });
  assert.equal(provider.calls.length, 6);
});

test('bad credentials and client errors are not retried', async () => {
  const { embedder, provider } = setup();
  provider.failures.push(new ProviderNotInitializeError('The model provider rejected the credentials: bad key'));
  await assert.rejects(embedder.embedTexts('tenant', MODEL, ['a']), /rejected the credentials/);
  provider.failures.push(new CompletionRequestError('[400] input too long'));
  await assert.rejects(embedder.embedTexts('tenant', MODEL, ['b']), /input too long/);
  assert.equal(provider.calls.length, 2);
});

test('query embeddings are cached: repeating a search asks the model once', async () => {
  const { embedder, provider } = setup();
  const a = await embedder.embedQuery('tenant', MODEL, 'how do refunds work?');
  const b = await embedder.embedQuery('tenant', MODEL, 'how do refunds work?');
  assert.deepEqual(a, b);
  assert.equal(provider.calls.length, 1);
});

test('cached vectors round-trip through float32 little-endian bytes', async () => {
  const { encodeVector, decodeVector } = await import('./vector-codec');
  const v = [0.5, -0.25, 1e-3, 0];
  const bytes = encodeVector(v);
  assert.equal(bytes.length, 16);
  assert.equal(bytes.readFloatLE(4), -0.25);
  const unaligned = Buffer.concat([Buffer.from([9]), bytes]).subarray(1);
  assert.deepEqual(
    decodeVector(unaligned).map((x) => Number(x.toFixed(6))),
    [0.5, -0.25, 0.001, 0],
  );
});
