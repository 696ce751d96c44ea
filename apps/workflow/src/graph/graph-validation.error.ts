import { InvalidParamError } from '@sluice/contracts';

/** A graph that cannot run: 400 invalid_param whose message names the node or edge. */
export class GraphValidationError extends InvalidParamError {
  constructor(message: string) {
    super(message, { params: 'graph' });
  }
}
