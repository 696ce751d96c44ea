import { Span, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { modelCallDuration, modelCalls, modelTokens } from './metrics';
import { tracer } from './tracing';

export interface ModelCallObserver {
  /** run provider I/O inside the call's span, so the outgoing HTTP request is its child */
  within<T>(fn: () => T): T;
  tokens(usage: { promptTokens?: number; completionTokens?: number } | undefined): void;
  finish(err?: unknown): void;
}

/**
 * One call to a model provider: a client span (gen_ai attributes), calls/latency by outcome and
 * token counters. The outcome of a failure is its Dify error code when it has one.
 */
export function observeModelCall(provider: string, model: string, operation: string): ModelCallObserver {
  const t0 = performance.now();
  const span: Span = tracer().startSpan(`${operation} ${model}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'gen_ai.system': provider, 'gen_ai.request.model': model, 'gen_ai.operation.name': operation },
  });
  const ctx = trace.setSpan(context.active(), span);
  let done = false;
  return {
    within: (fn) => context.with(ctx, fn),
    tokens(usage) {
      if (!usage) return;
      if (usage.promptTokens) {
        modelTokens.inc({ provider, model, type: 'prompt' }, usage.promptTokens);
        span.setAttribute('gen_ai.usage.input_tokens', usage.promptTokens);
      }
      if (usage.completionTokens) {
        modelTokens.inc({ provider, model, type: 'completion' }, usage.completionTokens);
        span.setAttribute('gen_ai.usage.output_tokens', usage.completionTokens);
      }
    },
    finish(err?: unknown) {
      if (done) return;
      done = true;
      const outcome = err
        ? (err as { code?: unknown }).code && typeof (err as { code?: unknown }).code === 'string'
          ? (err as { code: string }).code
          : 'error'
        : 'ok';
      modelCalls.inc({ provider, model, operation, outcome });
      modelCallDuration.observe({ provider, model, operation }, (performance.now() - t0) / 1000);
      if (err) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      span.end();
    },
  };
}
