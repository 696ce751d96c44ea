import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DatabaseModule } from '@sluice/database';
import { KnowledgeCoreModule, KnowledgeStoreModule } from '@sluice/knowledge';
import { LlmModule } from '@sluice/llm';
import { StorageModule } from '@sluice/storage';
import { VectorModule } from '@sluice/vector';
import { MaintenanceScheduler } from './maintenance/maintenance-scheduler';
import { ReindexService } from './maintenance/reindex.service';
import { WatchdogService } from './maintenance/watchdog.service';
import { IngestWorkers } from './pipeline/ingest-workers';
import { IntermediateStore } from './pipeline/intermediate-store';
import { PipelineGauges } from './pipeline/pipeline-gauges';
import { StageRegistry } from './pipeline/stage-registry';
import { CleanProcessor } from './stages/clean.processor';
import { EmbedProcessor } from './stages/embed.processor';
import { IndexProcessor } from './stages/index.processor';
import { ParseProcessor } from './stages/parse.processor';
import { SplitProcessor } from './stages/split.processor';

/** BullMQ processors for parse → clean → split → embed → index, the watchdog and dataset reindexing. */
@Module({
  imports: [
    DiscoveryModule,
    DatabaseModule.forRoot({ poolSize: 10 }),
    LlmModule,
    StorageModule,
    VectorModule.forRoot(),
    KnowledgeCoreModule,
    KnowledgeStoreModule,
  ],
  providers: [
    StageRegistry,
    IntermediateStore,
    ParseProcessor,
    CleanProcessor,
    SplitProcessor,
    EmbedProcessor,
    IndexProcessor,
    WatchdogService,
    ReindexService,
    MaintenanceScheduler,
    IngestWorkers,
    PipelineGauges,
  ],
})
export class IngestWorkerModule {}
