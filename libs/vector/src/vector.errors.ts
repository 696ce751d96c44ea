import { InternalServerError, ServiceUnavailableError } from '@sluice/contracts';

/** The vector store could not be reached or answered 5xx: worth retrying (BullMQ backs off). */
export class VectorStoreUnavailableError extends ServiceUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'VectorStoreUnavailableError';
  }
}

/** The vector store rejected a request (4xx, bad schema, dimension mismatch): retrying will not help. */
export class VectorStoreRequestError extends InternalServerError {
  constructor(message: string) {
    super(message);
    this.name = 'VectorStoreRequestError';
  }
}
