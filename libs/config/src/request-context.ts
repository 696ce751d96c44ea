import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request id of whatever this async flow is serving: set by the gateway per HTTP request,
 * carried across the transport in each envelope, and stamped on every log line.
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
