import { defineContract, reply } from '../contract';
import { consoleScoped, scoped } from '../envelopes';
import { Services } from '../services';
import { workflowRunSchema } from './workflow.schemas';
import { z } from 'zod';

/** The parts of a workflow or chatflow app's `/parameters` that come from its workflow. */
export interface WorkflowAppForm {
  /** the workflow's features (opening_statement, suggested_questions, file_upload, text_to_speech, …) */
  features: Record<string, unknown>;
  /** the start node's variables, each wrapped by its type, as Dify's `user_input_form` */
  user_input_form: Record<string, Record<string, unknown>>[];
}

/** Messages answered by the workflow service. */
export const WorkflowContracts = {
  draftGet: defineContract('workflow.draft.get', Services.workflow, consoleScoped()),
  draftSave: defineContract('workflow.draft.save', Services.workflow, consoleScoped()),
  publish: defineContract('workflow.publish', Services.workflow, consoleScoped()),
  publishedGet: defineContract('workflow.published.get', Services.workflow, consoleScoped()),
  /** Streaming runs reply with a stream of SSE bodies; blocking runs with one JSON body. */
  run: defineContract('workflow.run', Services.workflow, scoped({ body: workflowRunSchema }).extend({ streaming: z.boolean().optional(), draft: z.boolean().optional() })),
  runGet: defineContract('workflow.run.get', Services.workflow, scoped()),
  /** `GET /v1/workflow/{run_id}/events`: a run's events so far, then live ones until it ends (a stream). */
  runEvents: defineContract('workflow.run.events', Services.workflow, scoped()),
  stop: defineContract('workflow.stop', Services.workflow, scoped()),
  logs: defineContract('workflow.logs', Services.workflow, scoped()),
  exportDsl: defineContract('workflow.dsl.export', Services.workflow, consoleScoped()),
  importDsl: defineContract('workflow.dsl.import', Services.workflow, consoleScoped()),
  chat: defineContract('workflow.chat', Services.workflow, scoped()),
  variablesList: defineContract('workflow.conversation-variables.list', Services.workflow, scoped()),
  /** A workflow or chatflow app's input form and features, asked by the chat service for `/parameters`. */
  appForm: defineContract('workflow.app.parameters', Services.workflow, scoped(), reply<WorkflowAppForm>()),
  variablesUpdate: defineContract('workflow.conversation-variables.update', Services.workflow, scoped()),
  /** Console pages: workflow run history, logs, versions. */
  console: {
    runs: defineContract('workflow.console.runs.list', Services.workflow, consoleScoped()),
    appLogs: defineContract('workflow.console.app-logs.list', Services.workflow, consoleScoped()),
    run: defineContract('workflow.console.runs.get', Services.workflow, consoleScoped()),
    nodeExecutions: defineContract('workflow.console.runs.node-executions', Services.workflow, consoleScoped()),
    versions: defineContract('workflow.console.versions', Services.workflow, consoleScoped()),
    blockConfigs: defineContract('workflow.console.default-block-configs', Services.workflow, consoleScoped()),
  },
};
