import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { httpDuration, httpRequests } from '@sluice/observability';

type Authed = Request & { appKey?: unknown; datasetKey?: unknown; account?: unknown; webUser?: { passport?: unknown; account?: unknown } };

/** Who called, as far as the guards established it: never the key or token itself. */
function callerKind(req: Authed): string {
  if (req.appKey) return 'app_key';
  if (req.datasetKey) return 'dataset_key';
  if (req.webUser?.passport) return 'passport';
  if (req.account || req.webUser?.account) return 'account';
  return 'anonymous';
}

/** The matched route template (`/v1/conversations/:id`), never the raw path: ids stay out of labels and logs. */
export function routeTemplate(req: Request): string {
  const route = req.route?.path as string | undefined;
  if (!route) return 'unmatched';
  return `${req.baseUrl ?? ''}${route}`;
}

const log = new Logger('access');

/**
 * One access log line and one HTTP metric observation per request: method, route template, status,
 * duration, request id, caller kind. No bodies, no query strings, no headers. `fixedRoute` names
 * routes served outside Nest's router (the queue dashboard).
 */
export function accessLog(fixedRoute?: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const t0 = process.hrtime.bigint();
    const span = trace.getActiveSpan();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const route = fixedRoute ?? routeTemplate(req);
      // A client that went away before the answer is logged as 499, as nginx does.
      const status = res.writableFinished ? res.statusCode : 499;
      const labels = { method: req.method, route, status: String(status) };
      httpRequests.inc(labels);
      httpDuration.observe(labels, seconds);
      span?.updateName(`${req.method} ${route}`);
      span?.setAttribute('http.route', route);
      log.log({
        msg: `${req.method} ${route} ${status}`,
        method: req.method,
        route,
        status,
        duration_ms: Math.round(seconds * 10_000) / 10,
        request_id: res.getHeader('X-Request-Id'),
        caller: callerKind(req as Authed),
      });
    };
    res.on('finish', finish);
    res.on('close', finish);
    next();
  };
}

@Injectable()
export class AccessLogMiddleware implements NestMiddleware {
  private readonly handle = accessLog();

  use(req: Request, res: Response, next: NextFunction) {
    this.handle(req, res, next);
  }
}
