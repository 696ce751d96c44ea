import { Module } from '@nestjs/common';
import { DatabaseModule } from '@sluice/database';
import { VectorModule } from '@sluice/vector';
import { ConsoleKnowledgeModule } from './console/console-knowledge.module';
import { DatasetsModule } from './datasets/datasets.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthController } from './health/health.controller';
import { MetadataModule } from './metadata/metadata.module';
import { WorkspaceModelsModule } from './models/workspace-models.module';
import { RetrievalModule } from './retrieval/retrieval.module';
import { SegmentsModule } from './segments/segments.module';
import { TagsModule } from './tags/tags.module';

/** The dataset service: its connections (the vector store is global) and one module per knowledge feature. */
@Module({
  imports: [
    DatabaseModule.forRoot({ poolSize: 10 }),
    VectorModule.forRoot(),
    DatasetsModule,
    DocumentsModule,
    SegmentsModule,
    MetadataModule,
    TagsModule,
    WorkspaceModelsModule,
    RetrievalModule,
    ConsoleKnowledgeModule,
  ],
  controllers: [HealthController],
})
export class DatasetModule {}
