import { LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';
import { toText } from '../variable-pool';

/** Asks the model which class the query belongs to; the chosen class id is the branch taken. */
@WorkflowNode('question-classifier')
export class QuestionClassifierNode implements NodeExecutor {
  constructor(
    private readonly llm: LlmClient,
    private readonly credentials: ProviderCredentialsService,
  ) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const classes = (node.data.classes ?? []) as { id: string; name: string }[];
    if (!classes.length) throw new Error(`question-classifier ${node.id} has no classes`);
    const query = toText(ctx.pool.get(node.data.query_variable_selector));
    const model = node.data.model ?? {};
    const list = classes.map((c) => `- id: ${c.id}, name: ${c.name}`).join('\n');
    const system = [
      'You classify the user input into exactly one of the categories below.',
      list,
      node.data.instruction ? `Instructions: ${ctx.pool.render(node.data.instruction)}` : '',
      'Reply with JSON only: {"category_id": "<id>", "category_name": "<name>"}',
    ]
      .filter(Boolean)
      .join('\n');
    const res = await this.llm.chat({
      credentials: await this.credentials.resolve(ctx.tenantId, model.provider || 'openai'),
      model: model.name,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: query },
      ],
      params: { temperature: 0, ...(model.completion_params ?? {}) },
      signal: ctx.signal,
    });
    const chosen = pick(res.text, classes);
    return { outputs: { class_name: chosen.name, class_id: chosen.id }, handle: chosen.id, tokens: res.usage?.totalTokens ?? 0, inputs: { query } };
  }
}

/** The class the model named: by JSON id, by JSON name, by any id or name in the text, else the first. */
function pick(text: string, classes: { id: string; name: string }[]) {
  try {
    const m = text.match(/\{[\s\S]*\}/);
    if (m) {
      const j = JSON.parse(m[0]);
      const byId = classes.find((c) => c.id === String(j.category_id));
      if (byId) return byId;
      const byName = classes.find((c) => c.name === String(j.category_name));
      if (byName) return byName;
    }
  } catch {
    /* not JSON: look for a mention */
  }
  return classes.find((c) => text.includes(c.id)) ?? classes.find((c) => text.toLowerCase().includes(c.name.toLowerCase())) ?? classes[0];
}
