import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorPayload, domainErrorFromDatabase, sqlState } from '@sluice/contracts';
import { dependencyFailure } from '@sluice/transport';
import { requestParsingError } from './request-parsing-errors';

const HTTP_CODE_NAMES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'file_too_large',
  415: 'unsupported_file_type',
  422: 'invalid_param',
  429: 'too_many_requests',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
};

/**
 * The one place errors become HTTP: Dify's `{code, message, status}` with the right status.
 * Unexpected failures get an error id in the log and a body without internals.
 */
@Catch()
export class DifyExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const payload = this.toPayload(exception);
    if (res.headersSent) {
      // Mid-stream failures are written as SSE `error` events by the responder; just make sure the socket ends.
      if (!res.writableEnded) res.end();
      return;
    }
    if (payload.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="api"');
    if (payload.retryAfter !== undefined) res.setHeader('Retry-After', String(payload.retryAfter));
    const body: Record<string, unknown> = { code: payload.code, message: payload.message, status: payload.status };
    if (payload.params) body.params = payload.params;
    res.status(payload.status).json(body);
  }

  toPayload(exception: unknown): ErrorPayload {
    if (exception instanceof DomainError) return exception.toPayload();
    // body-parser, the query parser and the router fail before any controller runs.
    const parsing = requestParsingError(exception);
    if (parsing) return parsing;
    // PostgreSQL or Redis down: 503 with a plain message, and one log line per outage instead of a stack per request.
    const unavailable = dependencyFailure(exception);
    if (unavailable) return unavailable.toPayload();
    // The safety net: input that reached PostgreSQL unvalidated is still the caller's fault.
    const fromDb = domainErrorFromDatabase(exception);
    if (fromDb) {
      this.log.warn(`input refused by PostgreSQL (SQLSTATE ${sqlState(exception)}); validate it at the edge`);
      return fromDb.toPayload();
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 400 && /JSON/i.test(exception.message)) {
        return { code: 'invalid_param', message: 'Invalid JSON payload received or JSON payload is empty.', status };
      }
      if (status === 413) return { code: 'file_too_large', message: 'File size exceeded.', status };
      const resp = exception.getResponse() as { message?: string | string[] } | string;
      const msg = typeof resp === 'string' ? resp : Array.isArray(resp.message) ? resp.message.join('; ') : (resp.message ?? exception.message);
      if (status === 404) return { code: 'not_found', message: 'The requested URL was not found on the server.', status };
      if (status < 500) return { code: HTTP_CODE_NAMES[status] ?? 'bad_request', message: msg, status };
    }
    const errorId = randomUUID();
    this.log.error(`error_id=${errorId} ${(exception as Error)?.stack ?? String(exception)}`);
    return { code: 'internal_server_error', message: `Internal Server Error, please contact support. (error id ${errorId})`, status: 500 };
  }
}
