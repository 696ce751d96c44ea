import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export interface Dataset {
  id: string;
  name: string;
  description: string | null;
  permission: string;
  indexing_technique: 'high_quality' | 'economy' | null;
  embedding_model?: string | null;
  embedding_model_provider?: string | null;
  retrieval_model_dict?: RetrievalModel;
  retrieval_model?: RetrievalModel;
  document_count?: number;
  word_count?: number;
  app_count?: number;
  tags?: { id: string; name: string }[];
  doc_form?: string;
}

export interface RetrievalModel {
  search_method: 'semantic_search' | 'full_text_search' | 'hybrid_search' | 'keyword_search';
  reranking_enable: boolean;
  top_k: number;
  score_threshold_enabled: boolean;
  score_threshold: number | null;
  reranking_model?: { reranking_provider_name?: string; reranking_model_name?: string };
  weights?: unknown;
}

export interface DocumentRow {
  id: string;
  name: string;
  indexing_status: string;
  display_status?: string;
  enabled: boolean;
  archived: boolean;
  word_count?: number;
  character_count?: number;
  hit_count?: number;
  error?: string | null;
  created_at: number;
  doc_form?: string;
}

export const useDataset = (id: string) => useQuery({ queryKey: ['dataset', id], queryFn: () => api<Dataset>(`/console/api/datasets/${id}`) });

export const SEARCH_METHODS = ['semantic_search', 'full_text_search', 'hybrid_search', 'keyword_search'] as const;

export const defaultRetrieval = (): RetrievalModel => ({
  search_method: 'semantic_search',
  reranking_enable: false,
  top_k: 4,
  score_threshold_enabled: false,
  score_threshold: 0.5,
});
