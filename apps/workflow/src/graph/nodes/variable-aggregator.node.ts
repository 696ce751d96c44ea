import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

/** The first of its variables that has a value: joins the branches of an if-else. */
@WorkflowNode('variable-aggregator')
export class VariableAggregatorNode implements NodeExecutor {
  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    for (const sel of (node.data.variables ?? []) as string[][]) {
      const v = ctx.pool.get(sel);
      if (v !== undefined && v !== null) return { outputs: { output: v } };
    }
    return { outputs: { output: null } };
  }
}
