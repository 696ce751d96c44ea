import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import { ConfigModule, SluiceConfig, loadConfig } from '@sluice/config';
import { DatabaseModule } from '@sluice/database';
import { Embedder, KnowledgeCoreModule } from '@sluice/knowledge';
import { LlmModule } from '@sluice/llm';
import { StorageModule } from '@sluice/storage';
import { VectorModule } from '@sluice/vector';
import { IngestHarness } from '../../libs/knowledge/src/testing/ingest-harness';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

/** The Embedder as the dataset service and the workers get it, against the platform's PostgreSQL and Redis. */
async function embedderFor(cfg: SluiceConfig) {
  const mod = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(cfg), DatabaseModule.forRoot({ poolSize: 2 }), LlmModule, StorageModule, VectorModule.forRoot(), KnowledgeCoreModule],
  }).compile();
  await mod.init();
  return { embedder: mod.get(Embedder), close: () => mod.close() };
}

describe('Embedder against real PostgreSQL and Redis', () => {
  let p: TestPlatform;
  let h: IngestHarness;
  const MODEL = { provider: 'openai', name: 'text-embedding-3-small' };

  before(async () => {
    p = await startTestPlatform({ SERVICES: 'ingest-worker', HEALTH_PORT: '0' });
    h = await IngestHarness.create(p.config);
  });
  after(async () => {
    await h?.close();
    await p?.stop();
  });

  it('stores embeddings in the cache table and does not ask the model twice for the same texts', async () => {
    const { embedder, close } = await embedderFor(p.config);
    try {
      const texts = Array.from({ length: 100 }, (_, i) => `cached text number ${i}`);
      const calls = p.model.embeddingCalls;
      const first = await embedder.embedTexts(h.tenantId, MODEL, texts);
      assert.equal(p.model.embeddingCalls - calls, 2, '100 texts → two requests of at most 64');
      const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM embeddings WHERE model_name = $1`, [MODEL.name]);
      assert.equal(n, 100);
      const again = await embedder.embedTexts(h.tenantId, MODEL, texts);
      assert.equal(p.model.embeddingCalls - calls, 2, 'served from the cache');
      assert.equal(again.tokens, 0);
      for (let i = 0; i < texts.length; i++) {
        for (let j = 0; j < first.vectors[i].length; j++) assert.ok(Math.abs(first.vectors[i][j] - again.vectors[i][j]) < 1e-6);
      }
    } finally {
      await close();
    }
  });

  it('retries a 429 from the provider and still returns every vector', async () => {
    const { embedder, close } = await embedderFor(p.config);
    try {
      // The openai client retries once by itself; the third 429 reaches the Embedder's own backoff.
      p.model.failNext(3, { status: 429 });
      const t0 = Date.now();
      const res = await embedder.embedTexts(h.tenantId, MODEL, ['rate limited once', 'and then fine']);
      assert.equal(res.vectors.length, 2);
      assert.ok(Date.now() - t0 >= 1900, 'waited for the Retry-After: 1 the server sent each time');
    } finally {
      await close();
    }
  });

  it('spaces requests by EMBEDDING_RPM across embedder instances (shared through Redis)', async () => {
    const cfg = loadConfig({ ...envOf(p.config), EMBEDDING_RPM: '600' });
    const a = await embedderFor(cfg);
    const b = await embedderFor(cfg);
    try {
      const t0 = Date.now();
      await Promise.all([
        ...[0, 1, 2].map((i) => a.embedder.embedTexts(h.tenantId, MODEL, [`limited a ${i}`])),
        ...[0, 1, 2].map((i) => b.embedder.embedTexts(h.tenantId, MODEL, [`limited b ${i}`])),
      ]);
      // 600 rpm = one request per 100 ms: six requests need at least 500 ms whoever sends them.
      assert.ok(Date.now() - t0 >= 480, `took ${Date.now() - t0} ms`);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

function envOf(cfg: SluiceConfig): Record<string, string> {
  return {
    DATABASE_URL: cfg.databaseUrl,
    REDIS_URL: cfg.redisUrl,
    REDIS_PREFIX: cfg.redisPrefix,
    DATA_DIR: cfg.dataDir,
    OPENAI_BASE_URL: cfg.openai.baseUrl!,
    OPENAI_API_KEY: cfg.openai.apiKey!,
    SECRET_KEY: cfg.secretKey,
    LOG_LEVEL: 'silent',
  };
}
