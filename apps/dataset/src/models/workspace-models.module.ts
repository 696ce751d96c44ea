import { Module } from '@nestjs/common';
import { LlmModule } from '@sluice/llm';
import { WorkspaceModelsController } from './workspace-models.controller';
import { WorkspaceModelsService } from './workspace-models.service';

/** The models a workspace can use for embedding and reranking, as the knowledge API lists them. */
@Module({ imports: [LlmModule], controllers: [WorkspaceModelsController], providers: [WorkspaceModelsService] })
export class WorkspaceModelsModule {}
