import { App, AppModelConfig } from '@sluice/database';

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
    // Dify's app detail carries the web app's code; `access_token` is its older name.
    site: { code: app.siteCode, access_token: app.siteCode },
    enable_api: app.enableApi,
    api_rpm: app.apiRpm,
    api_rph: app.apiRph,
    max_active_requests: app.maxActiveRequests,
    is_demo: app.isDemo,
    model_config: c
      ? { provider: c.model?.provider ?? 'openai', model_id: c.model?.name ?? null, configs: c.model?.completion_params ?? {}, ...c }
      : null,
    created_by: app.createdBy,
    created_at: unix(app.createdAt),
    updated_by: app.updatedBy ?? app.createdBy,
    updated_at: unix(app.updatedAt),
  };
}
