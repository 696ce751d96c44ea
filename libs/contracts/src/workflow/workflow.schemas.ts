import { z } from 'zod';
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
  files: z.array(fileRefSchema).nullish().transform((v) => v ?? []),
  /** newer Dify's `POST /workflows/{workflow_id}/run`: a published version other than the current one */
  workflow_id: z.string().optional(),
});
export type WorkflowRunBody = z.output<typeof workflowRunSchema>;
