import { RetrieveRequest, RetrieverResource } from '@sluice/contracts';
import { GraphNode, NodeResult } from '../graph.types';
import { DatasetRetriever } from '../knowledge/dataset-retriever';
import { DatasetRouter, RouterModel } from '../knowledge/dataset-router';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';
import { toText } from '../variable-pool';

interface MultipleConfig {
  top_k?: number;
  score_threshold?: number | null;
  reranking_enable?: boolean;
  reranking_mode?: string;
  reranking_model?: Record<string, unknown>;
  weights?: Record<string, unknown>;
}

/**
 * Dify's knowledge-retrieval node: the query from `query_variable_selector`, retrieved across
 * `dataset_ids` by the dataset service; `result` is Dify's list of `{content, title, metadata}`.
 * `multiple` mode passes its top_k / threshold / rerank settings. `single` mode has the model of
 * `single_retrieval_config` pick one dataset by name and description, then retrieves from it with
 * that dataset's own settings. Manual metadata filters are passed on; automatic ones are written by
 * `metadata_model_config` in the dataset service.
 */
@WorkflowNode('knowledge-retrieval')
export class KnowledgeRetrievalNode implements NodeExecutor {
  constructor(
    private readonly retriever: DatasetRetriever,
    private readonly router: DatasetRouter,
  ) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const d = node.data;
    const query = toText(ctx.pool.get(d.query_variable_selector)).trim();
    if (!query) throw new Error('Query is required.');
    const datasetIds = ((d.dataset_ids ?? []) as unknown[]).map(String).filter(Boolean);
    if (!datasetIds.length) return { outputs: { result: [] }, inputs: { query } };
    const metadataFilteringConditions = d.metadata_filtering_mode === 'manual' ? renderConditions(d.metadata_filtering_conditions, ctx) : null;
    // automatic: the dataset service has metadata_model_config write the conditions from the query.
    const automatic =
      d.metadata_filtering_mode === 'automatic' ? { metadataFilteringMode: 'automatic' as const, metadataModelConfig: d.metadata_model_config ?? null } : {};
    if (d.retrieval_mode === 'single') return this.single(node, ctx, query, datasetIds, metadataFilteringConditions, automatic);
    const multi = (d.multiple_retrieval_config ?? {}) as MultipleConfig;
    const retrievalModel =
      d.retrieval_mode === 'multiple'
        ? {
            top_k: Number(multi.top_k ?? 4),
            score_threshold_enabled: typeof multi.score_threshold === 'number',
            score_threshold: typeof multi.score_threshold === 'number' ? multi.score_threshold : 0,
            reranking_enable: multi.reranking_enable === true || (multi.reranking_enable === undefined && !!multi.reranking_mode),
            reranking_mode: multi.reranking_mode,
            reranking_model: multi.reranking_model,
            weights: multi.weights,
          }
        : undefined;
    const hits = await this.retriever.retrieve({ tenantId: ctx.tenantId, datasetIds, query, retrievalModel, metadataFilteringConditions, ...automatic });
    const result = hits.map((r, i) => toResult(r, i + 1));
    return {
      outputs: { result },
      inputs: { query },
      processData: { retrieval_mode: d.retrieval_mode ?? 'multiple', dataset_ids: datasetIds, hits: result.length },
    };
  }

  /** Datasets without an available document are never offered (as in Dify); no pick, no result. */
  private async single(
    node: GraphNode,
    ctx: NodeContext,
    query: string,
    datasetIds: string[],
    metadataFilteringConditions: Record<string, unknown> | null,
    automatic: Partial<Pick<RetrieveRequest, 'metadataFilteringMode' | 'metadataModelConfig'>>,
  ): Promise<NodeResult> {
    const candidates = (await this.retriever.describe(ctx.tenantId, datasetIds)).filter((x) => x.availableDocuments > 0);
    const model = ((node.data.single_retrieval_config ?? {}) as { model?: RouterModel }).model ?? {};
    const { dataset, tokens } = await this.router.choose(ctx.tenantId, candidates, query, model, ctx.signal);
    const processData = { retrieval_mode: 'single', dataset_ids: datasetIds, chosen_dataset: dataset ? { id: dataset.id, name: dataset.name } : null };
    if (!dataset) return { outputs: { result: [] }, inputs: { query }, processData: { ...processData, hits: 0 }, tokens };
    const hits = await this.retriever.retrieve({ tenantId: ctx.tenantId, datasetIds: [dataset.id], query, metadataFilteringConditions, ...automatic });
    const result = hits.map((r, i) => toResult(r, i + 1));
    return { outputs: { result }, inputs: { query }, processData: { ...processData, hits: result.length }, tokens };
  }
}

/** Condition values may be `{{#node.var#}}` templates. */
function renderConditions(raw: unknown, ctx: NodeContext): Record<string, unknown> | null {
  const c = raw as { logical_operator?: string; conditions?: { value?: unknown }[] } | undefined;
  if (!c?.conditions?.length) return null;
  return { ...c, conditions: c.conditions.map((x) => ({ ...x, value: typeof x.value === 'string' ? ctx.pool.render(x.value) : x.value })) };
}

function toResult(r: RetrieverResource, position: number) {
  return {
    content: r.content,
    title: r.document_name,
    metadata: {
      _source: 'knowledge',
      position,
      dataset_id: r.dataset_id,
      dataset_name: r.dataset_name,
      document_id: r.document_id,
      document_name: r.document_name,
      data_source_type: r.data_source_type ?? 'upload_file',
      segment_id: r.segment_id,
      retriever_from: 'workflow',
      score: r.score,
      segment_hit_count: r.hit_count ?? 0,
      segment_word_count: r.word_count ?? 0,
      segment_position: r.segment_position ?? 0,
      segment_index_node_hash: r.index_node_hash ?? null,
      doc_metadata: r.doc_metadata ?? null,
      child_chunks: r.child_chunks ?? [],
    },
  };
}
