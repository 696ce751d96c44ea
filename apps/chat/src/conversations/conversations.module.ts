import { Module } from '@nestjs/common';
import { LlmModule } from '@sluice/llm';
import { AppRegistryModule } from '../apps-registry/app-registry.module';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { ConversationNamer } from './conversation-namer';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

/** A user's conversations: list, rename (by hand or generated), pin, delete. The namer also titles new conversations. */
@Module({
  imports: [LlmModule, SharedTablesModule, AppRegistryModule],
  controllers: [ConversationsController],
  providers: [ConversationNamer, ConversationsService],
  exports: [ConversationNamer],
})
export class ConversationsModule {}
