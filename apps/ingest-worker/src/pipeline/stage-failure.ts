import { DomainError } from '@sluice/contracts';
import { DocumentExtractionError, ProcessRuleValidationError, UnsupportedFileTypeError } from '@sluice/rag';

/** A failure retrying cannot fix (bad file, bad rule): the document goes to `error` at once. */
export class PermanentStageError extends Error {
  override readonly name = 'PermanentStageError';
}

export function isPermanent(err: unknown): boolean {
  return (
    err instanceof PermanentStageError ||
    err instanceof DocumentExtractionError ||
    err instanceof UnsupportedFileTypeError ||
    err instanceof ProcessRuleValidationError ||
    // Embedder errors already went through their own retries with backoff.
    err instanceof DomainError
  );
}

/** The text stored in `documents.error`: extraction and provider messages are already written for people. */
export function readableError(err: unknown, stage: string): string {
  if (isPermanent(err)) return (err as Error).message;
  const reason = err instanceof Error ? err.message : String(err);
  return `Indexing failed while ${stage}: ${reason}`;
}
