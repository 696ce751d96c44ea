import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { blockedReason } from './ip-policy';
import { SsrfBlockedError } from './ssrf-blocked.error';

export interface HttpRequestSpec {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** a stopped run aborts its download */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status_code: number;
  headers: Record<string, string>;
  body: string;
  /** the raw bytes of the body (files) */
  bytes: Buffer;
  size: number;
}

const MAX_REDIRECTS = 3;
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

/**
 * Outbound HTTP for workflow nodes. Every hop (redirects included) is resolved here, every
 * address checked, and the connection pinned to the checked address, so DNS rebinding cannot
 * slip a private address in between the check and the connect.
 */
@Injectable()
export class SafeHttpClient {
  private readonly allowPrivate: boolean;
  private readonly allowedHosts: Set<string>;

  constructor(@Inject(AppConfig) cfg: Pick<AppConfig, 'ssrfAllowPrivate'> & { ssrfAllowedHosts?: string[] }) {
    this.allowPrivate = cfg.ssrfAllowPrivate;
    this.allowedHosts = new Set(cfg.ssrfAllowedHosts ?? []);
  }

  async request(spec: HttpRequestSpec): Promise<HttpResponse> {
    let url = spec.url;
    let method = spec.method.toUpperCase();
    let body = spec.body;
    for (let hop = 0; ; hop++) {
      const res = await this.once({ ...spec, url, method, body });
      if (![301, 302, 303, 307, 308].includes(res.status_code) || !res.headers.location) return res;
      if (hop >= MAX_REDIRECTS) throw new Error(`too many redirects (more than ${MAX_REDIRECTS})`);
      url = new URL(res.headers.location, url).toString();
      if (res.status_code === 303 || ((res.status_code === 301 || res.status_code === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
    }
  }

  private async resolve(u: URL): Promise<{ address: string; family: number }> {
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SsrfBlockedError(`only http and https URLs are allowed, not ${u.protocol}`);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const hostPort = `${host}:${u.port || (u.protocol === 'https:' ? 443 : 80)}`;
    const trusted = this.allowPrivate || this.allowedHosts.has(host) || this.allowedHosts.has(hostPort);
    if (!trusted && METADATA_HOSTS.has(host.toLowerCase())) throw new SsrfBlockedError(`Access to ${host} is blocked: cloud metadata host`);
    const addrs = await lookup(host, { all: true, verbatim: true });
    if (!addrs.length) throw new Error(`could not resolve ${host}`);
    if (!trusted) {
      for (const a of addrs) {
        const why = blockedReason(a.address);
        if (why) throw new SsrfBlockedError(`Access to ${host === a.address ? host : `${host} (${a.address})`} is blocked: ${why}`);
      }
    }
    return addrs[0];
  }

  private async once(spec: HttpRequestSpec): Promise<HttpResponse> {
    const u = new URL(spec.url);
    const pinned = await this.resolve(u);
    const max = spec.maxResponseBytes ?? 10 * 1024 * 1024;
    const mod = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        u,
        {
          method: spec.method,
          headers: spec.headers,
          timeout: spec.timeoutMs ?? 30_000,
          signal: spec.signal,
          // Connect to the address that was checked, whatever DNS says now.
          lookup: (_h: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) =>
            opts?.all ? cb(null, [{ address: pinned.address, family: pinned.family }]) : cb(null, pinned.address, pinned.family),
        } as http.RequestOptions,
        (res) => {
          // A body declared bigger than allowed is refused before a byte of it is read.
          const declared = Number(res.headers['content-length']);
          if (Number.isFinite(declared) && declared > max) {
            reject(new Error(`response larger than ${max} bytes`));
            res.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          let tooBig = false;
          res.on('data', (c: Buffer) => {
            if (tooBig) return;
            size += c.length;
            if (size > max) {
              tooBig = true;
              reject(new Error(`response larger than ${max} bytes`));
              res.destroy();
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => {
            if (tooBig) return;
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
            const bytes = Buffer.concat(chunks);
            resolve({ status_code: res.statusCode ?? 0, headers, body: bytes.toString('utf8'), bytes, size });
          });
          res.on('error', (e) => (tooBig ? undefined : reject(e)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no response within ${spec.timeoutMs ?? 30_000} ms`)));
      req.on('error', reject);
      req.end(spec.body);
    });
  }
}
