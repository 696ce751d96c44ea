import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ConsoleStaticService, consoleCsp, isApiPath } from './console-static.service';

/**
 * Serves the web console at `/`: hashed assets cached for a year, everything else that is not an API
 * path gets index.html (the SPA's router decides), never cached, under a strict CSP.
 */
@Injectable()
export class ConsoleStaticMiddleware implements NestMiddleware {
  constructor(private readonly assets: ConsoleStaticService) {}

  use(req: Request, res: Response, next: NextFunction) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = new URL(req.originalUrl, 'http://x').pathname;
    if (isApiPath(path)) return next();
    const found = this.assets.file(path);
    if (found) {
      const { file, immutable } = found;
      const gzip = file.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      res.setHeader('Content-Type', file.type);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Vary', 'Accept-Encoding');
      if (gzip) res.setHeader('Content-Encoding', 'gzip');
      const body = gzip ? file.gzip! : file.body;
      res.setHeader('Content-Length', body.length);
      res.status(200).end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    // A missing hashed asset is a 404, not the app: a stale page must not get HTML for its script.
    if (path.startsWith('/assets/')) return next();
    const page = this.assets.page();
    if (!page) return next();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', consoleCsp(page.nonce));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.status(200).end(req.method === 'HEAD' ? undefined : page.html);
  }
}
