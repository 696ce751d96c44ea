import { z } from 'zod';
import { limitParam, pageQuerySchema } from '../dto/pagination';
import { fileRefSchema } from '../dto/service-api.dto';

/**
 * `POST /v1/workflows/run` (and the Web API's, the console's draft run). `user` is the Service API's
 * end user; the gateway carries it as the caller's session (the Web API's from the passport), so the
 * body's own is optional here.
 */
export const workflowRunSchema = z.object({
  inputs: z.record(z.unknown()).default({}),
  user: z.string().optional(),
  response_mode: z.string().optional(),
  files: z
    .array(fileRefSchema)
    .nullish()
    .transform((v) => v ?? []),
  /** newer Dify's `POST /workflows/{workflow_id}/run`: a published version other than the current one */
  workflow_id: z.string().optional(),
});
export type WorkflowRunBody = z.output<typeof workflowRunSchema>;

/** The console's draft save: a graph (checked by the workflow service's validator), features, variables. */
export const workflowDraftSchema = z.object({
  graph: z.object({ nodes: z.array(z.any()), edges: z.array(z.any()) }),
  features: z.record(z.unknown()).default({}),
  environment_variables: z.array(z.any()).default([]),
  conversation_variables: z.array(z.any()).default([]),
});

/** `GET /v1/workflows/logs`. */
export const workflowLogsQuerySchema = pageQuerySchema.extend({
  status: z.enum(['succeeded', 'failed', 'stopped', 'running']).optional(),
  keyword: z.string().optional(),
});

/** The console's DSL import: YAML content only. */
export const dslImportSchema = z.object({
  mode: z.enum(['yaml-content'], { errorMap: () => ({ message: 'mode must be yaml-content' }) }),
  yaml_content: z.string().min(1, 'yaml_content is required'),
  name: z.string().optional(),
  description: z.string().optional(),
});

/** `GET /v1/conversations/{id}/variables`. */
export const conversationVariablesQuerySchema = z.object({ last_id: z.string().optional(), limit: limitParam(), variable_name: z.string().optional() });
/** `PUT /v1/conversations/{id}/variables/{variable_id}`: the value, checked against the variable's declared type. */
export const conversationVariableUpdateSchema = z.object({ value: z.unknown() });
