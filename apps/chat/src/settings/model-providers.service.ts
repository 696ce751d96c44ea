import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { ConsoleContracts, DomainError, InvalidParamError, NotFoundError, parseAfterLookup } from '@sluice/contracts';
import { LlmClient, ProviderCredentialsService } from '@sluice/llm';

/** Dify's placeholder for a secret the console shows but never receives; sent back, it means "keep the stored one". */
export const HIDDEN = '[__HIDDEN__]';
const PROVIDER = 'openai';
const label = (s: string) => ({ en_US: s, zh_Hans: s });

/**
 * Settings → model providers. Sluice runs one provider, `openai`: OpenAI itself or any
 * OpenAI-compatible server (vLLM, Ollama, LM Studio, …) behind a base URL.
 */
@Injectable()
export class ModelProvidersService {
  constructor(
    private readonly creds: ProviderCredentialsService,
    private readonly llm: LlmClient,
    private readonly cfg: AppConfig,
  ) {}

  async list(tenantId: string) {
    const stored = await this.creds.stored(tenantId, PROVIDER);
    return {
      data: [
        {
          tenant_id: tenantId,
          provider: PROVIDER,
          label: label('OpenAI'),
          description: label('OpenAI, or any OpenAI-compatible server (vLLM, Ollama, LM Studio, …) at a base URL.'),
          icon_small: null,
          icon_large: null,
          background: null,
          help: null,
          supported_model_types: ['llm', 'text-embedding', 'rerank', 'speech2text', 'tts'],
          configurate_methods: ['predefined-model'],
          provider_credential_schema: {
            credential_form_schemas: [
              {
                variable: 'openai_api_key',
                label: label('API Key'),
                type: 'secret-input',
                required: false,
                placeholder: label('sk-… (not needed by most local servers)'),
              },
              {
                variable: 'openai_api_base',
                label: label('API Base URL'),
                type: 'text-input',
                required: false,
                placeholder: label('https://api.openai.com/v1'),
              },
              { variable: 'openai_organization', label: label('Organization'), type: 'text-input', required: false },
            ],
          },
          model_credential_schema: null,
          preferred_provider_type: stored ? 'custom' : 'system',
          custom_configuration: { status: stored ? 'active' : 'no-configure' },
          // The deployment's OPENAI_API_KEY / OPENAI_BASE_URL stand in when the workspace has none.
          system_configuration: { enabled: this.creds.hasDeploymentDefault(), current_quota_type: null, quota_configurations: [] },
        },
      ],
    };
  }

  async credentials(tenantId: string, provider: string) {
    this.known(provider);
    const stored = await this.creds.stored(tenantId, provider);
    if (!stored) return { credentials: null, source: this.creds.hasDeploymentDefault() ? 'deployment' : 'none' };
    return {
      credentials: {
        openai_api_key: stored.openai_api_key ? HIDDEN : '',
        openai_api_base: stored.openai_api_base ?? '',
        openai_organization: stored.openai_organization ?? '',
      },
      source: 'workspace',
    };
  }

  async save(tenantId: string, provider: string, body: unknown) {
    this.known(provider);
    const withKey = await this.unhide(tenantId, provider, body);
    await this.creds.save(tenantId, provider, parseAfterLookup(ConsoleContracts.providerCredentials, 'body', withKey).credentials);
    return { result: 'success' };
  }

  async remove(tenantId: string, provider: string) {
    this.known(provider);
    await this.creds.remove(tenantId, provider);
    return { result: 'success' };
  }

  /** Dify's "test connection": calls the provider; a failure is an answer (`result: error`), not an HTTP error. */
  async validate(tenantId: string, provider: string, body: unknown) {
    this.known(provider);
    const { credentials: c } = parseAfterLookup(ConsoleContracts.settings.credentialsValidate, 'body', await this.unhide(tenantId, provider, body));
    try {
      await this.llm.checkConnection({
        apiKey: c.openai_api_key || undefined,
        baseUrl: c.openai_api_base || undefined,
        organization: c.openai_organization || undefined,
      });
      return { result: 'success' };
    } catch (err) {
      return { result: 'error', error: err instanceof DomainError ? err.message : 'Could not reach the model provider.' };
    }
  }

  /** Dify's `default-model?model_type=`: the deployment's default model of each type. */
  defaultModel(query: unknown) {
    const type = (query as { model_type?: unknown } | undefined)?.model_type;
    const byType: Record<string, string> = {
      llm: this.cfg.knowledge.defaultLlmModel,
      'text-embedding': this.cfg.knowledge.defaultEmbeddingModel,
      speech2text: this.cfg.audio.speechToTextModel,
      tts: this.cfg.audio.ttsModel,
    };
    if (typeof type !== 'string' || (!(type in byType) && type !== 'rerank')) {
      throw new InvalidParamError('model_type must be one of llm, text-embedding, rerank, speech2text, tts', { params: 'model_type' });
    }
    if (!byType[type]) return { data: null };
    return {
      data: {
        model: byType[type],
        model_type: type,
        provider: {
          provider: PROVIDER,
          label: label('OpenAI'),
          icon_small: null,
          icon_large: null,
          supported_model_types: ['llm', 'text-embedding', 'rerank', 'speech2text', 'tts'],
        },
      },
    };
  }

  private async unhide(tenantId: string, provider: string, body: unknown) {
    const c = (body as { credentials?: Record<string, unknown> } | undefined)?.credentials;
    if (!c || c.openai_api_key !== HIDDEN) return body;
    const stored = await this.creds.stored(tenantId, provider);
    return { ...(body as object), credentials: { ...c, openai_api_key: stored?.openai_api_key ?? '' } };
  }

  private known(provider: string) {
    if (provider !== PROVIDER)
      throw new NotFoundError(`Provider ${provider} is not available: Sluice runs the openai provider (any OpenAI-compatible server).`);
  }
}
