import { InvalidParamError } from '@sluice/contracts';

/**
 * A graph that cannot run: 400 invalid_param whose message names the node or edge, and whose
 * `params` points at it (`graph.nodes.<node id>` / `graph.edges.<edge id>`, else `graph`) so the
 * console's editor can mark the node the error is about.
 */
export class GraphValidationError extends InvalidParamError {
  constructor(message: string, at?: { node?: string; edge?: string }) {
    super(message, { params: at?.node ? `graph.nodes.${at.node}` : at?.edge ? `graph.edges.${at.edge}` : 'graph' });
  }
}
