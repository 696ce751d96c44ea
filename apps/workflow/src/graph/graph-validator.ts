import { GraphValidationError } from './graph-validation.error';
import { Graph, SUPPORTED_NODE_TYPES } from './graph.types';

const SPECIAL = new Set(['sys', 'env', 'conversation']);
const TEMPLATE_REF = /\{\{#([^.#}]+)\.[^#}]+#\}\}/g;

/** Rejects graphs that cannot run, naming the offending node or edge. */
export function validateGraph(graph: unknown): Graph {
  const g = graph as Graph;
  if (!g || !Array.isArray(g.nodes) || !Array.isArray(g.edges)) throw new GraphValidationError('graph must have `nodes` and `edges` arrays');
  const ids = new Set<string>();
  for (const n of g.nodes) {
    if (!n?.id || !n.data?.type) throw new GraphValidationError(`node ${n?.id ?? '(no id)'} has no data.type`, { node: n?.id });
    if (ids.has(n.id)) throw new GraphValidationError(`node id ${n.id} is used twice`, { node: n.id });
    ids.add(n.id);
    if (!(SUPPORTED_NODE_TYPES as readonly string[]).includes(n.data.type)) {
      throw new GraphValidationError(`node ${n.id} has unknown or unsupported type "${n.data.type}"`, { node: n.id });
    }
  }
  const starts = g.nodes.filter((n) => n.data.type === 'start' && !n.parentId);
  if (starts.length !== 1)
    throw new GraphValidationError(starts.length ? 'graph has more than one start node' : 'graph has no start node', { node: starts[1]?.id });
  for (const e of g.edges) {
    if (!ids.has(e.source))
      throw new GraphValidationError(`edge ${e.id ?? `${e.source}->${e.target}`} starts at missing node ${e.source}`, {
        edge: e.id ?? `${e.source}->${e.target}`,
      });
    if (!ids.has(e.target))
      throw new GraphValidationError(`edge ${e.id ?? `${e.source}->${e.target}`} points to missing node ${e.target}`, {
        edge: e.id ?? `${e.source}->${e.target}`,
      });
  }
  for (const n of g.nodes) {
    if (n.parentId && !['iteration', 'loop'].includes(byType(g, n.parentId) ?? ''))
      throw new GraphValidationError(`node ${n.id} sits in ${n.parentId}, which is not an iteration or loop node`, { node: n.id });
    for (const kind of ['iteration', 'loop']) {
      if (n.data.type === kind && !g.nodes.some((c) => c.parentId === n.id && c.data.type === `${kind}-start`)) {
        throw new GraphValidationError(`${kind} node ${n.id} has no ${kind}-start node inside`, { node: n.id });
      }
    }
  }
  findCycle(g);
  for (const n of g.nodes) {
    for (const sel of selectorsOf(n.data)) {
      if (!SPECIAL.has(sel) && !ids.has(sel)) throw new GraphValidationError(`node ${n.id} refers to missing node ${sel}`, { node: n.id });
    }
  }
  return g;
}

function byType(g: Graph, id: string): string | undefined {
  return g.nodes.find((n) => n.id === id)?.data.type;
}

function findCycle(g: Graph) {
  const out = new Map<string, string[]>();
  for (const e of g.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const state = new Map<string, 1 | 2>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1)
      throw new GraphValidationError(`graph has a cycle through nodes ${[...path.slice(path.indexOf(id)), id].join(' -> ')}`, { node: id });
    state.set(id, 1);
    for (const t of out.get(id) ?? []) visit(t, [...path, id]);
    state.set(id, 2);
  };
  for (const n of g.nodes) visit(n.id, []);
}

/** The first element of every value_selector / variable_selector and every {{#node.var#}} in a node's config. */
function selectorsOf(data: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(TEMPLATE_REF)) found.push(m[1]);
    } else if (Array.isArray(v)) {
      if ((key === 'value_selector' || key === 'variable_selector') && typeof v[0] === 'string') found.push(v[0]);
      else if (key === 'variables' && v.every((x) => Array.isArray(x))) v.forEach((x) => typeof x[0] === 'string' && found.push(x[0]));
      else v.forEach((x) => walk(x));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(data);
  return found;
}
