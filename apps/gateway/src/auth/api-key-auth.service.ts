import { createHash } from 'node:crypto';
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { ForbiddenError, InvalidApiKeyError, UnauthorizedError } from '@sluice/contracts';
import { ApiKeyRepository, KeyRecord } from '@sluice/database';
import { BroadcastBus } from '@sluice/transport';

const CACHE_TTL_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;
export const KEY_REVOKED_TOPIC = 'auth.key-revoked';

/**
 * Resolves `Authorization: Bearer app-…|dataset-…` to its workspace and app. Keys are looked up
 * by sha256 (the only form stored) and cached briefly; a deleted key is evicted everywhere at once.
 */
@Injectable()
export class ApiKeyAuthService implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new Map<string, { at: number; rec: KeyRecord | null }>();
  private readonly touched = new Map<string, number>();
  private bus?: BroadcastBus;

  constructor(
    private readonly repo: ApiKeyRepository,
    private readonly cfg: AppConfig,
  ) {}

  async onModuleInit() {
    this.bus = new BroadcastBus({ redisUrl: this.cfg.redisUrl, prefix: this.cfg.redisPrefix });
    await this.bus.subscribe(KEY_REVOKED_TOPIC, () => this.cache.clear());
  }

  async onModuleDestroy() {
    await this.bus?.close();
  }

  async publishRevocation(): Promise<void> {
    this.cache.clear();
    await this.bus?.publish(KEY_REVOKED_TOPIC, {});
  }

  async resolve(header: string | undefined, expected: 'app' | 'dataset'): Promise<KeyRecord> {
    if (!header) throw new UnauthorizedError("Authorization header must be provided and start with 'Bearer'");
    const [scheme, token, extra] = header.trim().split(/\s+/);
    if (!scheme || scheme.toLowerCase() !== 'bearer') throw new UnauthorizedError("Authorization scheme must be 'Bearer'");
    if (!token || extra !== undefined) throw new UnauthorizedError("Authorization header must be provided and start with 'Bearer'");
    const hash = createHash('sha256').update(token).digest('hex');
    const rec = await this.lookup(hash);
    if (!rec) throw new InvalidApiKeyError('Access token is invalid');
    if (rec.type !== expected) {
      throw new InvalidApiKeyError(
        expected === 'app'
          ? 'This is a knowledge (dataset) API key; app routes need an app key.'
          : 'This is an app API key; knowledge routes need a dataset key.',
      );
    }
    if (rec.type === 'app') {
      if (!rec.appId || rec.appStatus === null) throw new InvalidApiKeyError('Access token is invalid');
      if (!rec.enableApi) throw new ForbiddenError("The app's API service has been disabled.");
    }
    this.touch(rec.keyId);
    return rec;
  }

  private async lookup(hash: string): Promise<KeyRecord | null> {
    const hit = this.cache.get(hash);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.rec;
    const rec = await this.repo.findByHash(hash);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(hash, { at: Date.now(), rec });
    return rec;
  }

  /** last_used_at is informational: written at most once a minute per key, off the request path. */
  private touch(keyId: string) {
    const now = Date.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(keyId, now);
    this.repo.touch(keyId).catch(() => undefined);
  }
}
