import { Attributes, Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';

/** W3C trace context as carried in transport envelopes and BullMQ job data: `{ traceparent, tracestate? }`. */
export type TraceCarrier = Record<string, string>;

const PROBE_PATHS = new Set(['/livez', '/readyz', '/health', '/metrics']);

let shutdownHook: (() => Promise<void>) | undefined;

export interface TracingOptions {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces` */
  endpoint?: string;
  serviceName: string;
  /** the apps this process runs, recorded on every span */
  services: string[];
  /** tests: export here instead of OTLP (e.g. an InMemorySpanExporter), synchronously */
  exporter?: SpanExporter;
}

/**
 * Starts OpenTelemetry tracing for this process, or does nothing when no endpoint is configured
 * (then every helper below is a no-op and envelopes carry no trace context). Must run before pg,
 * ioredis and the HTTP servers are loaded, so the launcher calls it first.
 */
export function initTracing(opts: TracingOptions): boolean {
  if (shutdownHook) return true;
  if (!opts.endpoint && !opts.exporter) return false;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } =
    require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } = require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  let processor;
  if (opts.exporter) processor = new SimpleSpanProcessor(opts.exporter);
  else {
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${opts.endpoint!.replace(/\/+$/, '')}/v1/traces` }));
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName, 'sluice.services': opts.services.join(',') }),
    spanProcessors: [processor],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => PROBE_PATHS.has((req.url ?? '').split('?')[0]),
        // the transport's and BullMQ's own Redis traffic is not HTTP; model calls are
        ignoreOutgoingRequestHook: () => false,
      }),
      // Only inside a trace: the transport's blocking reads and BullMQ's polling would otherwise be
      // a stream of root spans.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  shutdownHook = async () => {
    unregister();
    await provider.shutdown().catch(() => undefined);
    trace.disable();
    propagation.disable();
    context.disable();
  };
  return true;
}

/** Flushes pending spans and stops tracing (on shutdown). */
export async function shutdownTracing(): Promise<void> {
  const hook = shutdownHook;
  shutdownHook = undefined;
  await hook?.();
}

export const tracer = () => trace.getTracer('sluice');

/** The current trace context to send along with a message; undefined when tracing is off. */
export function injectTraceContext(): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** Runs `fn` as a continuation of the trace a message carried. */
export function withTraceContext<T>(carrier: TraceCarrier | undefined, fn: () => T): T {
  if (!carrier?.traceparent) return fn();
  return context.with(propagation.extract(context.active(), carrier), fn);
}

/** Runs `fn` inside a new span; errors mark the span failed and are rethrown. */
export async function inSpan<T>(name: string, kind: SpanKind, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      failSpan(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

export function failSpan(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : new Error(String(err)));
  span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
}

export { SpanKind };
