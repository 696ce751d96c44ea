import { CompletionRequestError, DomainError } from '@sluice/contracts';

/** The embedding provider kept failing after every retry; the message is stored in `documents.error`. */
export class EmbeddingFailedError extends CompletionRequestError {
  constructor(message: string) {
    super(message);
  }
}

export type FailureKind = 'retryable' | 'fatal';

/**
 * Any model call (embeddings, Q&A generation): rate limits, 5xx and network failures are worth retrying; bad credentials or an unknown model are not.
 * The LlmClient maps provider errors to `[rate_limit] …`, `[connection] …` or `[<status>] …`.
 */
export function classifyProviderFailure(err: unknown): FailureKind {
  if (err instanceof DomainError) {
    if (err.code !== 'completion_request_error') return 'fatal';
    const m = /^\[(rate_limit|connection|\d{3})\]/.exec(err.message);
    if (!m) return 'retryable';
    if (m[1] === 'rate_limit' || m[1] === 'connection') return 'retryable';
    const status = Number(m[1]);
    return status >= 500 || status === 408 || status === 409 ? 'retryable' : 'fatal';
  }
  return 'retryable';
}
