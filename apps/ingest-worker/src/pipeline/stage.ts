import type { IngestJobData } from '@sluice/contracts';

/** One step of the pipeline. `run` returns quietly when the document was paused, deleted or superseded. */
export interface Stage {
  /** Used in error messages: "Indexing failed while <verb>: …". */
  readonly verb: string;
  run(job: IngestJobData, signal?: AbortSignal): Promise<void>;
}
