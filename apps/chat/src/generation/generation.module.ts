import { Module } from '@nestjs/common';
import { TurnRepository } from '@sluice/database';
import { LlmModule } from '@sluice/llm';
import { AnnotationsModule } from '../annotations/annotations.module';
import { AppInfoService } from '../app-info/app-info.service';
import { AppRecordsRepository } from '../app-records/app-records.repository';
import { AppRecordsService } from '../app-records/app-records.service';
import { AppRegistryModule } from '../apps-registry/app-registry.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { FilesModule } from '../files/files.module';
import { MessagesModule } from '../messages/messages.module';
import { KnowledgeRetriever } from '../retrieval/knowledge-retriever';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { ChatGenerationService } from './chat-generation.service';
import { GenerationController } from './generation.controller';
import { InputValidator } from './input-validator';
import { PromptBuilder } from './prompt-builder';
import { TaskRegistry } from './task-registry';

/**
 * Answering: a chat or completion turn from the prompt (with knowledge and annotations) to the
 * stored message, and the app-facing reads beside it (parameters, site, meta, feedbacks, end users).
 */
@Module({
  imports: [LlmModule, SharedTablesModule, AppRegistryModule, AnnotationsModule, ConversationsModule, MessagesModule, FilesModule],
  controllers: [GenerationController],
  providers: [ChatGenerationService, InputValidator, PromptBuilder, TaskRegistry, KnowledgeRetriever, TurnRepository, AppInfoService, AppRecordsRepository, AppRecordsService],
})
export class GenerationModule {}
