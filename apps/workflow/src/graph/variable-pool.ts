/**
 * Values of a run: node outputs by node id, plus `sys.*`, `env.*` and `conversation.*`.
 * Selectors are `[node_id, var, ...path]`; templates use `{{#node_id.var.path#}}`.
 */
export class VariablePool {
  private readonly values = new Map<string, Record<string, unknown>>();
  private parent?: VariablePool;

  constructor(sys: Record<string, unknown>, env: Record<string, unknown> = {}, conversation: Record<string, unknown> = {}) {
    this.values.set('sys', sys);
    this.values.set('env', env);
    this.values.set('conversation', conversation);
  }

  /** A pool for one iteration of a container: its own node outputs, everything else from here. */
  child(): VariablePool {
    const c = new VariablePool({});
    c.values.clear();
    c.parent = this;
    return c;
  }

  /** Conversation variables are shared by reference with the caller, which persists them after the run. */
  assignConversation(name: string, value: unknown): void {
    if (!this.values.has('conversation') && this.parent) return this.parent.assignConversation(name, value);
    this.values.get('conversation')![name] = value;
  }

  /** Writes `[scope, name]` in whichever pool owns the scope: conversation or a loop's variables. */
  assign(selector: string[], value: unknown): void {
    const [scope, name] = selector;
    if (scope === 'conversation') return this.assignConversation(name, value);
    const own = this.values.get(scope);
    if (own) {
      own[name] = value;
      return;
    }
    if (!this.parent) throw new Error(`cannot assign ${selector.join('.')}: no such variable scope`);
    this.parent.assign(selector, value);
  }

  set(nodeId: string, outputs: Record<string, unknown>) {
    this.values.set(nodeId, outputs);
  }

  get(selector: unknown[] | undefined): unknown {
    if (!Array.isArray(selector) || selector.length < 2) return undefined;
    if (!this.values.has(String(selector[0])) && this.parent) return this.parent.get(selector);
    let cur: unknown = this.values.get(String(selector[0]));
    for (const part of selector.slice(1)) {
      if (cur === null || cur === undefined) return undefined;
      cur = Array.isArray(cur) && /^\d+$/.test(String(part)) ? cur[Number(part)] : (cur as Record<string, unknown>)[String(part)];
    }
    return cur;
  }

  render(template: string): string {
    return String(template ?? '').replace(/\{\{#([^#}]+)#\}\}/g, (_m, path: string) => toText(this.get(path.split('.'))));
  }
}

/** Dify's string conversion: strings as-is, objects and arrays as JSON, nothing as empty. */
export function toText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
