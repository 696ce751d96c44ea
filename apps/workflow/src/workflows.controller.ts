import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { from } from 'rxjs';
import { CallerIdentity, WorkflowPatterns } from '@sluice/contracts';
import { ChatflowService } from './chatflow/chatflow.service';
import { ConversationVariablesService } from './chatflow/conversation-variables.service';
import { DslService } from './workflows/dsl.service';
import { RunEventsService } from './workflows/run-events.service';
import { Scope, WorkflowsService } from './workflows/workflows.service';

type Console = { scope: Scope; id: string; body?: unknown; caller?: CallerIdentity };
type Service = { caller: CallerIdentity; id?: string; body?: unknown; query?: unknown; streaming?: boolean; draft?: boolean };

/** The workflow service's transport entry: workflow and chatflow runs, drafts, DSL and run events (above both feature folders, which it composes). */
@Controller()
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly dsl: DslService,
    private readonly chatflow: ChatflowService,
    private readonly variables: ConversationVariablesService,
    private readonly runEvents: RunEventsService,
  ) {}

  @MessagePattern(WorkflowPatterns.runEvents)
  events(@Payload() p: Service) {
    return from(this.runEvents.events(p.caller, p.id ?? ''));
  }

  @MessagePattern(WorkflowPatterns.draftGet)
  draftGet(@Payload() p: Console) {
    return this.workflows.getDraft(p.scope, p.id);
  }

  @MessagePattern(WorkflowPatterns.draftSave)
  draftSave(@Payload() p: Console) {
    return this.workflows.saveDraft(p.scope, p.id, p.body);
  }

  @MessagePattern(WorkflowPatterns.publish)
  publish(@Payload() p: Console) {
    return this.workflows.publish(p.scope, p.id);
  }

  @MessagePattern(WorkflowPatterns.publishedGet)
  published(@Payload() p: Console) {
    return this.workflows.getPublished(p.scope, p.id);
  }

  /** Streaming runs reply with a stream of SSE bodies; blocking runs with one JSON body. */
  @MessagePattern(WorkflowPatterns.run)
  run(@Payload() p: Service) {
    return p.streaming ? from(this.workflows.run(p.caller, p.body, p.draft)) : this.workflows.blocking(p.caller, p.body);
  }

  /** Chatflow apps answer `/v1/chat-messages` here; the reply shape follows the chat service's. */
  @MessagePattern(WorkflowPatterns.chat)
  chat(@Payload() p: Service) {
    return p.streaming ? from(this.chatflow.chat(p.caller, p.body, p.draft)) : this.chatflow.blocking(p.caller, p.body, p.draft);
  }

  @MessagePattern(WorkflowPatterns.variablesList)
  variablesList(@Payload() p: Service & { conversationId: string }) {
    return this.variables.list(p.caller, p.conversationId, p.query);
  }

  @MessagePattern(WorkflowPatterns.variablesUpdate)
  variablesUpdate(@Payload() p: Service & { conversationId: string }) {
    return this.variables.update(p.caller, p.conversationId, p.id!, p.body);
  }

  @MessagePattern(WorkflowPatterns.runGet)
  runGet(@Payload() p: Service) {
    return this.workflows.getRun(p.caller, p.id!);
  }

  @MessagePattern(WorkflowPatterns.stop)
  stop(@Payload() p: Service) {
    return this.workflows.stop(p.caller, p.id!);
  }

  @MessagePattern(WorkflowPatterns.exportDsl)
  exportDsl(@Payload() p: Console) {
    return this.dsl.export(p.scope, p.id);
  }

  @MessagePattern(WorkflowPatterns.importDsl)
  importDsl(@Payload() p: Console) {
    return this.dsl.import(p.scope, p.body);
  }

  @MessagePattern(WorkflowPatterns.logs)
  logs(@Payload() p: Service) {
    return this.workflows.logs(p.caller, p.query);
  }
}
