import { describe, expect, it } from 'vitest';
import { DifyGraph, containerSizes, hasTargetHandle, layout, newNode, parentsFirst, pruneEdges, sourceHandles, variableOptions } from './graph';

const graph: DifyGraph = {
  nodes: [
    { id: 'start', data: { type: 'start', title: 'Start', variables: [{ variable: 'q', type: 'text-input' }] } },
    {
      id: 'ifelse',
      data: {
        type: 'if-else',
        title: 'Check',
        cases: [
          { case_id: 'true', conditions: [] },
          { case_id: 'c2', conditions: [] },
        ],
      },
    },
    { id: 'llm', data: { type: 'llm', title: 'LLM' } },
    {
      id: 'cls',
      data: {
        type: 'question-classifier',
        title: 'Classify',
        classes: [
          { id: 'a', name: 'Billing' },
          { id: 'b', name: '' },
        ],
      },
    },
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
    expect(sourceHandles(graph.nodes[1].data)).toEqual([
      { id: 'true', label: 'IF' },
      { id: 'c2', label: 'ELIF 1' },
      { id: 'false', label: 'ELSE' },
    ]);
    expect(sourceHandles(graph.nodes[3].data)).toEqual([
      { id: 'a', label: 'Billing' },
      { id: 'b', label: 'b' },
    ]);
    expect(sourceHandles(graph.nodes[4].data)).toEqual([]);
    expect(sourceHandles({ type: 'llm', error_strategy: 'fail-branch' }).map((h) => h.id)).toEqual(['source', 'fail-branch']);
  });

  it('an edge from a case that was removed goes with it; the others stay', () => {
    const nodes = graph.nodes.map((n) => (n.id === 'ifelse' ? { ...n, data: { ...n.data, cases: [] } } : n));
    const kept = pruneEdges(nodes, graph.edges).map((e) => e.id);
    expect(kept).toEqual(['e1', 'e3', 'e4', 'e5']);
    expect(
      pruneEdges(
        graph.nodes.filter((n) => n.id !== 'llm'),
        graph.edges,
      ).map((e) => e.id),
    ).toEqual(['e1', 'e3', 'e5']);
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

describe('iterations and loops are drawn as containers', () => {
  const withIteration: DifyGraph = {
    nodes: [
      { id: 'kids', parentId: 'it', data: { type: 'llm', title: 'Inside' } },
      { id: 'start', data: { type: 'start' } },
      { id: 'it', data: { type: 'iteration', title: 'Each item' } },
      { id: 'it-start', parentId: 'it', data: { type: 'iteration-start' } },
      { id: 'end', data: { type: 'end' } },
    ],
    edges: [
      { id: 'a', source: 'start', target: 'it' },
      { id: 'b', source: 'it', target: 'end' },
      { id: 'c', source: 'it-start', target: 'kids' },
    ],
  };

  it('lists a container before the nodes it holds, keeping the order otherwise', () => {
    expect(parentsFirst(withIteration.nodes).map((n) => n.id)).toEqual(['start', 'it', 'end', 'kids', 'it-start']);
  });

  it('lays children out inside their container, relative to it, in flow order', () => {
    const laid = layout(withIteration);
    const pos = (id: string) => laid.nodes.find((n) => n.id === id)!.position!;
    expect(pos('it-start').x).toBeLessThan(pos('kids').x);
    expect(pos('it-start').x).toBeLessThan(100);
    expect(pos('it').x).toBeGreaterThan(pos('start').x);
    expect(pos('end').x).toBeGreaterThan(pos('it').x);
  });

  it('sizes the box to hold every child, and keeps a larger size stored in the DSL', () => {
    const sizes = containerSizes(layout(withIteration));
    const laid = layout(withIteration);
    const kid = laid.nodes.find((n) => n.id === 'kids')!.position!;
    const box = sizes.get('it')!;
    expect(box.width).toBeGreaterThanOrEqual(kid.x + 220);
    expect(box.height).toBeGreaterThanOrEqual(kid.y + 100);
    expect(sizes.has('start')).toBe(false);
    const stored = { ...laid, nodes: laid.nodes.map((n) => (n.id === 'it' ? { ...n, width: 2000, height: 900 } : n)) };
    expect(containerSizes(stored).get('it')).toEqual({ width: 2000, height: 900 });
  });

  it('nothing connects into the start of an iteration', () => {
    expect(hasTargetHandle('iteration-start')).toBe(false);
    expect(hasTargetHandle('llm')).toBe(true);
  });
});

describe('columns make room for a container', () => {
  it('the node after a wide iteration starts after the whole box; nested boxes fit in their parent', () => {
    const g: DifyGraph = {
      nodes: [
        { id: 'start', data: { type: 'start' } },
        { id: 'outer', data: { type: 'iteration' } },
        { id: 'o-start', parentId: 'outer', data: { type: 'iteration-start' } },
        { id: 'inner', parentId: 'outer', data: { type: 'iteration' } },
        { id: 'i-start', parentId: 'inner', data: { type: 'iteration-start' } },
        { id: 'a', parentId: 'inner', data: { type: 'llm' } },
        { id: 'b', parentId: 'inner', data: { type: 'llm' } },
        { id: 'end', data: { type: 'end' } },
      ],
      edges: [
        { id: '1', source: 'start', target: 'outer' },
        { id: '2', source: 'outer', target: 'end' },
        { id: '3', source: 'o-start', target: 'inner' },
        { id: '4', source: 'i-start', target: 'a' },
        { id: '5', source: 'a', target: 'b' },
      ],
    };
    const laid = layout(g);
    const sizes = containerSizes(laid);
    const at = (id: string) => laid.nodes.find((n) => n.id === id)!.position!;
    expect(at('end').x).toBeGreaterThanOrEqual(at('outer').x + sizes.get('outer')!.width);
    expect(sizes.get('outer')!.width).toBeGreaterThanOrEqual(at('inner').x + sizes.get('inner')!.width);
    expect(sizes.get('inner')!.width).toBeGreaterThanOrEqual(at('b').x + 220);
  });
});
