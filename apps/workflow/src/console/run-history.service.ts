import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { NotFoundError, NotWorkflowAppError, WorkflowContracts, isUuid, parseAfterLookup } from '@sluice/contracts';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { Scope } from '../workflows/workflows.service';
import { blockDefaults } from './block-defaults';
import { NodeRow, RunHistoryRepository, RunRow } from './run-history.repository';

const unix = (d: Date | null) => (d ? Math.floor(new Date(d).getTime() / 1000) : null);

/** Who ran it, in Dify's terms: an account (the console's draft runs and previews) or an end user. */
function creator(r: RunRow) {
  const account = r.user_type === 'account';
  return {
    created_by_role: account ? 'account' : 'end_user',
    created_by_account: account ? { id: r.session_id, name: r.account_name, email: r.account_email } : null,
    created_by_end_user:
      !account && r.end_user_id ? { id: r.end_user_id, type: r.user_type, is_anonymous: r.user_type === 'web_app', session_id: r.session_id } : null,
  };
}

function runListView(r: RunRow, chatflow: boolean) {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    triggered_from: r.triggered_from,
    elapsed_time: r.elapsed_time,
    total_tokens: r.total_tokens,
    total_steps: r.total_steps,
    exceptions_count: r.exceptions_count,
    ...(chatflow ? { conversation_id: r.conversation_id, message_id: r.message_id } : {}),
    ...creator(r),
    created_at: unix(r.created_at),
    finished_at: unix(r.finished_at),
  };
}

function nodeView(n: NodeRow) {
  const finished = n.finished_at ? new Date(n.finished_at).getTime() : null;
  return {
    id: n.id,
    index: n.index,
    predecessor_node_id: null,
    node_id: n.node_id,
    node_type: n.node_type,
    title: n.title,
    inputs: n.inputs,
    process_data: n.process_data,
    outputs: n.outputs,
    status: n.status,
    error: n.error,
    elapsed_time: n.elapsed_time,
    execution_metadata: null,
    extras: {},
    // Executions are recorded when they finish: the start is the finish less the elapsed time.
    created_at: finished === null ? unix(n.created_at) : Math.floor((finished - n.elapsed_time * 1000) / 1000),
    finished_at: unix(n.finished_at),
  };
}

/** The console's run history (editor and logs), one run's node-by-node record, published versions, node defaults. */
@Injectable()
export class RunHistoryService {
  constructor(
    private readonly repo: RunHistoryRepository,
    private readonly workflows: WorkflowRepository,
    private readonly cfg: AppConfig,
  ) {}

  async runs(scope: Scope, appId: string, query: unknown, chatflowOnly = false) {
    const app = await this.app(scope, appId, chatflowOnly ? ['advanced-chat'] : ['workflow', 'advanced-chat']);
    const q = parseAfterLookup(WorkflowContracts.console.runs, 'query', query);
    if (q.last_id && !(await this.repo.runExists(app.id, q.last_id))) throw new NotFoundError('Last workflow run not exists');
    const { rows, hasMore } = await this.repo.runs(app.id, { limit: q.limit, lastId: q.last_id, status: q.status, triggeredFrom: q.triggered_from });
    return { limit: q.limit, has_more: hasMore, data: rows.map((r) => runListView(r, app.mode === 'advanced-chat')) };
  }

  async appLogs(scope: Scope, appId: string, query: unknown) {
    const app = await this.app(scope, appId, ['workflow']);
    const q = parseAfterLookup(WorkflowContracts.console.appLogs, 'query', query);
    const { rows, total } = await this.repo.appLogs(app.id, q);
    return {
      page: q.page,
      limit: q.limit,
      total,
      has_more: q.page * q.limit < total,
      data: rows.map((r) => {
        const run = runListView(r, false);
        return {
          id: r.id,
          workflow_run: { ...run, error: r.error },
          created_from: r.user_type === 'web_app' ? 'web-app' : 'service-api',
          created_by_role: run.created_by_role,
          created_by_account: run.created_by_account,
          created_by_end_user: run.created_by_end_user,
          created_at: run.created_at,
        };
      }),
    };
  }

  async run(scope: Scope, appId: string, runId: string) {
    const app = await this.app(scope, appId, ['workflow', 'advanced-chat']);
    const r = isUuid(runId) ? await this.repo.run(app.id, runId) : null;
    if (!r) throw new NotFoundError('Workflow run not found.');
    return {
      ...runListView(r, app.mode === 'advanced-chat'),
      workflow_id: r.workflow_id,
      graph: r.graph ?? null,
      inputs: r.inputs,
      outputs: r.outputs,
      error: r.error,
    };
  }

  async nodeExecutions(scope: Scope, appId: string, runId: string) {
    const app = await this.app(scope, appId, ['workflow', 'advanced-chat']);
    if (!isUuid(runId) || !(await this.repo.runExists(app.id, runId))) throw new NotFoundError('Workflow run not found.');
    return { data: (await this.repo.nodes(runId)).map(nodeView) };
  }

  async versions(scope: Scope, appId: string, query: unknown) {
    const app = await this.app(scope, appId, ['workflow', 'advanced-chat']);
    const q = parseAfterLookup(WorkflowContracts.console.versions, 'query', query);
    const { rows, total } = await this.repo.versions(app.id, q.page, q.limit);
    return {
      page: q.page,
      limit: q.limit,
      total,
      has_more: q.page * q.limit < total,
      items: rows.map((w: Record<string, any>) => ({
        id: w.id,
        version: w.version,
        is_current: !!w.is_current,
        marked_name: '',
        marked_comment: '',
        graph: w.graph,
        features: w.features,
        conversation_variables: w.conversation_variables,
        // Secret environment variables are usable in runs but never read back.
        environment_variables: (w.environment_variables ?? []).map((v: { value_type?: string }) =>
          v.value_type === 'secret' ? { ...v, value: '[__HIDDEN__]' } : v,
        ),
        created_at: unix(w.created_at),
        updated_at: unix(w.updated_at),
      })),
    };
  }

  async blockConfigs(scope: Scope, appId: string, blockType?: string, q?: unknown) {
    await this.app(scope, appId, ['workflow', 'advanced-chat']);
    const lang = parseCodeLanguage(q);
    const all = blockDefaults(!!this.cfg.codeExecution.endpoint, lang);
    if (blockType === undefined) return all;
    const one = all.find((b) => b.type === blockType);
    if (!one) throw new NotFoundError(`Unknown block type ${blockType}.`);
    return one;
  }

  private async app(scope: Scope, appId: string, modes: string[]) {
    const app = isUuid(appId) ? await this.workflows.app(scope.tenantId, appId) : null;
    if (!app) throw new NotFoundError('App not found.');
    if (!modes.includes(app.mode)) throw new NotWorkflowAppError();
    return app;
  }
}

/** Dify sends `?q={"code_language":"javascript"}` for a code block's default in a given language. */
function parseCodeLanguage(q: unknown): string | undefined {
  const raw = (q as { q?: unknown } | undefined)?.q;
  if (typeof raw !== 'string') return undefined;
  try {
    const v = JSON.parse(raw) as { code_language?: unknown };
    return typeof v?.code_language === 'string' ? v.code_language : undefined;
  } catch {
    return undefined;
  }
}
