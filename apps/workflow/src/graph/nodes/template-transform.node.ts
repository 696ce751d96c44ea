import { Jinja2Renderer } from '../code/jinja2-renderer';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

const PLAIN = /\{\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}\}/g;

/**
 * Renders the node's Jinja2 template (Jinja2Renderer: dify-sandbox or the isolate). A template
 * that is nothing but `{{ name }}` substitutions of strings and integers is rendered here
 * instead: it can execute nothing, and skipping the renderer keeps such nodes cheap.
 */
@WorkflowNode('template-transform')
export class TemplateTransformNode implements NodeExecutor {
  constructor(private readonly jinja: Jinja2Renderer) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const template = String(node.data.template ?? '');
    const vars: Record<string, unknown> = {};
    for (const v of (node.data.variables ?? []) as { variable: string; value_selector: string[] }[]) vars[v.variable] = ctx.pool.get(v.value_selector);
    const output = plainRender(template, vars) ?? (await this.jinja.render(template, vars, ctx.signal));
    return { outputs: { output }, inputs: vars };
  }
}

/** Substitution-only templates of plain values, or null when the template needs the interpreter. */
function plainRender(template: string, vars: Record<string, unknown>): string | null {
  if (/\{[%#]/.test(template.replace(PLAIN, ''))) return null;
  if (/\{\{/.test(template.replace(PLAIN, ''))) return null;
  let ok = true;
  const out = template.replace(PLAIN, (_m, path: string) => {
    let cur: unknown = vars;
    for (const part of path.split('.')) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, part)) {
        ok = false;
        return '';
      }
      cur = (cur as Record<string, unknown>)[part];
    }
    if (typeof cur === 'string' || (typeof cur === 'number' && Number.isSafeInteger(cur))) return String(cur);
    ok = false;
    return '';
  });
  // Jinja2 drops one trailing newline.
  return ok ? out.replace(/\n$/, '') : null;
}
