import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { WorkspaceRole, isWorkspaceRole } from '@sluice/contracts';
import { MembershipsRepository } from '@sluice/database';
import { BroadcastBus } from '@sluice/transport';

const CACHE_TTL_MS = 30_000;
export const MEMBERSHIP_CHANGED_TOPIC = 'auth.membership-changed';

/**
 * Roles per (account, workspace), cached briefly on each replica. A role change or removal is
 * broadcast (as API-key revocations are) so every replica forgets the old role at once.
 */
@Injectable()
export class MembershipCache implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new Map<string, { at: number; role: WorkspaceRole | null }>();
  private bus?: BroadcastBus;

  constructor(
    private readonly repo: MembershipsRepository,
    private readonly cfg: AppConfig,
  ) {}

  async onModuleInit() {
    this.bus = new BroadcastBus({ redisUrl: this.cfg.redisUrl, prefix: this.cfg.redisPrefix });
    await this.bus.subscribe<{ accountId?: string; tenantId?: string }>(MEMBERSHIP_CHANGED_TOPIC, (p) => this.forget(p?.accountId, p?.tenantId));
  }

  async onModuleDestroy() {
    await this.bus?.close();
  }

  async roleOf(accountId: string, tenantId: string): Promise<WorkspaceRole | null> {
    const k = `${accountId}:${tenantId}`;
    const hit = this.cache.get(k);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.role;
    const stored = await this.repo.roleOf(accountId, tenantId);
    const role = isWorkspaceRole(stored) ? stored : null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(k, { at: Date.now(), role });
    return role;
  }

  async changed(accountId: string, tenantId: string): Promise<void> {
    this.forget(accountId, tenantId);
    await this.bus?.publish(MEMBERSHIP_CHANGED_TOPIC, { accountId, tenantId });
  }

  private forget(accountId?: string, tenantId?: string) {
    if (accountId && tenantId) this.cache.delete(`${accountId}:${tenantId}`);
    else this.cache.clear();
  }
}
