import { DomainError, ServiceUnavailableError } from '@sluice/contracts';
import { DocumentExtractionError, ProcessRuleValidationError, UnsupportedFileTypeError } from '@sluice/rag';
import { unavailableDependency } from '@sluice/transport';

/** A failure retrying cannot fix (bad file, bad rule): the document goes to `error` at once. */
export class PermanentStageError extends Error {
  override readonly name = 'PermanentStageError';
}

export function isPermanent(err: unknown): boolean {
  if (isOutage(err)) return false;
  return (
    err instanceof PermanentStageError ||
    err instanceof DocumentExtractionError ||
    err instanceof UnsupportedFileTypeError ||
    err instanceof ProcessRuleValidationError ||
    // Embedder errors already went through their own retries with backoff.
    err instanceof DomainError
  );
}

/** PostgreSQL, Redis or the vector store is unreachable: waited out, however long the retry window allows. */
export function isOutage(err: unknown): boolean {
  return err instanceof ServiceUnavailableError || unavailableDependency(err) !== null;
}

/** The text stored in `documents.error`: extraction and provider messages are already written for people. */
export function readableError(err: unknown, stage: string): string {
  if (isPermanent(err)) return (err as Error).message;
  const reason = err instanceof Error ? err.message : String(err);
  return `Indexing failed while ${stage}: ${reason}`;
}
