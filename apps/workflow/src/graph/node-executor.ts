import type { FileUser } from '@sluice/database';
import { GraphNode, NodeResult } from './graph.types';
import { VariablePool } from './variable-pool';

export interface NodeContext {
  tenantId: string;
  pool: VariablePool;
  signal: AbortSignal;
  /** whose uploaded files the run may read (the run's app and end user); without it no upload is readable */
  fileUser?: FileUser;
  /** streams a piece of text produced by this node (an LLM's tokens) as `text_chunk` */
  chunk(text: string, selector: string[]): void;
}

export interface NodeExecutor {
  execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult>;
}
