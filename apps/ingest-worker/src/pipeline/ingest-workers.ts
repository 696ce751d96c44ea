import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '@sluice/config';
import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { IngestQueue, STAGE_ATTEMPTS, STAGE_RETRY, bullConnection, bullPrefix, stageBackoff, stageRetryDelayMs } from '@sluice/knowledge';
import { DocumentStateRepository } from '@sluice/knowledge';
import { SpanKind, addReadinessCheck, inSpan, ingestStageDuration, withTraceContext } from '@sluice/observability';
import { warmUp } from '@sluice/rag';
import { outageLog, unavailableDependency } from '@sluice/transport';
import { MaintenanceScheduler } from '../maintenance/maintenance-scheduler';
import { IntermediateStore } from './intermediate-store';
import type { Stage } from './stage';
import { isOutage, isPermanent, readableError } from './stage-failure';
import { StageRegistry } from './stage-registry';

/** A stage attempt that failed because a dependency was away; told apart in the job's recorded failures. */
class StageOutageError extends Error {
  override readonly name = 'StageOutageError';
}

/** Earlier attempts of this job that failed for another reason than an outage. */
function otherFailures(job: Job): number {
  return (job.stacktrace ?? []).filter((s) => s && !s.startsWith('StageOutageError')).length;
}

/** How often the database is probed during an outage. */
const DATABASE_PROBE_MS = 1_000;

/** A killed worker's job is handed to another after this long without a lock renewal. */
const LOCK_MS = 20_000;

/** One BullMQ Worker per stage queue, each with its own concurrency, plus the maintenance queue. */
@Injectable()
export class IngestWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IngestWorkers');
  private readonly workers: Worker[] = [];
  private removeCheck?: () => void;
  /** aborted at shutdown: ends waits for a database to come back */
  private readonly closing = new AbortController();
  private probingDatabase?: Promise<void>;

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly state: DocumentStateRepository,
    private readonly queue: IngestQueue,
    private readonly registry: StageRegistry,
    private readonly scheduler: MaintenanceScheduler,
    private readonly store: IntermediateStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await warmUp({ pdfInProcess: false });
    const common = {
      connection: bullConnection(this.cfg),
      prefix: bullPrefix(this.cfg),
      lockDuration: LOCK_MS,
      stalledInterval: LOCK_MS / 2,
      maxStalledCount: 3,
      settings: { backoffStrategy: stageBackoff },
    };
    // Parse, clean and split share the CPU-heavy budget; embed and index wait on the provider and the store.
    for (const { queue: name, stage, concurrency } of this.registry.stages()) {
      const worker = new Worker<IngestJobData>(name, (job) => this.traced(name, job, () => this.runStage(stage, job)), { ...common, concurrency });
      worker.on('failed', (job, err) => void this.onStalledTooOften(job, err));
      this.workers.push(this.listen(worker));
    }
    this.workers.push(
      this.listen(
        new Worker(IngestQueues.maintenance, (job) => this.traced(IngestQueues.maintenance, job, () => this.runMaintenance(job)), {
          ...common,
          concurrency: 1,
        }),
      ),
    );
    await this.scheduler.start();
    // Ready while every worker runs and its Redis connection answers.
    this.removeCheck = addReadinessCheck('queues', async () => {
      const stopped = this.workers.filter((w) => !w.isRunning()).map((w) => w.name);
      if (stopped.length) throw new Error(`workers not running: ${stopped.join(', ')}`);
      await ((await this.workers[0].client) as unknown as { ping(): Promise<string> }).ping();
    });
  }

  /** Each job continues the trace of whoever enqueued it; its duration is recorded per stage and outcome. */
  private traced(queue: string, job: Job<{ trace?: Record<string, string> }>, run: () => Promise<unknown>): Promise<unknown> {
    const stage = queue.replace(/^ingest-/, '');
    const t0 = performance.now();
    return withTraceContext(job.data?.trace, () =>
      inSpan(`ingest ${stage}`, SpanKind.CONSUMER, { 'messaging.system': 'bullmq', 'messaging.destination.name': queue, 'sluice.job': job.name }, run),
    ).then(
      (v) => {
        ingestStageDuration.observe({ stage: stage === 'maintenance' ? job.name : stage, outcome: 'ok' }, (performance.now() - t0) / 1000);
        return v;
      },
      (err) => {
        ingestStageDuration.observe({ stage: stage === 'maintenance' ? job.name : stage, outcome: 'error' }, (performance.now() - t0) / 1000);
        throw err;
      },
    );
  }

  private listen(w: Worker): Worker {
    w.on('error', (err) => {
      // Redis away: one line per outage, not one per reconnect attempt of every worker.
      if (unavailableDependency(err) || /ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(err.message)) outageLog.report('redis', err, `worker ${w.name}`);
      else this.logger.error(`${w.name}: ${err.message}`);
    });
    return w;
  }

  private async runStage(stage: Stage, job: Job<IngestJobData>): Promise<void> {
    try {
      await stage.run(job.data);
    } catch (err) {
      const attempt = job.attemptsMade + 1;
      const outage = isOutage(err);
      // An outage is waited out for the whole retry window; anything else gets a couple of retries.
      const lastAttempt = attempt >= (job.opts.attempts ?? 1) || (!outage && otherFailures(job) + 1 >= STAGE_RETRY.otherAttempts);
      if (!isPermanent(err) && !lastAttempt) {
        if (!outage) {
          this.logger.warn(`${job.queueName} ${job.data.documentId}: attempt ${attempt} failed: ${(err as Error).message}`);
          throw err;
        }
        const dep = unavailableDependency(err);
        outageLog.report(dep ?? 'vector store', err, 'ingestion retries with backoff');
        if (dep === 'postgres') this.resumeWhenDatabaseIsBack();
        throw new StageOutageError((err as Error).message);
      }
      this.logger.warn(`${job.queueName} ${job.data.documentId}: ${(err as Error).message}`);
      await this.failDurably(job.data, readableError(err, stage.verb));
      // A retry starts a new generation from the source file.
      await this.store.removeGeneration(job.data).catch(() => undefined);
      return;
    }
    // Deleted or re-generated meanwhile: its intermediate text is garbage nobody else will remove.
    // Bookkeeping only: it must never turn a finished stage (whose next stage is queued) into a retry.
    await this.state
      .isObsolete(job.data)
      .then((obsolete) => (obsolete ? this.store.removeGeneration(job.data) : undefined))
      .catch(() => undefined);
  }

  /**
   * Jobs waiting out a database outage back off up to 30 s; once it is back they need not wait that
   * long. While an outage lasts the database is probed every second, and its return moves every
   * delayed stage job to the front.
   */
  private resumeWhenDatabaseIsBack(): void {
    if (this.probingDatabase) return;
    this.probingDatabase = (async () => {
      while (!this.closing.signal.aborted) {
        await new Promise((r) => setTimeout(r, DATABASE_PROBE_MS).unref());
        try {
          await this.state.ping();
        } catch {
          continue;
        }
        for (const { queue: name } of this.registry.stages())
          await this.queue
            .queue(name)
            .promoteJobs()
            .catch(() => undefined);
        this.logger.log('PostgreSQL is reachable again; retrying the documents that were waiting for it');
        return;
      }
    })().finally(() => (this.probingDatabase = undefined));
  }

  /**
   * Writes the document's failure, waiting out a database outage: a failure that cannot be recorded
   * would leave the document in its stage until the watchdog finds it. Still failing at the end:
   * rethrown, so BullMQ retries the job while it has attempts left.
   */
  private async failDurably(job: IngestJobData, message: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.state.fail(job, message);
        return;
      } catch (err) {
        if (!isOutage(err) || attempt >= STAGE_ATTEMPTS || this.closing.signal.aborted) throw err;
        outageLog.report(unavailableDependency(err) ?? 'postgres', err, 'recording a failed document');
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, stageRetryDelayMs(attempt));
          this.closing.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              resolve();
            },
            { once: true },
          );
        });
      }
    }
  }

  /**
   * A job whose worker died several times in a row (e.g. a file that exhausts memory) is failed by
   * BullMQ without reaching runStage; say so on the document instead of leaving it to the watchdog.
   */
  private async onStalledTooOften(job: Job<IngestJobData> | undefined, err: Error): Promise<void> {
    if (!job?.data?.documentId || !/stalled/i.test(err.message)) return;
    await this.state
      .fail(job.data, 'Indexing stopped: the worker processing this document stopped unexpectedly several times (the file may be too large or malformed).')
      .catch(() => undefined);
  }

  private async runMaintenance(job: Job): Promise<unknown> {
    return this.registry.job(job.name)?.run(job.data);
  }

  /** Lets in-flight jobs finish (each stage is short and idempotent) before the connections close. */
  async onModuleDestroy(): Promise<void> {
    this.removeCheck?.();
    this.closing.abort();
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
    this.workers.length = 0;
  }
}
