import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';

/**
 * Paths the single-page app never answers, so an unknown API route stays the API's own 404 and is never
 * shadowed by index.html. Add a prefix here when the gateway starts serving a new top-level route
 * (test/integration/openapi.spec.ts fails for a documented route the console would answer).
 */
export const API_PATH_PREFIXES = [
  '/v1',
  '/api',
  '/console/api',
  '/console/queues',
  '/files',
  '/health',
  '/metrics',
  '/docs',
  '/openapi.json',
  '/openapi.yaml',
  '/livez',
  '/readyz',
] as const;

export function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.txt', '.webmanifest']);
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The console's Content-Security-Policy: scripts and styles only from this origin or with this response's nonce. */
export function consoleCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface StaticFile {
  body: Buffer;
  gzip?: Buffer;
  type: string;
}

/** Reads the built console (dist/console, made by scripts/build-console.mjs) once and keeps it in memory. */
@Injectable()
export class ConsoleStaticService {
  /** dist/apps/gateway/src/console-ui → dist/console */
  readonly dir = resolve(__dirname, '..', '..', '..', '..', 'console');
  private readonly files = new Map<string, StaticFile | null>();
  private indexTemplate: string | null | undefined;

  get built(): boolean {
    return this.index() !== null;
  }

  /** index.html with a fresh nonce in every place Vite left the placeholder. */
  page(): { html: string; nonce: string } | null {
    const tpl = this.index();
    if (tpl === null) return null;
    const nonce = randomBytes(18).toString('base64');
    return { html: tpl.replaceAll('__CSP_NONCE__', nonce), nonce };
  }

  /** `/assets/<hashed name>` or a top-level public file (favicon.svg); null when there is none. */
  file(path: string): { file: StaticFile; immutable: boolean } | null {
    const parts = path.split('/').filter(Boolean);
    const immutable = parts.length === 2 && parts[0] === 'assets';
    if (!(immutable || parts.length === 1) || !parts.every((p) => SAFE_NAME.test(p)) || path === '/index.html') return null;
    const rel = parts.join('/');
    if (!this.files.has(rel)) this.files.set(rel, this.load(join(this.dir, ...parts)));
    const file = this.files.get(rel);
    return file ? { file, immutable } : null;
  }

  private index(): string | null {
    if (this.indexTemplate === undefined) {
      const p = join(this.dir, 'index.html');
      this.indexTemplate = existsSync(p) ? readFileSync(p, 'utf8') : null;
    }
    return this.indexTemplate;
  }

  private load(p: string): StaticFile | null {
    try {
      if (!statSync(p).isFile()) return null;
    } catch {
      return null;
    }
    const ext = extname(p).toLowerCase();
    const body = readFileSync(p);
    return {
      body,
      type: TYPES[ext] ?? 'application/octet-stream',
      gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined,
    };
  }

  /** For tests and diagnostics: the top-level entries of the build. */
  list(): string[] {
    return existsSync(this.dir) ? readdirSync(this.dir) : [];
  }
}
