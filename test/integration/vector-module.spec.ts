import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadConfig } from '@sluice/config';
import { EmbeddedVectorStore, QdrantVectorStore, VECTOR_STORE, VectorModule, type VectorStore } from '@sluice/vector';
import { FakeQdrantServer } from '../../libs/vector/src/testing/fake-qdrant-server';

const dataDir = mkdtempSync(join(tmpdir(), 'sluice-vector-module-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function boot(env: Record<string, string>) {
  const cfg = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: 'x'.repeat(32), ...env });
  @Module({ imports: [ConfigModule.forRoot(cfg), VectorModule.forRoot()] })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  return { app, store: app.get<VectorStore>(VECTOR_STORE) };
}

test('without QDRANT_URL the app gets the embedded store under DATA_DIR/vectors, closed on shutdown', async () => {
  const { app, store } = await boot({});
  assert.ok(store instanceof EmbeddedVectorStore);
  assert.equal(store.kind, 'lancedb');
  const ds = randomUUID();
  await store.upsert('sluice_module_test_4', [
    {
      id: randomUUID(),
      vector: [1, 0, 0, 0],
      payload: { tenant_id: randomUUID(), dataset_id: ds, document_id: randomUUID(), segment_id: randomUUID(), doc_hash: 'h' },
    },
  ]);
  assert.ok(existsSync(join(dataDir, 'vectors', 'sluice_module_test_4.lance')));
  await app.close();
  await assert.rejects(store.count('sluice_module_test_4', { datasetIds: [ds] }), /closed/);
});

test('with QDRANT_URL the app talks to Qdrant', async () => {
  const qdrant = new FakeQdrantServer();
  await qdrant.start();
  try {
    const { app, store } = await boot({ QDRANT_URL: qdrant.url });
    assert.ok(store instanceof QdrantVectorStore);
    await store.ensureCollection('sluice_module_test_4', 4);
    assert.equal(qdrant.collectionInfo('sluice_module_test_4')?.size, 4);
    await app.close();
  } finally {
    await qdrant.stop();
  }
});
