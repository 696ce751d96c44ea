import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { QdrantVectorStore, VectorStoreRequestError, VectorStoreUnavailableError, collectionName } from '@sluice/vector';
import { FakeQdrantServer } from '../../libs/vector/src/testing/fake-qdrant-server';
import { QdrantOpenApiValidator } from '../../libs/vector/src/testing/qdrant-openapi-validator';
import { CONTRACT_DIM, axisVector, point } from '../../libs/vector/src/testing/vector-store.contract';

const server = new FakeQdrantServer();
before(() => server.start());
after(() => server.stop());

let n = 0;
const fresh = () => collectionName(`adapter-${process.pid}-${n++}`, CONTRACT_DIM);

test('the schema check itself rejects what real Qdrant would: missing, mistyped and unknown fields, unknown query parameters', async () => {
  const v = new QdrantOpenApiValidator();
  const q = new URLSearchParams();
  assert.deepEqual(v.validateRequest('create_collection', q, { vectors: { size: 8, distance: 'Cosine' }, hnsw_config: { m: 16, payload_m: 16 } }), []);
  assert.match(v.validateRequest('create_collection', q, { vectors: { distance: 'Cosine' } }).join(), /size/);
  assert.match(v.validateRequest('create_collection', q, { vectors: { size: 8, distance: 'cosine' } }).join(), /Cosine|alternatives/);
  assert.match(v.validateRequest('create_collection', q, { vectors: { size: 8, distance: 'Cosine' }, hnsw_config: { m: '16' } }).join(), /hnsw_config\.m/);
  assert.match(v.validateRequest('create_collection', q, { vectors: { size: 8, distance: 'Cosine' }, shards: 2 }).join(), /unknown field "shards"/);
  assert.match(v.validateRequest('upsert_points', new URLSearchParams('wiat=true'), { points: [] }).join(), /unknown query parameter "wiat"/);
  assert.match(v.validateRequest('upsert_points', q, { points: [{ id: randomUUID(), vector: 'x' }] }).join(), /alternatives|vector/);
  assert.match(
    v.validateRequest('query_points', q, { query: [1, 0], filter: { must: [{ key: 'dataset_id', match: { anyy: ['a'] } }] } }).join(),
    /match|alternatives/,
  );
  assert.match(v.validateRequest('count_points', q, { filter: {}, exact: 'yes' }).join(), /exact/);
  assert.match(v.validateRequest('delete_points', q, { ids: [randomUUID()] }).join(), /alternatives|unknown field/);

  // …and the fake answers such a request 400 over HTTP, as Qdrant does.
  const res = await fetch(`${server.url}/collections/${fresh()}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ vectors: { size: 8 } }),
  });
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { status: { error: string } }).status.error, /distance/);
  server.rejected.length = 0;
});

test('a new collection is created with Cosine distance, HNSW settings and keyword payload indexes', async () => {
  const store = new QdrantVectorStore({ url: server.url });
  const c = fresh();
  await store.ensureCollection(c, CONTRACT_DIM);
  const info = server.collectionInfo(c)!;
  assert.equal(info.size, CONTRACT_DIM);
  assert.deepEqual((info.config.params as { vectors: unknown }).vectors, { size: CONTRACT_DIM, distance: 'Cosine' });
  assert.equal((info.config.hnsw_config as { payload_m: number }).payload_m, 16);
  assert.deepEqual(info.indexes, { dataset_id: { type: 'keyword', is_tenant: true }, tenant_id: 'keyword', document_id: 'keyword' });
  await assert.rejects(
    store.ensureCollection(c, CONTRACT_DIM * 2),
    (e: Error) => e instanceof VectorStoreRequestError && /holds 8-dimensional/.test(e.message),
  );
  await store.close();
  assert.deepEqual(server.rejected, []);
});

test('upserts go in batches of 64 and wait for Qdrant to apply them', async () => {
  const store = new QdrantVectorStore({ url: server.url });
  const c = fresh();
  const ds = randomUUID();
  const before = server.requests.length;
  await store.upsert(
    c,
    Array.from({ length: 150 }, (_, i) => point(axisVector(i, i / 150), { dataset_id: ds, document_id: randomUUID() })),
  );
  const upserts = server.requests.slice(before).filter((r) => r.operationId === 'upsert_points');
  assert.deepEqual(
    upserts.map((r) => (r.body as { points: unknown[] }).points.length),
    [64, 64, 22],
  );
  assert.ok(upserts.every((r) => r.query.wait === 'true'));
  assert.equal(await store.count(c, { datasetIds: [ds] }), 150);
  const counts = server.requests.filter((r) => r.operationId === 'count_points');
  assert.equal((counts.at(-1)!.body as { exact: boolean }).exact, true);
  await store.close();
});

test('two workers creating the same collection at once both succeed (409 from the loser is tolerated)', async () => {
  const c = fresh();
  const stores = [1, 2, 3].map(() => new QdrantVectorStore({ url: server.url }));
  await Promise.all(stores.map((s) => s.ensureCollection(c, CONTRACT_DIM)));
  const creates = server.requests.filter((r) => r.operationId === 'create_collection' && r.path.endsWith(c));
  assert.ok(creates.length >= 2, 'the race actually happened');
  const ds = randomUUID();
  await Promise.all(stores.map((s, i) => s.upsert(c, [point(axisVector(i), { dataset_id: ds, document_id: randomUUID() })])));
  assert.equal(await stores[0].count(c, { datasetIds: [ds] }), 3);
});

test('failures reach callers as typed errors with readable messages', async () => {
  const store = new QdrantVectorStore({ url: server.url });
  const c = fresh();
  const ds = randomUUID();
  await store.upsert(c, [point(axisVector(1), { dataset_id: ds, document_id: randomUUID() })]);

  server.failNext(503);
  await assert.rejects(
    store.search(c, axisVector(1), { datasetIds: [ds], topK: 3 }),
    (e: Error) =>
      e instanceof VectorStoreUnavailableError && e.message.includes(server.url) && /503/.test(e.message) && /temporarily unavailable/.test(e.message),
  );
  assert.equal((await store.search(c, axisVector(1), { datasetIds: [ds], topK: 3 })).length, 1, 'works again once Qdrant recovers');

  server.failNext(400, 1, 'Wrong input: Vector dimension error: expected dim: 8, got 9');
  await assert.rejects(
    store.upsert(c, [point(axisVector(2), { dataset_id: ds, document_id: randomUUID() })]),
    (e: Error) => e instanceof VectorStoreRequestError && /Vector dimension error/.test(e.message),
  );

  const locked = new FakeQdrantServer({ apiKey: 'right' });
  await locked.start();
  try {
    const wrongKey = new QdrantVectorStore({ url: locked.url, apiKey: 'wrong' });
    await assert.rejects(
      wrongKey.ensureCollection(fresh(), CONTRACT_DIM),
      (e: Error) => e instanceof VectorStoreRequestError && /401/.test(e.message) && /API key/.test(e.message),
    );
    const rightKey = new QdrantVectorStore({ url: locked.url, apiKey: 'right' });
    await rightKey.ensureCollection(fresh(), CONTRACT_DIM);
  } finally {
    await locked.stop();
  }

  const port = await freePort();
  const down = new QdrantVectorStore({ url: `http://127.0.0.1:${port}` });
  await assert.rejects(
    down.count(c, { datasetIds: [ds] }),
    (e: Error) => e instanceof VectorStoreUnavailableError && /unreachable/.test(e.message) && e.message.includes(`127.0.0.1:${port}`),
  );
  assert.deepEqual(server.rejected, []);
});

test('a collection dropped behind the adapter is recreated on the next upsert', async () => {
  const store = new QdrantVectorStore({ url: server.url });
  const c = fresh();
  const ds = randomUUID();
  await store.upsert(c, [point(axisVector(1), { dataset_id: ds, document_id: randomUUID() })]);
  const res = await fetch(`${server.url}/collections/${c}`, { method: 'DELETE' });
  assert.equal(res.status, 200);
  await store.upsert(c, [point(axisVector(2), { dataset_id: ds, document_id: randomUUID() })]);
  assert.equal(await store.count(c, { datasetIds: [ds] }), 1);
  assert.deepEqual(server.collectionInfo(c)?.indexes, { dataset_id: { type: 'keyword', is_tenant: true }, tenant_id: 'keyword', document_id: 'keyword' });
});

test('a missing collection reads as empty and deletes against it are no-ops', async () => {
  const store = new QdrantVectorStore({ url: server.url });
  const c = fresh();
  const ds = randomUUID();
  assert.deepEqual(await store.search(c, axisVector(0), { datasetIds: [ds], topK: 5 }), []);
  assert.equal(await store.count(c, { datasetIds: [ds] }), 0);
  await store.deleteByDocument(c, ds, randomUUID());
  await store.deleteByDataset(c, ds);
  await store.deleteByIds(c, [randomUUID()]);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
