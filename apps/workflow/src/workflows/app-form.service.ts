import { Injectable } from '@nestjs/common';
import { AppUnavailableError, CallerIdentity, WorkflowAppForm } from '@sluice/contracts';
import { WorkflowRepository } from './workflow.repository';

/**
 * What a workflow or chatflow app's `/parameters` owes to its graph: the start node's variables as
 * Dify's input form and the workflow's features. The published workflow when there is one; else the
 * draft, so the console's preview of an app not yet published renders its form.
 */
@Injectable()
export class AppFormService {
  constructor(private readonly repo: WorkflowRepository) {}

  async form(caller: CallerIdentity): Promise<WorkflowAppForm> {
    const app = await this.repo.app(caller.tenantId, caller.appId);
    if (!app) throw new AppUnavailableError();
    const workflow = (app.workflowId ? await this.repo.byId(app.workflowId) : null) ?? (await this.repo.version(app.id, 'draft'));
    if (!workflow) throw new AppUnavailableError();
    return { features: workflow.features ?? {}, user_input_form: inputForm(workflow.graph) };
  }
}

type StartVariable = Record<string, unknown> & { type?: unknown };

/**
 * Dify's "old structure" of a start node's variables: each one wrapped in an object keyed by its
 * type (`text-input`, `paragraph`, `select`, `number`, `file`, `file-list`, …), the variable kept whole.
 */
export function inputForm(graph: { nodes?: unknown[] } | null | undefined): Record<string, StartVariable>[] {
  const nodes = Array.isArray(graph?.nodes) ? (graph!.nodes as { data?: { type?: unknown; variables?: unknown } }[]) : [];
  const start = nodes.find((n) => n?.data?.type === 'start');
  const variables = Array.isArray(start?.data?.variables) ? (start!.data!.variables as StartVariable[]) : [];
  return variables.filter((v): v is StartVariable => !!v && typeof v === 'object' && typeof v.type === 'string').map((v) => ({ [v.type as string]: v }));
}
