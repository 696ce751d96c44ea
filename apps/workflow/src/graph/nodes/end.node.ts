import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

/** The run's outputs, picked by selector. */
@WorkflowNode('end')
export class EndNode implements NodeExecutor {
  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const outputs: Record<string, unknown> = {};
    for (const o of (node.data.outputs ?? []) as { variable: string; value_selector: string[] }[]) outputs[o.variable] = ctx.pool.get(o.value_selector) ?? null;
    return { outputs, inputs: outputs };
  }
}
