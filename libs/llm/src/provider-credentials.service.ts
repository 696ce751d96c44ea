import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { ModelCredentials } from './llm.types';
import { ProviderCredentialsRepository } from './provider-credentials.repository';
import { SecretBox } from './secret-box';

const TTL_MS = 5_000;

/**
 * Credentials for a workspace's `openai` provider: the workspace's own (encrypted at rest),
 * else the deployment default from OPENAI_API_KEY / OPENAI_BASE_URL.
 */
@Injectable()
export class ProviderCredentialsService {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, { at: number; value: Promise<ModelCredentials> }>();

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly repo: ProviderCredentialsRepository,
  ) {
    this.box = new SecretBox(cfg.secretKey);
  }

  /** Cached briefly; concurrent turns of a workspace share one read when the entry has expired. */
  resolve(tenantId: string, provider = 'openai'): Promise<ModelCredentials> {
    const key = `${tenantId}:${provider}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = this.load(tenantId, provider);
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  private async load(tenantId: string, provider: string): Promise<ModelCredentials> {
    const row = await this.repo.find(tenantId, provider);
    if (!row) return { apiKey: this.cfg.openai.apiKey, baseUrl: this.cfg.openai.baseUrl };
    const c = JSON.parse(this.box.open(row.encryptedConfig)) as Record<string, string | undefined>;
    return { apiKey: c.openai_api_key, baseUrl: c.openai_api_base || this.cfg.openai.baseUrl, organization: c.openai_organization };
  }

  async save(tenantId: string, provider: string, credentials: Record<string, unknown>): Promise<void> {
    const sealed = this.box.seal(JSON.stringify(credentials));
    await this.repo.upsert(tenantId, provider, sealed);
    this.cache.delete(`${tenantId}:${provider}`);
  }

  /** The workspace's own stored credentials (decrypted), or null when it uses the deployment default. */
  async stored(tenantId: string, provider: string): Promise<Record<string, string | undefined> | null> {
    const row = await this.repo.find(tenantId, provider);
    return row ? (JSON.parse(this.box.open(row.encryptedConfig)) as Record<string, string | undefined>) : null;
  }

  /** Whether the deployment itself configures the provider (OPENAI_API_KEY / OPENAI_BASE_URL). */
  hasDeploymentDefault(): boolean {
    return !!(this.cfg.openai.apiKey || this.cfg.openai.baseUrl);
  }

  /** Forgets the workspace's credentials: the deployment default applies again. */
  async remove(tenantId: string, provider: string): Promise<void> {
    await this.repo.delete(tenantId, provider);
    this.cache.delete(`${tenantId}:${provider}`);
  }
}
