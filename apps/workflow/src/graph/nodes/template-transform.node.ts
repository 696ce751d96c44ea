import { Injectable } from '@nestjs/common';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { toText } from '../variable-pool';

/**
 * Renders `{{ name }}` and `{{ name.attr }}` from the node's variables. Only substitution — no
 * Jinja2 statements or filters yet; a template using them fails with a clear error rather than
 * rendering wrongly. Values are looked up as own data properties only, so a template cannot
 * reach prototypes or functions.
 */
@Injectable()
export class TemplateTransformNode implements NodeExecutor {
  readonly type = 'template-transform';

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const template = String(node.data.template ?? '');
    if (/\{%|\{#|\|/.test(template.replace(/\{\{#[^#}]+#\}\}/g, ''))) {
      throw new Error('template-transform: Jinja2 statements, comments and filters are not supported yet; use {{ variable }} substitution');
    }
    const vars: Record<string, unknown> = {};
    for (const v of (node.data.variables ?? []) as { variable: string; value_selector: string[] }[]) vars[v.variable] = ctx.pool.get(v.value_selector);
    const output = template.replace(/\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/g, (_m, path: string) => {
      let cur: unknown = vars;
      for (const part of path.split('.')) {
        if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return '';
        cur = (cur as Record<string, unknown>)[part];
      }
      return typeof cur === 'function' ? '' : toText(cur);
    });
    return { outputs: { output }, inputs: vars };
  }
}
