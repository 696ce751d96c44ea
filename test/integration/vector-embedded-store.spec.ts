import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EmbeddedVectorStore, type VectorPoint, collectionName } from '@sluice/vector';

const root = mkdtempSync(join(tmpdir(), 'sluice-vector-embedded-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Deterministic pseudo-random unit vectors (a seeded LCG), so failures reproduce. */
function vectors(count: number, dim: number, seed: number): number[][] {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, () => {
    const v = Array.from({ length: dim }, rnd);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

function points(vs: number[][], datasetId: string, documentId = randomUUID()): VectorPoint[] {
  return vs.map((vector) => ({
    id: randomUUID(),
    vector,
    payload: { tenant_id: randomUUID(), dataset_id: datasetId, document_id: documentId, segment_id: randomUUID(), child_chunk_id: null, doc_hash: 'h' },
  }));
}

test('a second process writing the same table while this one writes: every point lands and is visible here', async () => {
  const dir = join(root, 'shared');
  const collection = collectionName('cross-process', 16);
  const store = new EmbeddedVectorStore(dir);
  await store.ensureCollection(collection, 16);
  const [mine, theirs] = [randomUUID(), randomUUID()];

  // The child is another Node process with its own LanceDB connection, like an ingest worker.
  const child = spawn(
    process.execPath,
    [
      '-e',
      `
    const { EmbeddedVectorStore } = require(${JSON.stringify(join(__dirname, '../../libs/vector/src/embedded-vector-store'))});
    const { randomUUID } = require('node:crypto');
    (async () => {
      const store = new EmbeddedVectorStore(${JSON.stringify(dir)});
      for (let b = 0; b < 25; b++) {
        const pts = Array.from({ length: 8 }, (_, i) => ({ id: randomUUID(), vector: Array.from({ length: 16 }, (_, k) => (k === (b + i) % 16 ? 1 : 0.01)),
          payload: { tenant_id: randomUUID(), dataset_id: ${JSON.stringify(theirs)}, document_id: randomUUID(), segment_id: randomUUID(), child_chunk_id: null, doc_hash: 'c' } }));
        await store.upsert(${JSON.stringify(collection)}, pts);
      }
      await store.close();
    })().catch((e) => { console.error(e); process.exit(1); });
  `,
    ],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const childDone = new Promise<number | null>((resolve) => child.on('exit', resolve));

  // Searching their dataset now caches what exists so far; their later writes must still show.
  await store.search(collection, vectors(1, 16, 1)[0], { datasetIds: [theirs], topK: 3 });
  const own = vectors(200, 16, 7);
  for (let i = 0; i < own.length; i += 8) await store.upsert(collection, points(own.slice(i, i + 8), mine));
  assert.equal(await childDone, 0, `child process failed: ${stderr}`);

  assert.equal(await store.count(collection, { datasetIds: [mine] }), 200);
  assert.equal(await store.count(collection, { datasetIds: [theirs] }), 200, "the other process's points are visible without reopening");
  const hits = await store.search(
    collection,
    Array.from({ length: 16 }, (_, k) => (k === 3 ? 1 : 0.01)),
    { datasetIds: [theirs], topK: 200 },
  );
  assert.equal(hits.length, 200, 'a search sees every point the other process wrote');
  assert.ok(hits[0].score > 0.99);
  await store.close();
});

test('past the index threshold a vector index is built; search stays exact for indexed, fresh and narrowly filtered points', async () => {
  const dim = 32;
  // memoryIndexBytes 0: big datasets go to LanceDB's IVF_PQ index (the path for datasets beyond the memory budget).
  const store = new EmbeddedVectorStore(join(root, 'indexed'), { indexThreshold: 3000, optimizeEveryRows: 1000, flatMaxRows: 1000, memoryIndexBytes: 0 });
  const collection = collectionName('indexed', dim);
  const big = randomUUID();
  const small = randomUUID();
  const bulk = points(vectors(3200, dim, 11), big);
  for (let i = 0; i < bulk.length; i += 800) await store.upsert(collection, bulk.slice(i, i + 800));
  const few = points(vectors(5, dim, 12), small);
  await store.upsert(collection, few);
  await store.idle();
  assert.equal(await store.hasVectorIndex(collection), true);

  for (const p of [bulk[17], bulk[2500], few[3]]) {
    const [top] = await store.search(collection, p.vector, { datasetIds: [p.payload.dataset_id], topK: 3 });
    assert.equal(top.id, p.id);
    assert.ok(Math.abs(top.score - 1) < 1e-3, `exact score after refine: ${top.score}`);
  }
  // A dataset of 5 points among 3200 (searched exactly from memory): all of them come back.
  const smallHits = await store.search(collection, vectors(1, dim, 99)[0], { datasetIds: [small], topK: 10 });
  assert.deepEqual(new Set(smallHits.map((h) => h.id)), new Set(few.map((p) => p.id)));

  // Written after the index: not indexed yet, still found.
  const fresh = points(vectors(3, dim, 13), big);
  await store.upsert(collection, fresh);
  const [top] = await store.search(collection, fresh[1].vector, { datasetIds: [big], topK: 1 });
  assert.equal(top.id, fresh[1].id);

  await store.deleteByDocument(collection, big, bulk[0].payload.document_id);
  assert.equal(await store.count(collection, { datasetIds: [big] }), 3);
  await store.close();
});

test('big datasets are searched in memory, and the in-memory copy follows writes, updates and deletes made through another connection', async () => {
  const dim = 48;
  const dir = join(root, 'memory-index');
  const collection = collectionName('memory-index', dim);
  // flatMaxRows 100: datasets above 100 rows take the in-memory 8-bit path (loaded before the first answer).
  const reader = new EmbeddedVectorStore(dir, { flatMaxRows: 100, indexThreshold: 1_000_000, memoryIndexLoadInBackground: false });
  const writer = new EmbeddedVectorStore(dir, { flatMaxRows: 100, indexThreshold: 1_000_000 });
  const ds = randomUUID();
  const [docA, docB] = [randomUUID(), randomUUID()];
  const a = points(vectors(900, dim, 21), ds, docA);
  const b = points(vectors(600, dim, 22), ds, docB);
  for (const batch of [a.slice(0, 500), a.slice(500), b]) await writer.upsert(collection, batch);

  for (const p of [a[3], a[777], b[599]]) {
    const [top] = await reader.search(collection, p.vector, { datasetIds: [ds], topK: 5 });
    assert.equal(top.id, p.id);
    assert.ok(top.score > 0.995, `near-exact score: ${top.score}`);
    assert.equal(top.payload.document_id, p.payload.document_id);
    assert.equal(top.payload.segment_id, p.payload.segment_id);
  }
  const onlyB = await reader.search(collection, a[3].vector, { datasetIds: [ds], documentIds: [docB], topK: 20 });
  assert.equal(onlyB.length, 20);
  assert.ok(
    onlyB.every((h) => h.payload.document_id === docB),
    'the document filter holds on the in-memory path',
  );
  const strict = await reader.search(collection, a[3].vector, { datasetIds: [ds], topK: 50, scoreThreshold: 0.99 });
  assert.deepEqual(
    strict.map((h) => h.id),
    [a[3].id],
    'score_threshold applies',
  );

  // Another connection (an ingest worker) adds points, moves one point and deletes a document.
  const fresh = points(vectors(30, dim, 23), ds, docB);
  await writer.upsert(collection, fresh);
  const moved = { ...b[10], vector: vectors(1, dim, 24)[0], payload: { ...b[10].payload, doc_hash: 'edited' } };
  await writer.upsert(collection, [moved]);
  await writer.deleteByDocument(collection, ds, docA);

  const [newest] = await reader.search(collection, fresh[7].vector, { datasetIds: [ds], topK: 1 });
  assert.equal(newest.id, fresh[7].id, 'points written since the last search are found');
  const [movedHit] = await reader.search(collection, moved.vector, { datasetIds: [ds], topK: 1 });
  assert.equal(movedHit.id, moved.id);
  assert.equal(movedHit.payload.doc_hash, 'edited');
  const oldPlace = await reader.search(collection, b[10].vector, { datasetIds: [ds], topK: 1 });
  assert.ok(oldPlace[0].id !== moved.id || oldPlace[0].score < 0.9, 'the old vector of an updated point is gone');
  const all = await reader.search(collection, a[3].vector, { datasetIds: [ds], topK: 5000 });
  assert.equal(all.length, 630, 'deleted points are gone and nothing is duplicated');
  assert.ok(all.every((h) => h.payload.document_id === docB));

  // Compaction rewrites every row to a new place in the table; the copy in memory must not lose or duplicate any.
  await writer.optimizeNow(collection);
  const late = points(vectors(5, dim, 25), ds, docB);
  await writer.upsert(collection, late);
  const afterCompaction = await reader.search(collection, late[2].vector, { datasetIds: [ds], topK: 5000 });
  assert.equal(afterCompaction.length, 635);
  assert.equal(afterCompaction[0].id, late[2].id);
  assert.equal(new Set(afterCompaction.map((h) => h.id)).size, 635);
  await writer.deleteByIds(collection, [late[2].id, fresh[0].id]);
  const [gone] = await reader.search(collection, late[2].vector, { datasetIds: [ds], topK: 1 });
  assert.notEqual(gone.id, late[2].id);
  assert.equal((await reader.search(collection, a[3].vector, { datasetIds: [ds], topK: 5000 })).length, 633);
  await Promise.all([writer.close(), reader.close()]);
});

test('a dataset not in memory yet is answered by LanceDB while it loads in the background, with the same results', async () => {
  const dim = 24;
  const dir = join(root, 'background-load');
  const collection = collectionName('background-load', dim);
  const ds = randomUUID();
  const pts = points(vectors(400, dim, 31), ds);
  const writer = new EmbeddedVectorStore(dir);
  await writer.upsert(collection, pts);
  await writer.close();
  const store = new EmbeddedVectorStore(dir, { flatMaxRows: 100, indexThreshold: 1_000_000 });
  const first = await store.search(collection, pts[9].vector, { datasetIds: [ds], topK: 5 });
  assert.equal(first[0].id, pts[9].id);
  assert.ok(Math.abs(first[0].score - 1) < 1e-4, 'answered exactly by LanceDB while loading');
  await store.idle();
  const later = await store.search(collection, pts[9].vector, { datasetIds: [ds], topK: 5 });
  assert.deepEqual(
    later.map((h) => h.id),
    first.map((h) => h.id),
    'the in-memory answer matches',
  );
  assert.ok(Math.abs(later[0].score - 1) < 0.005);
  await store.close();
});

test('a reader never serves a stale in-memory slice after another connection writes or deletes', async () => {
  const dir = join(root, 'two-connections');
  const collection = collectionName('two-connections', 8);
  const ds = randomUUID();
  const [writer, reader] = [new EmbeddedVectorStore(dir), new EmbeddedVectorStore(dir)];
  const q = vectors(1, 8, 5)[0];
  await writer.upsert(collection, points(vectors(2, 8, 1), ds));
  assert.equal((await reader.search(collection, q, { datasetIds: [ds], topK: 10 })).length, 2);
  await writer.upsert(collection, points(vectors(3, 8, 2), ds));
  assert.equal((await reader.search(collection, q, { datasetIds: [ds], topK: 10 })).length, 5);
  await writer.deleteByDataset(collection, ds);
  assert.deepEqual(await reader.search(collection, q, { datasetIds: [ds], topK: 10 }), []);
  await Promise.all([writer.close(), reader.close()]);
});

test('the store survives a restart: points written before close are there after reopening', async () => {
  const dir = join(root, 'restart');
  const collection = collectionName('restart', 8);
  const ds = randomUUID();
  const a = new EmbeddedVectorStore(dir);
  await a.upsert(collection, points(vectors(20, 8, 3), ds));
  await a.close();
  await assert.rejects(a.count(collection, { datasetIds: [ds] }), /closed/);
  const b = new EmbeddedVectorStore(dir);
  assert.equal(await b.count(collection, { datasetIds: [ds] }), 20);
  await b.close();
});
