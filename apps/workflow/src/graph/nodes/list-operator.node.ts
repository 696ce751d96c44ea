import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';
import { compare } from './if-else.node';

/** Filters, sorts, limits or picks from a list variable. */
@WorkflowNode('list-operator')
export class ListOperatorNode implements NodeExecutor {
  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const d = node.data;
    const input = ctx.pool.get(d.variable);
    if (!Array.isArray(input)) throw new Error(`list-operator ${node.id}: the variable is not a list`);
    const field = (item: unknown, key?: string) => (key && item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : item);
    let out = [...input];
    if (d.filter_by?.enabled) {
      for (const c of (d.filter_by.conditions ?? []) as { key?: string; comparison_operator: string; value: unknown }[]) {
        out = out.filter((x) => compare(field(x, c.key), c.comparison_operator, c.value));
      }
    }
    if (d.extract_by?.enabled) {
      const i = Number(ctx.pool.render(String(d.extract_by.serial ?? '1'))) - 1;
      out = i >= 0 && i < out.length ? [out[i]] : [];
    }
    if (d.order_by?.enabled) {
      const dir = d.order_by.value === 'desc' ? -1 : 1;
      out.sort((a, b) => {
        const [x, y] = [field(a, d.order_by.key), field(b, d.order_by.key)];
        return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
      });
    }
    if (d.limit?.enabled) out = out.slice(0, Number(d.limit.size ?? out.length));
    return { outputs: { result: out, first_record: out[0] ?? null, last_record: out.at(-1) ?? null } };
  }
}
