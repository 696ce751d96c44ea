export interface GraphNode {
  id: string;
  type?: string;
  parentId?: string;
  data: { type: string; title?: string; [k: string]: any };
}

export interface GraphEdge {
  id?: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** What a node executor returns: its outputs, and for branching nodes the handle it took. */
export interface NodeResult {
  outputs: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  processData?: Record<string, unknown>;
  handle?: string;
  tokens?: number;
  /** knowledge sources an LLM answered from (chatflow `retriever_resources`) */
  retrieverResources?: Record<string, unknown>[];
}

export type EngineEvent = { event: string; data: Record<string, unknown> };

export const SUPPORTED_NODE_TYPES = [
  'start',
  'end',
  'answer',
  'llm',
  'if-else',
  'template-transform',
  'code',
  'variable-aggregator',
  'http-request',
  'iteration',
  'iteration-start',
  'question-classifier',
  'parameter-extractor',
  'list-operator',
  'assigner',
  'loop',
  'loop-start',
  'knowledge-retrieval',
  'document-extractor',
] as const;
