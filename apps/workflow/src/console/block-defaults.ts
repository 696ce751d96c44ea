import { SUPPORTED_NODE_TYPES } from '../graph/graph.types';

const JS_CODE = 'function main({ arg1, arg2 }) {\n  return { result: arg1 + arg2 };\n}\n';
const PY_CODE = 'def main(arg1: str, arg2: str) -> dict:\n    return {\n        "result": arg1 + arg2,\n    }\n';

/**
 * What a node of each type starts with when dropped on the canvas (Dify's default block configs,
 * as its node classes declare them), for every type this engine runs. Code nodes default to the
 * language that can run here: JavaScript in-process, python3 only with a sandbox configured.
 */
export function blockDefaults(pythonAvailable: boolean, codeLanguage?: string): { type: string; config: Record<string, unknown> }[] {
  const lang = codeLanguage === 'python3' || codeLanguage === 'javascript' ? codeLanguage : pythonAvailable ? 'python3' : 'javascript';
  const configs: Record<string, Record<string, unknown>> = {
    llm: {
      prompt_templates: {
        chat_model: { prompts: [{ role: 'system', text: 'You are a helpful AI assistant.', edition_type: 'basic' }] },
        completion_model: {
          conversation_histories_role: { user_prefix: 'Human', assistant_prefix: 'Assistant' },
          prompt: {
            text: 'Here are the chat histories between human and assistant, inside <histories></histories> XML tags.\n\n<histories>\n{{#histories#}}\n</histories>\n\n\nHuman: {{#sys.query#}}\n\nAssistant:',
            edition_type: 'basic',
          },
          stop: ['Human:'],
        },
      },
    },
    code: {
      variables: [
        { variable: 'arg1', value_selector: [] },
        { variable: 'arg2', value_selector: [] },
      ],
      code_language: lang,
      code: lang === 'python3' ? PY_CODE : JS_CODE,
      outputs: { result: { type: 'string', children: null } },
    },
    'template-transform': { variables: [{ variable: 'arg1', value_selector: [] }], template: '{{ arg1 }}' },
    'http-request': {
      method: 'get',
      authorization: { type: 'no-auth', config: null },
      headers: '',
      params: '',
      body: { type: 'none', data: [] },
      timeout: { connect: 10, read: 60, write: 20, max_connect_timeout: 300, max_read_timeout: 600, max_write_timeout: 600 },
      retry_config: { retry_enabled: true, max_retries: 3, retry_interval: 100 },
    },
    'question-classifier': {
      instructions: '',
      classes: [
        { id: '1', name: '' },
        { id: '2', name: '' },
      ],
    },
    'parameter-extractor': { instruction: '', reasoning_mode: 'prompt', parameters: [] },
    'if-else': { cases: [{ case_id: 'true', logical_operator: 'and', conditions: [] }] },
    'knowledge-retrieval': {
      dataset_ids: [],
      retrieval_mode: 'multiple',
      multiple_retrieval_config: { top_k: 4, score_threshold: null, reranking_enable: false },
    },
    'variable-aggregator': { variables: [], output_type: 'string' },
    assigner: { version: '2', items: [] },
    'list-operator': {
      filter_by: { enabled: false, conditions: [] },
      order_by: { enabled: false, key: '', value: 'asc' },
      limit: { enabled: false, size: 10 },
    },
    'document-extractor': { variable_selector: [], is_array_file: false },
    iteration: { is_parallel: false, parallel_nums: 10, error_handle_mode: 'terminated', iterator_selector: [], output_selector: [] },
    loop: { loop_count: 10, break_conditions: [], logical_operator: 'and', loop_variables: [] },
    answer: { answer: '', variables: [] },
    end: { outputs: [] },
  };
  // Start nodes come with the app, and the -start nodes with their container: neither is in the palette.
  return SUPPORTED_NODE_TYPES.filter((t) => t !== 'start' && !t.endsWith('-start')).map((type) => ({ type, config: configs[type] ?? {} }));
}
