import { createHash, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKeyLimitExceededError, NotFoundError, isUuid } from '@sluice/contracts';
import { ApiKeysRepository } from '@sluice/database';
import { AppsRepository } from '@sluice/database';
import { TenantScope } from './apps.service';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MAX_KEYS = 10;

export function hashApiKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `app-` / `dataset-` + 24 characters from a CSPRNG, as Dify generates them. */
export function generateApiKey(prefix: 'app' | 'dataset'): string {
  let s = '';
  for (let i = 0; i < 24; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${s}`;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly apps: AppsRepository,
  ) {}

  async create(scope: TenantScope, type: 'app' | 'dataset', appId: string | null) {
    if (type === 'app') await this.mustOwnApp(scope, appId);
    const token = generateApiKey(type);
    const row = await this.keys.createWithinLimit(
      { tenantId: scope.tenantId, type, appId },
      { tokenHash: hashApiKey(token), tokenHint: `${token.slice(0, type.length + 4)}...${token.slice(-4)}` },
      MAX_KEYS,
    );
    if (!row) throw new ApiKeyLimitExceededError();
    // The only time the plain token leaves the server.
    return { id: row.id, type, token, last_used_at: null, created_at: Math.floor(row.createdAt.getTime() / 1000) };
  }

  async list(scope: TenantScope, type: 'app' | 'dataset', appId: string | null) {
    if (type === 'app') await this.mustOwnApp(scope, appId);
    const rows = await this.keys.list({ tenantId: scope.tenantId, type, appId });
    return {
      data: rows.map((r) => ({
        id: r.id,
        type: r.type,
        token: r.tokenHint,
        last_used_at: r.lastUsedAt ? Math.floor(r.lastUsedAt.getTime() / 1000) : null,
        created_at: Math.floor(r.createdAt.getTime() / 1000),
      })),
    };
  }

  async remove(scope: TenantScope, type: 'app' | 'dataset', appId: string | null, keyId: string) {
    if (type === 'app') await this.mustOwnApp(scope, appId);
    if (!isUuid(keyId)) throw new NotFoundError('API key not found.');
    if (!(await this.keys.remove({ tenantId: scope.tenantId, type, appId }, keyId))) throw new NotFoundError('API key not found.');
    return { result: 'success' };
  }

  private async mustOwnApp(scope: TenantScope, appId: string | null) {
    if (!appId || !isUuid(appId) || !(await this.apps.find(scope.tenantId, appId))) throw new NotFoundError('App not found.');
  }
}
