import { Injectable } from '@nestjs/common';
import { CompletionRequestError, ProviderNotInitializeError } from '@sluice/contracts';
import { ProviderCredentialsService } from '@sluice/llm';

export interface RerankModelRef {
  provider: string;
  model: string;
}

const TIMEOUT_MS = 30_000;

/**
 * A rerank model behind an OpenAI-compatible / Jina-style `POST {baseUrl}/rerank`
 * (`{model, query, documents, top_n}` → `{results:[{index, relevance_score}]}`), called with the
 * workspace's credentials for the provider.
 */
@Injectable()
export class Reranker {
  constructor(private readonly credentials: ProviderCredentialsService) {}

  /** One relevance score in 0..1 per document, in the documents' order (0 for any the model left out). */
  async score(tenantId: string, ref: RerankModelRef, query: string, documents: string[]): Promise<number[]> {
    if (!documents.length) return [];
    const creds = await this.credentials.resolve(tenantId, ref.provider);
    if (!creds.baseUrl && !creds.apiKey) throw new ProviderNotInitializeError();
    const base = (creds.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
    let res: Response;
    try {
      res = await fetch(`${base}/rerank`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(creds.apiKey ? { authorization: `Bearer ${creds.apiKey}` } : {}) },
        body: JSON.stringify({ model: ref.model, query, documents, top_n: documents.length }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new CompletionRequestError(`Rerank model ${ref.model} is unreachable: ${(err as Error).message}`);
    }
    if (!res.ok) throw new CompletionRequestError(`Rerank model ${ref.model} failed with HTTP ${res.status}.`);
    const body = (await res.json()) as { results?: { index: number; relevance_score?: number; score?: number }[] };
    const raw = new Array<number>(documents.length).fill(Number.NaN);
    for (const r of body.results ?? []) {
      const s = r.relevance_score ?? r.score;
      if (Number.isInteger(r.index) && r.index >= 0 && r.index < documents.length && typeof s === 'number') raw[r.index] = s;
    }
    // Some servers (TEI with bge rerankers) answer raw logits; squash those so thresholds stay 0..1.
    const logits = raw.some((s) => s < 0 || s > 1);
    return raw.map((s) => (Number.isNaN(s) ? 0 : logits ? 1 / (1 + Math.exp(-s)) : s));
  }
}
