/**
 * Errors a user can act on. Messages are written for the person who uploaded the file,
 * because the ingestion worker stores `message` verbatim in `documents.error`.
 */
export type ExtractionFailure = 'empty_file' | 'no_text' | 'corrupt' | 'encrypted' | 'too_large' | 'unreadable';

export class DocumentExtractionError extends Error {
  override readonly name: string = 'DocumentExtractionError';
  constructor(
    readonly reason: ExtractionFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Dify answers unknown types with `unsupported_file_type` (415); `code` lets the API layer map it. */
export class UnsupportedFileTypeError extends Error {
  override readonly name: string = 'UnsupportedFileTypeError';
  readonly code = 'unsupported_file_type';
  constructor(
    readonly extension: string,
    message?: string,
  ) {
    super(message ?? `Files of type "${extension || 'unknown'}" are not supported.`);
  }
}

/** A process_rule the API should reject with 400 `invalid_param`; `field` names the offending path. */
export class ProcessRuleValidationError extends Error {
  override readonly name: string = 'ProcessRuleValidationError';
  readonly code = 'invalid_param';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
