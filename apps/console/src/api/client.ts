import { DifyStreamEvent, readDifyStream } from './sse';

/** Dify's error body `{code, message, status}`, as every Sluice API returns it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** console (cookie session, CSRF header, refresh on 401) or web (a web app's passport) */
  auth?: 'console' | 'web' | 'none';
  /** for auth: 'web': the passport and the app code */
  passport?: { token: string; code: string };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(name: string): string | undefined {
  const m = document.cookie.match(new RegExp(`(?:^|;\\s*)${name}=([^;]*)`));
  return m ? decodeURIComponent(m[1]) : undefined;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; params?: string } = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON: keep the status line */
  }
  return new ApiError(res.status, body.code ?? `http_${res.status}`, body.message ?? res.statusText ?? 'Request failed', body.params);
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time, however many requests saw the 401 together. */
function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/console/api/refresh-token', {
    method: 'POST',
    credentials: 'same-origin',
    headers: withCsrf({ 'Content-Type': 'application/json' }),
    body: '{}',
  })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => setTimeout(() => (refreshing = null), 0));
  return refreshing;
}

/**
 * Cookie-authenticated state-changing requests carry the `csrf_token` cookie's value in X-CSRF-Token
 * (Dify's double-submit scheme); harmless where the server does not check it.
 */
function withCsrf(h: Record<string, string>, method = 'POST'): Record<string, string> {
  if (SAFE.has(method.toUpperCase())) return h;
  const token = readCookie('csrf_token');
  return token ? { ...h, 'X-CSRF-Token': token } : h;
}

/** Listeners learn that the console session is gone (the router sends the user to sign in). */
export const sessionEvents = new EventTarget();

export async function rawFetch(path: string, o: RequestOptions = {}, retried = false): Promise<Response> {
  const method = (o.method ?? (o.body !== undefined ? 'POST' : 'GET')).toUpperCase();
  let headers: Record<string, string> = { ...(o.headers ?? {}) };
  let body: BodyInit | undefined;
  if (o.body instanceof FormData || typeof o.body === 'string') body = o.body as BodyInit;
  else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['Content-Type'] = 'application/json';
  }
  const auth = o.auth ?? 'console';
  if (auth === 'console') headers = withCsrf(headers, method);
  if (auth === 'web' && o.passport) {
    headers.Authorization = `Bearer ${o.passport.token}`;
    headers['X-App-Code'] = o.passport.code;
  }
  const res = await fetch(buildUrl(path, o.query), {
    method,
    headers,
    body,
    signal: o.signal,
    credentials: auth === 'console' ? 'same-origin' : 'omit',
  });
  if (res.status === 401 && auth === 'console' && !retried && !path.includes('/login') && !path.includes('/refresh-token')) {
    if (await refreshSession()) return rawFetch(path, o, true);
    sessionEvents.dispatchEvent(new Event('expired'));
  }
  return res;
}

export async function api<T = unknown>(path: string, o: RequestOptions = {}): Promise<T> {
  const res = await rawFetch(path, o);
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** POSTs and reads the answer as a Dify SSE stream; an error status is thrown as ApiError before any event. */
export async function stream(path: string, o: RequestOptions, onEvent: (e: DifyStreamEvent) => void): Promise<void> {
  const res = await rawFetch(path, { ...o, headers: { Accept: 'text/event-stream', ...(o.headers ?? {}) } });
  if (!res.ok) throw await toApiError(res);
  await readDifyStream(res, onEvent);
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The gateway's answer for a path it does not serve (as Flask words it), as opposed to a missing record. */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && err.message.startsWith('The requested URL was not found');
}
