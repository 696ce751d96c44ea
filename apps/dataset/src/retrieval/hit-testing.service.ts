import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ContractPayloadOf, DatasetContracts, ForbiddenError, InvalidParamError, NotFoundError, parseAfterLookup } from '@sluice/contracts';
import { activeFilter } from './metadata-filter';
import { RetrievalService, RetrievedRecord } from './retrieval.service';
import { SegmentSearchRepository } from './segment-search.repository';

/** Dify's limit on a hit-testing query. */
export const MAX_QUERY_LENGTH = 250;

export type HitTestingPayload = ContractPayloadOf<typeof DatasetContracts.hitTesting>;

const seconds = (d: Date | null | undefined) => (d ? Math.floor(new Date(d).getTime() / 1000) : null);

/** Service API `retrieve` / `hit-testing` on one dataset, answered in Dify's shape. */
@Injectable()
export class HitTestingService {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly repo: SegmentSearchRepository,
  ) {}

  async hitTesting(p: HitTestingPayload) {
    const query = (p.body as { query?: unknown } | null | undefined)?.query;
    if (typeof query !== 'string' || !query.trim() || query.length > MAX_QUERY_LENGTH) {
      throw new InvalidParamError(`Query is required and cannot exceed ${MAX_QUERY_LENGTH} characters`, { params: 'query' });
    }
    const b = parseAfterLookup(DatasetContracts.hitTesting, 'body', p.body);
    const model = b.retrieval_model ?? {};
    const filter = activeFilter(b.metadata_filtering_conditions);
    const [dataset] = z.string().uuid().safeParse(p.datasetId).success ? await this.repo.findDatasets(p.tenantId, [p.datasetId]) : [];
    if (!dataset) throw new NotFoundError('Dataset not found.');
    if (p.via === 'api' && !dataset.enable_api) throw new ForbiddenError('Dataset api access is not enabled.');
    if (
      p.via === 'console' &&
      p.accountId &&
      (await this.repo.hiddenFrom({ tenantId: p.tenantId, accountId: p.accountId, role: p.role ?? 'normal' }, [dataset.id])).length
    ) {
      throw new ForbiddenError('You do not have permission to access this dataset.');
    }
    const records = await this.retrieval.retrieve({ tenantId: p.tenantId, datasets: [dataset], query, retrievalModel: model, filter });
    return { query: { content: query }, records: records.map(toDifyRecord) };
  }
}

function toDifyRecord(r: RetrievedRecord) {
  const s = r.segment;
  return {
    segment: {
      id: s.id,
      position: s.position,
      document_id: s.document_id,
      content: s.content,
      sign_content: s.content,
      answer: s.answer,
      word_count: s.word_count,
      tokens: s.tokens,
      keywords: s.keywords ?? [],
      index_node_id: s.index_node_id,
      index_node_hash: s.index_node_hash,
      hit_count: s.hit_count,
      enabled: s.enabled,
      disabled_at: null,
      disabled_by: null,
      status: s.status,
      created_by: s.created_by,
      created_at: seconds(s.created_at),
      indexing_at: null,
      completed_at: seconds(s.completed_at),
      error: null,
      stopped_at: null,
      document: { id: s.document_id, data_source_type: s.data_source_type, name: s.document_name, doc_type: null, doc_metadata: s.doc_metadata ?? {} },
    },
    child_chunks: r.childChunks.map((c) => ({ id: c.id, content: c.content, position: c.position, score: c.score })),
    score: r.score,
    tsne_position: null,
    files: [],
    // Dify's chunk summaries (an optional summary index), which Sluice does not make.
    summary: null,
  };
}
