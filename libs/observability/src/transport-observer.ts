import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { transportDuration, transportHandleDuration, transportHandled, transportRequests, transportTimeouts } from './metrics';
import { TraceCarrier, injectTraceContext, tracer, withTraceContext } from './tracing';

type Failure = { code?: string; message?: string } | undefined;

const rpcAttributes = (service: string, pattern: string) => ({ 'rpc.system': 'sluice-redis-streams', 'rpc.service': service, 'rpc.method': pattern });

/**
 * The caller's side of one transport request: a client span whose context travels in the envelope,
 * and the request/latency/timeout metrics when it ends. `finish` is idempotent.
 */
export function observeTransportCall(service: string, pattern: string): { trace?: TraceCarrier; finish(err?: Failure): void } {
  const t0 = performance.now();
  const span = tracer().startSpan(`${service} ${pattern}`, { kind: SpanKind.CLIENT, attributes: rpcAttributes(service, pattern) });
  const carrier = context.with(trace.setSpan(context.active(), span), injectTraceContext);
  let done = false;
  return {
    trace: carrier,
    finish(err?: Failure) {
      if (done) return;
      done = true;
      const outcome = err ? (err.code ?? 'error') : 'ok';
      transportRequests.inc({ service, pattern, outcome });
      transportDuration.observe({ service, pattern }, (performance.now() - t0) / 1000);
      if (outcome === 'request_timeout') transportTimeouts.inc({ service, pattern });
      span.setAttribute('sluice.outcome', outcome);
      if (err) span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
      span.end();
    },
  };
}

/**
 * The handling side: continues the caller's trace in a server span and records handled/duration
 * metrics. `fail(code)` marks the outcome when the handler's error is sent back as a reply.
 */
export function observeTransportHandling(
  service: string,
  pattern: string,
  carrier: TraceCarrier | undefined,
  fn: (fail: (code: string) => void) => Promise<void>,
): Promise<void> {
  return withTraceContext(carrier, () =>
    tracer().startActiveSpan(`${service} ${pattern}`, { kind: SpanKind.SERVER, attributes: rpcAttributes(service, pattern) }, async (span) => {
      const t0 = performance.now();
      let outcome = 'ok';
      try {
        await fn((code) => (outcome = code));
      } finally {
        transportHandled.inc({ service, pattern, outcome });
        transportHandleDuration.observe({ service, pattern }, (performance.now() - t0) / 1000);
        span.setAttribute('sluice.outcome', outcome);
        if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        span.end();
      }
    }),
  );
}
