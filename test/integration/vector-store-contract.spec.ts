import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EmbeddedVectorStore, QdrantVectorStore } from '@sluice/vector';
import { FakeQdrantServer } from '../../libs/vector/src/testing/fake-qdrant-server';
import { runVectorStoreContract } from '../../libs/vector/src/testing/vector-store.contract';

// The embedded adapter for real: LanceDB files in a temporary DATA_DIR/vectors.
const dir = mkdtempSync(join(tmpdir(), 'sluice-vector-contract-'));
after(() => rmSync(dir, { recursive: true, force: true }));

runVectorStoreContract('embedded (LanceDB)', async () => new EmbeddedVectorStore(join(dir, 'vectors')));
// flatMaxRows 0 sends every search down the path big datasets take: the in-memory 8-bit index.
runVectorStoreContract(
  'embedded (in-memory index)',
  async () => new EmbeddedVectorStore(join(dir, 'vectors-memory'), { flatMaxRows: 0, memoryIndexLoadInBackground: false }),
);

// The Qdrant adapter over real HTTP, against a fake that checks every request against the
// OpenAPI types of @qdrant/js-client-rest (no Qdrant server can run here).
const qdrant = new FakeQdrantServer();
before(() => qdrant.start());
after(() => qdrant.stop());

runVectorStoreContract('qdrant (REST)', async () => new QdrantVectorStore({ url: qdrant.url }));

test('qdrant (REST): every request the adapter sent conforms to the client OpenAPI schema', () => {
  assert.deepEqual(qdrant.rejected, [], 'no request was rejected as malformed');
  const used = new Set(qdrant.requests.map((r) => r.operationId));
  for (const op of [
    'collection_exists',
    'create_collection',
    'get_collection',
    'create_field_index',
    'upsert_points',
    'query_points',
    'delete_points',
    'count_points',
  ]) {
    assert.ok(used.has(op), `the contract exercised ${op}`);
  }
});
