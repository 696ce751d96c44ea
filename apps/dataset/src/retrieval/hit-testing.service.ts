import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ForbiddenError, InvalidParamError, NotFoundError, parseOrThrow } from '@sluice/contracts';
import { parseMetadataFilter } from './metadata-filter';
import { parseRetrievalModel } from './retrieval-settings';
import { RetrievalService, RetrievedRecord } from './retrieval.service';
import { SegmentSearchRepository } from './segment-search.repository';

/** Dify's limit on a hit-testing query. */
export const MAX_QUERY_LENGTH = 250;

const payloadSchema = z.object({
  tenantId: z.string().uuid(),
  datasetId: z.string(),
  /** `api` (Service API) also requires the dataset's enable_api. */
  via: z.enum(['api', 'console']).optional(),
  /** console: the member asking, held to the dataset's permission */
  accountId: z.string().nullish(),
  role: z.string().optional(),
  query: z.unknown().optional(),
  retrievalModel: z.unknown().optional(),
  metadataFilteringConditions: z.unknown().optional(),
  /** The raw request body, for gateways that forward it as is ({query, retrieval_model, …}). */
  body: z.record(z.unknown()).nullish(),
});

export type HitTestingPayload = z.input<typeof payloadSchema>;

const seconds = (d: Date | null | undefined) => (d ? Math.floor(new Date(d).getTime() / 1000) : null);

/** Service API `retrieve` / `hit-testing` on one dataset, answered in Dify's shape. */
@Injectable()
export class HitTestingService {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly repo: SegmentSearchRepository,
  ) {}

  async hitTesting(payload: HitTestingPayload) {
    const p = parseOrThrow(payloadSchema, payload);
    if (p.body) {
      p.query ??= p.body.query;
      p.retrievalModel ??= p.body.retrieval_model;
      p.metadataFilteringConditions ??= p.body.metadata_filtering_conditions;
    }
    if (typeof p.query !== 'string' || !p.query.trim() || p.query.length > MAX_QUERY_LENGTH) {
      throw new InvalidParamError(`Query is required and cannot exceed ${MAX_QUERY_LENGTH} characters`, { params: 'query' });
    }
    const model = parseRetrievalModel(p.retrievalModel);
    const filter = parseMetadataFilter(p.metadataFilteringConditions ?? (model as { metadata_filtering_conditions?: unknown }).metadata_filtering_conditions);
    const [dataset] = z.string().uuid().safeParse(p.datasetId).success ? await this.repo.findDatasets(p.tenantId, [p.datasetId]) : [];
    if (!dataset) throw new NotFoundError('Dataset not found.');
    if (p.via === 'api' && !dataset.enable_api) throw new ForbiddenError('Dataset api access is not enabled.');
    if (p.via === 'console' && p.accountId && (await this.repo.hiddenFrom({ tenantId: p.tenantId, accountId: p.accountId, role: p.role ?? 'normal' }, [dataset.id])).length) {
      throw new ForbiddenError('You do not have permission to access this dataset.');
    }
    const records = await this.retrieval.retrieve({ tenantId: p.tenantId, datasets: [dataset], query: p.query, retrievalModel: model, filter });
    return { query: { content: p.query }, records: records.map(toDifyRecord) };
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
