import type { NextFunction, Request, Response } from 'express';

export interface CorsSettings {
  /** exact origins the console trusts with credentials; empty = same origin only */
  consoleOrigins: string[];
  /** exact origins (with credentials), or `['*']` = any origin, without credentials */
  webOrigins: string[];
}

export interface CorsGrant {
  allowOrigin: string;
  credentials: boolean;
}

const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Content-Type, Authorization, X-App-Code, X-Request-Id';
const EXPOSE_HEADERS = 'X-Request-Id, Retry-After';

function normalise(origin: string): string | null {
  try {
    const o = new URL(origin).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

/**
 * Which browser origins may read which API, as Dify configures Flask-CORS:
 * - Service API `/v1`: any origin, never with credentials (API keys are not cookies);
 * - Web API `/api`: WEB_API_CORS_ALLOW_ORIGINS — `*` means any origin without credentials, listed origins get credentials;
 * - Console API `/console/api`: only CONSOLE_CORS_ALLOW_ORIGINS, with credentials (same origin needs no CORS);
 * - anything else (`/health`, `/metrics`): no cross-origin access.
 */
export function corsGrant(path: string, origin: string, s: CorsSettings): CorsGrant | null {
  const o = normalise(origin);
  if (!o) return null;
  if (path === '/v1' || path.startsWith('/v1/')) return { allowOrigin: '*', credentials: false };
  if (path === '/api' || path.startsWith('/api/')) {
    if (s.webOrigins.includes(o)) return { allowOrigin: o, credentials: true };
    return s.webOrigins.includes('*') ? { allowOrigin: '*', credentials: false } : null;
  }
  if (path === '/console/api' || path.startsWith('/console/api/')) {
    return s.consoleOrigins.includes(o) ? { allowOrigin: o, credentials: true } : null;
  }
  return null;
}

/** Express middleware: CORS headers by surface, and every preflight answered here (204, with or without a grant). */
export function corsMiddleware(s: CorsSettings) {
  return (req: Request, res: Response, next: NextFunction) => {
    // Answers differ by Origin (reflected or absent), so shared caches must key on it, whether or not this request sent one.
    res.vary('Origin');
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || !origin) return next();
    const grant = corsGrant(req.path, origin, s);
    if (grant) {
      res.setHeader('Access-Control-Allow-Origin', grant.allowOrigin);
      if (grant.credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (grant) {
        res.setHeader('Access-Control-Allow-Methods', METHODS);
        res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
