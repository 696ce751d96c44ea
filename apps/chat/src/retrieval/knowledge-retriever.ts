import { Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { DatasetContracts, RetrieveRequest, RetrieverResource, Services } from '@sluice/contracts';
import { InjectTransport, callContract } from '@sluice/transport';

export type { RetrieverResource };

/** Dify's `dataset_configs` of an app model config (the `multiple` retrieval mode). */
interface DatasetConfigs {
  datasets?: { datasets?: { dataset?: { id?: string; enabled?: boolean } }[] };
  top_k?: number;
  score_threshold?: number | null;
  score_threshold_enabled?: boolean;
  reranking_enable?: boolean;
  reranking_mode?: string;
  reranking_model?: unknown;
  weights?: unknown;
  metadata_filtering_mode?: string;
  metadata_filtering_conditions?: Record<string, unknown> | null;
  metadata_model_config?: Record<string, unknown> | null;
}

/** Dify's default top_k for an app's multi-dataset retrieval. */
const DEFAULT_TOP_K = 4;

/** The enabled datasets an app reads. */
export function datasetIdsOf(datasetConfigs: unknown): string[] {
  const cfg = datasetConfigs as DatasetConfigs | undefined;
  const ids = (cfg?.datasets?.datasets ?? [])
    .map((d) => d.dataset)
    .filter((d): d is { id: string; enabled?: boolean } => !!d?.id && d.enabled !== false)
    .map((d) => d.id);
  return [...new Set(ids)];
}

/**
 * The `dataset.retrieve` request for an app's dataset_configs. No `search_method`: as in Dify's
 * multiple mode each dataset searches the way its own retrieval_model says; the app decides top_k,
 * threshold (only when enabled), rerank and fusion. Metadata filtering: `manual` conditions are
 * passed on; `automatic` ones are written from the query by `metadata_model_config` in the dataset service.
 */
export function retrieveRequestOf(tenantId: string, datasetConfigs: unknown, query: string): RetrieveRequest {
  const c = (datasetConfigs ?? {}) as DatasetConfigs;
  const retrievalModel: Record<string, unknown> = {
    top_k: Number(c.top_k) > 0 ? Number(c.top_k) : DEFAULT_TOP_K,
    score_threshold_enabled: c.score_threshold_enabled === true,
    score_threshold: typeof c.score_threshold === 'number' ? c.score_threshold : 0,
    reranking_enable: c.reranking_enable === true,
  };
  if (c.reranking_mode) retrievalModel.reranking_mode = c.reranking_mode;
  if (c.reranking_model) retrievalModel.reranking_model = c.reranking_model;
  if (c.weights) retrievalModel.weights = c.weights;
  const filter = c.metadata_filtering_mode === 'manual' ? (c.metadata_filtering_conditions ?? null) : null;
  const automatic =
    c.metadata_filtering_mode === 'automatic' ? { metadataFilteringMode: 'automatic' as const, metadataModelConfig: c.metadata_model_config ?? null } : {};
  return { tenantId, datasetIds: datasetIdsOf(datasetConfigs), query, retrievalModel, metadataFilteringConditions: filter, ...automatic };
}

/** Asks the dataset service for the segments relevant to a query, across the app's datasets. */
@Injectable()
export class KnowledgeRetriever {
  constructor(@InjectTransport(Services.dataset) private readonly dataset: ClientProxy) {}

  async retrieve(tenantId: string, datasetConfigs: unknown, query: string, retrieverFrom: 'api' | 'web_app' | 'dev' = 'api'): Promise<RetrieverResource[]> {
    const req = retrieveRequestOf(tenantId, datasetConfigs, query);
    if (!req.datasetIds.length || !query.trim()) return [];
    const records = await callContract(this.dataset, DatasetContracts.retrieve, req);
    return (records ?? []).map((r, i) => ({ ...r, position: i + 1, retriever_from: retrieverFrom }));
  }
}
