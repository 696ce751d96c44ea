import { LoggerService } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import pino, { DestinationStream, Logger } from 'pino';
import { createRedactor } from './log-redaction';
import { currentRequestId } from './request-context';

/**
 * Lines of one event-loop turn leave stdout in one write (stdout to a file or pipe is a synchronous
 * system call per write: one per access-log line was a measurable share of a chat request's CPU).
 * Whatever is pending is written when the process exits, however it exits.
 */
const pending: string[] = [];
let flushScheduled = false;
function flushStdout() {
  flushScheduled = false;
  if (!pending.length) return;
  const out = pending.join('');
  pending.length = 0;
  process.stdout.write(out);
}
process.on('exit', flushStdout);

/** stdout, with every line passed through the redactor first. */
function redactingStdout(secrets: string[]): DestinationStream {
  const redact = createRedactor(secrets);
  return {
    write: (line: string) => {
      pending.push(redact(line));
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flushStdout);
      }
    },
  };
}

/** Nest's logger interface over pino: one JSON line per entry, the app name on every line, secrets redacted. */
export class PinoLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: string, app: string, secrets: string[] = []) {
    this.pino = pino(
      {
        level,
        base: { app },
        timestamp: pino.stdTimeFunctions.isoTime,
        mixin: () => {
          const id = currentRequestId();
          // With tracing on, the trace id ties a log line to its trace in the tracing backend.
          const span = trace.getActiveSpan()?.spanContext();
          const traceId = span && span.traceFlags & 1 ? span.traceId : undefined;
          return { ...(id ? { request_id: id } : {}), ...(traceId ? { trace_id: traceId } : {}) };
        },
      },
      redactingStdout(secrets),
    );
  }

  /** A plain object is logged as fields (its `msg` as the message): structured lines such as the access log. */
  log(message: unknown, context?: string) {
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.pino.info({ context, ...fields }, String(msg ?? ''));
      return;
    }
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
