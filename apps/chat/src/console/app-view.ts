import { App, AppModelConfig } from '@sluice/database';
import { siteView } from './site-view';

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** The app as the console lists it: the seed's fields plus Dify's full model config. */
export function appView(app: App, cfg?: AppModelConfig | null) {
  const c = (cfg?.config ?? null) as Record<string, any> | null;
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    mode: app.mode,
    icon: app.icon,
    icon_background: app.iconBackground,
    status: app.status,
    enable_site: app.enableSite,
    // Dify's app detail carries the web app (its code, and `access_token`, the code's older name).
    site: siteView(app),
    enable_api: app.enableApi,
    api_rpm: app.apiRpm,
    api_rph: app.apiRph,
    max_active_requests: app.maxActiveRequests,
    is_demo: app.isDemo,
    model_config: c ? { provider: c.model?.provider ?? 'openai', model_id: c.model?.name ?? null, configs: c.model?.completion_params ?? {}, ...c } : null,
    // The published workflow of workflow and chatflow apps (null until the first publish).
    workflow: app.workflowId ? { id: app.workflowId } : null,
    created_by: app.createdBy,
    created_at: unix(app.createdAt),
    updated_by: app.updatedBy ?? app.createdBy,
    updated_at: unix(app.updatedAt),
  };
}
