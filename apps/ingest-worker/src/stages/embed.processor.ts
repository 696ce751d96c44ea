import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { IngestQueue, SegmentIndexer, type PreparedIndex } from '@sluice/knowledge';
import { VECTOR_STORE, type VectorStore } from '@sluice/vector';
import { DocumentStateRepository } from '../pipeline/document-state.repository';
import type { Stage } from '../pipeline/stage';

/**
 * Embeds and upserts the document's segments that are not completed yet, round by round, so a
 * resumed or re-delivered job only does the remaining work; `completed_segments` rises per round.
 * Round n+1 is embedded while round n is written to the vector store.
 */
@Injectable()
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

  async run(job: IngestJobData, signal?: AbortSignal): Promise<void> {
    const doc = await this.state.active(job);
    if (!doc || !(await this.state.update(job, `indexing_status = 'indexing'`))) return;
    let after = 0;
    let writing: Promise<boolean> = Promise.resolve(true);
    for (;;) {
      signal?.throwIfAborted();
      const rows: { id: string; position: number }[] = await this.state.ds.query(
        `SELECT id, position FROM document_segments WHERE document_id = $1 AND status <> 'completed' AND position > $2 ORDER BY position LIMIT $3`,
        [job.documentId, after, this.round],
      );
      if (!rows.length) break;
      after = rows[rows.length - 1].position;
      const prepared = await this.indexer.prepare(job.datasetId, rows.map((r) => r.id), { skipFullText: true, signal });
      if (!(await writing)) return;
      writing = this.write(job, prepared);
      // Observed later (awaited next round); this only keeps a failure from counting as unhandled meanwhile.
      writing.catch(() => undefined);
    }
    if (await writing) await this.queue.enqueueStage(IngestQueues.index, job);
  }

  /** Writes one round; false when the document was paused, deleted or superseded meanwhile. */
  private async write(job: IngestJobData, prepared: PreparedIndex): Promise<boolean> {
    const result = await this.indexer.commit(prepared);
    if (await this.state.isObsolete(job)) {
      // Deleted or re-generated while this round was embedded: what it wrote is garbage.
      if (result.collection && result.pointIds.length) await this.vectors.deleteByIds(result.collection, result.pointIds);
      return false;
    }
    return this.state.update(job, `completed_segments = (SELECT count(*) FROM document_segments WHERE document_id = $1 AND status = 'completed')`);
  }
}
