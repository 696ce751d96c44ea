import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import type { KnowledgeRequest } from '@sluice/contracts';
import { ProviderCredentialsService } from '@sluice/llm';

const CONTEXT: Record<string, number> = { 'text-embedding-3-small': 8191, 'text-embedding-3-large': 8191, 'text-embedding-ada-002': 8191 };
const LLMS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1', 'gpt-3.5-turbo'];

/**
 * Dify's `models/model-types/{type}` for the one provider Sluice runs (`openai`, or any
 * OpenAI-compatible server behind it): what a dataset can name as its embedding or rerank model.
 */
@Injectable()
export class WorkspaceModelsService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly credentials: ProviderCredentialsService,
  ) {}

  async byType(req: KnowledgeRequest) {
    const names = this.modelsOf(req.action ?? '');
    if (!names.length) return { data: [] };
    const creds = await this.credentials.resolve(req.tenantId, 'openai');
    const status = creds.apiKey || creds.baseUrl ? 'active' : 'no-configure';
    const label = (s: string) => ({ en_US: s, zh_Hans: s });
    // Dify links the provider's icons under the console API (served without a session, as Dify does).
    const icon = (kind: string) => {
      const url = (lang: string) => `/console/api/workspaces/${req.tenantId}/model-providers/openai/${kind}/${lang}`;
      return { en_US: url('en_US'), zh_Hans: url('zh_Hans') };
    };
    return {
      data: [
        {
          tenant_id: req.tenantId,
          provider: 'openai',
          label: label('OpenAI'),
          icon_small: icon('icon_small'),
          icon_small_dark: null,
          icon_large: icon('icon_large'),
          status,
          models: names.map((model) => ({
            model,
            label: label(model),
            model_type: req.action,
            features: null,
            fetch_from: 'predefined-model',
            model_properties: req.action === 'text-embedding' ? { context_size: CONTEXT[model] ?? 8191 } : {},
            deprecated: false,
            status,
            load_balancing_enabled: false,
            has_invalid_load_balancing_configs: false,
          })),
        },
      ],
    };
  }

  private modelsOf(type: string): string[] {
    if (type === 'text-embedding') return [...new Set([this.cfg.knowledge.defaultEmbeddingModel, ...Object.keys(CONTEXT)])];
    if (type === 'llm') return LLMS;
    // Rerank runs against the provider's /rerank endpoint with whatever model the caller names.
    if (type === 'rerank') return ['rerank'];
    return [];
  }
}
