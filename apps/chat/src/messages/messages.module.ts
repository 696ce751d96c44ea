import { Module } from '@nestjs/common';
import { LlmModule } from '@sluice/llm';
import { AppRegistryModule } from '../apps-registry/app-registry.module';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { MessageReaper } from './message-reaper';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/** A conversation's messages, feedback and suggested questions; the reaper ends turns whose process died. */
@Module({ imports: [LlmModule, SharedTablesModule, AppRegistryModule], controllers: [MessagesController], providers: [MessagesService, MessageReaper] })
export class MessagesModule {}
