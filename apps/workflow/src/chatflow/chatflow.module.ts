import { Module } from '@nestjs/common';
import { ChatflowRepository } from '@sluice/database';
import { AnnotationMatcher, AnnotationRepository } from '@sluice/knowledge';
import { LlmModule } from '@sluice/llm';
import { GraphModule } from '../graph/graph.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ChatflowService } from './chatflow.service';
import { ConversationVariablesService } from './conversation-variables.service';

/** Chatflow (advanced-chat) apps: a turn runs the published graph in a conversation, with its variables and annotation reply. */
@Module({
  imports: [LlmModule, GraphModule, WorkflowsModule],
  providers: [ChatflowRepository, AnnotationRepository, AnnotationMatcher, ChatflowService, ConversationVariablesService],
  exports: [ChatflowService, ConversationVariablesService],
})
export class ChatflowModule {}
