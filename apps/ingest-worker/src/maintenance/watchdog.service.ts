import { Inject, Logger } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { IngestJobData, IngestJobs, IngestQueues } from '@sluice/contracts';
import { IngestQueue, KnowledgeRedis, PENDING_JOB_STATES, documentJobId } from '@sluice/knowledge';
import { DocumentStateRepository } from '@sluice/knowledge';
import { MaintenanceJob, MaintenanceJobHandler } from '../pipeline/stage-registry';

interface StuckRow {
  id: string;
  tenant_id: string;
  dataset_id: string;
  generation: number;
  indexing_status: string;
  overdue: boolean;
}

/** A document without progress for this many watchdog intervals is checked for a job that will still run. */
const QUIET_INTERVALS = 2;
/** Lost jobs re-enqueued at most this often per document generation before it is failed. */
const MAX_LOST_REQUEUES = 3;

/**
 * Nothing waits forever. A document whose job no longer exists (Redis flushed or failed over, a
 * failure that could not be recorded) is re-enqueued within a minute or two, resuming after its last
 * finished stage. A document whose stage outlived its deadline (a job that never ends) is re-enqueued
 * once, and failed with a readable error the next time.
 */
@MaintenanceJob(IngestJobs.watchdog)
export class WatchdogService implements MaintenanceJobHandler {
  private readonly logger = new Logger('Watchdog');

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly state: DocumentStateRepository,
    private readonly queue: IngestQueue,
    private readonly redis: KnowledgeRedis,
  ) {}

  run(): Promise<{ requeued: number; failed: number }> {
    return this.sweep();
  }

  async sweep(): Promise<{ requeued: number; failed: number }> {
    const timeout = this.cfg.knowledge.stageTimeoutSeconds;
    const rows = await this.state.stuck(timeout, QUIET_INTERVALS * this.cfg.knowledge.watchdogIntervalSeconds);
    let requeued = 0;
    let failed = 0;
    for (const r of rows) {
      const job: IngestJobData = { tenantId: r.tenant_id, datasetId: r.dataset_id, documentId: r.id, generation: r.generation };
      const pending = await this.queue.hasPendingJob(job.documentId, job.generation);
      if (!r.overdue) {
        // Quiet but queued (a long queue, a slow stage): left alone until its deadline.
        if (pending || !(await this.allow(r, 'lost', MAX_LOST_REQUEUES))) {
          if (!pending) failed += await this.failStuck(job, r, 'its job was lost several times');
          continue;
        }
        if (await this.state.heartbeat(job)) {
          this.logger.warn(`document ${r.id} in ${r.indexing_status} has no job any more; enqueued again`);
          await this.queue.enqueueDocument(job);
          requeued++;
        }
        continue;
      }
      if (r.indexing_status === 'waiting' && pending && (await this.stillQueued(job.documentId, job.generation))) {
        // A long queue is not a lost job: the document keeps its place.
        await this.state.heartbeat(job);
        continue;
      }
      if (await this.allow(r, 'overdue', 1)) {
        if (await this.state.heartbeat(job)) {
          this.logger.warn(`document ${r.id} stuck in ${r.indexing_status}; enqueued again`);
          await this.queue.enqueueDocument(job);
          requeued++;
        }
        continue;
      }
      failed += await this.failStuck(job, r, `it was stuck in "${r.indexing_status}" for more than ${timeout} seconds`);
    }
    return { requeued, failed };
  }

  /** Counts a re-enqueue of this document generation; false once `max` were made. */
  private async allow(r: StuckRow, kind: string, max: number): Promise<boolean> {
    const key = this.redis.key(kind === 'overdue' ? 'watchdog' : `watchdog-${kind}`, r.id, String(r.generation));
    const n = await this.redis.client.incr(key);
    await this.redis.client.expire(key, 7 * 24 * 3600);
    return n <= max;
  }

  private async failStuck(job: IngestJobData, r: StuckRow, why: string): Promise<number> {
    await this.state.fail(job, `Indexing stopped: ${why}. Retry it to index it again.`);
    this.logger.warn(`document ${r.id} in ${r.indexing_status}: ${why}; failed`);
    return 1;
  }

  private async stillQueued(documentId: string, generation: number): Promise<boolean> {
    const job = await this.queue.queue(IngestQueues.parse).getJob(documentJobId(documentId, generation));
    return !!job && PENDING_JOB_STATES.has(await job.getState());
  }
}
