import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

@WorkflowNode('answer')
export class AnswerNode implements NodeExecutor {
  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    return { outputs: { answer: ctx.pool.render(node.data.answer ?? '') } };
  }
}
