import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@sluice/config';
import { IngestJobData, IngestJobs, IngestQueueName, IngestQueues } from '@sluice/contracts';
import { injectTraceContext } from '@sluice/observability';
import { outageLog } from '@sluice/transport';
import { IndexingRepository } from '../store/indexing.repository';
import { STAGE_JOB_OPTIONS, bullConnection, bullPrefix } from './ingest-queue-options';

/** The id of a document's first-stage job: the watchdog looks it up to tell "queued" from "lost". */
export function documentJobId(documentId: string, generation: number): string {
  return `${documentId}-${generation}`;
}

/** The job carries the enqueuer's trace context, so the stage that runs it continues the same trace. */
function traced<T extends object>(data: T): T & { trace?: Record<string, string> } {
  const trace = injectTraceContext();
  return trace ? { ...data, trace } : data;
}

/** The id of a document's job in a later stage's queue (one per document, generation and stage). */
export function stageJobId(stage: IngestQueueName, documentId: string, generation: number): string {
  return stage === IngestQueues.parse ? documentJobId(documentId, generation) : `${documentId}-${generation}-${stage}`;
}

/** BullMQ states in which a job will still run. */
export const PENDING_JOB_STATES = new Set(['waiting', 'delayed', 'prioritized', 'active', 'waiting-children']);

/**
 * Producer side of the ingestion pipeline: the dataset service enqueues documents here and the
 * stages hand documents to the next stage through it.
 */
@Injectable()
export class IngestQueue implements OnApplicationShutdown {
  private readonly queues = new Map<IngestQueueName, Queue>();

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly rows: IndexingRepository,
  ) {}

  queue(name: IngestQueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: bullConnection(this.cfg), prefix: bullPrefix(this.cfg), defaultJobOptions: STAGE_JOB_OPTIONS });
      // An unheard 'error' makes BullMQ print the raw error on stderr, once per reconnect attempt.
      q.on('error', (err) => outageLog.report('redis', err, `queue ${name}`));
      this.queues.set(name, q);
    }
    return q;
  }

  /**
   * Starts (or resumes) a document at generation `data.generation`. The first stage works out where
   * to continue from, so resume and watchdog re-enqueues reuse finished stages.
   */
  async enqueueDocument(data: IngestJobData): Promise<void> {
    const q = this.queue(IngestQueues.parse);
    let jobId = documentJobId(data.documentId, data.generation);
    const existing = await q.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children') return;
      if (state === 'completed' || state === 'failed') await existing.remove().catch(() => undefined);
      else jobId = `${jobId}-${Date.now().toString(36)}`;
    }
    await this.rows.armWaitingDeadline(data.documentId, data.generation, this.cfg.knowledge.stageTimeoutSeconds);
    await q.add(IngestJobs.document, traced(data), { jobId });
  }

  /**
   * Hands a document to the next stage. The job id is the document's, so the watchdog can tell a
   * queued document from one whose job was lost (Redis flushed or failed over).
   */
  async enqueueStage(name: IngestQueueName, data: IngestJobData): Promise<void> {
    const q = this.queue(name);
    const jobId = stageJobId(name, data.documentId, data.generation);
    const existing = await q.getJob(jobId);
    if (existing) {
      // Already queued: nothing to add. Finished or failed earlier (a resumed document): replace it.
      if (PENDING_JOB_STATES.has(await existing.getState())) return;
      await existing.remove().catch(() => undefined);
    }
    await q.add(IngestJobs.document, traced(data), { jobId });
  }

  /** Whether any stage queue holds a job that will still run for this document generation. */
  async hasPendingJob(documentId: string, generation: number): Promise<boolean> {
    for (const name of Object.values(IngestQueues)) {
      if (name === IngestQueues.maintenance) continue;
      const job = await this.queue(name).getJob(stageJobId(name, documentId, generation));
      if (job && PENDING_JOB_STATES.has(await job.getState())) return true;
    }
    return false;
  }

  /** Rebuilds a dataset's vectors and full-text index from PostgreSQL (after switching vector store or losing it). */
  async enqueueReindex(tenantId: string, datasetId: string): Promise<void> {
    await this.queue(IngestQueues.maintenance).add(IngestJobs.reindexDataset, traced({ tenantId, datasetId }), {
      jobId: `reindex-${datasetId}-${Date.now().toString(36)}`,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
  }
}
