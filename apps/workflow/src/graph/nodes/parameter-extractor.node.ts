import { LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';
import { toText } from '../variable-pool';

interface Param {
  name: string;
  type: string;
  description?: string;
  required?: boolean;
  options?: string[];
}

/** Has the model fill a JSON object of typed parameters from the query; reports __is_success / __reason. */
@WorkflowNode('parameter-extractor')
export class ParameterExtractorNode implements NodeExecutor {
  constructor(
    private readonly llm: LlmClient,
    private readonly credentials: ProviderCredentialsService,
  ) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const params = (node.data.parameters ?? []) as Param[];
    const query = toText(ctx.pool.get(node.data.query));
    const model = node.data.model ?? {};
    const schema = params
      .map((p) => `- ${p.name} (${p.type}${p.required ? ', required' : ''}${p.options ? `, one of ${p.options.join('|')}` : ''}): ${p.description ?? ''}`)
      .join('\n');
    const res = await this.llm.chat({
      credentials: await this.credentials.resolve(ctx.tenantId, model.provider || 'openai'),
      model: model.name,
      signal: ctx.signal,
      params: { temperature: 0, ...(model.completion_params ?? {}) },
      messages: [
        {
          role: 'system',
          content: `Extract these parameters from the user input and reply with one JSON object only:\n${schema}${node.data.instruction ? `\n${ctx.pool.render(node.data.instruction)}` : ''}`,
        },
        { role: 'user', content: query },
      ],
    });
    const outputs: Record<string, unknown> = {};
    let reason = '';
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(res.text.match(/\{[\s\S]*\}/)?.[0] ?? 'null') ?? {};
    } catch {
      reason = 'the model did not reply with JSON';
    }
    for (const p of params) {
      const v = coerce(parsed[p.name], p);
      if (v === undefined) {
        if (p.required && !reason) reason = `missing or invalid parameter ${p.name}`;
        outputs[p.name] = null;
      } else outputs[p.name] = v;
    }
    return { outputs: { ...outputs, __is_success: reason ? 0 : 1, __reason: reason || null }, tokens: res.usage?.totalTokens ?? 0, inputs: { query } };
  }
}

function coerce(v: unknown, p: Param): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  switch (p.type) {
    case 'number': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'bool':
    case 'boolean':
      return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;
    case 'select':
      return p.options?.includes(String(v)) ? String(v) : undefined;
    default:
      if (p.type.startsWith('array')) return Array.isArray(v) ? v : undefined;
      return typeof v === 'string' ? v : JSON.stringify(v);
  }
}
