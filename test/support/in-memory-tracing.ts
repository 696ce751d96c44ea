/**
 * Import this FIRST in a test file that checks traces: it starts tracing in the test process with an
 * in-memory exporter before pg, ioredis and the HTTP servers are loaded, as the launcher does.
 */
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { initTracing } from '@sluice/observability';

export const spans = new InMemorySpanExporter();
initTracing({ serviceName: 'sluice-test', services: ['gateway'], exporter: spans });
