import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '@sluice/config';
import { IngestJobData, IngestJobs, IngestQueueName, IngestQueues } from '@sluice/contracts';
import { bullConnection, bullPrefix, IngestQueue } from '@sluice/knowledge';
import { addReadinessCheck, ingestStageDuration, inSpan, SpanKind, withTraceContext } from '@sluice/observability';
import { warmUp } from '@sluice/rag';
import { ReindexService } from '../maintenance/reindex.service';
import { WatchdogService } from '../maintenance/watchdog.service';
import { CleanProcessor } from '../stages/clean.processor';
import { EmbedProcessor } from '../stages/embed.processor';
import { IndexProcessor } from '../stages/index.processor';
import { ParseProcessor } from '../stages/parse.processor';
import { SplitProcessor } from '../stages/split.processor';
import { DocumentStateRepository } from './document-state.repository';
import { IntermediateStore } from './intermediate-store';
import { isPermanent, readableError } from './stage-failure';
import type { Stage } from './stage';

/** A killed worker's job is handed to another after this long without a lock renewal. */
const LOCK_MS = 20_000;

/** One BullMQ Worker per stage queue, each with its own concurrency, plus the maintenance queue. */
@Injectable()
export class IngestWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IngestWorkers');
  private readonly workers: Worker[] = [];
  private readonly stages: [IngestQueueName, Stage, number][];
  private removeCheck?: () => void;

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly state: DocumentStateRepository,
    private readonly queue: IngestQueue,
    private readonly watchdog: WatchdogService,
    private readonly reindex: ReindexService,
    private readonly store: IntermediateStore,
    parse: ParseProcessor,
    clean: CleanProcessor,
    split: SplitProcessor,
    embed: EmbedProcessor,
    index: IndexProcessor,
  ) {
    // Parse, clean and split share the CPU-heavy budget; embed and index wait on the provider and the store.
    this.stages = [
      [IngestQueues.parse, parse, cfg.knowledge.parseConcurrency],
      [IngestQueues.clean, clean, cfg.knowledge.parseConcurrency],
      [IngestQueues.split, split, cfg.knowledge.parseConcurrency],
      [IngestQueues.embed, embed, cfg.knowledge.embedConcurrency],
      [IngestQueues.index, index, cfg.knowledge.embedConcurrency],
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    await warmUp();
    const common = { connection: bullConnection(this.cfg), prefix: bullPrefix(this.cfg), lockDuration: LOCK_MS, stalledInterval: LOCK_MS / 2, maxStalledCount: 3 };
    for (const [name, stage, concurrency] of this.stages) {
      const worker = new Worker<IngestJobData>(name, (job) => this.traced(name, job, () => this.runStage(stage, job)), { ...common, concurrency });
      worker.on('failed', (job, err) => void this.onStalledTooOften(job, err));
      this.workers.push(this.listen(worker));
    }
    this.workers.push(this.listen(new Worker(IngestQueues.maintenance, (job) => this.traced(IngestQueues.maintenance, job, () => this.runMaintenance(job)), { ...common, concurrency: 1 })));
    await this.queue
      .queue(IngestQueues.maintenance)
      .upsertJobScheduler(IngestJobs.watchdog, { every: this.cfg.knowledge.watchdogIntervalSeconds * 1000 }, { name: IngestJobs.watchdog, opts: { removeOnComplete: true, removeOnFail: 100 } });
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
    w.on('error', (err) => this.logger.error(`${w.name}: ${err.message}`));
    return w;
  }

  private async runStage(stage: Stage, job: Job<IngestJobData>): Promise<void> {
    try {
      await stage.run(job.data);
      // Deleted or re-generated meanwhile: its intermediate text is garbage nobody else will remove.
      if (await this.state.isObsolete(job.data)) await this.store.removeGeneration(job.data);
    } catch (err) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!isPermanent(err) && !lastAttempt) {
        this.logger.warn(`${job.queueName} ${job.data.documentId}: attempt ${job.attemptsMade + 1} failed: ${(err as Error).message}`);
        throw err;
      }
      this.logger.warn(`${job.queueName} ${job.data.documentId}: ${(err as Error).message}`);
      await this.state.fail(job.data, readableError(err, stage.verb));
      // A retry starts a new generation from the source file.
      await this.store.removeGeneration(job.data).catch(() => undefined);
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
    if (job.name === IngestJobs.watchdog) return this.watchdog.sweep();
    if (job.name === IngestJobs.reindexDataset) return this.reindex.reindexDataset((job.data as { datasetId: string }).datasetId);
    return undefined;
  }

  /** Lets in-flight jobs finish (each stage is short and idempotent) before the connections close. */
  async onModuleDestroy(): Promise<void> {
    this.removeCheck?.();
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
    this.workers.length = 0;
  }
}
