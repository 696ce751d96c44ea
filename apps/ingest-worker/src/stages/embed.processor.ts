import { Inject } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { IngestQueue, type PreparedIndex, SegmentIndexer } from '@sluice/knowledge';
import { DocumentStateRepository } from '@sluice/knowledge';
import { VECTOR_STORE, type VectorStore } from '@sluice/vector';
import type { Stage } from '../pipeline/stage';
import { IngestStage } from '../pipeline/stage-registry';

/** How often a running embed stage checks that the document is not paused, deleted or superseded. */
const WATCH_MS = 300;

/**
 * Embeds and upserts the document's segments that are not completed yet, round by round, so a
 * resumed or re-delivered job only does the remaining work; `completed_segments` rises per round.
 * Rounds overlap as a pipeline: while round n is embedded, round n-1's vectors are written and round
 * n-2's segments are marked completed. Each round is marked only after its own vectors are written,
 * and every round that wrote vectors checks afterwards whether the document was deleted meanwhile.
 */
@IngestStage(IngestQueues.embed, 'embed')
export class EmbedProcessor implements Stage {
  readonly verb = 'embedding the segments';

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly state: DocumentStateRepository,
    private readonly indexer: SegmentIndexer,
    private readonly queue: IngestQueue,
    @Inject(VECTOR_STORE) private readonly vectors: VectorStore,
  ) {}

  /** Segments per round; the Embedder splits them further into provider requests. */
  private get round(): number {
    return Math.max(64, this.cfg.knowledge.embeddingBatchSize) * 16;
  }

  async run(job: IngestJobData, stageSignal?: AbortSignal): Promise<void> {
    const doc = await this.state.active(job);
    if (!doc || !(await this.state.startIndexing(job))) return;
    // A pause (or delete, or new generation) also cancels the provider requests in flight, instead of
    // letting up to three rounds of them run out first.
    const gone = new AbortController();
    const watch = setInterval(() => {
      this.state.active(job).then(
        (d) => d || gone.abort(),
        () => undefined,
      );
    }, WATCH_MS);
    watch.unref();
    const signal = stageSignal ? AbortSignal.any([stageSignal, gone.signal]) : gone.signal;
    let stopped = false;
    let written: Promise<unknown> = Promise.resolve();
    /** One per round, in order: false once the document was paused, deleted or superseded. */
    const finished: Promise<boolean>[] = [];
    const load = (after: number) => {
      const rows = this.indexer.pendingSegments(job.datasetId, job.documentId, after, this.round);
      // Observed when the loop gets to it; this only keeps a failure from counting as unhandled meanwhile.
      rows.catch(() => undefined);
      return rows;
    };
    let next = load(0);
    try {
      for (;;) {
        signal?.throwIfAborted();
        const rows = await next;
        if (!rows.length) break;
        // The next round's rows are read while this one is embedded.
        next = load(rows[rows.length - 1].position);
        const prepared = await this.indexer.prepareRows(job.datasetId, rows, { skipFullText: true, signal });
        // Bounds the pipeline to three rounds (and their vectors in memory).
        if (finished.length >= 2 && !(await finished[finished.length - 2])) stopped = true;
        if (stopped) return;
        const vectors = written.then(() => this.indexer.writeVectors(prepared));
        written = vectors;
        const previous = finished[finished.length - 1] ?? Promise.resolve(true);
        const done = Promise.all([vectors, previous]).then(async ([result, ok]) => {
          const still = await this.finishRound(job, prepared, result);
          if (!still) stopped = true;
          return ok && still;
        });
        // Observed below (awaited in order); this only keeps a failure from counting as unhandled meanwhile.
        done.catch(() => undefined);
        finished.push(done);
      }
      const last = finished[finished.length - 1];
      if (!last || (await last)) await this.queue.enqueueStage(IngestQueues.index, job);
    } catch (err) {
      if (!gone.signal.aborted) throw err;
    } finally {
      clearInterval(watch);
      // Rounds in flight finish (and clean up after themselves) before the job ends or is retried.
      const outcomes = await Promise.allSettled(finished);
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      // Cancelled because the document went away or was paused: not a failure.
      if (failure && !gone.signal.aborted) throw failure.reason;
    }
  }

  /** Marks one written round completed; false when the document was paused, deleted or superseded meanwhile. */
  private async finishRound(job: IngestJobData, prepared: PreparedIndex, result: { collection: string | null; pointIds: string[] }): Promise<boolean> {
    await this.indexer.markCompleted(prepared);
    const counted = await this.state.countCompletedSegments(job);
    if (counted) return true;
    // Deleted or re-generated while this round was embedded: what it wrote is garbage (paused: it is kept).
    if (result.collection && result.pointIds.length && (await this.state.isObsolete(job))) await this.vectors.deleteByIds(result.collection, result.pointIds);
    return false;
  }
}
