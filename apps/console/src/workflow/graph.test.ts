import { describe, expect, it } from 'vitest';
import { DifyGraph, layout, newNode, pruneEdges, sourceHandles, variableOptions } from './graph';

const graph: DifyGraph = {
  nodes: [
    { id: 'start', data: { type: 'start', title: 'Start', variables: [{ variable: 'q', type: 'text-input' }] } },
    { id: 'ifelse', data: { type: 'if-else', title: 'Check', cases: [{ case_id: 'true', conditions: [] }, { case_id: 'c2', conditions: [] }] } },
    { id: 'llm', data: { type: 'llm', title: 'LLM' } },
    { id: 'cls', data: { type: 'question-classifier', title: 'Classify', classes: [{ id: 'a', name: 'Billing' }, { id: 'b', name: '' }] } },
    { id: 'end', data: { type: 'end', title: 'End' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'ifelse', sourceHandle: 'source' },
    { id: 'e2', source: 'ifelse', target: 'llm', sourceHandle: 'true' },
    { id: 'e3', source: 'ifelse', target: 'cls', sourceHandle: 'false' },
    { id: 'e4', source: 'llm', target: 'end', sourceHandle: 'source' },
    { id: 'e5', source: 'cls', target: 'end', sourceHandle: 'a' },
  ],
};

describe('branch handles', () => {
  it('if-else has one handle per case plus ELSE; a classifier one per class; end none', () => {
    expect(sourceHandles(graph.nodes[1].data)).toEqual([{ id: 'true', label: 'IF' }, { id: 'c2', label: 'ELIF 1' }, { id: 'false', label: 'ELSE' }]);
    expect(sourceHandles(graph.nodes[3].data)).toEqual([{ id: 'a', label: 'Billing' }, { id: 'b', label: 'b' }]);
    expect(sourceHandles(graph.nodes[4].data)).toEqual([]);
    expect(sourceHandles({ type: 'llm', error_strategy: 'fail-branch' }).map((h) => h.id)).toEqual(['source', 'fail-branch']);
  });

  it('an edge from a case that was removed goes with it; the others stay', () => {
    const nodes = graph.nodes.map((n) => (n.id === 'ifelse' ? { ...n, data: { ...n.data, cases: [] } } : n));
    const kept = pruneEdges(nodes, graph.edges).map((e) => e.id);
    expect(kept).toEqual(['e1', 'e3', 'e4', 'e5']);
    expect(pruneEdges(graph.nodes.filter((n) => n.id !== 'llm'), graph.edges).map((e) => e.id)).toEqual(['e1', 'e3', 'e5']);
  });
});

describe('layout', () => {
  it('places unpositioned nodes in columns by their longest path from the start', () => {
    const laid = layout(graph);
    const x = Object.fromEntries(laid.nodes.map((n) => [n.id, n.position!.x]));
    expect(x.start).toBeLessThan(x.ifelse);
    expect(x.ifelse).toBeLessThan(x.llm);
    expect(x.llm).toBe(x.cls);
    expect(x.end).toBeGreaterThan(x.llm);
    const ys = laid.nodes.filter((n) => n.position!.x === x.llm).map((n) => n.position!.y);
    expect(new Set(ys).size).toBe(2);
  });

  it('keeps positions that exist', () => {
    const placed: DifyGraph = { nodes: graph.nodes.map((n, i) => ({ ...n, position: { x: i, y: i } })), edges: graph.edges };
    expect(layout(placed)).toBe(placed);
  });
});

describe('variable pickers', () => {
  it('offer only upstream outputs (and system variables)', () => {
    const atEnd = variableOptions(graph, 'end').map((o) => o.label);
    expect(atEnd).toEqual(expect.arrayContaining(['Start.q', 'LLM.text', 'Classify.class_name', 'sys.query']));
    const atLlm = variableOptions(graph, 'llm').map((o) => o.label);
    expect(atLlm).toContain('Start.q');
    expect(atLlm).not.toContain('LLM.text');
    expect(atLlm).not.toContain('Classify.class_name');
  });

  it('a new node gets an id nobody has and the defaults its type needs', () => {
    const taken = new Set(['1', String(Date.now())]);
    const n = newNode('if-else', { x: 0, y: 0 }, taken, 'IF/ELSE');
    expect(taken.has(n.id)).toBe(false);
    expect(sourceHandles(n.data).map((h) => h.id)).toEqual(['true', 'false']);
  });
});
