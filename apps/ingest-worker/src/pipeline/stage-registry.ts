import { Inject, Injectable, OnModuleInit, SetMetadata, Type, applyDecorators } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig } from '@sluice/config';
import { IngestJobs, IngestQueueName, IngestQueues } from '@sluice/contracts';
import type { Stage } from './stage';

const INGEST_STAGE = 'sluice:ingest-stage';
const MAINTENANCE_JOB = 'sluice:maintenance-job';

/** Which concurrency budget a stage draws from: CPU-bound text work, or waiting on the model and the store. */
export type StageBudget = 'parse' | 'embed';

type StageQueue = Exclude<IngestQueueName, typeof IngestQueues.maintenance>;
type MaintenanceJobName = Exclude<(typeof IngestJobs)[keyof typeof IngestJobs], typeof IngestJobs.document>;

/** The stage queues, in pipeline order: every one needs a processor. */
export const STAGE_QUEUES = Object.values(IngestQueues).filter((q): q is StageQueue => q !== IngestQueues.maintenance);
/** The jobs of the maintenance queue (every job name but the stages' `document`): every one needs a handler. */
export const MAINTENANCE_JOBS = Object.values(IngestJobs).filter((j): j is MaintenanceJobName => j !== IngestJobs.document);

/** Declares a provider as the processor of one stage queue. */
export function IngestStage(queue: StageQueue, budget: StageBudget): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(INGEST_STAGE, { queue, budget }));
}

/** A maintenance job's handler: `run` gets the job's data. */
export interface MaintenanceJobHandler {
  run(data: unknown): Promise<unknown>;
}

/** Declares a provider as the handler of one maintenance job. */
export function MaintenanceJob(name: MaintenanceJobName): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(MAINTENANCE_JOB, name));
}

export interface StageEntry {
  queue: StageQueue;
  stage: Stage;
  concurrency: number;
}

/**
 * The ingest worker's stage table and maintenance jobs, found among the app's providers by their
 * @IngestStage / @MaintenanceJob. Start-up fails when a stage queue has no processor or a
 * maintenance job no handler (its jobs would sit in Redis forever), or when one has two.
 */
@Injectable()
export class StageRegistry implements OnModuleInit {
  private stageTable: StageEntry[] = [];
  private jobs = new Map<string, MaintenanceJobHandler>();

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const stages = new Map<StageQueue, StageEntry>();
    const jobs = new Map<string, MaintenanceJobHandler>();
    for (const w of this.discovery.getProviders()) {
      if (!w.metatype || !w.instance) continue;
      const stage: { queue: StageQueue; budget: StageBudget } | undefined = Reflect.getMetadata(INGEST_STAGE, w.metatype as Type);
      if (stage) {
        if (stages.has(stage.queue)) problems.push(`stage ${stage.queue} has two processors`);
        const concurrency = stage.budget === 'parse' ? this.cfg.knowledge.parseConcurrency : this.cfg.knowledge.embedConcurrency;
        stages.set(stage.queue, { queue: stage.queue, stage: w.instance as Stage, concurrency });
      }
      const job: string | undefined = Reflect.getMetadata(MAINTENANCE_JOB, w.metatype as Type);
      if (job) {
        if (jobs.has(job)) problems.push(`maintenance job ${job} has two handlers`);
        jobs.set(job, w.instance as MaintenanceJobHandler);
      }
    }
    const noStage = STAGE_QUEUES.filter((q) => !stages.has(q));
    if (noStage.length) problems.push(`stage queues without a processor: ${noStage.join(', ')} (add an @IngestStage provider to the ingest worker module)`);
    const noJob = MAINTENANCE_JOBS.filter((j) => !jobs.has(j));
    if (noJob.length) problems.push(`maintenance jobs without a handler: ${noJob.join(', ')} (add a @MaintenanceJob provider to the ingest worker module)`);
    if (problems.length) throw new Error(`ingest worker: ${problems.join('; ')}`);
    this.stageTable = STAGE_QUEUES.map((q) => stages.get(q)!);
    this.jobs = jobs;
  }

  /** Each stage queue with its processor and concurrency, in pipeline order. */
  stages(): readonly StageEntry[] {
    return this.stageTable;
  }

  job(name: string): MaintenanceJobHandler | undefined {
    return this.jobs.get(name);
  }
}
