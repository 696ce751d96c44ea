import { Edge, Node } from '@xyflow/react';
import { FlowNodeData } from './flow-node';
import { DifyEdge, DifyGraph, DifyNode, containerSizes, layout, parentsFirst, pruneEdges } from './graph';

/** Between Dify's graph (what the API stores) and React Flow's nodes and edges (what the canvas draws). */

export function toFlow(g: DifyGraph): { nodes: Node<FlowNodeData>[]; edges: Edge[] } {
  const laid = layout(g);
  const boxes = containerSizes(laid);
  return {
    nodes: parentsFirst(laid.nodes).map((n) => {
      const box = boxes.get(n.id);
      return {
        id: n.id,
        type: 'custom',
        position: n.position!,
        parentId: n.parentId,
        data: { dify: n.data, ...(box ? { container: box } : {}) },
        extent: n.parentId ? ('parent' as const) : undefined,
        ...(box ? { style: { width: box.width, height: box.height } } : {}),
      };
    }),
    edges: laid.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.sourceHandle ?? 'source',
      targetHandle: e.targetHandle ?? 'target',
    })),
  };
}

/** Grows each iteration/loop box to hold its children after one was added inside it. */
export function fitContainers(ns: Node<FlowNodeData>[]): Node<FlowNodeData>[] {
  const boxes = containerSizes({
    nodes: ns.map((n) => ({ id: n.id, parentId: n.parentId, position: n.position, ...(n.data.container ?? {}), data: n.data.dify })),
    edges: [],
  });
  return ns.map((n) => {
    const box = boxes.get(n.id);
    if (!box || !n.data.container || (box.width === n.data.container.width && box.height === n.data.container.height)) return n;
    return { ...n, data: { ...n.data, container: box }, style: { ...n.style, width: box.width, height: box.height } };
  });
}

export function fromFlow(nodes: Node<FlowNodeData>[], edges: Edge[], original: DifyGraph): DifyGraph {
  const orig = new Map(original.nodes.map((n) => [n.id, n]));
  const dn: DifyNode[] = nodes.map((n) => ({
    ...(orig.get(n.id) ?? {}),
    id: n.id,
    type: 'custom',
    position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    ...(n.parentId ? { parentId: n.parentId } : {}),
    // Dify stores a container's box in the DSL; keep the one drawn.
    ...(n.data.container ? { width: n.data.container.width, height: n.data.container.height } : {}),
    data: n.data.dify,
  }));
  const byId = new Map(dn.map((n) => [n.id, n]));
  const de: DifyEdge[] = edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: e.sourceHandle ?? 'source',
    targetHandle: 'target',
    type: 'custom',
    data: { sourceType: byId.get(e.source)?.data.type, targetType: byId.get(e.target)?.data.type },
  }));
  return { nodes: dn, edges: pruneEdges(dn, de), viewport: original.viewport };
}
