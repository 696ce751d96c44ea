import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { IngestQueues } from '@sluice/contracts';
import { IngestQueue } from '@sluice/knowledge';
import { documentsByStatus, queueJobs } from '@sluice/observability';
import { DocumentStateRepository } from './document-state.repository';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed', 'paused'] as const;
/** A scrape every 15 s must not become a GROUP BY every 15 s per worker replica. */
const DOCUMENTS_TTL_MS = 30_000;

/** Queue depths (the KEDA/HPA signal) and documents by status, read when Prometheus scrapes. */
@Injectable()
export class PipelineGauges implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly removers: (() => void)[] = [];
  private documents?: { at: number; rows: { status: string; count: number }[] };

  constructor(private readonly queue: IngestQueue, private readonly state: DocumentStateRepository) {}

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
        if (!this.documents || Date.now() - this.documents.at > DOCUMENTS_TTL_MS) this.documents = { at: Date.now(), rows: await this.state.countByStatus() };
        return this.documents.rows.map((r) => ({ labels: { status: r.status }, value: r.count }));
      }),
    );
  }

  onModuleDestroy(): void {
    for (const r of this.removers.splice(0)) r();
  }
}
