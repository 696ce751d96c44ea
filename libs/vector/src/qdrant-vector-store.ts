import { QdrantClient } from '@qdrant/js-client-rest';
import { assertCollection, assertFilter, assertPoints, assertUuids, clampScore } from './point-validation';
import { mapQdrantError, qdrantStatus } from './qdrant-errors';
import type { VectorFilter, VectorHit, VectorPayload, VectorPoint, VectorSearchOptions, VectorStore } from './vector-store';
import { VectorStoreRequestError } from './vector.errors';

export interface QdrantVectorStoreOptions {
  url: string;
  apiKey?: string;
  /** Per request, milliseconds. */
  timeoutMs?: number;
}

const UPSERT_BATCH = 64;
const MISSING = Symbol('missing');
const DELETE_BATCH = 512;

type QdrantFilter = { must: Array<{ key: string; match: { any: string[] } | { value: string } }> };

/**
 * Qdrant over REST: one collection per embedding model and dimension, shared by all datasets,
 * with keyword payload indexes on tenant_id, dataset_id (`is_tenant`, so each dataset's points
 * are stored together) and document_id.
 *
 * Plain HNSW (m 16) plus `payload_m: 16` rather than Dify-style `m: 0` multitenancy: with m 0 there
 * is no global graph, and a chat app retrieving from several datasets at once (`dataset_id` match
 * any) would fall back to slow or partial traversal; with both, single-dataset queries use the
 * per-dataset links and multi-dataset queries the global graph, for some extra memory.
 */
export class QdrantVectorStore implements VectorStore {
  readonly kind = 'qdrant' as const;
  private readonly client: QdrantClient;
  private readonly url: string;
  /** Collections this process has created or checked, with their dimension. */
  private readonly known = new Map<string, Promise<number>>();

  constructor(opts: QdrantVectorStoreOptions) {
    this.url = opts.url;
    // No compatibility probe: it would fire an unawaited request at construction (boot) time.
    this.client = new QdrantClient({ url: opts.url, apiKey: opts.apiKey, timeout: opts.timeoutMs ?? 60_000, checkCompatibility: false });
  }

  async ensureCollection(collection: string, dimension: number): Promise<void> {
    assertCollection(collection);
    if (!Number.isInteger(dimension) || dimension <= 0) throw new VectorStoreRequestError(`Invalid vector dimension ${dimension}.`);
    let known = this.known.get(collection);
    if (!known) {
      known = this.createOrInspect(collection, dimension);
      this.known.set(collection, known);
      known.catch(() => this.known.get(collection) === known && this.known.delete(collection));
    }
    const have = await known;
    if (have !== dimension) throw new VectorStoreRequestError(`Collection ${collection} holds ${have}-dimensional vectors; got ${dimension}.`);
  }

  async upsert(collection: string, points: VectorPoint[]): Promise<void> {
    if (points.length === 0) return;
    const dimension = points[0].vector.length;
    assertPoints(points, dimension);
    await this.ensureCollection(collection, dimension);
    for (let i = 0; i < points.length; i += UPSERT_BATCH) {
      const batch = points
        .slice(i, i + UPSERT_BATCH)
        .map((p) => ({ id: p.id, vector: p.vector, payload: { ...p.payload, child_chunk_id: p.payload.child_chunk_id ?? null } }));
      // wait: the promise resolves only once the points are applied and searchable.
      const write = () => this.call('upsert', collection, () => this.client.upsert(collection, { wait: true, points: batch }), { notFound: MISSING });
      if ((await write()) === MISSING) {
        // Dropped behind our back (e.g. an operator reset Qdrant): recreate once, then write.
        this.known.delete(collection);
        await this.ensureCollection(collection, dimension);
        if ((await write()) === MISSING) throw new VectorStoreRequestError(`Qdrant collection ${collection} disappeared while writing to it.`);
      }
    }
  }

  async search(collection: string, vector: number[], options: VectorSearchOptions): Promise<VectorHit[]> {
    assertCollection(collection);
    const filter = this.filterOf(options);
    if (!filter || options.topK <= 0) return [];
    const res = await this.call(
      'search',
      collection,
      () =>
        this.client.query(collection, {
          query: vector,
          filter,
          limit: options.topK,
          with_payload: true,
          ...(options.scoreThreshold !== undefined ? { score_threshold: options.scoreThreshold } : {}),
        }),
      { notFound: null },
    );
    if (!res) return [];
    const threshold = options.scoreThreshold ?? 0;
    return res.points
      .map((p) => ({ id: String(p.id), score: clampScore(p.score), payload: toPayload(p.payload) }))
      .filter((h) => h.score >= threshold)
      .sort((a, b) => b.score - a.score);
  }

  async deleteByIds(collection: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    assertUuids('point id', ids);
    assertCollection(collection);
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      const points = ids.slice(i, i + DELETE_BATCH);
      await this.call('deleteByIds', collection, () => this.client.delete(collection, { wait: true, points }), { notFound: null });
    }
  }

  async deleteByDocument(collection: string, datasetId: string, documentId: string): Promise<void> {
    assertUuids('dataset id', [datasetId]);
    assertUuids('document id', [documentId]);
    await this.deleteWhere('deleteByDocument', collection, {
      must: [
        { key: 'dataset_id', match: { value: datasetId } },
        { key: 'document_id', match: { value: documentId } },
      ],
    });
  }

  async deleteByDataset(collection: string, datasetId: string): Promise<void> {
    assertUuids('dataset id', [datasetId]);
    await this.deleteWhere('deleteByDataset', collection, { must: [{ key: 'dataset_id', match: { value: datasetId } }] });
  }

  async count(collection: string, filter: VectorFilter): Promise<number> {
    assertCollection(collection);
    const f = this.filterOf(filter);
    if (!f) return 0;
    const res = await this.call('count', collection, () => this.client.count(collection, { filter: f, exact: true }), { notFound: null });
    return res?.count ?? 0;
  }

  async close(): Promise<void> {
    this.known.clear();
  }

  private async deleteWhere(op: string, collection: string, filter: QdrantFilter): Promise<void> {
    assertCollection(collection);
    await this.call(op, collection, () => this.client.delete(collection, { wait: true, filter }), { notFound: null });
  }

  /** Qdrant filter for a VectorFilter, or null when it can match nothing. */
  private filterOf(f: VectorFilter): QdrantFilter | null {
    assertFilter(f);
    if (f.datasetIds.length === 0 || (f.documentIds && f.documentIds.length === 0)) return null;
    const must: QdrantFilter['must'] = [{ key: 'dataset_id', match: { any: [...new Set(f.datasetIds)] } }];
    if (f.documentIds) must.push({ key: 'document_id', match: { any: [...new Set(f.documentIds)] } });
    return { must };
  }

  private async createOrInspect(collection: string, dimension: number): Promise<number> {
    const { exists } = await this.call('ensureCollection', collection, () => this.client.collectionExists(collection));
    if (!exists) {
      await this.call(
        'ensureCollection',
        collection,
        () =>
          this.client.createCollection(collection, {
            vectors: { size: dimension, distance: 'Cosine' },
            hnsw_config: { m: 16, payload_m: 16 },
            on_disk_payload: true,
          }),
        // Another worker created it first: fine, we check its dimension below.
        { conflict: false },
      );
      // Also after a 409: index creation is idempotent, and the winner may have died before it.
      await this.createPayloadIndexes(collection);
    }
    const info = await this.call('ensureCollection', collection, () => this.client.getCollection(collection));
    const vectors = info.config?.params?.vectors as { size?: number } | undefined;
    if (typeof vectors?.size !== 'number')
      throw new VectorStoreRequestError(`Collection ${collection} in Qdrant has no single unnamed vector; it was not created by Sluice.`);
    return vectors.size;
  }

  private async createPayloadIndexes(collection: string): Promise<void> {
    const fields = [
      { field_name: 'dataset_id', field_schema: { type: 'keyword' as const, is_tenant: true } },
      { field_name: 'tenant_id', field_schema: 'keyword' as const },
      { field_name: 'document_id', field_schema: 'keyword' as const },
    ];
    for (const f of fields) {
      await this.call('createPayloadIndex', collection, () => this.client.createPayloadIndex(collection, { wait: true, ...f }));
    }
  }

  /** Runs a client call, mapping failures; `notFound`/`conflict` give the value to return on 404/409 instead. */
  private async call<T, D = never>(op: string, collection: string, fn: () => Promise<T>, on: { notFound?: D; conflict?: D } = {}): Promise<T | D> {
    try {
      return await fn();
    } catch (err) {
      const status = qdrantStatus(err);
      if (status === 404 && 'notFound' in on) return on.notFound as D;
      if (status === 409 && 'conflict' in on) return on.conflict as D;
      throw mapQdrantError(err, op, collection, this.url);
    }
  }
}

function toPayload(p: Record<string, unknown> | null | undefined): VectorPayload {
  const v = p ?? {};
  return {
    tenant_id: String(v.tenant_id ?? ''),
    dataset_id: String(v.dataset_id ?? ''),
    document_id: String(v.document_id ?? ''),
    segment_id: String(v.segment_id ?? ''),
    child_chunk_id: (v.child_chunk_id as string | null | undefined) ?? null,
    doc_hash: String(v.doc_hash ?? ''),
  };
}
