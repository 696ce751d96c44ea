import { Module } from '@nestjs/common';
import { LlmModule } from '@sluice/llm';
import { AppRegistryModule } from '../apps-registry/app-registry.module';
import { ConversationNamer } from './conversation-namer';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { ConversationsService } from './conversations.service';

/** A user's conversations: list, rename (by hand or generated), pin, delete. The namer also titles new conversations. */
@Module({ imports: [LlmModule, SharedTablesModule, AppRegistryModule], providers: [ConversationNamer, ConversationsService], exports: [ConversationNamer, ConversationsService] })
export class ConversationsModule {}
