import { Injectable, Logger } from '@nestjs/common';
import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { IngestQueue, SegmentIndexer } from '@sluice/knowledge';
import { DocumentStateRepository, rowCount } from '@sluice/knowledge';
import { IntermediateStore } from '../pipeline/intermediate-store';
import { PermanentStageError } from '../pipeline/stage-failure';
import type { Stage } from '../pipeline/stage';

interface VerifiedJob extends IngestJobData {
  /** Set once the embed stage was re-run because vectors were missing; a second miss is an error. */
  reembedded?: boolean;
}

/**
 * Checks that the vector store holds one point per embedded row (writes were awaited, so a shortfall
 * means a lost store or a bug), then marks the document completed.
 */
@Injectable()
export class IndexProcessor implements Stage {
  readonly verb = 'writing the index';
  private readonly logger = new Logger('IndexProcessor');

  constructor(
    private readonly state: DocumentStateRepository,
    private readonly indexer: SegmentIndexer,
    private readonly queue: IngestQueue,
    private readonly store: IntermediateStore,
  ) {}

  async run(job: VerifiedJob): Promise<void> {
    const doc = await this.state.active(job);
    if (!doc || doc.indexing_status !== 'indexing') return;
    const info = await this.indexer.datasetInfo(job.datasetId);
    if (!info) return;
    if (info.indexingTechnique === 'high_quality') {
      const table = doc.doc_form === 'hierarchical_model' ? 'child_chunks' : 'document_segments';
      const [{ n }]: { n: number }[] = await this.state.ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE document_id = $1`, [job.documentId]);
      const stored = await this.indexer.countDocumentVectors(job.datasetId, job.documentId);
      if (stored < n) {
        if (job.reembedded) throw new PermanentStageError(`The vector store holds ${stored} of ${n} vectors of this document after re-embedding.`);
        this.logger.warn(`document ${job.documentId}: ${stored} of ${n} vectors stored; embedding again`);
        await this.state.ds.query(`UPDATE document_segments SET status = 'waiting' WHERE document_id = $1`, [job.documentId]);
        await this.queue.enqueueStage(IngestQueues.embed, { ...job, reembedded: true } as IngestJobData);
        return;
      }
    }
    const res = await this.state.ds.query(
      `UPDATE documents SET indexing_status = 'completed', completed_at = now(), completed_segments = total_segments,
              tokens = (SELECT COALESCE(sum(tokens), 0) FROM document_segments WHERE document_id = $1),
              indexing_latency = EXTRACT(EPOCH FROM now() - COALESCE(splitting_completed_at, processing_started_at, now())),
              error = NULL, stopped_at = NULL, stage_deadline_at = NULL, updated_at = now()
        WHERE id = $1 AND generation = $2 AND NOT is_paused AND indexing_status = 'indexing'`,
      [job.documentId, job.generation],
    );
    if (rowCount(res) > 0) await this.store.removeAll(job).catch(() => undefined);
  }
}
