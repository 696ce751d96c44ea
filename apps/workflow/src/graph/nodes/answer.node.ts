import { Injectable } from '@nestjs/common';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';

@Injectable()
export class AnswerNode implements NodeExecutor {
  readonly type = 'answer';

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    return { outputs: { answer: ctx.pool.render(node.data.answer ?? '') } };
  }
}
