import { ConversationHistoryRepository } from '@sluice/database';
import { ChatMessage, LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { Jinja2Renderer } from '../code/jinja2-renderer';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';
import { toText } from '../variable-pool';

const CONTEXT = '{{#context#}}';

interface PromptItem {
  role?: ChatMessage['role'];
  text?: string;
  edition_type?: string;
  jinja2_text?: string;
}
/** Turns of memory when the window is off (Dify then fills the model's context; this keeps it bounded). */
const MAX_MEMORY_TURNS = 50;

/**
 * Calls the configured model with the rendered prompt, streaming its tokens as `text_chunk`.
 * `context` (usually a knowledge-retrieval result) fills `{{#context#}}`; `memory` puts the
 * conversation's earlier turns between the prompt template and the user's query (chatflow).
 */
@WorkflowNode('llm')
export class LlmNode implements NodeExecutor {
  constructor(
    private readonly llm: LlmClient,
    private readonly credentials: ProviderCredentialsService,
    private readonly history: ConversationHistoryRepository,
    private readonly templates: Jinja2Renderer,
  ) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const model = node.data.model ?? {};
    const context = contextOf(node, ctx);
    // Rendered piecewise so retrieved text is never itself treated as a template.
    const render = (t: string) =>
      String(t ?? '')
        .split(CONTEXT)
        .map((p) => ctx.pool.render(p))
        .join(context.text);
    const tpl = node.data.prompt_template;
    // Jinja2 prompts (edition_type jinja2) see `prompt_config.jinja2_variables`, rendered as template-transform nodes are.
    const jinjaVars: Record<string, unknown> = {};
    for (const v of (node.data.prompt_config?.jinja2_variables ?? []) as { variable: string; value_selector: string[] }[])
      jinjaVars[v.variable] = ctx.pool.get(v.value_selector);
    const text = (m: PromptItem) =>
      m.edition_type === 'jinja2' ? this.templates.render(String(m.jinja2_text ?? ''), jinjaVars, ctx.signal) : Promise.resolve(render(m.text ?? ''));
    const items: PromptItem[] = Array.isArray(tpl) ? tpl : [{ role: 'user', ...(tpl ?? {}) }];
    const messages: ChatMessage[] = [];
    for (const m of items) messages.push({ role: m.role ?? 'user', content: await text(m) });
    const memory = node.data.memory;
    const conversationId = ctx.pool.get(['sys', 'conversation_id']);
    if (memory && typeof conversationId === 'string') {
      const size = memory.window?.enabled ? Math.max(0, Number(memory.window.size ?? 10)) : MAX_MEMORY_TURNS;
      const turns = size ? await this.history.recent(ctx.tenantId, conversationId, size) : [];
      messages.push(
        ...turns.flatMap((t): ChatMessage[] => [
          { role: 'user', content: t.query },
          { role: 'assistant', content: t.answer },
        ]),
      );
      // Dify sends the query after the history: the memory's query template, else sys.query
      // (unless the prompt template already ends with the user's message).
      const lastIsUser = Array.isArray(tpl) && tpl.at(-1)?.role === 'user';
      const query = memory.query_prompt_template ? render(memory.query_prompt_template) : lastIsUser ? '' : toText(ctx.pool.get(['sys', 'query']));
      if (query) messages.push({ role: 'user', content: query });
    }
    const creds = await this.credentials.resolve(ctx.tenantId, model.provider || 'openai');
    let answer = '';
    let tokens = 0;
    let usage: Record<string, number> = {};
    for await (const c of this.llm.streamChat({ credentials: creds, model: model.name, messages, params: model.completion_params ?? {}, signal: ctx.signal })) {
      if (c.delta) {
        answer += c.delta;
        ctx.chunk(c.delta, [node.id, 'text']);
      }
      if (c.usage) {
        tokens = c.usage.totalTokens;
        usage = { prompt_tokens: c.usage.promptTokens, completion_tokens: c.usage.completionTokens, total_tokens: c.usage.totalTokens };
      }
    }
    return {
      outputs: { text: answer, usage },
      processData: { model_name: model.name, prompts: messages },
      tokens,
      retrieverResources: context.resources.length ? context.resources : undefined,
    };
  }
}

/** Dify's context: a string as-is, or a retrieval result's contents (and their sources, for `retriever_resources`). */
function contextOf(node: GraphNode, ctx: NodeContext): { text: string; resources: Record<string, unknown>[] } {
  const c = node.data.context;
  if (!c?.enabled || !Array.isArray(c.variable_selector)) return { text: '', resources: [] };
  const v = ctx.pool.get(c.variable_selector);
  if (!Array.isArray(v)) return { text: toText(v), resources: [] };
  const parts: string[] = [];
  const resources: Record<string, unknown>[] = [];
  for (const item of v) {
    if (typeof item === 'string') {
      parts.push(item);
      continue;
    }
    const it = (item ?? {}) as { content?: unknown; metadata?: Record<string, any> };
    if (it.content === undefined) throw new Error(`llm ${node.id}: the context variable holds items without content`);
    parts.push(toText(it.content));
    const m = it.metadata;
    if (m?._source === 'knowledge') {
      resources.push({
        position: m.position ?? resources.length + 1,
        dataset_id: m.dataset_id,
        dataset_name: m.dataset_name,
        document_id: m.document_id,
        document_name: m.document_name,
        data_source_type: m.data_source_type ?? 'upload_file',
        segment_id: m.segment_id,
        retriever_from: m.retriever_from ?? 'workflow',
        score: m.score ?? null,
        hit_count: m.segment_hit_count ?? 0,
        word_count: m.segment_word_count ?? 0,
        segment_position: m.segment_position ?? 0,
        index_node_hash: m.segment_index_node_hash ?? null,
        content: toText(it.content),
        page: m.page ?? null,
        doc_metadata: m.doc_metadata ?? null,
      });
    }
  }
  return { text: parts.join('\n'), resources };
}
