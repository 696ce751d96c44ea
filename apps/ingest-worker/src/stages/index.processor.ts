import { Logger } from '@nestjs/common';
import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { IngestQueue, SegmentIndexer } from '@sluice/knowledge';
import { DocumentStateRepository } from '@sluice/knowledge';
import { IntermediateStore } from '../pipeline/intermediate-store';
import type { Stage } from '../pipeline/stage';
import { PermanentStageError } from '../pipeline/stage-failure';
import { IngestStage } from '../pipeline/stage-registry';

interface VerifiedJob extends IngestJobData {
  /** Set once the embed stage was re-run because vectors were missing; a second miss is an error. */
  reembedded?: boolean;
}

/**
 * Checks that the vector store holds one point per embedded row (writes were awaited, so a shortfall
 * means a lost store or a bug), then marks the document completed.
 */
@IngestStage(IngestQueues.index, 'embed')
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
      const n = await this.state.indexableCount(job, doc.doc_form === 'hierarchical_model');
      const stored = await this.indexer.countDocumentVectors(job.datasetId, job.documentId);
      if (stored < n) {
        if (job.reembedded) throw new PermanentStageError(`The vector store holds ${stored} of ${n} vectors of this document after re-embedding.`);
        this.logger.warn(`document ${job.documentId}: ${stored} of ${n} vectors stored; embedding again`);
        await this.state.resetSegmentsToWaiting(job);
        await this.queue.enqueueStage(IngestQueues.embed, { ...job, reembedded: true } as IngestJobData);
        return;
      }
    }
    if (await this.state.completeIndexing(job)) await this.store.removeAll(job).catch(() => undefined);
  }
}
