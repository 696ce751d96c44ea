import { InvalidParamError, fileRefSchema } from '@sluice/contracts';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

interface StartVariable {
  variable: string;
  type?: string;
  required?: boolean;
  max_length?: number;
  options?: string[];
}

/** The run's inputs, checked against the start node's declared variables before anything runs. */
@WorkflowNode('start')
export class StartNode implements NodeExecutor {
  validateInputs(start: GraphNode, raw: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const v of (start.data.variables ?? []) as StartVariable[]) {
      const value = raw?.[v.variable];
      const p = { params: `inputs.${v.variable}` };
      if (value === undefined || value === null || value === '') {
        if (v.required) throw new InvalidParamError(`${v.variable} is required in input form`, p);
        out[v.variable] = v.type === 'number' ? null : '';
        continue;
      }
      if (v.type === 'file' || v.type === 'file-list') {
        const list = v.type === 'file-list' ? value : [value];
        if (!Array.isArray(list) || !list.every((f) => fileRefSchema.safeParse(f).success)) {
          throw new InvalidParamError(
            `${v.variable} in input form must be ${v.type === 'file' ? 'a file' : 'a list of files'} ({type, transfer_method, upload_file_id | url})`,
            p,
          );
        }
        out[v.variable] = value;
        continue;
      }
      if (v.type === 'number') {
        const n = typeof value === 'number' ? value : Number(value);
        if (!Number.isFinite(n)) throw new InvalidParamError(`${v.variable} in input form must be a valid number`, p);
        out[v.variable] = n;
        continue;
      }
      if (['text-input', 'paragraph', 'select'].includes(v.type ?? 'text-input') && typeof value !== 'string') {
        throw new InvalidParamError(`${v.variable} in input form must be a string`, p);
      }
      if (v.max_length && typeof value === 'string' && value.length > v.max_length) {
        throw new InvalidParamError(`${v.variable} in input form must be less than ${v.max_length} characters`, p);
      }
      if (v.type === 'select' && v.options && !v.options.includes(value as string)) {
        throw new InvalidParamError(`${v.variable} in input form must be one of the following: ${v.options.join(', ')}`, p);
      }
      out[v.variable] = value;
    }
    return out;
  }

  async execute(_node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    // The validated inputs were placed in the pool under the start node's id before the run began.
    return { outputs: (ctx.pool.get([_node.id, '__inputs']) as Record<string, unknown>) ?? {} };
  }
}
