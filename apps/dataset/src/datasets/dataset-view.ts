import { Dataset } from '@sluice/database';
import { DatasetStats } from '@sluice/knowledge';
import { unix } from '../common/unix-time';

/** Dify's default retrieval settings for a dataset that has none of its own. */
export function defaultRetrievalModel(indexingTechnique: string | null): Record<string, unknown> {
  return {
    search_method: indexingTechnique === 'economy' ? 'keyword_search' : 'semantic_search',
    reranking_enable: false,
    reranking_mode: null,
    reranking_model: { reranking_provider_name: '', reranking_model_name: '' },
    weights: null,
    top_k: 2,
    score_threshold_enabled: false,
    score_threshold: null,
  };
}

/** The dataset as Dify's API renders it (the seed's console fields are a subset). */
export function datasetView(d: Dataset, s: DatasetStats, tags: { id: string; name: string; type: string }[] = []) {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    provider: d.provider,
    permission: d.permission,
    data_source_type: d.dataSourceType,
    indexing_technique: d.indexingTechnique,
    app_count: s.appCount,
    document_count: s.documentCount,
    word_count: s.wordCount,
    created_by: d.createdBy,
    author_name: s.authorName,
    created_at: unix(d.createdAt),
    updated_by: d.updatedBy ?? d.createdBy,
    updated_at: unix(d.updatedAt),
    embedding_model: d.embeddingModel,
    embedding_model_provider: d.embeddingModelProvider,
    embedding_available: d.indexingTechnique !== 'high_quality' || !!d.embeddingModel,
    retrieval_model_dict: { ...defaultRetrievalModel(d.indexingTechnique), ...(d.retrievalModel ?? {}) },
    // Dify's optional LLM summary index, which Sluice does not have.
    summary_index_setting: null,
    tags,
    doc_form: d.docForm,
    external_knowledge_info: null,
    external_retrieval_model: null,
    doc_metadata: s.metadataFields,
    built_in_field_enabled: d.builtInFieldEnabled,
    // Knowledge pipelines (Dify's plugin-based ingestion) are not served: every dataset is a `general` one.
    pipeline_id: null,
    runtime_mode: 'general',
    chunk_structure: null,
    icon_info: null,
    is_published: false,
    is_multimodal: false,
    enable_api: d.enableApi,
    total_documents: s.documentCount,
    total_available_documents: s.availableDocumentCount,
  };
}
