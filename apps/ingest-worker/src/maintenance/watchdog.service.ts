import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { IngestQueues } from '@sluice/contracts';
import { documentJobId, IngestQueue, KnowledgeRedis } from '@sluice/knowledge';
import { DocumentStateRepository } from '../pipeline/document-state.repository';

interface StuckRow {
  id: string;
  tenant_id: string;
  dataset_id: string;
  generation: number;
  indexing_status: string;
}

const PENDING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'active', 'waiting-children']);

/**
 * Nothing waits forever: a document whose stage outlived its deadline (a lost job, a crashed worker
 * whose job BullMQ could not recover) is re-enqueued once, and failed with a readable error the next time.
 */
@Injectable()
export class WatchdogService {
  private readonly logger = new Logger('Watchdog');

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly state: DocumentStateRepository,
    private readonly queue: IngestQueue,
    private readonly redis: KnowledgeRedis,
  ) {}

  async sweep(): Promise<{ requeued: number; failed: number }> {
    const timeout = this.cfg.knowledge.stageTimeoutSeconds;
    const rows: StuckRow[] = await this.state.ds.query(
      `SELECT id, tenant_id, dataset_id, generation, indexing_status FROM documents
        WHERE NOT is_paused AND indexing_status IN ('waiting', 'parsing', 'cleaning', 'splitting', 'indexing')
          AND (stage_deadline_at < now() OR (stage_deadline_at IS NULL AND updated_at < now() - make_interval(secs => $1)))
        ORDER BY stage_deadline_at NULLS FIRST LIMIT 500`,
      [timeout],
    );
    let requeued = 0;
    let failed = 0;
    for (const r of rows) {
      const job = { tenantId: r.tenant_id, datasetId: r.dataset_id, documentId: r.id, generation: r.generation };
      if (r.indexing_status === 'waiting' && (await this.stillQueued(job.documentId, job.generation))) {
        // A long queue is not a lost job: the document keeps its place.
        await this.state.heartbeat(job);
        continue;
      }
      const key = this.redis.key('watchdog', r.id, String(r.generation));
      const attempts = await this.redis.client.incr(key);
      await this.redis.client.expire(key, 7 * 24 * 3600);
      if (attempts <= 1) {
        if (await this.state.heartbeat(job)) {
          this.logger.warn(`document ${r.id} stuck in ${r.indexing_status}; enqueued again`);
          await this.queue.enqueueDocument(job);
          requeued++;
        }
        continue;
      }
      await this.state.fail(job, `Indexing stopped: the document was stuck in "${r.indexing_status}" for more than ${timeout} seconds. Retry it to index it again.`);
      this.logger.warn(`document ${r.id} stuck in ${r.indexing_status} again; failed`);
      failed++;
    }
    return { requeued, failed };
  }

  private async stillQueued(documentId: string, generation: number): Promise<boolean> {
    const job = await this.queue.queue(IngestQueues.parse).getJob(documentJobId(documentId, generation));
    return !!job && PENDING_STATES.has(await job.getState());
  }
}
