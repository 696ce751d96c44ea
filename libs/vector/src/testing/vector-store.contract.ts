import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { VectorPayload, VectorPoint, VectorStore } from '../vector-store';
import { VectorStoreRequestError } from '../vector.errors';

export const CONTRACT_DIM = 8;

/** A unit vector pointing mostly along `axis`, tilted by `tilt` towards the next axis. */
export function axisVector(axis: number, tilt = 0, dim = CONTRACT_DIM): number[] {
  const v = new Array<number>(dim).fill(0);
  v[axis % dim] = 1;
  v[(axis + 1) % dim] = tilt;
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export function point(vector: number[], payload: Partial<VectorPayload> & Pick<VectorPayload, 'dataset_id' | 'document_id'>, id = randomUUID()): VectorPoint {
  return {
    id,
    vector,
    payload: { tenant_id: randomUUID(), segment_id: randomUUID(), child_chunk_id: null, doc_hash: 'h-' + id.slice(0, 8), ...payload },
  };
}

let seq = 0;
const freshCollection = () => `sluice_contract_${process.pid}_${Date.now().toString(36)}_${seq++}_${CONTRACT_DIM}`;

/**
 * The behaviour every VectorStore adapter must have. `makeStore` is called once per test and
 * the store is closed after it; collections are unique per test so adapters may share state.
 */
export function runVectorStoreContract(name: string, makeStore: () => Promise<VectorStore>): void {
  const withStore = (title: string, body: (store: VectorStore, collection: string) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const store = await makeStore();
      try {
        const collection = freshCollection();
        await store.ensureCollection(collection, CONTRACT_DIM);
        await body(store, collection);
      } finally {
        await store.close();
      }
    });

  withStore('search returns the nearest points first, with numeric scores in 0..1 sorted descending', async (store, c) => {
    const ds = randomUUID();
    const doc = randomUUID();
    const pts = [0, 1, 2, 3].map((axis) => point(axisVector(axis), { dataset_id: ds, document_id: doc }));
    await store.upsert(c, pts);
    const hits = await store.search(c, axisVector(1, 0.1), { datasetIds: [ds], topK: 3 });
    assert.equal(hits.length, 3);
    assert.equal(hits[0].id, pts[1].id);
    assert.deepEqual(hits[0].payload, pts[1].payload);
    assert.ok(hits[0].score > 0.99 && hits[0].score <= 1, `nearest score ${hits[0].score}`);
    for (const h of hits) assert.ok(typeof h.score === 'number' && h.score >= 0 && h.score <= 1);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score, 'scores sorted descending');
    assert.equal(await store.count(c, { datasetIds: [ds] }), 4);
  });

  withStore('upserting the same ids again replaces the points instead of duplicating them', async (store, c) => {
    const ds = randomUUID();
    const doc = randomUUID();
    const pts = [0, 1, 2].map((axis) => point(axisVector(axis), { dataset_id: ds, document_id: doc }));
    await store.upsert(c, pts);
    const moved = { ...pts[0], vector: axisVector(5), payload: { ...pts[0].payload, doc_hash: 'changed' } };
    await store.upsert(c, [moved, pts[1], pts[2]]);
    assert.equal(await store.count(c, { datasetIds: [ds] }), 3);
    const [top] = await store.search(c, axisVector(5), { datasetIds: [ds], topK: 1 });
    assert.equal(top.id, pts[0].id);
    assert.equal(top.payload.doc_hash, 'changed');
    assert.ok(top.score > 0.99);
  });

  withStore('a search never returns points of datasets it did not name (two tenants, two datasets)', async (store, c) => {
    const [tenantA, tenantB] = [randomUUID(), randomUUID()];
    const [dsA, dsB] = [randomUUID(), randomUUID()];
    const a = point(axisVector(2), { tenant_id: tenantA, dataset_id: dsA, document_id: randomUUID() });
    const b = point(axisVector(2), { tenant_id: tenantB, dataset_id: dsB, document_id: randomUUID() });
    await store.upsert(c, [a, b]);
    const onlyA = await store.search(c, axisVector(2), { datasetIds: [dsA], topK: 10 });
    assert.deepEqual(
      onlyA.map((h) => h.id),
      [a.id],
    );
    assert.equal(onlyA[0].payload.tenant_id, tenantA);
    const onlyB = await store.search(c, axisVector(2), { datasetIds: [dsB], topK: 10 });
    assert.deepEqual(
      onlyB.map((h) => h.id),
      [b.id],
    );
    const both = await store.search(c, axisVector(2), { datasetIds: [dsA, dsB], topK: 10 });
    assert.deepEqual(new Set(both.map((h) => h.id)), new Set([a.id, b.id]));
    assert.deepEqual(await store.search(c, axisVector(2), { datasetIds: [], topK: 10 }), []);
    assert.deepEqual(await store.search(c, axisVector(2), { datasetIds: [randomUUID()], topK: 10 }), []);
  });

  withStore('documentIds narrows the search and the count; an empty list matches nothing', async (store, c) => {
    const ds = randomUUID();
    const [d1, d2, d3] = [randomUUID(), randomUUID(), randomUUID()];
    const pts = [
      point(axisVector(0), { dataset_id: ds, document_id: d1 }),
      point(axisVector(0, 0.2), { dataset_id: ds, document_id: d2 }),
      point(axisVector(0, 0.4), { dataset_id: ds, document_id: d3 }),
    ];
    await store.upsert(c, pts);
    const hits = await store.search(c, axisVector(0), { datasetIds: [ds], documentIds: [d2, d3], topK: 10 });
    assert.deepEqual(
      hits.map((h) => h.payload.document_id),
      [d2, d3],
    );
    assert.equal(await store.count(c, { datasetIds: [ds], documentIds: [d1] }), 1);
    assert.deepEqual(await store.search(c, axisVector(0), { datasetIds: [ds], documentIds: [], topK: 10 }), []);
    assert.equal(await store.count(c, { datasetIds: [ds], documentIds: [] }), 0);
  });

  withStore('scoreThreshold drops hits scoring below it and topK caps the result', async (store, c) => {
    const ds = randomUUID();
    const doc = randomUUID();
    const close = point(axisVector(3), { dataset_id: ds, document_id: doc });
    const near = point(axisVector(3, 0.5), { dataset_id: ds, document_id: doc }); // cos ≈ 0.894
    const far = point(axisVector(6), { dataset_id: ds, document_id: doc }); // cos = 0
    await store.upsert(c, [close, near, far]);
    const all = await store.search(c, axisVector(3), { datasetIds: [ds], topK: 10 });
    assert.equal(all.length, 3);
    assert.ok(Math.abs(all[1].score - 2 / Math.sqrt(5)) < 0.01, `cosine of the tilted point: ${all[1].score}`);
    const above = await store.search(c, axisVector(3), { datasetIds: [ds], topK: 10, scoreThreshold: 0.5 });
    assert.deepEqual(
      above.map((h) => h.id),
      [close.id, near.id],
    );
    const strict = await store.search(c, axisVector(3), { datasetIds: [ds], topK: 10, scoreThreshold: 0.95 });
    assert.deepEqual(
      strict.map((h) => h.id),
      [close.id],
    );
    assert.equal((await store.search(c, axisVector(3), { datasetIds: [ds], topK: 2 })).length, 2);
  });

  withStore('deleteByDocument, deleteByIds and deleteByDataset remove exactly what they name', async (store, c) => {
    const [ds1, ds2] = [randomUUID(), randomUUID()];
    const [d1, d2, d3] = [randomUUID(), randomUUID(), randomUUID()];
    const p1 = [0, 1, 2].map((a) => point(axisVector(a), { dataset_id: ds1, document_id: d1 }));
    const p2 = [3, 4].map((a) => point(axisVector(a), { dataset_id: ds1, document_id: d2 }));
    const p3 = [5, 6].map((a) => point(axisVector(a), { dataset_id: ds2, document_id: d3 }));
    await store.upsert(c, [...p1, ...p2, ...p3]);

    await store.deleteByDocument(c, ds1, d1);
    assert.equal(await store.count(c, { datasetIds: [ds1] }), 2);
    assert.equal(await store.count(c, { datasetIds: [ds1], documentIds: [d1] }), 0);
    assert.ok((await store.search(c, axisVector(0), { datasetIds: [ds1], topK: 10 })).every((h) => h.payload.document_id === d2));

    await store.deleteByIds(c, [p2[0].id, randomUUID()]);
    assert.deepEqual(
      (await store.search(c, axisVector(3), { datasetIds: [ds1], topK: 10 })).map((h) => h.id),
      [p2[1].id],
    );

    await store.deleteByDataset(c, ds1);
    assert.equal(await store.count(c, { datasetIds: [ds1] }), 0);
    assert.equal(await store.count(c, { datasetIds: [ds2] }), 2, 'the other dataset is untouched');
    await store.deleteByDataset(c, randomUUID());
    await store.deleteByIds(c, []);
  });

  withStore('ensureCollection is idempotent, also when called concurrently', async (store, c) => {
    await store.ensureCollection(c, CONTRACT_DIM);
    const other = freshCollection();
    await Promise.all([1, 2, 3].map(() => store.ensureCollection(other, CONTRACT_DIM)));
    const ds = randomUUID();
    await store.upsert(other, [point(axisVector(1), { dataset_id: ds, document_id: randomUUID() })]);
    assert.equal(await store.count(other, { datasetIds: [ds] }), 1);
  });

  withStore('concurrent upserts from 4 callers all land and are searchable once they resolve', async (store, c) => {
    const ds = randomUUID();
    const batches = [0, 1, 2, 3].map((caller) =>
      Array.from({ length: 40 }, (_, i) => point(axisVector(caller, i / 40), { dataset_id: ds, document_id: randomUUID() })),
    );
    await Promise.all(batches.map((b) => store.upsert(c, b)));
    assert.equal(await store.count(c, { datasetIds: [ds] }), 160);
    const [top] = await store.search(c, batches[2][0].vector, { datasetIds: [ds], topK: 1 });
    assert.equal(top.id, batches[2][0].id);
  });

  withStore('an unknown collection searches and counts as empty; bad input is a typed error', async (store, c) => {
    const ds = randomUUID();
    assert.deepEqual(await store.search('sluice_never_created_8', axisVector(0), { datasetIds: [ds], topK: 5 }), []);
    assert.equal(await store.count('sluice_never_created_8', { datasetIds: [ds] }), 0);
    await assert.rejects(store.search(c, axisVector(0), { datasetIds: ["x' OR '1'='1"], topK: 5 }), VectorStoreRequestError);
    await assert.rejects(
      store.upsert(c, [point(axisVector(0, 0, CONTRACT_DIM + 1), { dataset_id: ds, document_id: randomUUID() })]),
      (err: Error) => err instanceof VectorStoreRequestError && /dimension/i.test(err.message),
    );
  });
}
