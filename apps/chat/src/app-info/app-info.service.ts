import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { AppUnavailableError, CallerIdentity } from '@sluice/contracts';
import { AppRegistry } from '../apps-registry/app-registry';

/** `/parameters`, `/meta`, `/info`, `/site`: what a client needs to render the app. */
@Injectable()
export class AppInfoService {
  constructor(private readonly registry: AppRegistry, private readonly cfg: AppConfig) {}

  async parameters(caller: CallerIdentity) {
    const { app, config } = await this.registry.get(caller.appId);
    if (!config && app.mode !== 'workflow' && app.mode !== 'advanced-chat') throw new AppUnavailableError();
    const c = (config ?? {}) as Record<string, any>;
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
      system_parameters: { file_size_limit: mb, image_file_size_limit: 10, audio_file_size_limit: 50, video_file_size_limit: 100, workflow_file_upload_limit: 10 },
    };
  }

  async meta(_caller: CallerIdentity) {
    return { tool_icons: {} };
  }

  async info(caller: CallerIdentity) {
    const { app } = await this.registry.get(caller.appId);
    return { name: app.name, description: app.description, tags: [], mode: app.mode, author_name: '' };
  }

  async site(caller: CallerIdentity) {
    const { app } = await this.registry.get(caller.appId);
    return {
      title: app.name,
      chat_color_theme: null,
      chat_color_theme_inverted: false,
      icon_type: 'emoji',
      icon: app.icon,
      icon_background: app.iconBackground,
      icon_url: null,
      description: app.description,
      copyright: null,
      privacy_policy: null,
      input_placeholder: null,
      custom_disclaimer: '',
      default_language: 'en-US',
      show_workflow_steps: true,
      use_icon_as_answer_icon: false,
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
