/** What we know about common OpenAI-compatible models: context size, vision, USD price per 1M tokens. */
export interface ModelInfo {
  contextTokens: number;
  vision: boolean;
  inputPerMillion: number;
  outputPerMillion: number;
}

const KNOWN: Record<string, ModelInfo> = {
  'gpt-4o': { contextTokens: 128_000, vision: true, inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { contextTokens: 128_000, vision: true, inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4.1': { contextTokens: 1_000_000, vision: true, inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { contextTokens: 1_000_000, vision: true, inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4-turbo': { contextTokens: 128_000, vision: true, inputPerMillion: 10, outputPerMillion: 30 },
  'gpt-4': { contextTokens: 8_192, vision: false, inputPerMillion: 30, outputPerMillion: 60 },
  'gpt-3.5-turbo': { contextTokens: 16_385, vision: false, inputPerMillion: 0.5, outputPerMillion: 1.5 },
};

const DEFAULT_INFO: ModelInfo = { contextTokens: 8_192, vision: false, inputPerMillion: 0, outputPerMillion: 0 };

export function modelInfo(model: string): ModelInfo {
  if (KNOWN[model]) return KNOWN[model];
  const prefix = Object.keys(KNOWN)
    .sort((a, b) => b.length - a.length)
    .find((k) => model.startsWith(k));
  if (prefix) return KNOWN[prefix];
  // Unknown models behind OpenAI-compatible servers: assume vision when the name says so.
  return { ...DEFAULT_INFO, vision: /vision|vl|4o|llava/i.test(model) };
}

/** Dify's usage block: prices are decimal strings. */
export function priceUsage(model: string, promptTokens: number, completionTokens: number, latencySeconds: number) {
  const info = modelInfo(model);
  const pUnit = info.inputPerMillion / 1e6;
  const cUnit = info.outputPerMillion / 1e6;
  const pPrice = promptTokens * pUnit;
  const cPrice = completionTokens * cUnit;
  return {
    prompt_tokens: promptTokens,
    prompt_unit_price: pUnit.toFixed(7),
    prompt_price_unit: '0.000001',
    prompt_price: pPrice.toFixed(7),
    completion_tokens: completionTokens,
    completion_unit_price: cUnit.toFixed(7),
    completion_price_unit: '0.000001',
    completion_price: cPrice.toFixed(7),
    total_tokens: promptTokens + completionTokens,
    total_price: (pPrice + cPrice).toFixed(7),
    currency: 'USD',
    latency: Math.round(latencySeconds * 1000) / 1000,
  };
}
export type UsageBlock = ReturnType<typeof priceUsage>;
