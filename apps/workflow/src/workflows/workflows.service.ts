import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import {
  AppUnavailableError,
  CallerIdentity,
  ContractPayloadOf,
  DomainError,
  ForbiddenError,
  InvalidParamError,
  NotFoundError,
  NotWorkflowAppError,
  SseEvent,
  WorkflowContracts,
  WorkflowRunBody,
  isUuid,
  parseAfterLookup,
} from '@sluice/contracts';
import { App, EndUserRepository, FileUser, Workflow, WorkflowNodeExecution } from '@sluice/database';
import { RunFilesService } from '../graph/files/run-files.service';
import { validateGraph } from '../graph/graph-validator';
import { Graph } from '../graph/graph.types';
import { StartNode } from '../graph/nodes/start.node';
import { WorkflowEngine } from '../graph/workflow-engine';
import { RunEventLog } from './run-event-log';
import { RunRegistry } from './run-registry';
import { WorkflowRepository } from './workflow.repository';

export interface Scope {
  tenantId: string;
  accountId: string;
  /** the member's role (console calls); decides which datasets they may attach */
  role?: string;
}

/** The datasets a graph's knowledge-retrieval nodes read. */
export function graphDatasetIds(graph: unknown): string[] {
  const nodes = (graph as { nodes?: { data?: { dataset_ids?: unknown } }[] } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes
    .flatMap((n) => (Array.isArray(n?.data?.dataset_ids) ? (n.data!.dataset_ids as unknown[]) : []))
    .filter((id): id is string => typeof id === 'string');
}

const unix = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null);
/** How often a replica looks for runs orphaned by a dead process, and how far past the wall-time limit a run must be. */
const ORPHAN_SWEEP_MS = 60_000;
const ORPHAN_MARGIN_S = 60;

@Injectable()
export class WorkflowsService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(WorkflowsService.name);

  constructor(
    private readonly repo: WorkflowRepository,
    private readonly engine: WorkflowEngine,
    private readonly start: StartNode,
    private readonly registry: RunRegistry,
    private readonly cfg: AppConfig,
    private readonly endUsers: EndUserRepository,
    private readonly events: RunEventLog,
    private readonly files: RunFilesService,
  ) {}

  private orphanSweep?: NodeJS.Timeout;

  onModuleInit() {
    // Any replica sweeps, at boot and every minute, so a run whose process died is failed even if that process never returns.
    void this.sweepOrphans();
    this.orphanSweep = setInterval(() => void this.sweepOrphans(), ORPHAN_SWEEP_MS);
    this.orphanSweep.unref();
  }

  onModuleDestroy() {
    clearInterval(this.orphanSweep);
  }

  private async sweepOrphans() {
    const n = await this.repo.failOrphans(this.cfg.workflowMaxExecutionSeconds + ORPHAN_MARGIN_S).catch(() => 0);
    if (n) this.log.warn(`marked ${n} interrupted workflow runs as failed`);
  }

  async getDraft(scope: Scope, appId: string) {
    await this.workflowApp(scope.tenantId, appId);
    const w = await this.repo.version(appId, 'draft');
    if (!w) throw new NotFoundError('Draft workflow not found.');
    return view(w);
  }

  async saveDraft(scope: Scope, appId: string, body: unknown) {
    await this.workflowApp(scope.tenantId, appId);
    const b = parseAfterLookup(WorkflowContracts.draftSave, 'body', body);
    validateGraph(b.graph);
    const current = await this.repo.version(appId, 'draft');
    await this.assertAttachable(scope, graphDatasetIds(b.graph), graphDatasetIds(current?.graph));
    const w = await this.repo.saveDraft(scope.tenantId, appId, {
      graph: b.graph,
      features: b.features,
      environmentVariables: b.environment_variables,
      conversationVariables: b.conversation_variables,
    });
    return { result: 'success', hash: w.updatedAt.getTime().toString(36), updated_at: unix(w.updatedAt) };
  }

  /** A member may add to a graph only datasets they can see; ones already there (added by others) stay. */
  async assertAttachable(scope: Scope, ids: string[], already: string[] = []) {
    const have = new Set(already);
    const added = [...new Set(ids)].filter((id) => !have.has(id) && isUuid(id));
    const hidden = await this.repo.hiddenDatasets({ tenantId: scope.tenantId, accountId: scope.accountId, role: scope.role ?? 'normal' }, added);
    if (hidden.length) throw new ForbiddenError(`You do not have permission to use dataset ${hidden[0]}.`);
  }

  async publish(scope: Scope, appId: string) {
    await this.workflowApp(scope.tenantId, appId);
    const draft = await this.repo.version(appId, 'draft');
    if (!draft) throw new NotFoundError('Draft workflow not found.');
    validateGraph(draft.graph);
    const w = await this.repo.publish(draft);
    return { result: 'success', created_at: unix(w.createdAt) };
  }

  async getPublished(scope: Scope, appId: string) {
    const app = await this.workflowApp(scope.tenantId, appId);
    const w = app.workflowId ? await this.repo.byId(app.workflowId) : null;
    if (!w) throw new NotFoundError('Published workflow not found.');
    return view(w);
  }

  /** Validation and the run row happen before the first event, so bad input is still a plain 4xx. */
  async *run(caller: CallerIdentity, b: WorkflowRunBody, draft = false): AsyncGenerator<SseEvent> {
    if (!caller.sessionId) throw new InvalidParamError('user is required', { params: 'user' });
    const app = await this.repo.app(caller.tenantId, caller.appId);
    if (!app) throw new NotFoundError('App not found.');
    if (app.mode !== 'workflow') throw new NotWorkflowAppError();
    const workflow =
      b.workflow_id !== undefined
        ? await this.publishedVersion(app.id, b.workflow_id)
        : draft
          ? await this.repo.version(app.id, 'draft')
          : app.workflowId
            ? await this.repo.byId(app.workflowId)
            : null;
    if (!workflow) throw new AppUnavailableError('The workflow has not been published yet: publish it in the console first.');
    const graph = validateGraph(workflow.graph);
    const inputs = this.start.validateInputs(
      graph.nodes.find((n) => n.data.type === 'start')!,
      b.inputs,
    );
    // The run remembers who started it (an account's draft run, an API user, a web app visitor) for the console's logs.
    const endUserId = await this.endUsers.idFor(app.tenantId, app.id, caller.userType, caller.sessionId);
    const fileUser = await this.files.userOf({ ...caller, tenantId: app.tenantId });
    await this.files.assertOwned(fileUser, inputs, b.files);
    for await (const ev of this.execute({
      app,
      workflow,
      graph,
      inputs,
      fileUser,
      sessionId: caller.sessionId,
      triggeredFrom: draft ? 'debugging' : 'app-run',
      sys: { files: b.files },
      endUserId,
    })) {
      // Knowledge sources are a chatflow message's metadata; a workflow run has no message.
      if (ev.event === 'retriever_resources') continue;
      // Kept for GET /v1/workflow/{run_id}/events (re-attaching); written in order on one connection.
      void this.events.append(String(ev.workflow_run_id), ev);
      yield ev;
    }
  }

  /** A published version of this app's workflow, by id; drafts and other apps' workflows are not found. */
  private async publishedVersion(appId: string, id: string) {
    const w = isUuid(id) ? await this.repo.byId(id) : null;
    if (!w || w.appId !== appId || w.version === 'draft') throw new NotFoundError('Workflow not found.');
    return w;
  }

  /**
   * Runs a validated graph and persists the run and its node executions; shared by workflow runs
   * and chatflow turns. Every event is wrapped in Dify's workflow envelope.
   */
  async *execute(p: {
    app: App;
    workflow: Workflow;
    graph: Graph;
    inputs: Record<string, unknown>;
    fileUser: FileUser;
    sessionId: string;
    triggeredFrom: string;
    sys?: Record<string, unknown>;
    conversation?: Record<string, unknown>;
    taskId?: string;
    endUserId?: string;
  }): AsyncGenerator<SseEvent> {
    const { app, workflow, graph, inputs } = p;
    const run = await this.repo.createRun({
      tenantId: app.tenantId,
      appId: app.id,
      workflowId: workflow.id,
      triggeredFrom: p.triggeredFrom,
      status: 'running',
      inputs,
      endUserId: p.endUserId ?? null,
    });
    const taskId = p.taskId ?? randomUUID();
    const ctl = this.registry.register(taskId, `${app.id}:${p.sessionId}`);
    const nodes: Partial<WorkflowNodeExecution>[] = [];
    try {
      for await (const ev of this.engine.run(graph, {
        runId: run.id,
        workflowId: workflow.id,
        tenantId: app.tenantId,
        fileUser: p.fileUser,
        inputs,
        signal: ctl.signal,
        conversation: p.conversation,
        maxSeconds: this.cfg.workflowMaxExecutionSeconds,
        // Dify's created_by of a run: the end user `{id, user}`, or the account `{id}` of a console debug run.
        createdBy: p.endUserId ? { id: p.endUserId, user: p.sessionId } : { id: p.sessionId },
        env: Object.fromEntries(((workflow.environmentVariables ?? []) as { name: string; value?: unknown }[]).map((v) => [v.name, v.value ?? null])),
        sys: { user_id: p.sessionId, app_id: app.id, workflow_id: workflow.id, workflow_run_id: run.id, files: [], ...(p.sys ?? {}) },
      })) {
        if (ev.event === 'node_finished') nodes.push(nodeRow(app.tenantId, run.id, ev.data));
        if (ev.event === 'workflow_finished') {
          const d = ev.data as Record<string, any>;
          await this.repo.finishRun(
            run.id,
            {
              status: d.status,
              outputs: d.outputs,
              error: d.error,
              elapsedTime: d.elapsed_time,
              totalTokens: d.total_tokens,
              totalSteps: d.total_steps,
              finishedAt: new Date(),
              exceptionsCount: d.exceptions_count ?? 0,
            },
            nodes,
          );
        }
        yield { event: ev.event, task_id: taskId, workflow_run_id: run.id, data: ev.data };
      }
    } catch (err) {
      // Nothing may leave a run `running`.
      const message = err instanceof DomainError ? err.message : 'internal error';
      await this.repo.finishRun(run.id, { status: 'failed', error: message, finishedAt: new Date() }, nodes).catch(() => undefined);
      throw err;
    } finally {
      this.registry.release(taskId);
    }
  }

  async blocking(caller: CallerIdentity, body: WorkflowRunBody) {
    let last: SseEvent | undefined;
    for await (const ev of this.run(caller, body)) if (ev.event === 'workflow_finished') last = ev;
    return { task_id: last!.task_id, workflow_run_id: last!.workflow_run_id, data: last!.data };
  }

  async getRun(caller: CallerIdentity, runId: string) {
    const r = isUuid(runId) ? await this.repo.run(caller.appId, runId) : null;
    if (!r) throw new NotFoundError('Workflow run not found.');
    return {
      id: r.id,
      workflow_id: r.workflowId,
      status: r.status,
      inputs: JSON.stringify(r.inputs),
      outputs: r.outputs,
      error: r.error,
      total_steps: r.totalSteps,
      total_tokens: r.totalTokens,
      created_at: unix(r.createdAt),
      finished_at: unix(r.finishedAt),
      elapsed_time: r.elapsedTime,
    };
  }

  async stop(caller: CallerIdentity, taskId: string) {
    await this.registry.stop(taskId, `${caller.appId}:${caller.sessionId}`);
    return { result: 'success' };
  }

  async logs(caller: CallerIdentity, q: ContractPayloadOf<typeof WorkflowContracts.logs>['query']) {
    const { rows, total } = await this.repo.runsPage(caller.appId, q);
    const users = await this.repo.endUsers(rows.map((r) => r.endUserId));
    return {
      page: q.page,
      limit: q.limit,
      total,
      has_more: q.page * q.limit < total,
      data: rows.map((r) => ({
        id: r.id,
        workflow_run: {
          id: r.id,
          version: r.workflowId,
          status: r.status,
          error: r.error,
          elapsed_time: r.elapsedTime,
          total_tokens: r.totalTokens,
          total_steps: r.totalSteps,
          created_at: unix(r.createdAt),
          finished_at: unix(r.finishedAt),
          exceptions_count: r.exceptionsCount,
          triggered_from: r.triggeredFrom,
        },
        created_from: 'service-api',
        created_by_role: 'end_user',
        created_by_account: null,
        created_by_end_user: endUserView(users.get(r.endUserId ?? '')),
        created_at: unix(r.createdAt),
        details: null,
      })),
    };
  }

  private async workflowApp(tenantId: string, appId: string) {
    const app = isUuid(appId) ? await this.repo.app(tenantId, appId) : null;
    if (!app) throw new NotFoundError('App not found.');
    // Chatflow (advanced-chat) graphs are edited and published the same way.
    if (app.mode !== 'workflow' && app.mode !== 'advanced-chat') throw new NotWorkflowAppError();
    return app;
  }
}

function view(w: Workflow) {
  // Secret environment variables are usable in runs but never read back.
  const env = (w.environmentVariables ?? []).map((v: { value_type?: string }) => (v.value_type === 'secret' ? { ...v, value: '[__HIDDEN__]' } : v));
  return {
    id: w.id,
    version: w.version,
    graph: w.graph,
    features: w.features,
    environment_variables: env,
    conversation_variables: w.conversationVariables,
    created_at: unix(w.createdAt),
    updated_at: unix(w.updatedAt),
  };
}

function nodeRow(tenantId: string, runId: string, d: Record<string, any>): Partial<WorkflowNodeExecution> {
  return {
    tenantId,
    workflowRunId: runId,
    nodeId: d.node_id,
    nodeType: d.node_type,
    title: d.title,
    index: d.index,
    inputs: d.inputs,
    outputs: d.outputs,
    processData: d.process_data,
    status: d.status,
    error: d.error,
    elapsedTime: d.elapsed_time,
    finishedAt: new Date(),
  };
}

/** Dify's simple end-user fields (a workflow log's `created_by_end_user`). */
function endUserView(u: { id: string; type: string; session_id: string } | undefined) {
  return u ? { id: u.id, type: u.type, is_anonymous: u.type === 'web_app', session_id: u.session_id } : null;
}
