import { Inject, Injectable } from '@nestjs/common';
import { retrievalDuration } from '@sluice/observability';
import { VECTOR_STORE, VectorStore, collectionName } from '@sluice/vector';
import { SegmentHit, applyThresholdAndTopK, groupBySegment, reciprocalRankFusion, weightedFusion } from './fusion';
import { keywordScore, queryLexemes } from './keyword-scorer';
import { MetadataFilter } from './metadata-filter';
import { QueryEmbedder } from './query-embedder';
import { Reranker } from './reranker';
import { RetrievalModelInput, RetrievalSettings, resolveSettings } from './retrieval-settings';
import { ChildChunkRow, DatasetRow, SegmentRow, SegmentSearchRepository } from './segment-search.repository';

/** A retrieved segment with its final score and, for hierarchical datasets, the children that matched. */
export interface RetrievedRecord {
  segment: SegmentRow;
  score: number;
  childChunks: (ChildChunkRow & { score: number })[];
}

export interface RetrieveOptions {
  tenantId: string;
  datasets: DatasetRow[];
  query: string;
  retrievalModel: RetrievalModelInput;
  filter: MetadataFilter | null;
}

/** Each search fetches more than top_k so fusion and rerank have something to choose from. */
const CANDIDATE_FACTOR = 3;
const MIN_CANDIDATES = 10;

/**
 * The retrieval pipeline: per dataset, search (vector, full-text or both in parallel) and fuse;
 * across datasets, merge; then the optional rerank, ONE threshold on the final score, and top_k.
 */
@Injectable()
export class RetrievalService {
  constructor(
    private readonly repo: SegmentSearchRepository,
    @Inject(VECTOR_STORE) private readonly store: VectorStore,
    private readonly embedder: QueryEmbedder,
    private readonly reranker: Reranker,
  ) {}

  async retrieve(o: RetrieveOptions): Promise<RetrievedRecord[]> {
    const query = o.query.trim();
    if (!o.datasets.length || !query) return [];
    const documentIds = o.filter
      ? await this.repo.documentIdsMatching(
          o.tenantId,
          o.datasets.map((d) => d.id),
          o.filter,
        )
      : null;
    if (documentIds && !documentIds.length) return [];
    // With one dataset its stored retrieval_model fills what the caller left out; across several, the caller's settings rule.
    const global = resolveSettings(o.retrievalModel, o.datasets.length === 1 ? (o.datasets[0].retrieval_model ?? {}) : {}, false);
    const perDataset = await Promise.all(
      o.datasets.map((d) => {
        const s = resolveSettings(o.retrievalModel, d.retrieval_model ?? {}, d.indexing_technique === 'economy');
        return this.searchDataset(o.tenantId, d, query, { ...s, topK: global.topK }, documentIds);
      }),
    );
    const candidates = groupBySegment(perDataset.flat());
    if (!candidates.length) return [];
    const segments = new Map(
      (
        await this.repo.loadSegments(
          o.tenantId,
          candidates.map((c) => c.segmentId),
        )
      ).map((s) => [s.id, s]),
    );
    let live = candidates.filter((c) => segments.has(c.segmentId));
    if (global.rerank && live.length) {
      const scores = await this.reranker.score(
        o.tenantId,
        global.rerank,
        query,
        live.map((c) => rerankText(segments.get(c.segmentId)!)),
      );
      live = live.map((c, i) => ({ ...c, score: scores[i] }));
    }
    const final = applyThresholdAndTopK(live, global.scoreThreshold, global.topK);
    const [childRows] = await Promise.all([
      this.repo.loadChildChunks(
        o.tenantId,
        final.flatMap((h) => h.children?.map((c) => c.id) ?? []),
      ),
      this.repo.incrementHitCount(final.map((h) => h.segmentId)),
    ]);
    const children = new Map(childRows.map((c) => [c.id, c]));
    return final.map((h) => {
      const seg = segments.get(h.segmentId)!;
      return {
        segment: { ...seg, hit_count: seg.hit_count + 1 },
        score: h.score,
        childChunks: (h.children ?? []).flatMap((c) => (children.has(c.id) ? [{ ...children.get(c.id)!, score: c.score }] : [])),
      };
    });
  }

  /** One dataset's candidates, fused, before rerank and threshold. */
  async searchDataset(tenantId: string, dataset: DatasetRow, query: string, s: RetrievalSettings, documentIds: string[] | null): Promise<SegmentHit[]> {
    const t0 = performance.now();
    try {
      return await this.searchBy(tenantId, dataset, query, s, documentIds);
    } finally {
      retrievalDuration.observe({ method: s.searchMethod }, (performance.now() - t0) / 1000);
    }
  }

  private async searchBy(tenantId: string, dataset: DatasetRow, query: string, s: RetrievalSettings, documentIds: string[] | null): Promise<SegmentHit[]> {
    const limit = Math.max(s.topK * CANDIDATE_FACTOR, MIN_CANDIDATES);
    switch (s.searchMethod) {
      case 'semantic_search':
        return this.vectorSearch(tenantId, dataset, query, limit, documentIds);
      case 'full_text_search':
      case 'keyword_search':
        return this.fullTextSearch(tenantId, dataset, query, limit, documentIds);
      case 'hybrid_search': {
        const [vector, keyword] = await Promise.all([
          this.vectorSearch(tenantId, dataset, query, limit, documentIds),
          this.fullTextSearch(tenantId, dataset, query, limit, documentIds),
        ]);
        return s.fusion === 'weighted_score' ? weightedFusion(vector, keyword, s.vectorWeight, s.keywordWeight) : reciprocalRankFusion([vector, keyword]);
      }
    }
  }

  async vectorSearch(tenantId: string, d: DatasetRow, query: string, limit: number, documentIds: string[] | null): Promise<SegmentHit[]> {
    if (!d.embedding_model || !d.embedding_dimension || d.indexing_technique === 'economy') return [];
    const vector = await this.embedder.embedQuery(tenantId, { provider: d.embedding_model_provider || 'openai', name: d.embedding_model }, query);
    const hits = await this.store.search(collectionName(d.embedding_model, d.embedding_dimension), vector, {
      datasetIds: [d.id],
      ...(documentIds ? { documentIds } : {}),
      topK: limit,
    });
    return groupBySegment(
      hits.map((h) => {
        const score = clamp01(h.score);
        return { segmentId: h.payload.segment_id, score, ...(h.payload.child_chunk_id ? { children: [{ id: h.payload.child_chunk_id, score }] } : {}) };
      }),
    );
  }

  async fullTextSearch(tenantId: string, d: DatasetRow, query: string, limit: number, documentIds: string[] | null): Promise<SegmentHit[]> {
    const lexemes = queryLexemes(query);
    if (!lexemes.length) return [];
    const children = d.doc_form === 'hierarchical_model';
    const size = await this.repo.corpusSize(d.id, children);
    const { candidates, docFreq } = await this.repo.fullTextCandidates(tenantId, d.id, lexemes, size.total, documentIds, limit, children);
    const stats = { ...size, docFreq };
    return groupBySegment(
      candidates.map((c) => {
        const score = keywordScore(c.content, lexemes, stats);
        return { segmentId: c.segment_id, score, ...(c.child_id ? { children: [{ id: c.child_id, score }] } : {}) };
      }),
    );
  }
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** Q&A segments are judged on question and answer together, as Dify presents them. */
function rerankText(s: SegmentRow): string {
  return s.answer ? `question:${s.content} answer:${s.answer}` : s.content;
}
