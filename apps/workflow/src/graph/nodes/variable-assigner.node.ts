import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

interface Item {
  variable_selector: string[];
  operation?: string;
  input_type?: 'variable' | 'constant';
  value?: unknown;
}

/** Writes conversation or loop variables (v1 `write_mode` and v2 `items` with Dify's operations). */
@WorkflowNode('assigner')
export class VariableAssignerNode implements NodeExecutor {
  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const d = node.data;
    const items: Item[] = d.items ?? [
      { variable_selector: d.assigned_variable_selector, operation: d.write_mode ?? 'over-write', input_type: 'variable', value: d.input_variable_selector },
    ];
    const written: Record<string, unknown> = {};
    for (const it of items) {
      const [scope, name] = it.variable_selector ?? [];
      if (!scope || !name || scope === 'sys' || scope === 'env') throw new Error(`assigner ${node.id}: cannot assign ${JSON.stringify(it.variable_selector)}`);
      const current = ctx.pool.get([scope, name]);
      const input = it.input_type === 'constant' ? it.value : ctx.pool.get(it.value as string[]);
      const next = apply(current, it.operation ?? 'over-write', input, name);
      ctx.pool.assign([scope, name], next);
      written[name] = next;
    }
    return { outputs: {}, processData: { written } };
  }
}

function apply(current: unknown, op: string, input: unknown, name: string): unknown {
  const num = (v: unknown) => Number(v ?? 0);
  switch (op) {
    case 'over-write':
    case 'set':
      return input;
    case 'clear':
      return Array.isArray(current) ? [] : typeof current === 'number' ? 0 : typeof current === 'object' && current ? {} : '';
    case 'append':
      if (!Array.isArray(current)) throw new Error(`cannot append to ${name}: it is not a list`);
      return [...current, input];
    case 'extend':
      if (!Array.isArray(current) || !Array.isArray(input)) throw new Error(`cannot extend ${name}: both sides must be lists`);
      return [...current, ...input];
    case '+=':
      return num(current) + num(input);
    case '-=':
      return num(current) - num(input);
    case '*=':
      return num(current) * num(input);
    case '/=':
      if (num(input) === 0) throw new Error(`cannot divide ${name} by zero`);
      return num(current) / num(input);
    case 'remove-first':
      return Array.isArray(current) ? current.slice(1) : current;
    case 'remove-last':
      return Array.isArray(current) ? current.slice(0, -1) : current;
    default:
      throw new Error(`unknown assigner operation "${op}"`);
  }
}
