import { Graph, GraphNode } from '../graph/graph.types';
import { toText } from '../graph/variable-pool';

type Segment = { text: string } | { selector: string[] };
interface AnswerState {
  node: GraphNode;
  order: number;
  segments: Segment[];
  cursor: number;
  /** characters of the current (streaming) segment already sent */
  sentInSegment: number;
  sent: string;
  final?: string;
  done: boolean;
}

/** Nodes whose outgoing edges might not be taken: a path through them does not promise anything. */
const branching = (n: GraphNode) => ['if-else', 'question-classifier'].includes(n.data.type) || n.data.error_strategy === 'fail-branch';

/**
 * Turns a chatflow's engine events into the text of its `message` events while the graph runs:
 * an answer node's template is sent piece by piece — its literal text, the values of nodes that
 * finished, and an upstream LLM's tokens as they stream — in graph order, one answer node at a
 * time. An answer node starts streaming once a node with a branch-free path to it has started
 * (so it will run unless the run fails), or when it starts itself.
 */
export class AnswerStreamer {
  private readonly answers = new Map<string, AnswerState>();
  private readonly committed: AnswerState[] = [];
  private readonly outputs = new Map<string, Record<string, unknown>>();
  private readonly streams = new Map<string, string>();
  private readonly byId: Map<string, GraphNode>;
  private readonly out = new Map<string, string[]>();

  constructor(
    graph: Graph,
    private readonly sys: Record<string, unknown>,
    private readonly env: Record<string, unknown>,
  ) {
    const top = graph.nodes.filter((n) => !n.parentId);
    this.byId = new Map(top.map((n) => [n.id, n]));
    for (const e of graph.edges) if (this.byId.has(e.source) && this.byId.has(e.target)) this.out.set(e.source, [...(this.out.get(e.source) ?? []), e.target]);
    const order = topoOrder(top, this.out);
    for (const n of top.filter((x) => x.data.type === 'answer')) {
      this.answers.set(n.id, {
        node: n,
        order: order.get(n.id) ?? 0,
        segments: parse(String(n.data.answer ?? '')),
        cursor: 0,
        sentInSegment: 0,
        sent: '',
        done: false,
      });
    }
  }

  /** Everything sent so far: the message's answer. */
  get answer(): string {
    return [...this.answers.values()]
      .sort((a, b) => a.order - b.order)
      .map((a) => a.sent)
      .join('');
  }

  feed(ev: { event: string; data?: unknown }): string[] {
    const d = (ev.data ?? {}) as Record<string, any>;
    if (d.iteration_id || d.loop_id) return [];
    if (ev.event === 'node_started' && this.byId.has(d.node_id)) {
      const node = this.byId.get(d.node_id)!;
      if (this.answers.has(node.id)) this.commit(this.answers.get(node.id)!);
      if (!branching(node)) for (const id of this.straightReach(node.id)) this.commit(this.answers.get(id)!);
    } else if (ev.event === 'text_chunk') {
      const [nodeId, name] = (d.from_variable_selector ?? []) as string[];
      if (name === 'text' && this.byId.has(nodeId)) this.streams.set(nodeId, (this.streams.get(nodeId) ?? '') + String(d.text ?? ''));
    } else if (ev.event === 'node_finished' && this.byId.has(d.node_id) && d.outputs) {
      this.outputs.set(d.node_id, d.outputs);
      const a = this.answers.get(d.node_id);
      if (a) {
        a.final = toText(d.outputs.answer);
        this.commit(a);
      }
    }
    return this.pump();
  }

  private commit(a: AnswerState) {
    if (this.committed.includes(a)) return;
    this.committed.push(a);
    this.committed.sort((x, y) => x.order - y.order);
  }

  /** Answer nodes reachable from `from` through nodes that cannot divert the flow. */
  private straightReach(from: string): string[] {
    const found: string[] = [];
    const seen = new Set<string>();
    const walk = (id: string) => {
      for (const t of this.out.get(id) ?? []) {
        if (seen.has(t)) continue;
        seen.add(t);
        if (this.answers.has(t)) found.push(t);
        if (!branching(this.byId.get(t)!)) walk(t);
      }
    };
    walk(from);
    return found;
  }

  private pump(): string[] {
    const pieces: string[] = [];
    const send = (a: AnswerState, s: string) => {
      if (!s) return;
      a.sent += s;
      pieces.push(s);
    };
    for (const a of this.committed) {
      if (a.done) continue;
      if (a.final !== undefined) {
        // The node's own rendering is the truth; what streamed was its prefix.
        if (a.final.startsWith(a.sent)) send(a, a.final.slice(a.sent.length));
        a.done = true;
        continue;
      }
      while (a.cursor < a.segments.length) {
        const seg = a.segments[a.cursor];
        if ('text' in seg) {
          send(a, seg.text);
          a.cursor++;
          continue;
        }
        const value = this.valueOf(seg.selector);
        if (value !== undefined) {
          send(a, value.slice(a.sentInSegment));
          a.cursor++;
          a.sentInSegment = 0;
          continue;
        }
        const streamed = seg.selector.length === 2 && seg.selector[1] === 'text' ? this.streams.get(seg.selector[0]) : undefined;
        if (streamed !== undefined) {
          send(a, streamed.slice(a.sentInSegment));
          a.sentInSegment = streamed.length;
        }
        break;
      }
      // Later answer nodes wait for this one.
      return pieces;
    }
    return pieces;
  }

  /** The text of a selector once it is final, else undefined. Conversation variables may still change: wait for the node. */
  private valueOf(sel: string[]): string | undefined {
    const [scope, ...path] = sel;
    let cur: unknown;
    if (scope === 'sys' || scope === 'env') {
      const src = scope === 'sys' ? this.sys : this.env;
      if (!(path[0] in src)) return undefined;
      cur = src;
    } else if (this.outputs.has(scope)) cur = this.outputs.get(scope);
    else return undefined;
    for (const p of path) cur = cur === null || cur === undefined ? undefined : (cur as Record<string, unknown>)[p];
    return toText(cur);
  }
}

function parse(template: string): Segment[] {
  const segs: Segment[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{\{#([^#}]+)#\}\}/g)) {
    if (m.index! > last) segs.push({ text: template.slice(last, m.index) });
    segs.push({ selector: m[1].split('.') });
    last = m.index! + m[0].length;
  }
  if (last < template.length) segs.push({ text: template.slice(last) });
  return segs;
}

function topoOrder(nodes: GraphNode[], out: Map<string, string[]>): Map<string, number> {
  const indeg = new Map(nodes.map((n) => [n.id, 0]));
  for (const ts of out.values()) for (const t of ts) indeg.set(t, (indeg.get(t) ?? 0) + 1);
  const queue = nodes.filter((n) => !indeg.get(n.id)).map((n) => n.id);
  const order = new Map<string, number>();
  while (queue.length) {
    const id = queue.shift()!;
    order.set(id, order.size);
    for (const t of out.get(id) ?? []) {
      indeg.set(t, indeg.get(t)! - 1);
      if (indeg.get(t) === 0) queue.push(t);
    }
  }
  return order;
}
