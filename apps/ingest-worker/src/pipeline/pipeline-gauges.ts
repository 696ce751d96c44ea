import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { IngestQueues } from '@sluice/contracts';
import { IngestQueue } from '@sluice/knowledge';
import { DocumentStateRepository } from '@sluice/knowledge';
import { documentsByStatus, queueJobs } from '@sluice/observability';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed', 'paused'] as const;

/** Queue depths (the KEDA/HPA signal) and documents by status, read when Prometheus scrapes. */
@Injectable()
export class PipelineGauges implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly removers: (() => void)[] = [];
  /** Scrapes arriving together (an HA Prometheus pair) share one query. */
  private counting?: Promise<{ status: string; count: number }[]>;

  constructor(
    private readonly queue: IngestQueue,
    private readonly state: DocumentStateRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.removers.push(
      queueJobs.addSource(async () => {
        const rows = [];
        for (const name of Object.values(IngestQueues)) {
          const counts = await this.queue.queue(name).getJobCounts(...STATES);
          for (const st of STATES) rows.push({ labels: { queue: name, state: st }, value: counts[st] ?? 0 });
        }
        return rows;
      }),
      documentsByStatus.addSource(async () => {
        this.counting ??= this.state.countByStatus().finally(() => (this.counting = undefined));
        return (await this.counting).map((r) => ({ labels: { status: r.status }, value: r.count }));
      }),
    );
  }

  onModuleDestroy(): void {
    for (const r of this.removers.splice(0)) r();
  }
}
