import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { ForbiddenError } from '@sluice/contracts';

/** Dify's FILES_ACCESS_TIMEOUT default: a signed file URL works for five minutes. */
const VALID_SECONDS = 300;

/**
 * Dify's signed file URLs (`/files/{id}/file-preview?timestamp&nonce&sign`): whoever holds one may read
 * that one file for a few minutes, without a key — what `…/documents/{id}/download` hands out.
 */
@Injectable()
export class FileUrlSigner {
  constructor(private readonly cfg: AppConfig) {}

  sign(base: string, fileId: string, asAttachment: boolean, now = Date.now()): string {
    const timestamp = String(Math.floor(now / 1000));
    const nonce = randomBytes(16).toString('hex');
    const q = new URLSearchParams({ timestamp, nonce, sign: this.mac(fileId, timestamp, nonce) });
    if (asAttachment) q.set('as_attachment', 'true');
    return `${base}/files/${encodeURIComponent(fileId)}/file-preview?${q}`;
  }

  verify(fileId: string, q: { timestamp?: string; nonce?: string; sign?: string }, now = Date.now()): void {
    const ts = Number(q.timestamp);
    const fresh = Number.isInteger(ts) && Math.abs(now / 1000 - ts) <= VALID_SECONDS;
    const want = Buffer.from(this.mac(fileId, String(q.timestamp ?? ''), String(q.nonce ?? '')));
    const got = Buffer.from(String(q.sign ?? ''));
    if (!fresh || want.length !== got.length || !timingSafeEqual(want, got)) throw new ForbiddenError('Invalid request.');
  }

  private mac(fileId: string, timestamp: string, nonce: string): string {
    return createHmac('sha256', this.cfg.secretKey).update(`file-preview|${fileId}|${timestamp}|${nonce}`).digest('base64url');
  }
}
