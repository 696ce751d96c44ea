import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { DomainError, PROVIDER_RETRY, retry } from '@sluice/contracts';
import { LlmClient, ModelCredentials, ProviderCredentialsService } from '@sluice/llm';
import { embeddingCacheLookups } from '@sluice/observability';
import { EmbedderTiming } from './embedder-timing';
import { EmbeddingCacheRepository } from './embedding-cache.repository';
import { EmbeddingFailedError, classifyProviderFailure } from './embedding-errors';
import type { EmbeddingModelRef } from './embedding-model-ref';
import { EmbeddingRateLimiter } from './embedding-rate-limiter';
import { InFlightEmbeddings } from './in-flight-embeddings';
import { QueryEmbeddingCache } from './query-embedding-cache';
import { l2Normalize } from './vector-codec';

const MIN_BATCH = 64;
/** Provider requests in flight per embedTexts call. */
const PARALLEL_REQUESTS = 4;
const CACHE_LOOKUP_CHUNK = 2000;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function flightKey(ns: string, model: string, hash: string): string {
  return `${ns}|${model}|${hash}`;
}

/** Awaits joined requests into `found`; returns the hashes whose request failed. */
async function settleAll(joined: Map<string, Promise<number[]>>, found: Map<string, number[]>): Promise<string[]> {
  const failed: string[] = [];
  await Promise.all(
    [...joined].map(([h, p]) =>
      p.then(
        (v) => void found.set(h, v),
        () => void failed.push(h),
      ),
    ),
  );
  return failed;
}

/**
 * Texts → L2-normalized vectors through the workspace's provider, in batches, with a bulk cache in
 * PostgreSQL, a rate limit shared by all workers, and retries with backoff on 429/5xx/network errors.
 */
@Injectable()
export class Embedder {
  private readonly logger = new Logger('Embedder');
  private readonly inFlight = new InFlightEmbeddings();

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly credentials: ProviderCredentialsService,
    private readonly llm: LlmClient,
    private readonly cache: EmbeddingCacheRepository,
    private readonly limiter: EmbeddingRateLimiter,
    private readonly queryCache: QueryEmbeddingCache,
    private readonly timing: EmbedderTiming,
  ) {}

  /** Texts per provider request. */
  get batchSize(): number {
    return Math.max(MIN_BATCH, this.cfg.knowledge.embeddingBatchSize);
  }

  /**
   * Two OpenAI-compatible servers may answer different vectors under one model name, so the cache
   * namespace carries a short hash of the base URL.
   */
  private namespace(provider: string, creds: ModelCredentials): string {
    const base = (creds.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
    return `${provider}:${sha256(base).slice(0, 12)}`;
  }

  async embedTexts(tenantId: string, model: EmbeddingModelRef, texts: string[], signal?: AbortSignal): Promise<{ vectors: number[][]; tokens: number }> {
    const vectors: number[][] = new Array(texts.length);
    if (!texts.length) return { vectors, tokens: 0 };
    const creds = await this.credentials.resolve(tenantId, model.provider);
    const ns = this.namespace(model.provider, creds);
    const hashes = texts.map(sha256);
    const textOf = new Map<string, string>();
    for (let i = 0; i < texts.length; i++) textOf.set(hashes[i], texts[i]);
    const found = new Map<string, number[]>();
    // Texts this process is already asking the provider for (the parse stage's prefetch) are awaited, not asked for again.
    const joined = new Map<string, Promise<number[]>>();
    const lookup: string[] = [];
    for (const h of textOf.keys()) {
      const pending = this.inFlight.get(flightKey(ns, model.name, h));
      if (pending) joined.set(h, pending);
      else lookup.push(h);
    }
    // One cache lookup for the whole call (a fresh document misses everywhere; round trips add up).
    for (let i = 0; i < lookup.length; i += CACHE_LOOKUP_CHUNK) {
      for (const [h, v] of await this.cache.getMany(ns, model.name, lookup.slice(i, i + CACHE_LOOKUP_CHUNK))) found.set(h, v);
    }
    embeddingCacheLookups.inc({ result: 'hit' }, found.size);
    embeddingCacheLookups.inc({ result: 'miss' }, lookup.length - found.size);
    const missing: string[] = [];
    for (const h of lookup) {
      if (found.has(h)) continue;
      // Another call may have started on it during the lookup.
      const pending = this.inFlight.get(flightKey(ns, model.name, h));
      if (pending) joined.set(h, pending);
      else missing.push(h);
    }
    const ask = (hs: string[]) =>
      this.request(
        ns,
        creds,
        model,
        hs.map((h) => [h, textOf.get(h)!]),
        found,
        signal,
      );
    const [asked, failed] = await Promise.all([ask(missing), settleAll(joined, found)]);
    signal?.throwIfAborted();
    // A joined request that failed is retried as this call's own, with this call's retries and errors.
    const tokens = asked + (failed.length ? await ask(failed) : 0);
    for (let i = 0; i < texts.length; i++) vectors[i] = found.get(hashes[i])!;
    return { vectors, tokens };
  }

  /**
   * Asks the provider for `items` ([hash, text]) in batches, a few requests in flight, putting the
   * vectors into `found` and the cache; returns the tokens used. Every batch is listed as in flight
   * from the start until its cache write is done, so a concurrent caller joins instead of asking again.
   */
  private async request(
    ns: string,
    creds: ModelCredentials,
    model: EmbeddingModelRef,
    items: [string, string][],
    found: Map<string, number[]>,
    signal?: AbortSignal,
  ): Promise<number> {
    const batches: [string, string][][] = [];
    for (let start = 0; start < items.length; start += this.batchSize) batches.push(items.slice(start, start + this.batchSize));
    const flights = batches.map((b) => this.inFlight.begin(b.map(([h]) => flightKey(ns, model.name, h))));
    let tokens = 0;
    const writes: Promise<void>[] = [];
    const runBatch = async (i: number) => {
      const batch = batches[i];
      try {
        const res = await this.callWithRetry(
          ns,
          creds,
          model,
          batch.map(([, t]) => t),
          signal,
        );
        tokens += res.totalTokens;
        const fresh = batch.map(([hash], j) => ({ hash, vector: l2Normalize(res.vectors[j]) }));
        for (const f of fresh) found.set(f.hash, f.vector);
        flights[i].settle(fresh.map((f) => f.vector));
        // Written while the next request runs; awaited before returning so errors still surface.
        const write = this.cache.putMany(ns, model.name, fresh);
        writes.push(write);
        write.then(flights[i].forget, flights[i].forget);
      } catch (err) {
        flights[i].settle(err instanceof Error ? err : new Error(String(err)));
        throw err;
      }
    };
    // A few requests in flight hide each round trip's latency; the shared rate limit still spaces them.
    let next = 0;
    const lane = async () => {
      while (next < batches.length) {
        signal?.throwIfAborted();
        await runBatch(next++);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, batches.length) }, lane));
    } finally {
      // Batches never sent (another batch failed, or the call was aborted) must not keep joiners waiting.
      for (const f of flights) f.settle(new Error('not requested'));
      await Promise.allSettled(writes);
    }
    await Promise.all(writes);
    return tokens;
  }

  async embedQuery(tenantId: string, model: EmbeddingModelRef, text: string): Promise<number[]> {
    const creds = await this.credentials.resolve(tenantId, model.provider);
    const key = `${this.namespace(model.provider, creds)}:${model.name}:${sha256(text)}`;
    const cached = await this.queryCache.get(key).catch(() => null);
    embeddingCacheLookups.inc({ result: cached ? 'hit' : 'miss' });
    if (cached) return cached;
    const res = await this.callWithRetry(this.namespace(model.provider, creds), creds, model, [text]);
    const vector = l2Normalize(res.vectors[0]);
    await this.queryCache.set(key, vector).catch(() => undefined);
    return vector;
  }

  private async callWithRetry(
    ns: string,
    credentials: ModelCredentials,
    model: EmbeddingModelRef,
    inputs: string[],
    signal?: AbortSignal,
  ): Promise<{ vectors: number[][]; totalTokens: number }> {
    const fatal = (err: unknown) => err instanceof EmbeddingFailedError || classifyProviderFailure(err) === 'fatal';
    let attempts = 0;
    try {
      return await retry(
        async (attempt) => {
          attempts = attempt;
          await this.timing.sleep(await this.limiter.reserve(ns), signal);
          const res = await this.llm.embed({ credentials, model: model.name, inputs, signal });
          if (res.vectors.length !== inputs.length || res.vectors.some((v) => !v?.length)) {
            throw new EmbeddingFailedError(`The embedding model ${model.name} returned ${res.vectors.length} vectors for ${inputs.length} inputs.`);
          }
          return res;
        },
        {
          ...PROVIDER_RETRY,
          retryable: (err) => !fatal(err),
          signal,
          sleep: (ms, s) => this.timing.sleep(ms, s),
          random: () => this.timing.random(),
          onRetry: (err, attempt, wait) => this.logger.warn(`embedding attempt ${attempt} failed (${reasonOf(err)}); retrying in ${wait} ms`),
        },
      );
    } catch (err) {
      if (signal?.aborted) throw err;
      if (fatal(err)) throw err instanceof DomainError ? err : new EmbeddingFailedError(`Embedding with ${model.name} failed: ${reasonOf(err)}`);
      throw new EmbeddingFailedError(`Embedding with ${model.name} failed after ${attempts} attempts: ${reasonOf(err)}`);
    }
  }
}
