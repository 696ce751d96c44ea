import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { SafeHttpClient } from '../../http/safe-http-client';
import type { StoredFile } from './stored-file';

const FETCH_TIMEOUT_MS = 30_000;

/**
 * Downloads a `remote_url` file for a node through the SSRF-guarded client, so a workflow input
 * cannot make the server read its own network; capped at the upload size limit like an upload.
 */
@Injectable()
export class RemoteFileFetcher {
  private readonly maxBytes: number;

  constructor(
    private readonly http: SafeHttpClient,
    @Inject(AppConfig) cfg: Pick<AppConfig, 'uploadFileSizeLimitBytes'>,
  ) {
    this.maxBytes = cfg.uploadFileSizeLimitBytes;
  }

  async fetch(url: string, signal?: AbortSignal): Promise<StoredFile> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new Error(`the file URL "${url}" is not a valid URL`);
    }
    let res;
    try {
      res = await this.http.request({ method: 'GET', url: u.toString(), timeoutMs: FETCH_TIMEOUT_MS, maxResponseBytes: this.maxBytes, signal });
    } catch (err) {
      const msg = (err as Error).message;
      if (/^response larger than/.test(msg))
        throw new Error(`the file at ${u.host} is larger than the upload limit of ${+(this.maxBytes / 1024 / 1024).toFixed(2)} MB`);
      throw new Error(`could not fetch the file at ${u.toString()}: ${msg}`);
    }
    if (res.status_code < 200 || res.status_code >= 300) throw new Error(`could not fetch the file at ${u.toString()}: HTTP ${res.status_code}`);
    const mimeType = (res.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim().toLowerCase();
    return { buffer: res.bytes, filename: filenameOf(res.headers['content-disposition'], u), mimeType };
  }
}

/** The name the server gives (Content-Disposition), else the last segment of the URL path. */
function filenameOf(disposition: string | undefined, u: URL): string {
  const star = disposition?.match(/filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* malformed: fall through */
    }
  }
  const plain = disposition?.match(/filename\s*=\s*"?([^";]+)"?/i);
  if (plain) return plain[1].trim();
  const last = u.pathname.split('/').filter(Boolean).pop();
  try {
    return last ? decodeURIComponent(last) : 'file';
  } catch {
    return last ?? 'file';
  }
}
