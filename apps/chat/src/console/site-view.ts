import { App } from '@sluice/database';

/** What a site reads as before anyone edits it: Dify's defaults, with the app's own name and icon. */
function defaults(app: App) {
  return {
    title: app.name,
    icon_type: 'emoji',
    icon: app.icon,
    icon_background: app.iconBackground,
    icon_url: null,
    description: app.description,
    default_language: 'en-US',
    chat_color_theme: null,
    chat_color_theme_inverted: false,
    customize_domain: null,
    copyright: null,
    privacy_policy: null,
    custom_disclaimer: '',
    customize_token_strategy: 'not_allow',
    prompt_public: false,
    show_workflow_steps: true,
    use_icon_as_answer_icon: false,
  };
}

/** The web app settings as the end user's web app reads them (`GET /api/site` → `site`, `/v1/site`). */
export function siteSettings(app: App) {
  return { ...defaults(app), ...(app.siteSettings ?? {}) };
}

/** The console's view of the site (Dify's app_site_fields): the settings plus its public code. */
export function siteView(app: App) {
  return { app_id: app.id, code: app.siteCode, access_token: app.siteCode, ...siteSettings(app) };
}
