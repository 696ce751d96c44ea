import { Controller } from '@nestjs/common';
import { from } from 'rxjs';
import { ContractPayloadOf, WorkflowContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { ChatflowService } from './chatflow/chatflow.service';
import { ConversationVariablesService } from './chatflow/conversation-variables.service';
import { AppFormService } from './workflows/app-form.service';
import { DslService } from './workflows/dsl.service';
import { RunEventsService } from './workflows/run-events.service';
import { WorkflowsService } from './workflows/workflows.service';

/** The workflow service's transport entry: workflow and chatflow runs, drafts, DSL and run events (above both feature folders, which it composes). */
@Controller()
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly dsl: DslService,
    private readonly chatflow: ChatflowService,
    private readonly variables: ConversationVariablesService,
    private readonly runEvents: RunEventsService,
    private readonly appForm: AppFormService,
  ) {}

  @HandlesContract(WorkflowContracts.appForm)
  form(@ContractPayload(WorkflowContracts.appForm) p: ContractPayloadOf<typeof WorkflowContracts.appForm>) {
    return this.appForm.form(p.caller);
  }

  @HandlesContract(WorkflowContracts.runEvents)
  events(@ContractPayload(WorkflowContracts.runEvents) p: ContractPayloadOf<typeof WorkflowContracts.runEvents>) {
    return from(this.runEvents.events(p.caller, p.id ?? ''));
  }

  @HandlesContract(WorkflowContracts.draftGet)
  draftGet(@ContractPayload(WorkflowContracts.draftGet) p: ContractPayloadOf<typeof WorkflowContracts.draftGet>) {
    return this.workflows.getDraft(p.scope, p.id);
  }

  @HandlesContract(WorkflowContracts.draftSave)
  draftSave(@ContractPayload(WorkflowContracts.draftSave) p: ContractPayloadOf<typeof WorkflowContracts.draftSave>) {
    return this.workflows.saveDraft(p.scope, p.id, p.body);
  }

  @HandlesContract(WorkflowContracts.publish)
  publish(@ContractPayload(WorkflowContracts.publish) p: ContractPayloadOf<typeof WorkflowContracts.publish>) {
    return this.workflows.publish(p.scope, p.id);
  }

  @HandlesContract(WorkflowContracts.publishedGet)
  published(@ContractPayload(WorkflowContracts.publishedGet) p: ContractPayloadOf<typeof WorkflowContracts.publishedGet>) {
    return this.workflows.getPublished(p.scope, p.id);
  }

  /** Streaming runs reply with a stream of SSE bodies; blocking runs with one JSON body. */
  @HandlesContract(WorkflowContracts.run)
  run(@ContractPayload(WorkflowContracts.run) p: ContractPayloadOf<typeof WorkflowContracts.run>) {
    return p.streaming ? from(this.workflows.run(p.caller, p.body, p.draft)) : this.workflows.blocking(p.caller, p.body);
  }

  /** Chatflow apps answer `/v1/chat-messages` here; the reply shape follows the chat service's. */
  @HandlesContract(WorkflowContracts.chat)
  chat(@ContractPayload(WorkflowContracts.chat) p: ContractPayloadOf<typeof WorkflowContracts.chat>) {
    return p.streaming ? from(this.chatflow.chat(p.caller, p.body, p.draft)) : this.chatflow.blocking(p.caller, p.body, p.draft);
  }

  @HandlesContract(WorkflowContracts.variablesList)
  variablesList(@ContractPayload(WorkflowContracts.variablesList) p: ContractPayloadOf<typeof WorkflowContracts.variablesList>) {
    return this.variables.list(p.caller, p.conversationId, p.query);
  }

  @HandlesContract(WorkflowContracts.variablesUpdate)
  variablesUpdate(@ContractPayload(WorkflowContracts.variablesUpdate) p: ContractPayloadOf<typeof WorkflowContracts.variablesUpdate>) {
    return this.variables.update(p.caller, p.conversationId, p.id!, p.body);
  }

  @HandlesContract(WorkflowContracts.runGet)
  runGet(@ContractPayload(WorkflowContracts.runGet) p: ContractPayloadOf<typeof WorkflowContracts.runGet>) {
    return this.workflows.getRun(p.caller, p.id!);
  }

  @HandlesContract(WorkflowContracts.stop)
  stop(@ContractPayload(WorkflowContracts.stop) p: ContractPayloadOf<typeof WorkflowContracts.stop>) {
    return this.workflows.stop(p.caller, p.id!);
  }

  @HandlesContract(WorkflowContracts.exportDsl)
  exportDsl(@ContractPayload(WorkflowContracts.exportDsl) p: ContractPayloadOf<typeof WorkflowContracts.exportDsl>) {
    return this.dsl.export(p.scope, p.id);
  }

  @HandlesContract(WorkflowContracts.importDsl)
  importDsl(@ContractPayload(WorkflowContracts.importDsl) p: ContractPayloadOf<typeof WorkflowContracts.importDsl>) {
    return this.dsl.import(p.scope, p.body);
  }

  @HandlesContract(WorkflowContracts.logs)
  logs(@ContractPayload(WorkflowContracts.logs) p: ContractPayloadOf<typeof WorkflowContracts.logs>) {
    return this.workflows.logs(p.caller, p.query);
  }
}
