import { Injectable } from '@nestjs/common';
import { LlmClient, ProviderCredentialsService } from '@sluice/llm';
import type { DatasetSummary } from './dataset-retriever';

export interface RouterModel {
  provider?: string;
  name?: string;
  completion_params?: Record<string, unknown>;
}

/**
 * Dify's single-retrieval router: the model picks the one dataset that fits the query, each
 * dataset offered as a tool named by its id and described by its description (or, without
 * one, "useful for when you want to answer queries about the <name>"). With one candidate no
 * model is asked; when the model picks none, nothing is retrieved.
 */
@Injectable()
export class DatasetRouter {
  constructor(
    private readonly llm: LlmClient,
    private readonly credentials: ProviderCredentialsService,
  ) {}

  async choose(
    tenantId: string,
    datasets: DatasetSummary[],
    query: string,
    model: RouterModel,
    signal: AbortSignal,
  ): Promise<{ dataset: DatasetSummary | null; tokens: number }> {
    if (datasets.length <= 1) return { dataset: datasets[0] ?? null, tokens: 0 };
    if (!model.name) throw new Error('single retrieval mode needs single_retrieval_config.model (the model that picks the dataset)');
    const tools = datasets
      .map(
        (d) => `- id: ${d.id}\n  name: ${d.name}\n  description: ${d.description.trim() || `useful for when you want to answer queries about the ${d.name}`}`,
      )
      .join('\n');
    const system = [
      'You pick the one knowledge base that is most likely to answer the user input.',
      'Knowledge bases:',
      tools,
      'Reply with JSON only: {"dataset_id": "<id>"}, or {"dataset_id": null} when none fits.',
    ].join('\n');
    const res = await this.llm.chat({
      credentials: await this.credentials.resolve(tenantId, model.provider || 'openai'),
      model: model.name,
      signal,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: query },
      ],
      params: { temperature: 0, ...(model.completion_params ?? {}) },
    });
    return { dataset: pick(res.text, datasets), tokens: res.usage?.totalTokens ?? 0 };
  }
}

/** The dataset the reply names: by JSON id, else by an id or an exact name anywhere in the text. */
function pick(text: string, datasets: DatasetSummary[]): DatasetSummary | null {
  const json = text.match(/\{[\s\S]*\}/)?.[0];
  if (json) {
    try {
      const j = JSON.parse(json) as Record<string, unknown>;
      const id = j.dataset_id ?? j.id ?? j.name;
      if (id === null) return null;
      const hit = datasets.find((d) => d.id === String(id)) ?? datasets.find((d) => d.name === String(id));
      if (hit) return hit;
    } catch {
      /* not JSON: look for a mention */
    }
  }
  return datasets.find((d) => text.includes(d.id)) ?? datasets.find((d) => d.name && text.includes(d.name)) ?? null;
}
