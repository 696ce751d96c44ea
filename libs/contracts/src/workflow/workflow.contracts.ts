import { z } from 'zod';
import { afterLookup, defineContract, reply } from '../contract';
import { workflowAppLogsSchema, workflowRunsSchema, workflowVersionsSchema } from '../dto/console-logs.dto';
import { chatMessageSchema } from '../dto/service-api.dto';
import { consoleScoped, scoped } from '../envelopes';
import { Services } from '../services';
import {
  conversationVariableUpdateSchema,
  conversationVariablesQuerySchema,
  dslImportSchema,
  workflowDraftSchema,
  workflowLogsQuerySchema,
  workflowRunSchema,
} from './workflow.schemas';

/** The parts of a workflow or chatflow app's `/parameters` that come from its workflow. */
export interface WorkflowAppForm {
  /** the workflow's features (opening_statement, suggested_questions, file_upload, text_to_speech, …) */
  features: Record<string, unknown>;
  /** the start node's variables, each wrapped by its type, as Dify's `user_input_form` */
  user_input_form: Record<string, Record<string, unknown>>[];
}

/** A console message about one workflow app (its path id); the session's account may also be its caller. */
const onApp = <B extends z.ZodTypeAny = z.ZodUnknown, Q extends z.ZodTypeAny = z.ZodUnknown>(parts: { body?: B; query?: Q } = {}) =>
  consoleScoped(parts).extend({ id: z.string() });
/** Chatflow variables of one conversation (path ids). */
const conversationVars = { conversationId: z.string() };
/** Console run pages: the run or node type named by the path, and whether only chatflow runs are listed. */
const runFields = { runId: z.string().optional(), blockType: z.string().optional(), chatflow: z.boolean().optional() };

/**
 * Messages answered by the workflow service. Parts marked `afterLookup` come after the app is found
 * (and is a workflow app): Dify answers that 404 or 400 first.
 */
export const WorkflowContracts = {
  draftGet: defineContract('workflow.draft.get', Services.workflow, onApp()),
  draftSave: defineContract('workflow.draft.save', Services.workflow, onApp({ body: afterLookup(workflowDraftSchema) })),
  publish: defineContract('workflow.publish', Services.workflow, onApp()),
  publishedGet: defineContract('workflow.published.get', Services.workflow, onApp()),
  /** Streaming runs reply with a stream of SSE bodies; blocking runs with one JSON body. */
  run: defineContract(
    'workflow.run',
    Services.workflow,
    scoped({ body: workflowRunSchema }).extend({ streaming: z.boolean().optional(), draft: z.boolean().optional() }),
  ),
  runGet: defineContract('workflow.run.get', Services.workflow, scoped()),
  /** `GET /v1/workflow/{run_id}/events`: a run's events so far, then live ones until it ends (a stream). */
  runEvents: defineContract('workflow.run.events', Services.workflow, scoped()),
  stop: defineContract('workflow.stop', Services.workflow, scoped()),
  logs: defineContract('workflow.logs', Services.workflow, scoped({ query: workflowLogsQuerySchema })),
  exportDsl: defineContract('workflow.dsl.export', Services.workflow, onApp()),
  importDsl: defineContract('workflow.dsl.import', Services.workflow, consoleScoped({ body: dslImportSchema })),
  /** Chatflow turns: the same body as a chat app's (`user` included, as the gateway sends it). */
  chat: defineContract(
    'workflow.chat',
    Services.workflow,
    scoped({ body: chatMessageSchema }).extend({ streaming: z.boolean().optional(), draft: z.boolean().optional() }),
  ),
  variablesList: defineContract(
    'workflow.conversation-variables.list',
    Services.workflow,
    scoped({ query: conversationVariablesQuerySchema }).extend(conversationVars),
  ),
  /** A workflow or chatflow app's input form and features, asked by the chat service for `/parameters`. */
  appForm: defineContract('workflow.app.parameters', Services.workflow, scoped(), reply<WorkflowAppForm>()),
  variablesUpdate: defineContract(
    'workflow.conversation-variables.update',
    Services.workflow,
    scoped({ body: conversationVariableUpdateSchema }).extend(conversationVars),
  ),
  /** Console pages: workflow run history, logs, versions. */
  console: {
    runs: defineContract('workflow.console.runs.list', Services.workflow, onApp({ query: afterLookup(workflowRunsSchema) }).extend(runFields)),
    appLogs: defineContract('workflow.console.app-logs.list', Services.workflow, onApp({ query: afterLookup(workflowAppLogsSchema) }).extend(runFields)),
    run: defineContract('workflow.console.runs.get', Services.workflow, onApp().extend(runFields)),
    nodeExecutions: defineContract('workflow.console.runs.node-executions', Services.workflow, onApp().extend(runFields)),
    versions: defineContract('workflow.console.versions', Services.workflow, onApp({ query: afterLookup(workflowVersionsSchema) }).extend(runFields)),
    blockConfigs: defineContract('workflow.console.default-block-configs', Services.workflow, onApp().extend(runFields)),
  },
};
