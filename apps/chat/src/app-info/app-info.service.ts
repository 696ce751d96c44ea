import { Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { AppConfig } from '@sluice/config';
import { AppUnavailableError, CallerIdentity, Services, WorkflowContracts } from '@sluice/contracts';
import { EndUserRepository } from '@sluice/database';
import { InjectTransport, callContract } from '@sluice/transport';
import { AppRegistry } from '../apps-registry/app-registry';
import { siteSettings } from '../console/site-view';

/** `/parameters`, `/meta`, `/info`, `/site`: what a client needs to render the app. */
@Injectable()
export class AppInfoService {
  constructor(
    private readonly registry: AppRegistry,
    private readonly cfg: AppConfig,
    private readonly endUsers: EndUserRepository,
    @InjectTransport(Services.workflow) private readonly workflow: ClientProxy,
  ) {}

  /**
   * Chat, agent and completion apps answer from their model config; workflow and chatflow apps from
   * their workflow (the start node's variables, the workflow's features), which the workflow service owns.
   */
  async parameters(caller: CallerIdentity) {
    const { app, config } = await this.registry.get(caller.appId);
    if (app.mode === 'workflow' || app.mode === 'advanced-chat') {
      const form = await callContract(this.workflow, WorkflowContracts.appForm, { caller });
      return this.parametersOf({ ...form.features, user_input_form: form.user_input_form });
    }
    if (!config) throw new AppUnavailableError();
    return this.parametersOf(config as Record<string, unknown>);
  }

  /** Dify's mapping from an app's features to the parameters a client renders the app with. */
  private parametersOf(c: Record<string, any>) {
    const mb = Math.round(this.cfg.uploadFileSizeLimitBytes / 1024 / 1024);
    return {
      opening_statement: c.opening_statement ?? '',
      suggested_questions: c.suggested_questions ?? [],
      suggested_questions_after_answer: c.suggested_questions_after_answer ?? { enabled: false },
      speech_to_text: c.speech_to_text ?? { enabled: false },
      text_to_speech: textToSpeech(c.text_to_speech),
      retriever_resource: c.retriever_resource ?? { enabled: true },
      annotation_reply: c.annotation_reply ?? { enabled: false },
      more_like_this: c.more_like_this ?? { enabled: false },
      sensitive_word_avoidance: c.sensitive_word_avoidance ?? { enabled: false },
      user_input_form: (c.user_input_form ?? []).map(formItemWithDefault),
      file_upload: c.file_upload ?? { image: { enabled: false, number_limits: 3, transfer_methods: ['remote_url', 'local_file'] } },
      system_parameters: {
        file_size_limit: mb,
        image_file_size_limit: 10,
        audio_file_size_limit: 50,
        video_file_size_limit: 100,
        workflow_file_upload_limit: 10,
      },
    };
  }

  async meta(_caller: CallerIdentity) {
    return { tool_icons: {} };
  }

  async info(caller: CallerIdentity) {
    const { app } = await this.registry.get(caller.appId);
    return { name: app.name, description: app.description, tags: [], mode: app.mode, author_name: '' };
  }

  /**
   * `/v1/site` is the settings themselves; Dify's web app (a passport's `GET /api/site`) gets them
   * wrapped with the app and the visitor's end-user id, as Dify's web controller answers.
   */
  async site(caller: CallerIdentity) {
    const { app } = await this.registry.get(caller.appId);
    const site = siteSettings(app);
    if (caller.userType !== 'web_app') return site;
    const endUserId = await this.endUsers.idFor(app.tenantId, app.id, caller.userType, caller.sessionId);
    return {
      app_id: app.id,
      end_user_id: endUserId,
      enable_site: app.enableSite,
      site,
      model_config: null,
      plan: 'basic',
      can_replace_logo: false,
      custom_config: null,
    };
  }
}

/** Dify's console saves TTS with a language and an autoPlay switch; a config without them reads as Dify's defaults. */
function textToSpeech(t: Record<string, unknown> | undefined) {
  if (!t?.enabled) return t ?? { enabled: false };
  return { language: '', autoPlay: 'disabled', ...t };
}

/** Text, paragraph and select inputs always carry a `default` in Dify's form ('' when none was set). */
function formItemWithDefault(item: Record<string, Record<string, unknown>>) {
  const [type, control] = Object.entries(item ?? {})[0] ?? [];
  if (!type || !['text-input', 'paragraph', 'select'].includes(type) || !control || 'default' in control) return item;
  return { [type]: { ...control, default: '' } };
}
