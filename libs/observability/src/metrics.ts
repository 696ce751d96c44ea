import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric of a Sluice process, in one registry served on METRICS_PORT. Apps of one
 * process (npm start runs all five) share it; labels never carry ids, only route templates,
 * patterns, queue and model names, so cardinality stays bounded.
 */
export const registry = new Registry();

let defaultsOn = false;
/** Process metrics: CPU, RSS, heap, GC, event-loop lag, handles. Once per process. */
export function enableDefaultMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
}

const LATENCY = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const LONG = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

export const httpRequests = new Counter({
  name: 'sluice_http_requests_total',
  help: 'HTTP requests answered by the gateway, by method, route template and status.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});
export const httpDuration = new Histogram({
  name: 'sluice_http_request_duration_seconds',
  help: 'HTTP request duration (to the last byte; SSE streams count their whole life).',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY,
  registers: [registry],
});

export const transportRequests = new Counter({
  name: 'sluice_transport_requests_total',
  help: 'Requests sent over the Redis Streams transport, by target service, message pattern and outcome (ok, error code, timeout).',
  labelNames: ['service', 'pattern', 'outcome'] as const,
  registers: [registry],
});
export const transportDuration = new Histogram({
  name: 'sluice_transport_request_duration_seconds',
  help: 'Transport request latency as the caller sees it, to the last reply.',
  labelNames: ['service', 'pattern'] as const,
  buckets: LATENCY,
  registers: [registry],
});
export const transportTimeouts = new Counter({
  name: 'sluice_transport_timeouts_total',
  help: 'Transport requests that got no answer in time, or whose replica stopped sending heartbeats.',
  labelNames: ['service', 'pattern'] as const,
  registers: [registry],
});
export const transportHandled = new Counter({
  name: 'sluice_transport_handled_total',
  help: 'Transport requests handled by this process, by service, pattern and outcome.',
  labelNames: ['service', 'pattern', 'outcome'] as const,
  registers: [registry],
});
export const transportHandleDuration = new Histogram({
  name: 'sluice_transport_handle_duration_seconds',
  help: 'Time this process spent handling a transport request.',
  labelNames: ['service', 'pattern'] as const,
  buckets: LATENCY,
  registers: [registry],
});

export const ingestStageDuration = new Histogram({
  name: 'sluice_ingest_stage_duration_seconds',
  help: 'Duration of one ingestion stage job (parse, clean, split, embed, index, maintenance) by outcome.',
  labelNames: ['stage', 'outcome'] as const,
  buckets: LONG,
  registers: [registry],
});

export const modelCalls = new Counter({
  name: 'sluice_model_calls_total',
  help: 'Calls to model providers, by provider, model, operation (chat, chat_stream, embed, transcribe, speech) and outcome.',
  labelNames: ['provider', 'model', 'operation', 'outcome'] as const,
  registers: [registry],
});
export const modelCallDuration = new Histogram({
  name: 'sluice_model_call_duration_seconds',
  help: 'Model call latency (streams: to the last token).',
  labelNames: ['provider', 'model', 'operation'] as const,
  buckets: LATENCY,
  registers: [registry],
});
export const modelTokens = new Counter({
  name: 'sluice_model_tokens_total',
  help: 'Tokens reported by the provider, by provider, model and type (prompt, completion).',
  labelNames: ['provider', 'model', 'type'] as const,
  registers: [registry],
});

export const embeddingCacheLookups = new Counter({
  name: 'sluice_embedding_cache_lookups_total',
  help: 'Embedding cache lookups by result (hit, miss); hit ratio = hit / (hit + miss).',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const retrievalDuration = new Histogram({
  name: 'sluice_retrieval_duration_seconds',
  help: 'Knowledge retrieval latency by method (semantic_search, full_text_search, hybrid_search, keyword_search).',
  labelNames: ['method'] as const,
  buckets: LATENCY,
  registers: [registry],
});

type Rows<L extends string> = { labels: Record<L, string>; value: number }[];
type Source<L extends string> = () => Promise<Rows<L>>;

/** A gauge whose value is read from somewhere (BullMQ, PostgreSQL) when Prometheus scrapes. */
function sourcedGauge<L extends string>(name: string, help: string, labelNames: readonly L[]) {
  const sources = new Set<Source<L>>();
  const gauge = new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      for (const src of sources) {
        try {
          for (const r of await src()) this.set(r.labels as never, r.value);
        } catch {
          /* a scrape must not fail because one source is down; readiness reports that */
        }
      }
    },
  });
  return {
    gauge,
    /** Adds a source; the returned function removes it (on shutdown). */
    addSource(src: Source<L>): () => void {
      sources.add(src);
      return () => void sources.delete(src);
    },
  };
}

export const queueJobs = sourcedGauge('sluice_queue_jobs', 'BullMQ jobs per queue and state (waiting, active, delayed, failed, ...).', [
  'queue',
  'state',
] as const);
export const documentsByStatus = sourcedGauge('sluice_documents', 'Documents by indexing status, across all datasets.', ['status'] as const);

/** The scrape body. */
export function renderMetrics(): Promise<string> {
  return registry.metrics();
}

/** Runs `fn`, observing its duration into `hist` with the given labels (outcome added on the way out when wanted). */
export async function timed<T>(observe: (seconds: number, ok: boolean) => void, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    const v = await fn();
    observe((performance.now() - t0) / 1000, true);
    return v;
  } catch (err) {
    observe((performance.now() - t0) / 1000, false);
    throw err;
  }
}
