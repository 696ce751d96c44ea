import { Logger } from '@nestjs/common';
import { IngestJobs } from '@sluice/contracts';
import { SegmentIndexer } from '@sluice/knowledge';
import { DocumentStateRepository } from '@sluice/knowledge';
import { MaintenanceJob, MaintenanceJobHandler } from '../pipeline/stage-registry';

const BATCH = 256;

/**
 * Rebuilds a dataset's vectors and full-text column from the segments in PostgreSQL: after switching
 * vector store, restoring a backup, or losing the store. Point ids are the stored index_node_ids, so
 * the rebuilt index is the one ingestion would have written.
 */
@MaintenanceJob(IngestJobs.reindexDataset)
export class ReindexService implements MaintenanceJobHandler {
  private readonly logger = new Logger('Reindex');

  constructor(
    private readonly state: DocumentStateRepository,
    private readonly indexer: SegmentIndexer,
  ) {}

  /** The `reindex-dataset` job (`npm run reindex -- <dataset_id>`). */
  run(data: unknown): Promise<number> {
    return this.reindexDataset((data as { datasetId: string }).datasetId);
  }

  async reindexDataset(datasetId: string, signal?: AbortSignal): Promise<number> {
    if (!(await this.indexer.datasetInfo(datasetId))) return 0;
    // A fresh store may not have the collection yet; there is then nothing to remove.
    await this.indexer.removeDatasetVectors(datasetId).catch(() => undefined);
    let after = -1;
    let afterDoc = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    for (;;) {
      signal?.throwIfAborted();
      const rows = await this.state.completedSegmentsAfter(datasetId, afterDoc, after, BATCH);
      if (!rows.length) break;
      await this.indexer.indexSegments(
        datasetId,
        rows.map((r) => r.id),
        { signal },
      );
      total += rows.length;
      const last = rows[rows.length - 1];
      afterDoc = last.document_id;
      after = last.position;
    }
    this.logger.log(`dataset ${datasetId}: ${total} segments reindexed`);
    return total;
  }
}
