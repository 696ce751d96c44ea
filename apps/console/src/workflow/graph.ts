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

/** Start nodes, and the start inside an iteration or loop, are where flow begins: nothing connects into them. */
export const hasTargetHandle = (type: string) => type !== 'start' && type !== 'iteration-start' && type !== 'loop-start';

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
/** A node's box on the canvas (FlowNode is 220 px wide; its height varies around this). */
export const NODE_BOX = { width: 220, height: 100 };
/** Room a container leaves around its children: sides, and the header with its title. */
const PAD = 32;
const HEAD = 64;

export const isContainer = (type: string) => type === 'iteration' || type === 'loop';

/**
 * Positions for nodes that have none (DSL written by hand or by a program): columns by longest path
 * from the start, rows in order of appearance. Nodes that already have positions keep them. The
 * children of an iteration or loop are laid out inside it, relative to it, as React Flow draws them;
 * innermost containers first, so that each box is sized before the columns around it are spaced.
 */
export function layout(graph: DifyGraph): DifyGraph {
  if (graph.nodes.every((n) => n.position)) return graph;
  const placed = new Map<string, { x: number; y: number }>();
  const groups = new Map<string | undefined, DifyNode[]>();
  for (const n of graph.nodes) groups.set(n.parentId, [...(groups.get(n.parentId) ?? []), n]);
  const depthOf = (id: string | undefined): number => (id === undefined ? 0 : 1 + depthOf(graph.nodes.find((n) => n.id === id)?.parentId));
  const withPositions = () => ({ ...graph, nodes: graph.nodes.map((n) => (n.position ? n : { ...n, position: placed.get(n.id) })) });
  for (const [parent, members] of [...groups].sort((x, y) => depthOf(y[0]) - depthOf(x[0]))) {
    const sizes = containerSizes(withPositions());
    const size = (id: string) => sizes.get(id) ?? NODE_BOX;
    const origin = parent === undefined ? { x: 80, y: 80 } : { x: PAD, y: HEAD };
    const gaps = parent === undefined ? { x: X_GAP - NODE_BOX.width, y: Y_GAP - NODE_BOX.height } : { x: 40, y: 30 };
    layoutGroup(members, graph.edges, origin, gaps, size, placed);
  }
  return withPositions();
}

function layoutGroup(
  members: DifyNode[],
  allEdges: DifyEdge[],
  origin: { x: number; y: number },
  gap: { x: number; y: number },
  size: (id: string) => { width: number; height: number },
  out: Map<string, { x: number; y: number }>,
) {
  const ids = new Set(members.map((n) => n.id));
  const edges = allEdges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const depth = new Map<string, number>();
  const remaining = new Map<string, number>();
  for (const n of members) remaining.set(n.id, 0);
  for (const e of edges) remaining.set(e.target, (remaining.get(e.target) ?? 0) + 1);
  const queue = members.filter((n) => remaining.get(n.id) === 0).map((n) => n.id);
  for (const id of queue) depth.set(id, 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of edges.filter((x) => x.source === id)) {
      depth.set(e.target, Math.max(depth.get(e.target) ?? 0, (depth.get(id) ?? 0) + 1));
      remaining.set(e.target, (remaining.get(e.target) ?? 1) - 1);
      if (remaining.get(e.target) === 0) queue.push(e.target);
    }
  }
  // A column is as wide as its widest node (a container can be much wider than a node).
  const colWidth = new Map<number, number>();
  for (const n of members) {
    const col = depth.get(n.id) ?? 0;
    colWidth.set(col, Math.max(colWidth.get(col) ?? 0, size(n.id).width));
  }
  const colX = (col: number) => {
    let x = origin.x;
    for (let c = 0; c < col; c++) x += (colWidth.get(c) ?? NODE_BOX.width) + gap.x;
    return x;
  };
  const nextY = new Map<number, number>();
  for (const n of members) {
    if (n.position) continue;
    const col = depth.get(n.id) ?? 0;
    const y = nextY.get(col) ?? origin.y;
    nextY.set(col, y + size(n.id).height + gap.y);
    out.set(n.id, { x: colX(col), y });
  }
}

/**
 * The size of each iteration/loop box: what the DSL stored (Dify saves width and height), grown to
 * hold every child with a margin, and never smaller than an empty container.
 */
export function containerSizes(graph: DifyGraph): Map<string, { width: number; height: number }> {
  const sizes = new Map<string, { width: number; height: number }>();
  // innermost first: a nested container's size counts in its parent's
  const depthOf = (n: DifyNode | undefined): number => (n?.parentId ? 1 + depthOf(graph.nodes.find((x) => x.id === n.parentId)) : 0);
  const containers = graph.nodes.filter((c) => isContainer(c.data.type)).sort((a, b) => depthOf(b) - depthOf(a));
  for (const c of containers) {
    let width = Math.max(c.width ?? 0, NODE_BOX.width + 2 * PAD);
    let height = Math.max(c.height ?? 0, NODE_BOX.height + HEAD + PAD);
    for (const child of graph.nodes) {
      if (child.parentId !== c.id || !child.position) continue;
      const own = sizes.get(child.id) ?? NODE_BOX;
      width = Math.max(width, child.position.x + own.width + PAD);
      height = Math.max(height, child.position.y + own.height + PAD);
    }
    sizes.set(c.id, { width, height });
  }
  return sizes;
}

/** React Flow needs a parent listed before its children; otherwise the order is kept. */
export function parentsFirst<T extends { id: string; parentId?: string }>(nodes: T[]): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const level = (n: T, seen = new Set<string>()): number => {
    const p = n.parentId ? byId.get(n.parentId) : undefined;
    if (!p || seen.has(p.id)) return 0;
    seen.add(p.id);
    return 1 + level(p, seen);
  };
  return nodes
    .map((n, i) => ({ n, i, l: level(n) }))
    .sort((a, b) => a.l - b.l || a.i - b.i)
    .map((x) => x.n);
}

/** Nodes from which `nodeId` can be reached: the only ones whose outputs it may read. */
export function upstreamOf(graph: DifyGraph, nodeId: string): string[] {
  const seen = new Set<string>();
  const stack = [nodeId];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of graph.edges)
      if (e.target === id && !seen.has(e.source)) {
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
      return [
        { name: 'body', type: 'string' },
        { name: 'status_code', type: 'number' },
        { name: 'headers', type: 'object' },
      ];
    case 'question-classifier':
      return [{ name: 'class_name', type: 'string' }];
    case 'parameter-extractor':
      return ((d.parameters as { name: string; type: string }[] | undefined) ?? []).map((p) => ({ name: p.name, type: p.type }));
    case 'variable-aggregator':
      return [{ name: 'output', type: 'any' }];
    case 'document-extractor':
      return [{ name: 'text', type: 'string' }];
    case 'list-operator':
      return [
        { name: 'result', type: 'array' },
        { name: 'first_record', type: 'any' },
        { name: 'last_record', type: 'any' },
      ];
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
      data.classes = [
        { id: '1', name: 'A' },
        { id: '2', name: 'B' },
      ];
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
    case 'iteration':
      data.iterator_selector = [];
      data.output_selector = [];
      data.is_parallel = false;
      data.parallel_nums = 10;
      data.error_handle_mode = 'terminated';
      break;
    case 'loop':
      data.loop_count = 10;
      data.loop_variables = [];
      data.break_conditions = [];
      data.logical_operator = 'and';
      break;
    default:
      break;
  }
  return { id, type: 'custom', position, data };
}

/** The start node Dify puts inside every new iteration or loop, where its body begins. */
export function containerStart(container: DifyNode, title: string): DifyNode {
  return {
    id: `${container.id}start`,
    type: 'custom',
    parentId: container.id,
    position: { x: PAD, y: HEAD },
    data: { type: `${container.data.type}-start`, title, desc: '' },
  };
}

export function edgeId(source: string, handle: string, target: string): string {
  return `${source}-${handle}-${target}-target`;
}
