import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiToken } from '../entities';

export interface KeyOwner {
  tenantId: string;
  type: 'app' | 'dataset';
  /** app keys: the app; dataset keys: null (they cover the workspace) */
  appId: string | null;
}

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Inserts a key unless its owner already has `max`. The count and the insert run under a
   * transaction-scoped advisory lock on the owner, so concurrent creates cannot overshoot the limit.
   * Returns null when the limit is reached.
   */
  createWithinLimit(owner: KeyOwner, key: Pick<ApiToken, 'tokenHash' | 'tokenHint'>, max: number): Promise<ApiToken | null> {
    return this.ds.transaction(async (m) => {
      const lockKey = `api-keys:${owner.tenantId}:${owner.type}:${owner.appId ?? ''}`;
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockKey]);
      const count = await m.count(ApiToken, { where: this.where(owner) });
      if (count >= max) return null;
      return m.save(m.create(ApiToken, { ...owner, ...key }));
    });
  }

  list(owner: KeyOwner): Promise<ApiToken[]> {
    return this.ds.getRepository(ApiToken).find({ where: this.where(owner), order: { createdAt: 'ASC' } });
  }

  async remove(owner: KeyOwner, keyId: string): Promise<boolean> {
    const res = await this.ds.getRepository(ApiToken).delete({ id: keyId, ...this.where(owner) });
    return !!res.affected;
  }

  private where(owner: KeyOwner) {
    return { tenantId: owner.tenantId, type: owner.type, ...(owner.appId ? { appId: owner.appId } : {}) };
  }
}
