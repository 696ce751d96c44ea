import { Injectable } from '@nestjs/common';
import { ConsoleContracts, ContractPayloadOf, ForbiddenError, NotFoundError, isUuid, parseAfterLookup } from '@sluice/contracts';
import { App } from '@sluice/database';
import { AppsRepository } from '@sluice/database';
import { AppRegistry } from '../apps-registry/app-registry';
import { appView } from './app-view';
import { defaultModelConfig } from './default-model-config';

const C = ConsoleContracts;

export interface TenantScope {
  tenantId: string;
  accountId: string;
  /** the member's role (console calls); decides which datasets they may attach */
  role?: string;
}

/** The dataset ids a model config's `dataset_configs` reads. */
function configDatasetIds(cfg: Record<string, unknown> | null | undefined): string[] {
  const list = (cfg as { dataset_configs?: { datasets?: { datasets?: { dataset?: { id?: unknown } }[] } } } | null)?.dataset_configs?.datasets?.datasets;
  return Array.isArray(list) ? list.map((d) => d?.dataset?.id).filter((id): id is string => typeof id === 'string') : [];
}

@Injectable()
export class AppsService {
  constructor(
    private readonly repo: AppsRepository,
    private readonly registry: AppRegistry,
  ) {}

  async list(scope: TenantScope, q: ContractPayloadOf<typeof C.appsList>['query']) {
    const { rows, total } = await this.repo.page(scope.tenantId, { ...q, name: q.name ?? q.search, createdBy: q.is_created_by_me ? scope.accountId : null });
    const cfgs = await this.repo.configsFor(rows.map((r) => r.appModelConfigId).filter((x): x is string => !!x));
    const byId = new Map(cfgs.map((c) => [c.id, c]));
    return {
      data: rows.map((r) => appView(r, r.appModelConfigId ? byId.get(r.appModelConfigId) : null)),
      has_more: q.page * q.limit < total,
      limit: q.limit,
      page: q.page,
      total,
    };
  }

  async create(scope: TenantScope, b: ContractPayloadOf<typeof C.appsCreate>['body']) {
    const app = await this.repo.save({
      tenantId: scope.tenantId,
      name: b.name,
      mode: b.mode,
      description: b.description,
      icon: b.icon ?? null,
      iconBackground: b.icon_background ?? null,
      createdBy: scope.accountId,
      updatedBy: scope.accountId,
    });
    let cfg = null;
    if (b.mode === 'chat' || b.mode === 'completion' || b.mode === 'agent-chat') {
      cfg = await this.repo.saveConfig(app, defaultModelConfig(b.mode));
      app.appModelConfigId = cfg.id;
    }
    return appView(app, cfg);
  }

  async get(scope: TenantScope, id: string) {
    const app = await this.mustFind(scope, id);
    return appView(app, app.appModelConfigId ? await this.repo.configById(app.appModelConfigId) : null);
  }

  async update(scope: TenantScope, id: string, b: ContractPayloadOf<typeof C.appsUpdate>['body']) {
    const app = await this.mustFind(scope, id);
    const patch: Partial<App> = {
      name: b.name ?? app.name,
      description: b.description ?? app.description,
      icon: b.icon === undefined ? app.icon : b.icon,
      iconBackground: b.icon_background === undefined ? app.iconBackground : b.icon_background,
      enableSite: b.enable_site ?? app.enableSite,
      enableApi: b.enable_api ?? app.enableApi,
      apiRpm: b.api_rpm ?? app.apiRpm,
      apiRph: b.api_rph ?? app.apiRph,
      maxActiveRequests: b.max_active_requests ?? app.maxActiveRequests,
      updatedBy: scope.accountId,
    };
    const saved = await this.repo.save({ ...app, ...patch });
    this.registry.invalidate(id);
    return appView(saved, saved.appModelConfigId ? await this.repo.configById(saved.appModelConfigId) : null);
  }

  async remove(scope: TenantScope, id: string) {
    if (!(await this.repo.delete(scope.tenantId, id))) throw new NotFoundError('App not found.');
    this.registry.invalidate(id);
    return { result: 'success' };
  }

  async updateModelConfig(scope: TenantScope, id: string, body: unknown) {
    const app = await this.mustFind(scope, id);
    const cfg = parseAfterLookup(C.modelConfigUpdate, 'body', body);
    await this.assertAttachable(scope, app, configDatasetIds(cfg));
    await this.repo.saveConfig(app, cfg, scope.accountId);
    this.registry.invalidate(id);
    return { result: 'success' };
  }

  /**
   * A member may attach only datasets they can see (their permission); datasets already attached
   * by someone else stay, so editing the rest of the config still works.
   */
  private async assertAttachable(scope: TenantScope, app: App, ids: string[]) {
    const current = new Set(configDatasetIds(app.appModelConfigId ? (await this.repo.configById(app.appModelConfigId))?.config : null));
    const added = [...new Set(ids)].filter((id) => !current.has(id));
    const hidden = await this.repo.hiddenDatasets({ tenantId: scope.tenantId, accountId: scope.accountId, role: scope.role ?? 'normal' }, added);
    if (hidden.length) throw new ForbiddenError(`You do not have permission to use dataset ${hidden[0]}.`);
  }

  private async mustFind(scope: TenantScope, id: string): Promise<App> {
    const app = isUuid(id) ? await this.repo.find(scope.tenantId, id) : null;
    if (!app) throw new NotFoundError('App not found.');
    return app;
  }
}
