import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '@sluice/contracts';
import { DatasetViewer, hiddenDatasetIds } from '../dataset-visibility.repository';
import { App, AppModelConfig } from '../entities';
import { asTx } from '../tx';
import { WorkflowVersionsRepository } from './workflow-versions.repository';

@Injectable()
export class AppsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly workflows: WorkflowVersionsRepository,
  ) {}

  async page(tenantId: string, q: { page: number; limit: number; name?: string | null; mode: string; createdBy?: string | null }) {
    const qb = this.ds.getRepository(App).createQueryBuilder('a').where('a.tenant_id = :tenantId', { tenantId });
    if (q.name) qb.andWhere('a.name ILIKE :name', { name: `%${q.name.replace(/[%_\\]/g, (c) => '\\' + c)}%` });
    if (q.mode !== 'all') qb.andWhere('a.mode = :mode', { mode: q.mode });
    if (q.createdBy) qb.andWhere('a.created_by = :createdBy', { createdBy: q.createdBy });
    const [rows, total] = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((q.page - 1) * q.limit)
      .take(q.limit)
      .getManyAndCount();
    return { rows, total };
  }

  find(tenantId: string, id: string): Promise<App | null> {
    return this.ds.getRepository(App).findOne({ where: { tenantId, id } });
  }

  findById(id: string): Promise<App | null> {
    return this.ds.getRepository(App).findOne({ where: { id } });
  }

  save(app: Partial<App>): Promise<App> {
    const repo = this.ds.getRepository(App);
    return repo.save(repo.create(app));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const res = await this.ds.getRepository(App).delete({ tenantId, id });
    return (res.affected ?? 0) > 0;
  }

  /** Of these datasets, those the member may not see (so may not attach to an app). */
  hiddenDatasets(viewer: DatasetViewer, ids: string[]): Promise<string[]> {
    return hiddenDatasetIds(this.ds, viewer, ids.filter(isUuid));
  }

  configsFor(ids: string[]): Promise<AppModelConfig[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(AppModelConfig).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).getMany();
  }

  configById(id: string): Promise<AppModelConfig | null> {
    return this.ds.getRepository(AppModelConfig).findOne({ where: { id } });
  }

  /** New config version + repoint the app, in one transaction. */
  async saveConfig(app: App, config: Record<string, unknown>, updatedBy: string | null = null): Promise<AppModelConfig> {
    return this.ds.transaction(async (m) => {
      const row = await m.save(m.create(AppModelConfig, { tenantId: app.tenantId, appId: app.id, config }));
      await m.update(App, { id: app.id }, { appModelConfigId: row.id, updatedAt: new Date(), ...(updatedBy ? { updatedBy } : {}) });
      return row;
    });
  }

  async regenerateSiteCode(tenantId: string, id: string): Promise<void> {
    await this.ds.query(`UPDATE apps SET site_code = substr(md5(gen_random_uuid()::text), 1, 16), updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ]);
  }

  /** One transaction: the new app, a copy of its current model config, and of its workflow draft (unpublished, as Dify's copy). */
  async copy(src: App, fields: Pick<App, 'name' | 'description' | 'icon' | 'iconBackground' | 'createdBy'>): Promise<App> {
    return this.ds.transaction(async (m) => {
      const app = await m.save(
        m.create(App, {
          tenantId: src.tenantId,
          mode: src.mode,
          ...fields,
          enableSite: src.enableSite,
          enableApi: src.enableApi,
          apiRpm: src.apiRpm,
          apiRph: src.apiRph,
          maxActiveRequests: src.maxActiveRequests,
          siteSettings: src.siteSettings ?? {},
        }),
      );
      const cfg = src.appModelConfigId ? await m.findOne(AppModelConfig, { where: { id: src.appModelConfigId } }) : null;
      if (cfg) {
        const row = await m.save(m.create(AppModelConfig, { tenantId: src.tenantId, appId: app.id, config: cfg.config }));
        await m.update(App, { id: app.id }, { appModelConfigId: row.id });
        app.appModelConfigId = row.id;
      }
      await this.workflows.copyDraft(asTx(m), src.id, app);
      return app;
    });
  }
}
