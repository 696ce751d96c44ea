import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export type AppMode = 'chat' | 'completion' | 'workflow' | 'advanced-chat' | 'agent-chat';
export const APP_MODES: AppMode[] = ['chat', 'completion', 'workflow', 'advanced-chat'];

export type FormItem = Record<string, { label: string; variable: string; required?: boolean; max_length?: number; options?: string[]; default?: unknown }>;

export interface ModelConfig {
  model: { provider: string; name: string; mode: 'chat' | 'completion'; completion_params: Record<string, unknown> };
  pre_prompt: string;
  user_input_form: FormItem[];
  opening_statement: string;
  suggested_questions: string[];
  suggested_questions_after_answer: { enabled: boolean };
  speech_to_text: { enabled: boolean };
  text_to_speech: { enabled: boolean; voice?: string };
  retriever_resource: { enabled: boolean };
  annotation_reply: { enabled: boolean; score_threshold?: number; embedding_model?: { embedding_provider_name?: string; embedding_model_name?: string } };
  file_upload?: Record<string, unknown>;
  dataset_configs: {
    retrieval_model: 'multiple' | 'single';
    top_k?: number;
    score_threshold?: number | null;
    score_threshold_enabled?: boolean;
    reranking_enable?: boolean;
    datasets: { datasets: { dataset: { enabled: boolean; id: string } }[] };
  };
  [k: string]: unknown;
}

export interface AppInfo {
  id: string;
  name: string;
  description: string;
  mode: AppMode;
  icon: string | null;
  icon_background: string | null;
  enable_site: boolean;
  enable_api: boolean;
  site: { code: string };
  model_config: (ModelConfig & { model_id?: string }) | null;
  created_at: number;
  updated_at: number;
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
  limit: number;
  page: number;
  total: number;
}

export function useApp(id: string) {
  return useQuery({ queryKey: ['app', id], queryFn: () => api<AppInfo>(`/console/api/apps/${id}`) });
}

export const isWorkflowMode = (m: AppMode) => m === 'workflow' || m === 'advanced-chat';
export const isChatMode = (m: AppMode) => m === 'chat' || m === 'advanced-chat' || m === 'agent-chat';

/** The form item's type (Dify keys each item by it) and its body. */
export function formItemParts(item: FormItem): { type: string; body: FormItem[string] } {
  const type = Object.keys(item)[0] ?? 'text-input';
  return { type, body: item[type] };
}
