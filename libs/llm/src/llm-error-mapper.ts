import OpenAI from 'openai';
import { CompletionRequestError, DomainError, ModelCurrentlyNotSupportError, ProviderNotInitializeError } from '@sluice/contracts';

/** Maps provider failures to Dify's codes; the message keeps the provider's own reason. */
export function mapProviderError(err: unknown, model: string): DomainError {
  if (err instanceof DomainError) return err;
  if (err instanceof OpenAI.APIError) {
    const reason = extractReason(err);
    if (err.status === 401 || err.status === 403) {
      return new ProviderNotInitializeError(`The model provider rejected the credentials: ${reason}`);
    }
    if (err.status === 404) return new ModelCurrentlyNotSupportError(`Model ${model} is not available: ${reason}`);
    if (err.status === 429) {
      // Kept so callers that retry (the embedder) can wait as long as the provider asks.
      const retryAfter = Number(err.headers?.['retry-after']);
      return new CompletionRequestError(`[rate_limit] The model provider is rate limiting: ${reason}`, retryAfter > 0 ? { retryAfter } : undefined);
    }
    if (err.status === undefined) return new CompletionRequestError(`[connection] Could not reach the model provider: ${reason}`);
    return new CompletionRequestError(`[${err.status}] ${reason}`);
  }
  return new CompletionRequestError(`Model request failed: ${(err as Error)?.message ?? String(err)}`);
}

function extractReason(err: InstanceType<typeof OpenAI.APIError>): string {
  const body = err.error as { message?: string } | undefined;
  return body?.message ?? err.message;
}
