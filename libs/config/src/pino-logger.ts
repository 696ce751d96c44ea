import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentRequestId } from './request-context';

/** Nest's logger interface over pino: one JSON line per entry, the app name on every line. */
export class PinoLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: string, app: string) {
    this.pino = pino({
      level,
      base: { app },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const id = currentRequestId();
        return id ? { request_id: id } : {};
      },
    });
  }

  log(message: unknown, context?: string) {
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
