import { ModelConfig } from '@sluice/contracts';

/** What a new chat/completion app starts with, so it can answer before anyone edits its config. */
export function defaultModelConfig(mode: string): ModelConfig {
  return {
    model: { provider: 'openai', name: 'gpt-4o-mini', mode: mode === 'completion' ? 'completion' : 'chat', completion_params: {} },
    pre_prompt: mode === 'completion' ? '{{query}}' : '',
    user_input_form: mode === 'completion' ? [{ paragraph: { label: 'Query', variable: 'query', required: true } }] : [],
    opening_statement: '',
    suggested_questions: [],
    suggested_questions_after_answer: { enabled: false },
    speech_to_text: { enabled: false },
    text_to_speech: { enabled: false },
    retriever_resource: { enabled: true },
    annotation_reply: { enabled: false },
    more_like_this: { enabled: false },
    sensitive_word_avoidance: { enabled: false },
    file_upload: { image: { enabled: false, number_limits: 3, detail: 'high', transfer_methods: ['remote_url', 'local_file'] } },
    dataset_configs: { retrieval_model: 'multiple', datasets: { datasets: [] } },
  } as ModelConfig;
}
