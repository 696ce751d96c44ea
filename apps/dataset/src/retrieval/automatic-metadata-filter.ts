import { Injectable, Logger } from '@nestjs/common';
import { LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { metadataConditionMessages, parseMetadataConditions } from './metadata-conditions-prompt';
import type { MetadataFilter } from './metadata-filter';
import { SegmentSearchRepository } from './segment-search.repository';

/** `metadata_model_config` of a chat app's dataset_configs or a knowledge-retrieval node. */
export interface MetadataModelConfig {
  provider?: string;
  name?: string;
  completion_params?: Record<string, unknown>;
}

/**
 * Dify's `metadata_filtering_mode: automatic`: the configured model reads the question and the
 * datasets' metadata fields and writes the filter conditions. As in Dify, a failed call or an
 * unusable reply means no filter, never a failed retrieval.
 */
@Injectable()
export class AutomaticMetadataFilter {
  private readonly logger = new Logger('AutomaticMetadataFilter');

  constructor(
    private readonly repo: SegmentSearchRepository,
    private readonly llm: LlmClient,
    private readonly credentials: ProviderCredentialsService,
  ) {}

  async conditions(tenantId: string, datasetIds: string[], query: string, model: MetadataModelConfig | undefined): Promise<MetadataFilter | null> {
    if (!model?.name || !query.trim()) return null;
    const fields = await this.repo.metadataFields(tenantId, datasetIds);
    if (!fields.length) return null;
    try {
      const res = await this.llm.chat({
        credentials: await this.credentials.resolve(tenantId, model.provider || 'openai'),
        model: model.name,
        messages: metadataConditionMessages(fields, query),
        params: { temperature: 0, ...(model.completion_params ?? {}) },
      });
      return parseMetadataConditions(res.text, fields);
    } catch (err) {
      this.logger.warn(`automatic metadata filter skipped: ${(err as Error).message}`);
      return null;
    }
  }
}
