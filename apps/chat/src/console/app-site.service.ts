import { Injectable } from '@nestjs/common';
import { ConsoleContracts, ContractPayloadOf, NotFoundError, isUuid } from '@sluice/contracts';
import { App } from '@sluice/database';
import { AppsRepository } from '@sluice/database';
import { AppRegistry } from '../apps-registry/app-registry';
import { appView } from './app-view';
import { TenantScope } from './apps.service';
import { siteView } from './site-view';

type BodyOf<K extends keyof typeof ConsoleContracts.apps> = ContractPayloadOf<(typeof ConsoleContracts.apps)[K]>['body'];

/** The console's app switches and web app (site) settings, and copying an app. */
@Injectable()
export class AppSiteService {
  constructor(
    private readonly repo: AppsRepository,
    private readonly registry: AppRegistry,
  ) {}

  /** Dify `POST /apps/{id}/site-enable`: the web app and every passport of it stop (or start) working at once. */
  async enableSite(scope: TenantScope, id: string, { enable_site }: BodyOf<'siteEnable'>) {
    return this.patch(scope, id, { enableSite: enable_site });
  }

  /** Dify `POST /apps/{id}/api-enable`: the app's API keys answer 403 while it is off. */
  async enableApi(scope: TenantScope, id: string, { enable_api }: BodyOf<'apiEnable'>) {
    return this.patch(scope, id, { enableApi: enable_api });
  }

  async updateSite(scope: TenantScope, id: string, b: BodyOf<'siteUpdate'>) {
    const app = await this.mustFind(scope, id);
    const changes = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
    const saved = await this.repo.save({ ...app, siteSettings: { ...(app.siteSettings ?? {}), ...changes } });
    this.registry.invalidate(id);
    return siteView(saved);
  }

  /** A new public code: the old web app URL and every passport issued for it stop working. */
  async resetCode(scope: TenantScope, id: string) {
    await this.mustFind(scope, id);
    await this.repo.regenerateSiteCode(scope.tenantId, id);
    this.registry.invalidate(id);
    return siteView((await this.repo.find(scope.tenantId, id))!);
  }

  /** A new app with the same configuration (model config, or the workflow draft), site settings and icon; no keys, no logs. */
  async copy(scope: TenantScope, id: string, b: BodyOf<'copy'>) {
    const src = await this.mustFind(scope, id);
    const copy = await this.repo.copy(src, {
      name: b.name ?? `${src.name} (copy)`,
      description: b.description ?? src.description,
      icon: b.icon === undefined ? src.icon : b.icon,
      iconBackground: b.icon_background === undefined ? src.iconBackground : b.icon_background,
      createdBy: scope.accountId,
    });
    return appView(copy, copy.appModelConfigId ? await this.repo.configById(copy.appModelConfigId) : null);
  }

  private async patch(scope: TenantScope, id: string, patch: Partial<App>) {
    const app = await this.mustFind(scope, id);
    const saved = await this.repo.save({ ...app, ...patch });
    this.registry.invalidate(id);
    return appView(saved, saved.appModelConfigId ? await this.repo.configById(saved.appModelConfigId) : null);
  }

  private async mustFind(scope: TenantScope, id: string): Promise<App> {
    const app = isUuid(id) ? await this.repo.find(scope.tenantId, id) : null;
    if (!app) throw new NotFoundError('App not found.');
    return app;
  }
}
