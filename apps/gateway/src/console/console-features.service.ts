import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';

/** Multer's per-request file cap (GatewayCoreModule). */
const BATCH_COUNT_LIMIT = 5;

/**
 * What Dify's web frontend asks before it renders: which editions' features exist. Sluice is a
 * self-hosted community edition: no billing, no SSO, no marketplace, email + password sign-in only.
 * Registration, extra workspaces and mail follow the deployment's settings, so a sign-in page
 * offers exactly the links the server will honour.
 */
@Injectable()
export class ConsoleFeaturesService {
  constructor(private readonly cfg: AppConfig) {}

  systemFeatures() {
    return {
      sso_enforced_for_signin: false,
      sso_enforced_for_signin_protocol: '',
      enable_marketplace: false,
      max_plugin_package_size: 0,
      enable_email_code_login: false,
      enable_email_password_login: true,
      enable_social_oauth_login: false,
      is_allow_register: this.cfg.accounts.allowRegister,
      is_allow_create_workspace: this.cfg.accounts.allowCreateWorkspace,
      is_email_setup: this.cfg.mail !== null,
      enable_change_email: false,
      license: { status: 'none', expired_at: '' },
      branding: { enabled: false, application_title: 'Sluice', login_page_logo: '', workspace_logo: '', favicon: '' },
      webapp_auth: { enabled: false, allow_sso: false, allow_email_password_login: false, allow_email_code_login: false },
    };
  }

  features() {
    const unlimited = { size: 0, limit: 0 };
    return {
      billing: { enabled: false, subscription: { plan: 'sandbox', interval: '' } },
      members: unlimited,
      apps: unlimited,
      vector_space: unlimited,
      annotation_quota_limit: unlimited,
      documents_upload_quota: unlimited,
      docs_processing: 'standard',
      can_replace_logo: false,
      model_load_balancing_enabled: false,
      // the dataset_operator role is enforced on every console route
      dataset_operator_enabled: true,
      webapp_copyright_enabled: true,
      knowledge_rate_limit: 0,
      education: { enabled: false, activated: false },
    };
  }

  /** Dify's `GET /files/upload`: the limits the upload widgets check before sending. */
  uploadConfig() {
    const mb = Math.round(this.cfg.uploadFileSizeLimitBytes / 1024 / 1024);
    return {
      file_size_limit: mb,
      batch_count_limit: BATCH_COUNT_LIMIT,
      image_file_size_limit: Math.min(10, mb),
      video_file_size_limit: mb,
      audio_file_size_limit: 30,
      workflow_file_upload_limit: 10,
    };
  }
}
