import type { CookieOptions, Request, Response } from 'express';

/** Cookie names: Dify's console reads `access_token`/`refresh_token`/`csrf_token`; `session` is the seed's. */
export const COOKIES = { session: 'session', access: 'access_token', refresh: 'refresh_token', csrf: 'csrf_token' } as const;

export interface SessionCookies {
  access: string;
  refresh: string;
  csrf: string;
  accessMaxAgeMs: number;
  /** undefined: a browser-session cookie (no "remember me") */
  refreshMaxAgeMs?: number;
}

/** SESSION_COOKIE_SECURE: `auto` marks cookies Secure when the request came over HTTPS (directly, or per a trusted proxy). */
export type CookieSecurity = 'auto' | 'always' | 'never';

/**
 * Every session cookie is set here, and only here: HttpOnly and SameSite=Lax, except `csrf_token`
 * which the console's script must read to echo it in `X-CSRF-Token`; Secure as SESSION_COOKIE_SECURE says.
 */
function options(res: Response, security: CookieSecurity, httpOnly: boolean, maxAge?: number): CookieOptions {
  // `req.secure` believes X-Forwarded-Proto only from TRUSTED_PROXIES (Express's trust proxy setting).
  const secure = security === 'always' || (security === 'auto' && res.req.secure);
  return { httpOnly, sameSite: 'lax', path: '/', secure, ...(maxAge !== undefined ? { maxAge } : {}) };
}

export function setSessionCookies(res: Response, c: SessionCookies, security: CookieSecurity): void {
  res.cookie(COOKIES.session, c.access, options(res, security, true, c.accessMaxAgeMs));
  res.cookie(COOKIES.access, c.access, options(res, security, true, c.accessMaxAgeMs));
  res.cookie(COOKIES.refresh, c.refresh, options(res, security, true, c.refreshMaxAgeMs));
  res.cookie(COOKIES.csrf, c.csrf, options(res, security, false, c.refreshMaxAgeMs));
}

export function clearSessionCookies(res: Response, security: CookieSecurity): void {
  for (const name of Object.values(COOKIES)) res.clearCookie(name, options(res, security, name !== COOKIES.csrf));
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
