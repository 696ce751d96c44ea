import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import {
  AppUnavailableError,
  CallerIdentity,
  ChatContracts,
  ContractPayloadOf,
  InvalidParamError,
  NotFoundError,
  SpeechReply,
  StoredUpload,
  isUuid,
} from '@sluice/contracts';
import { MessageRepository } from '@sluice/database';
import { LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { FileStorage } from '@sluice/storage';
import { AppRegistry } from '../apps-registry/app-registry';

/**
 * Dify's `/audio-to-text` and `/text-to-audio` for apps that turn the feature on in their config
 * (`speech_to_text.enabled`, `text_to_speech.enabled`), through the workspace's `openai` provider.
 */
@Injectable()
export class AudioService {
  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly registry: AppRegistry,
    private readonly llm: LlmClient,
    private readonly credentials: ProviderCredentialsService,
    private readonly storage: FileStorage,
    private readonly messages: MessageRepository,
  ) {}

  /** The gateway stored the audio; it is read, transcribed and removed. */
  async transcribe(caller: CallerIdentity, upload: StoredUpload) {
    try {
      const { config } = await this.registry.getRunnable(caller.appId);
      if (!(config.speech_to_text as { enabled?: boolean } | undefined)?.enabled) throw new AppUnavailableError('Speech to text is not enabled for this app.');
      const text = await this.llm.transcribe({
        credentials: await this.credentials.resolve(caller.tenantId, 'openai'),
        model: this.cfg.audio.speechToTextModel,
        audio: await this.storage.load(upload.storageKey),
        filename: upload.name,
      });
      return { text };
    } finally {
      await this.storage.delete(upload.storageKey).catch(() => undefined);
    }
  }

  /** MP3 bytes, base64 for the transport, of `text` or of the answer of `message_id` (which wins). */
  async speak(caller: CallerIdentity, b: ContractPayloadOf<typeof ChatContracts.textToAudio>['body']): Promise<SpeechReply> {
    const { config } = await this.registry.getRunnable(caller.appId);
    const tts = config.text_to_speech as { enabled?: boolean; voice?: string } | undefined;
    if (!tts?.enabled) throw new AppUnavailableError('Text to speech is not enabled for this app.');
    let text = b.text ?? '';
    if (b.message_id) {
      const msg = isUuid(b.message_id) ? await this.messages.findInApp(caller.appId, b.message_id) : null;
      if (!msg) throw new NotFoundError('Message Not Exists.');
      text = msg.answer ?? '';
    }
    if (!text.trim()) throw new InvalidParamError('text or message_id is required', { params: 'text' });
    const audio = await this.llm.speech({
      credentials: await this.credentials.resolve(caller.tenantId, 'openai'),
      model: this.cfg.audio.ttsModel,
      input: text,
      voice: b.voice || tts.voice || 'alloy',
    });
    return { mime_type: 'audio/mpeg', audio: audio.toString('base64') };
  }
}
