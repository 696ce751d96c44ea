import { Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { Services } from '@sluice/contracts';
import { InjectTransport } from '@sluice/transport';

export interface RetrieverResource {
  position: number;
  dataset_id: string;
  dataset_name: string;
  document_id: string;
  document_name: string;
  segment_id: string;
  score: number;
  content: string;
  [k: string]: unknown;
}

export const RETRIEVE_PATTERN = 'dataset.retrieve';

/** Dify's `dataset_configs`: which knowledge bases an app reads and how. */
export function datasetIdsOf(datasetConfigs: unknown): string[] {
  const cfg = datasetConfigs as { datasets?: { datasets?: { dataset?: { id?: string; enabled?: boolean } }[] } } | undefined;
  return (cfg?.datasets?.datasets ?? [])
    .map((d) => d.dataset)
    .filter((d): d is { id: string; enabled?: boolean } => !!d?.id && d.enabled !== false)
    .map((d) => d.id);
}

/** Asks the dataset service for the segments relevant to a query, across the app's datasets. */
@Injectable()
export class KnowledgeRetriever {
  constructor(@InjectTransport(Services.dataset) private readonly dataset: ClientProxy) {}

  async retrieve(tenantId: string, datasetConfigs: unknown, query: string): Promise<RetrieverResource[]> {
    const datasetIds = datasetIdsOf(datasetConfigs);
    if (!datasetIds.length || !query.trim()) return [];
    const c = (datasetConfigs ?? {}) as Record<string, unknown>;
    const retrievalModel = {
      search_method: (c.search_method as string) ?? (c.retrieval_model_settings as { search_method?: string })?.search_method ?? 'hybrid_search',
      top_k: Number(c.top_k ?? 4),
      score_threshold_enabled: c.score_threshold_enabled === true || typeof c.score_threshold === 'number',
      score_threshold: typeof c.score_threshold === 'number' ? c.score_threshold : 0,
      reranking_enable: c.reranking_enable === true,
      reranking_model: c.reranking_model,
      reranking_mode: c.reranking_mode,
      weights: c.weights,
    };
    const records = await lastValueFrom(this.dataset.send<RetrieverResource[]>(RETRIEVE_PATTERN, { tenantId, datasetIds, query, retrievalModel }));
    return (records ?? []).map((r, i) => ({ ...r, position: i + 1 }));
  }
}
