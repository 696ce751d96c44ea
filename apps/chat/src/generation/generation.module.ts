import { Module } from '@nestjs/common';
import { TurnRepository } from '@sluice/database';
import { LlmModule } from '@sluice/llm';
import { AnnotationsModule } from '../annotations/annotations.module';
import { AppRegistryModule } from '../apps-registry/app-registry.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { FilesModule } from '../files/files.module';
import { KnowledgeRetriever } from '../retrieval/knowledge-retriever';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { ChatGenerationService } from './chat-generation.service';
import { GenerationController } from './generation.controller';
import { InputValidator } from './input-validator';
import { PromptBuilder } from './prompt-builder';
import { TaskRegistry } from './task-registry';

/** Answering: a chat or completion turn from the prompt (with knowledge, files and annotations) to the stored message. */
@Module({
  imports: [LlmModule, SharedTablesModule, AppRegistryModule, AnnotationsModule, ConversationsModule, FilesModule],
  controllers: [GenerationController],
  providers: [ChatGenerationService, InputValidator, PromptBuilder, TaskRegistry, KnowledgeRetriever, TurnRepository],
})
export class GenerationModule {}
