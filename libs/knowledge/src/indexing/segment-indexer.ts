import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { NotFoundError } from '@sluice/contracts';
import { VECTOR_STORE, type VectorPoint, type VectorStore, collectionName } from '@sluice/vector';
import { Embedder, sha256 } from '../embedding/embedder';
import { EmbeddingFailedError } from '../embedding/embedding-errors';
import { searchableText, toTsvectorLiteral } from '../full-text/full-text-tokenizer';
import { ChildRow, IndexingRepository, SegmentRow } from '../store/indexing.repository';
import type { DatasetIndexInfo } from './dataset-index-info';
import { embeddingInputs } from './embedding-inputs';

export type { SegmentRow } from '../store/indexing.repository';

export interface IndexSegmentsOptions {
  /** The split stage already wrote `search_vector` with the rows. */
  skipFullText?: boolean;
  signal?: AbortSignal;
}

export interface IndexSegmentsResult {
  /** Vector point ids written (empty for economy datasets). */
  pointIds: string[];
  /** Where they were written, so a caller can remove them even after the dataset row is gone. */
  collection: string | null;
  embeddingTokens: number;
}

/** Embedded but not yet written: the output of `prepare`, the input of `commit`. */
export interface PreparedIndex {
  segmentIds: string[];
  points: VectorPoint[];
  collection: string | null;
  dimension: number;
  embeddingTokens: number;
}

interface PointSource {
  id: string;
  text: string;
  payload: VectorPoint['payload'];
}

function emptyPrepared(): PreparedIndex {
  return { segmentIds: [], points: [], collection: null, dimension: 0, embeddingTokens: 0 };
}

/**
 * Makes segments searchable: the full-text column, and for high_quality datasets their vectors
 * (children's vectors for hierarchical documents). Point ids are the rows' `index_node_id`, so
 * indexing twice overwrites instead of duplicating.
 */
@Injectable()
export class SegmentIndexer {
  private readonly ensured = new Set<string>();

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly rows: IndexingRepository,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
    private readonly embedder: Embedder,
  ) {}

  async datasetInfo(datasetId: string): Promise<DatasetIndexInfo | null> {
    const r = await this.rows.dataset(datasetId);
    if (!r) return null;
    return {
      id: r.id,
      tenantId: r.tenant_id,
      indexingTechnique: r.indexing_technique ?? null,
      model: { provider: r.embedding_model_provider || 'openai', name: r.embedding_model || this.cfg.knowledge.defaultEmbeddingModel },
      dimension: r.embedding_dimension ?? null,
    };
  }

  /** The collection holding this dataset's vectors, or null while it has none. */
  collectionOf(info: DatasetIndexInfo): string | null {
    return info.dimension ? collectionName(info.model.name, info.dimension) : null;
  }

  async indexSegments(datasetId: string, segmentIds: string[], opts: IndexSegmentsOptions = {}): Promise<IndexSegmentsResult> {
    return this.commit(await this.prepare(datasetId, segmentIds, opts));
  }

  /**
   * First half of indexSegments: loads the rows, writes the full-text column and embeds. Split from
   * `commit` so a caller can embed the next batch while the previous one is written.
   */
  async prepare(datasetId: string, segmentIds: string[], opts: IndexSegmentsOptions = {}): Promise<PreparedIndex> {
    if (!segmentIds.length) return emptyPrepared();
    const segments = await this.rows.segments(datasetId, segmentIds);
    return this.prepareRows(datasetId, segments, opts);
  }

  /** A document's next `limit` segments that are not completed, after `afterPosition`, in order: one round of the embed stage. */
  pendingSegments(datasetId: string, documentId: string, afterPosition: number, limit: number): Promise<SegmentRow[]> {
    return this.rows.pendingSegments(datasetId, documentId, afterPosition, limit);
  }

  /** `prepare` for rows already loaded (e.g. by pendingSegments). */
  async prepareRows(datasetId: string, segments: SegmentRow[], opts: IndexSegmentsOptions = {}): Promise<PreparedIndex> {
    const prepared = emptyPrepared();
    const info = await this.datasetInfo(datasetId);
    if (!info) throw new NotFoundError('Dataset not found.');
    if (!segments.length) return prepared;
    prepared.segmentIds = segments.map((s) => s.id);
    if (!opts.skipFullText) {
      await this.rows.writeSearchVectors(
        prepared.segmentIds,
        segments.map((s) => toTsvectorLiteral(searchableText(s))),
      );
    }
    if (info.indexingTechnique !== 'high_quality') return prepared;
    const items = await this.buildPoints(info, segments);
    if (!items.length) return prepared;
    const { vectors, tokens } = await this.embedder.embedTexts(
      info.tenantId,
      info.model,
      items.map((p) => p.text),
      opts.signal,
    );
    prepared.embeddingTokens = tokens;
    prepared.dimension = await this.fixDimension(info, vectors[0].length);
    prepared.collection = collectionName(info.model.name, prepared.dimension);
    prepared.points = items.map((p, i) => ({ id: p.id, vector: vectors[i], payload: p.payload }));
    return prepared;
  }

  /** Second half: upserts the vectors (awaited: durable and searchable) and marks the segments completed. */
  async commit(prepared: PreparedIndex): Promise<IndexSegmentsResult> {
    const result = await this.writeVectors(prepared);
    await this.markCompleted(prepared);
    return result;
  }

  /**
   * The first step of `commit`, separate so a caller can mark one batch completed while the next
   * batch's vectors are written; a batch must only be marked once its own vectors are written.
   */
  async writeVectors(prepared: PreparedIndex): Promise<IndexSegmentsResult> {
    const result: IndexSegmentsResult = { pointIds: [], collection: prepared.collection, embeddingTokens: prepared.embeddingTokens };
    if (prepared.collection && prepared.points.length) {
      await this.ensureCollection(prepared.collection, prepared.dimension);
      await this.store.upsert(prepared.collection, prepared.points);
      result.pointIds = prepared.points.map((p) => p.id);
    }
    return result;
  }

  /** The second step of `commit`. */
  async markCompleted(prepared: Pick<PreparedIndex, 'segmentIds'>): Promise<void> {
    if (!prepared.segmentIds.length) return;
    await this.rows.markCompleted(prepared.segmentIds);
  }

  private async buildPoints(info: DatasetIndexInfo, segments: SegmentRow[]): Promise<PointSource[]> {
    const items: PointSource[] = [];
    const parents = segments.filter((s) => s.doc_form === 'hierarchical_model');
    const childrenOf = new Map<string, ChildRow[]>();
    if (parents.length) {
      const children: ChildRow[] = await this.rows.childrenOf(parents.map((s) => s.id));
      for (const c of children) {
        const list = childrenOf.get(c.segment_id) ?? [];
        list.push(c);
        childrenOf.set(c.segment_id, list);
      }
    }
    for (const s of segments) {
      const base = { tenant_id: info.tenantId, dataset_id: info.id, document_id: s.document_id, segment_id: s.id };
      if (s.doc_form === 'hierarchical_model') {
        for (const c of childrenOf.get(s.id) ?? []) {
          items.push({ id: c.index_node_id, text: c.content, payload: { ...base, child_chunk_id: c.id, doc_hash: c.index_node_hash || sha256(c.content) } });
        }
        continue;
      }
      const headingPath = Array.isArray(s.meta?.heading_path) ? (s.meta!.heading_path as string[]) : undefined;
      const [text] = embeddingInputs(s.doc_form, { content: s.content, headingPath });
      items.push({ id: s.index_node_id, text, payload: { ...base, child_chunk_id: null, doc_hash: s.index_node_hash } });
    }
    return items;
  }

  /** The first vectors written decide the dataset's dimension; a model answering another size is an error. */
  private async fixDimension(info: DatasetIndexInfo, dimension: number): Promise<number> {
    if (info.dimension === dimension) return dimension;
    if (info.dimension === null) {
      const fixed = await this.rows.fixDimension(info.id, dimension);
      if (fixed === dimension) return dimension;
      info.dimension = fixed;
    }
    throw new EmbeddingFailedError(
      `The embedding model ${info.model.name} returned ${dimension}-dimensional vectors, but this knowledge base holds ${info.dimension}-dimensional ones.`,
    );
  }

  private async ensureCollection(collection: string, dimension: number): Promise<void> {
    if (this.ensured.has(collection)) return;
    await this.store.ensureCollection(collection, dimension);
    this.ensured.add(collection);
  }

  async removeVectors(datasetId: string, indexNodeIds: string[]): Promise<void> {
    if (!indexNodeIds.length) return;
    const info = await this.datasetInfo(datasetId);
    const collection = info && this.collectionOf(info);
    if (collection) await this.store.deleteByIds(collection, indexNodeIds);
  }

  async removeDocumentVectors(datasetId: string, documentId: string): Promise<void> {
    const info = await this.datasetInfo(datasetId);
    const collection = info && this.collectionOf(info);
    if (collection) await this.store.deleteByDocument(collection, datasetId, documentId);
  }

  async removeDatasetVectors(datasetId: string): Promise<void> {
    const info = await this.datasetInfo(datasetId);
    const collection = info && this.collectionOf(info);
    if (collection) await this.store.deleteByDataset(collection, datasetId);
  }

  /** Vectors stored for a document (what "vector count == segment count" is checked against). */
  async countDocumentVectors(datasetId: string, documentId: string): Promise<number> {
    const info = await this.datasetInfo(datasetId);
    const collection = info && this.collectionOf(info);
    if (!collection) return 0;
    return this.store.count(collection, { datasetIds: [datasetId], documentIds: [documentId] });
  }
}
