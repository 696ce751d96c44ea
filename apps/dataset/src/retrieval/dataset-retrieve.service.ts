import { Injectable } from '@nestjs/common';
import { RetrieveRequest, RetrieverResource, isUuid } from '@sluice/contracts';
import { AutomaticMetadataFilter } from './automatic-metadata-filter';
import { parseMetadataFilter } from './metadata-filter';
import { parseRetrievalModel } from './retrieval-settings';
import { RetrievalService } from './retrieval.service';
import { SegmentSearchRepository } from './segment-search.repository';

/**
 * Retrieval across the datasets a chat app or knowledge-retrieval node names (Dify's `multiple`
 * mode): every dataset searched in parallel, merged, one rerank, one threshold, top_k. Datasets
 * that no longer exist are skipped, so an app whose dataset was deleted still answers.
 */
@Injectable()
export class DatasetRetrieveService {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly repo: SegmentSearchRepository,
    private readonly automatic: AutomaticMetadataFilter,
  ) {}

  /** `p` was validated by the contract's schema on receipt. */
  async retrieve(p: RetrieveRequest): Promise<RetrieverResource[]> {
    const model = parseRetrievalModel(p.retrievalModel);
    const ids = [...new Set(p.datasetIds.filter(isUuid))];
    const filter =
      p.metadataFilteringMode === 'automatic'
        ? await this.automatic.conditions(p.tenantId, ids, p.query, p.metadataModelConfig ?? undefined)
        : parseMetadataFilter(p.metadataFilteringConditions ?? (model as { metadata_filtering_conditions?: unknown }).metadata_filtering_conditions);
    const datasets = await this.repo.findDatasets(p.tenantId, ids);
    const records = await this.retrieval.retrieve({ tenantId: p.tenantId, datasets, query: p.query, retrievalModel: model, filter });
    return records.map((r, i) => {
      const s = r.segment;
      return {
        position: i + 1,
        dataset_id: s.dataset_id,
        dataset_name: s.dataset_name,
        document_id: s.document_id,
        document_name: s.document_name,
        data_source_type: s.data_source_type,
        segment_id: s.id,
        retriever_from: 'api',
        score: r.score,
        hit_count: s.hit_count,
        word_count: s.word_count,
        segment_position: s.position,
        index_node_hash: s.index_node_hash,
        content: s.answer ? `question:${s.content} answer:${s.answer}` : s.content,
        doc_metadata: s.doc_metadata ?? null,
        ...(r.childChunks.length ? { child_chunks: r.childChunks.map((c) => ({ id: c.id, content: c.content, position: c.position, score: c.score })) } : {}),
      };
    });
  }
}
