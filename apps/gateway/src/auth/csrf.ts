import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { UnauthorizedError } from '@sluice/contracts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's CSRF token: derived from its id, so a cookie planted by another site cannot match. */
export function csrfTokenFor(secret: string, sid: string): string {
  return createHmac('sha256', secret).update(`csrf:${sid}`).digest('base64url');
}

/**
 * Dify's CSRF rule: a state-changing request authenticated by the session cookie must repeat the
 * `csrf_token` cookie in `X-CSRF-Token`. A page on another site can make the browser send the
 * cookie, but cannot read it to set the header. Bearer-authenticated requests need no token.
 */
export function assertCsrf(req: Request, secret: string, sid: string): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const given = req.headers['x-csrf-token'];
  const expected = Buffer.from(csrfTokenFor(secret, sid));
  const got = Buffer.from(typeof given === 'string' ? given : '');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
    throw new UnauthorizedError('CSRF token is missing or invalid: send the csrf_token cookie back in the X-CSRF-Token header.');
  }
}
