import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

interface Condition {
  variable_selector: string[];
  comparison_operator: string;
  value?: unknown;
}
interface Case {
  case_id: string;
  logical_operator?: 'and' | 'or';
  conditions: Condition[];
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** Dify's comparison operators, with its coercions (numbers compared as numbers, lists by membership). */
export function compare(actual: unknown, op: string, expected: unknown): boolean {
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  switch (op) {
    case 'contains':
      return Array.isArray(actual) ? actual.map(String).includes(s(expected)) : s(actual).includes(s(expected));
    case 'not contains':
      return !compare(actual, 'contains', expected);
    case 'start with':
      return s(actual).startsWith(s(expected));
    case 'end with':
      return s(actual).endsWith(s(expected));
    case 'is':
      return s(actual) === s(expected);
    case 'is not':
      return s(actual) !== s(expected);
    case 'empty':
      return isEmpty(actual);
    case 'not empty':
      return !isEmpty(actual);
    case 'in':
      return (
        Array.isArray(expected)
          ? expected.map(String)
          : s(expected)
              .split(',')
              .map((x) => x.trim())
      ).includes(s(actual));
    case 'not in':
      return !compare(actual, 'in', expected);
    case 'all of':
      return Array.isArray(actual) && Array.isArray(expected) && expected.every((x) => actual.map(String).includes(String(x)));
    case '=':
      return num(actual) === num(expected);
    case '≠':
    case '!=':
      return num(actual) !== num(expected);
    case '>':
      return num(actual) > num(expected);
    case '<':
      return num(actual) < num(expected);
    case '≥':
    case '>=':
      return num(actual) >= num(expected);
    case '≤':
    case '<=':
      return num(actual) <= num(expected);
    case 'null':
      return actual === null || actual === undefined;
    case 'not null':
      return actual !== null && actual !== undefined;
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not exists':
      return actual === undefined || actual === null;
    default:
      throw new Error(`if-else: unknown comparison operator "${op}"`);
  }
}

/** Takes the handle of the first case whose conditions hold, else `false` (Dify's ELSE). */
@WorkflowNode('if-else')
export class IfElseNode implements NodeExecutor {
  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const cases: Case[] = node.data.cases ?? [
      { case_id: 'true', logical_operator: node.data.logical_operator ?? 'and', conditions: node.data.conditions ?? [] },
    ];
    for (const c of cases) {
      const results = c.conditions.map((cond) => {
        const expected = typeof cond.value === 'string' ? ctx.pool.render(cond.value) : cond.value;
        return compare(ctx.pool.get(cond.variable_selector), cond.comparison_operator, expected);
      });
      const ok = c.logical_operator === 'or' ? results.some(Boolean) : results.every(Boolean);
      if (ok && results.length) return { outputs: { result: true, selected_case_id: c.case_id }, handle: c.case_id };
    }
    return { outputs: { result: false, selected_case_id: 'false' }, handle: 'false' };
  }
}
