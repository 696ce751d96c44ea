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

/**
 * Every session cookie is set here, and only here: HttpOnly and SameSite=Lax, except `csrf_token`
 * which the console's script must read to echo it in `X-CSRF-Token`. (Adding `Secure` behind HTTPS
 * belongs in this function too.)
 */
function options(httpOnly: boolean, maxAge?: number): CookieOptions {
  return { httpOnly, sameSite: 'lax', path: '/', ...(maxAge !== undefined ? { maxAge } : {}) };
}

export function setSessionCookies(res: Response, c: SessionCookies): void {
  res.cookie(COOKIES.session, c.access, options(true, c.accessMaxAgeMs));
  res.cookie(COOKIES.access, c.access, options(true, c.accessMaxAgeMs));
  res.cookie(COOKIES.refresh, c.refresh, options(true, c.refreshMaxAgeMs));
  res.cookie(COOKIES.csrf, c.csrf, options(false, c.refreshMaxAgeMs));
}

export function clearSessionCookies(res: Response): void {
  for (const name of Object.values(COOKIES)) res.clearCookie(name, options(name !== COOKIES.csrf));
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
