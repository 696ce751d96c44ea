import { ErrorPayload } from '@sluice/contracts';

export interface TransportConnection {
  redisUrl: string;
  /** key namespace, so several installs (or test runs) can share one Redis */
  prefix: string;
}

/** A request on a service's stream. `r` is the caller's reply stream; absent for fire-and-forget events. */
export interface RequestEnvelope {
  i: string;
  p: string;
  d: unknown;
  r?: string;
  /** unix ms after which nobody waits for the answer any more */
  x?: number;
  /** the originating HTTP request's id, for logs */
  q?: string;
  /** W3C trace context (`traceparent`, `tracestate`) when tracing is on */
  t?: Record<string, string>;
}

/** One entry on a client's reply stream: a value, an error, a heartbeat or the end (a last value may come with the end). */
export interface ReplyEnvelope {
  i: string;
  /** position among the request's non-heartbeat entries (0, 1, …): duplicates and gaps show */
  n?: number;
  /** a value (one of possibly many) */
  v?: unknown;
  /** the request failed; a Dify error payload */
  e?: ErrorPayload;
  /** heartbeat: the handling replica is alive and still working */
  h?: 1;
  /** complete: no more values */
  c?: 1;
}

export const keys = {
  stream: (prefix: string, service: string) => `${prefix}:rpc:${service}`,
  reply: (prefix: string, clientId: string) => `${prefix}:rpc:reply:${clientId}`,
  broadcast: (prefix: string, topic: string) => `${prefix}:bcast:${topic}`,
};

/** Transport connections reconnect quickly (at most half a second apart), so service resumes soon after Redis is back. */
export const transportRetryStrategy = (attempt: number) => Math.min(attempt * 50, 500);
