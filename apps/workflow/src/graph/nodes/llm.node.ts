import { Injectable } from '@nestjs/common';
import { ChatMessage, LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';

/** Calls the configured model with the rendered prompt, streaming its tokens as `text_chunk`. */
@Injectable()
export class LlmNode implements NodeExecutor {
  readonly type = 'llm';

  constructor(private readonly llm: LlmClient, private readonly credentials: ProviderCredentialsService) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const model = node.data.model ?? {};
    const tpl = node.data.prompt_template;
    const messages: ChatMessage[] = Array.isArray(tpl)
      ? tpl.map((m: { role: ChatMessage['role']; text: string }) => ({ role: m.role ?? 'user', content: ctx.pool.render(m.text ?? '') }))
      : [{ role: 'user', content: ctx.pool.render(tpl?.text ?? '') }];
    const creds = await this.credentials.resolve(ctx.tenantId, model.provider || 'openai');
    let text = '';
    let tokens = 0;
    let usage: Record<string, number> = {};
    for await (const c of this.llm.streamChat({ credentials: creds, model: model.name, messages, params: model.completion_params ?? {}, signal: ctx.signal })) {
      if (c.delta) {
        text += c.delta;
        ctx.chunk(c.delta, [node.id, 'text']);
      }
      if (c.usage) {
        tokens = c.usage.totalTokens;
        usage = { prompt_tokens: c.usage.promptTokens, completion_tokens: c.usage.completionTokens, total_tokens: c.usage.totalTokens };
      }
    }
    return { outputs: { text, usage }, processData: { model_name: model.name, prompts: messages }, tokens };
  }
}
