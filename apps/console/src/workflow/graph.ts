/** Dify's workflow graph shapes, and the pure rules the editor follows (handles, layout, variables). */

export interface DifyNode {
  id: string;
  type?: string;
  position?: { x: number; y: number };
  parentId?: string;
  width?: number;
  height?: number;
  data: { type: string; title?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface DifyEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  data?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface DifyGraph {
  nodes: DifyNode[];
  edges: DifyEdge[];
  viewport?: { x: number; y: number; zoom: number };
}

export const NODE_TYPES = [
  'start',
  'end',
  'answer',
  'llm',
  'knowledge-retrieval',
  'if-else',
  'question-classifier',
  'code',
  'template-transform',
  'http-request',
  'variable-aggregator',
  'parameter-extractor',
  'document-extractor',
  'list-operator',
  'assigner',
  'iteration',
  'loop',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export interface HandleSpec {
  id: string;
  /** i18n key or a literal label shown next to the handle */
  label?: string;
}

/** The outgoing handles of a node: one per branch for if-else and classifiers, none for end nodes. */
export function sourceHandles(data: DifyNode['data']): HandleSpec[] {
  switch (data.type) {
    case 'end':
      return [];
    case 'if-else': {
      const cases = (data.cases as { case_id: string }[] | undefined) ?? [];
      return [...cases.map((c, i) => ({ id: c.case_id, label: i === 0 ? 'IF' : `ELIF ${i}` })), { id: 'false', label: 'ELSE' }];
    }
    case 'question-classifier':
      return ((data.classes as { id: string; name: string }[] | undefined) ?? []).map((c) => ({ id: c.id, label: c.name || c.id }));
    default: {
      const handles: HandleSpec[] = [{ id: 'source' }];
      // error_strategy fail-branch adds Dify's fail handle
      if (data.error_strategy === 'fail-branch') handles.push({ id: 'fail-branch', label: 'FAIL' });
      return handles;
    }
  }
}

export const hasTargetHandle = (type: string) => type !== 'start';

/** Removes edges that leave from a handle the node no longer has (a deleted case or class). */
export function pruneEdges(nodes: DifyNode[], edges: DifyEdge[]): DifyEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return edges.filter((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) return false;
    const handles = sourceHandles(s.data).map((h) => h.id);
    return handles.includes(e.sourceHandle ?? 'source');
  });
}

const X_GAP = 300;
const Y_GAP = 150;

/**
 * Positions for nodes that have none (DSL written by hand or by a program): columns by longest path
 * from the start, rows in order of appearance. Nodes that already have positions keep them.
 */
export function layout(graph: DifyGraph): DifyGraph {
  if (graph.nodes.every((n) => n.position)) return graph;
  const depth = new Map<string, number>();
  const incoming = new Map<string, number>();
  for (const n of graph.nodes) incoming.set(n.id, 0);
  for (const e of graph.edges) incoming.set(e.target, (incoming.get(e.target) ?? 0) + 1);
  const queue = graph.nodes.filter((n) => (incoming.get(n.id) ?? 0) === 0).map((n) => n.id);
  for (const id of queue) depth.set(id, 0);
  const remaining = new Map(incoming);
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of graph.edges.filter((x) => x.source === id)) {
      depth.set(e.target, Math.max(depth.get(e.target) ?? 0, (depth.get(id) ?? 0) + 1));
      remaining.set(e.target, (remaining.get(e.target) ?? 1) - 1);
      if (remaining.get(e.target) === 0) queue.push(e.target);
    }
  }
  const rows = new Map<number, number>();
  const nodes = graph.nodes.map((n) => {
    if (n.position) return n;
    const col = depth.get(n.id) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return { ...n, position: { x: 80 + col * X_GAP, y: 80 + row * Y_GAP } };
  });
  return { ...graph, nodes };
}

/** Nodes from which `nodeId` can be reached: the only ones whose outputs it may read. */
export function upstreamOf(graph: DifyGraph, nodeId: string): string[] {
  const seen = new Set<string>();
  const stack = [nodeId];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of graph.edges) if (e.target === id && !seen.has(e.source)) {
      seen.add(e.source);
      stack.push(e.source);
    }
  }
  const node = graph.nodes.find((n) => n.id === nodeId);
  // a node inside an iteration/loop also sees its container's upstream
  if (node?.parentId) for (const id of [node.parentId, ...upstreamOf(graph, node.parentId)]) seen.add(id);
  return graph.nodes.filter((n) => seen.has(n.id)).map((n) => n.id);
}

export interface VariableOption {
  selector: string[];
  label: string;
  type: string;
}

/** What a node publishes for later nodes (`{{#node.var#}}` / value_selector). */
export function outputsOf(n: DifyNode): { name: string; type: string }[] {
  const d = n.data;
  switch (d.type) {
    case 'start':
      return ((d.variables as { variable: string; type?: string }[] | undefined) ?? []).map((v) => ({ name: v.variable, type: v.type ?? 'string' }));
    case 'llm':
      return [{ name: 'text', type: 'string' }];
    case 'knowledge-retrieval':
      return [{ name: 'result', type: 'array[object]' }];
    case 'code':
      return Object.entries((d.outputs as Record<string, { type: string }> | undefined) ?? {}).map(([name, o]) => ({ name, type: o.type }));
    case 'template-transform':
      return [{ name: 'output', type: 'string' }];
    case 'http-request':
      return [{ name: 'body', type: 'string' }, { name: 'status_code', type: 'number' }, { name: 'headers', type: 'object' }];
    case 'question-classifier':
      return [{ name: 'class_name', type: 'string' }];
    case 'parameter-extractor':
      return ((d.parameters as { name: string; type: string }[] | undefined) ?? []).map((p) => ({ name: p.name, type: p.type }));
    case 'variable-aggregator':
      return [{ name: 'output', type: 'any' }];
    case 'document-extractor':
      return [{ name: 'text', type: 'string' }];
    case 'list-operator':
      return [{ name: 'result', type: 'array' }, { name: 'first_record', type: 'any' }, { name: 'last_record', type: 'any' }];
    case 'iteration':
    case 'loop':
      return [{ name: 'output', type: 'array' }];
    default:
      return [];
  }
}

const SYS_VARS: VariableOption[] = [
  { selector: ['sys', 'query'], label: 'sys.query', type: 'string' },
  { selector: ['sys', 'user_id'], label: 'sys.user_id', type: 'string' },
  { selector: ['sys', 'files'], label: 'sys.files', type: 'array[file]' },
];

/** The variables a picker offers on `nodeId`: upstream outputs, then the system variables. */
export function variableOptions(graph: DifyGraph, nodeId: string): VariableOption[] {
  const up = new Set(upstreamOf(graph, nodeId));
  const opts: VariableOption[] = [];
  for (const n of graph.nodes) {
    if (!up.has(n.id)) continue;
    for (const o of outputsOf(n)) opts.push({ selector: [n.id, o.name], label: `${n.data.title ?? n.id}.${o.name}`, type: o.type });
  }
  return [...opts, ...SYS_VARS];
}

/** A fresh node of a type with the settings Dify would start it with. */
export function newNode(type: NodeType, position: { x: number; y: number }, taken: Set<string>, title: string): DifyNode {
  let id = `${Date.now()}`;
  while (taken.has(id)) id = `${Number(id) + 1}`;
  const data: DifyNode['data'] = { type, title, desc: '' };
  switch (type) {
    case 'start':
      data.variables = [];
      break;
    case 'end':
      data.outputs = [];
      break;
    case 'answer':
      data.answer = '';
      break;
    case 'llm':
      data.model = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: { temperature: 0.7 } };
      data.prompt_template = [{ role: 'system', text: '' }];
      data.context = { enabled: false, variable_selector: [] };
      data.vision = { enabled: false };
      break;
    case 'if-else':
      data.cases = [{ case_id: 'true', logical_operator: 'and', conditions: [] }];
      break;
    case 'question-classifier':
      data.classes = [{ id: '1', name: 'A' }, { id: '2', name: 'B' }];
      data.model = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
      data.query_variable_selector = [];
      break;
    case 'code':
      data.code_language = 'javascript';
      data.code = 'function main({ arg1 }) {\n  return { result: String(arg1) };\n}\n';
      data.variables = [{ variable: 'arg1', value_selector: [] }];
      data.outputs = { result: { type: 'string', children: null } };
      break;
    case 'template-transform':
      data.template = '{{ arg1 }}';
      data.variables = [{ variable: 'arg1', value_selector: [] }];
      break;
    case 'http-request':
      data.method = 'get';
      data.url = '';
      data.headers = '';
      data.params = '';
      data.body = { type: 'none', data: [] };
      data.timeout = { connect: 10, read: 30, write: 30 };
      break;
    case 'knowledge-retrieval':
      data.dataset_ids = [];
      data.query_variable_selector = [];
      data.retrieval_mode = 'multiple';
      data.multiple_retrieval_config = { top_k: 4, score_threshold: null, reranking_enable: false };
      break;
    case 'variable-aggregator':
      data.variables = [];
      data.output_type = 'string';
      break;
    default:
      break;
  }
  return { id, type: 'custom', position, data };
}

export function edgeId(source: string, handle: string, target: string): string {
  return `${source}-${handle}-${target}-target`;
}
