import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '@sluice/config';
import { DomainError } from '@sluice/contracts';
import { LlmClient, ModelCredentials, ProviderCredentialsService } from '@sluice/llm';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { EmbedderTiming } from './embedder-timing';
import { EmbeddingCacheRepository } from './embedding-cache.repository';
import { classifyEmbeddingFailure, EmbeddingFailedError } from './embedding-errors';
import type { EmbeddingModelRef } from './embedding-model-ref';
import { EmbeddingRateLimiter } from './embedding-rate-limiter';
import { QueryEmbeddingCache } from './query-embedding-cache';
import { l2Normalize } from './vector-codec';

const MIN_BATCH = 64;
/** Provider requests in flight per embedTexts call. */
const PARALLEL_REQUESTS = 4;
const CACHE_LOOKUP_CHUNK = 2000;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Texts → L2-normalized vectors through the workspace's provider, in batches, with a bulk cache in
 * PostgreSQL, a rate limit shared by all workers, and retries with backoff on 429/5xx/network errors.
 */
@Injectable()
export class Embedder {
  private readonly logger = new Logger('Embedder');
  private readonly backoff: BackoffOptions = DEFAULT_BACKOFF;

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly credentials: ProviderCredentialsService,
    private readonly llm: LlmClient,
    private readonly cache: EmbeddingCacheRepository,
    private readonly limiter: EmbeddingRateLimiter,
    private readonly queryCache: QueryEmbeddingCache,
    private readonly timing: EmbedderTiming,
  ) {}

  private get batchSize(): number {
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
    let tokens = 0;
    const starts: number[] = [];
    // One cache lookup for the whole call (a fresh document misses everywhere; round trips add up).
    const unique = [...new Set(hashes)];
    const found = new Map<string, number[]>();
    for (let i = 0; i < unique.length; i += CACHE_LOOKUP_CHUNK) {
      for (const [h, v] of await this.cache.getMany(ns, model.name, unique.slice(i, i + CACHE_LOOKUP_CHUNK))) found.set(h, v);
    }
    const textOf = new Map<string, string>();
    for (let i = 0; i < texts.length; i++) if (!found.has(hashes[i])) textOf.set(hashes[i], texts[i]);
    const missing = [...textOf.keys()];
    for (let start = 0; start < missing.length; start += this.batchSize) starts.push(start);
    const writes: Promise<void>[] = [];
    const runBatch = async (start: number) => {
      const batch = missing.slice(start, start + this.batchSize);
      const res = await this.callWithRetry(ns, creds, model, batch.map((h) => textOf.get(h)!), signal);
      tokens += res.totalTokens;
      const fresh = batch.map((hash, i) => ({ hash, vector: l2Normalize(res.vectors[i]) }));
      for (const f of fresh) found.set(f.hash, f.vector);
      // Written while the next request runs; awaited before returning so errors still surface.
      writes.push(this.cache.putMany(ns, model.name, fresh));
    };
    // A few requests in flight hide each round trip's latency; the shared rate limit still spaces them.
    let next = 0;
    const lane = async () => {
      while (next < starts.length) {
        signal?.throwIfAborted();
        await runBatch(starts[next++]);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, starts.length) }, lane));
    } finally {
      await Promise.allSettled(writes);
    }
    await Promise.all(writes);
    for (let i = 0; i < texts.length; i++) vectors[i] = found.get(hashes[i])!;
    return { vectors, tokens };
  }

  async embedQuery(tenantId: string, model: EmbeddingModelRef, text: string): Promise<number[]> {
    const creds = await this.credentials.resolve(tenantId, model.provider);
    const key = `${this.namespace(model.provider, creds)}:${model.name}:${sha256(text)}`;
    const cached = await this.queryCache.get(key).catch(() => null);
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
    for (let attempt = 1; ; attempt++) {
      await this.timing.sleep(await this.limiter.reserve(ns), signal);
      try {
        const res = await this.llm.embed({ credentials, model: model.name, inputs, signal });
        if (res.vectors.length !== inputs.length || res.vectors.some((v) => !v?.length)) {
          throw new EmbeddingFailedError(`The embedding model ${model.name} returned ${res.vectors.length} vectors for ${inputs.length} inputs.`);
        }
        return res;
      } catch (err) {
        if (signal?.aborted) throw err;
        const kind = err instanceof EmbeddingFailedError ? 'fatal' : classifyEmbeddingFailure(err);
        const reason = err instanceof Error ? err.message : String(err);
        if (kind === 'fatal') {
          throw err instanceof DomainError ? err : new EmbeddingFailedError(`Embedding with ${model.name} failed: ${reason}`);
        }
        if (attempt >= this.backoff.maxAttempts) {
          throw new EmbeddingFailedError(`Embedding with ${model.name} failed after ${attempt} attempts: ${reason}`);
        }
        const retryAfter = err instanceof DomainError ? err.retryAfter : undefined;
        const wait = backoffDelay(attempt, this.backoff, () => this.timing.random(), retryAfter);
        this.logger.warn(`embedding attempt ${attempt} failed (${reason}); retrying in ${wait} ms`);
        await this.timing.sleep(wait, signal);
      }
    }
  }
}
