import { Injectable } from '@nestjs/common';
import { CallerIdentity, NotFoundError, NotWorkflowAppError, SseEvent, isUuid } from '@sluice/contracts';
import { WorkflowNodeExecution, WorkflowRun } from '@sluice/database';
import { RunEventLog } from './run-event-log';
import { WorkflowRepository } from './workflow.repository';

const unix = (d: Date | null) => (d ? Math.floor(new Date(d).getTime() / 1000) : null);

/**
 * Dify's `GET /v1/workflow/{workflow_run_id}/events`: re-attach to a run's event stream. A running run
 * replays what happened so far, then follows live until it ends; a finished one replays and ends. Once
 * the kept events have expired, a finished run is retold from what the database holds.
 */
@Injectable()
export class RunEventsService {
  constructor(
    private readonly repo: WorkflowRepository,
    private readonly log: RunEventLog,
  ) {}

  async *events(caller: CallerIdentity, runId: string): AsyncGenerator<SseEvent> {
    const app = await this.repo.app(caller.tenantId, caller.appId);
    if (!app) throw new NotFoundError('App not found.');
    if (app.mode !== 'workflow' && app.mode !== 'advanced-chat') throw new NotWorkflowAppError();
    const run = isUuid(runId) ? await this.repo.run(app.id, runId) : null;
    if (!run) throw new NotFoundError('Workflow run not found');
    if (run.status === 'running' || (await this.log.exists(run.id))) {
      yield* this.log.follow(run.id, async () => (await this.repo.run(app.id, run.id))?.status === 'running');
      return;
    }
    yield* this.retold(run, await this.repo.nodeExecutions(run.id));
  }

  private *retold(run: WorkflowRun, nodes: WorkflowNodeExecution[]): Generator<SseEvent> {
    const envelope = (event: string, data: Record<string, unknown>): SseEvent => ({ event, task_id: run.id, workflow_run_id: run.id, data });
    yield envelope('workflow_started', { id: run.id, workflow_id: run.workflowId, inputs: run.inputs, created_at: unix(run.createdAt), reason: 'initial' });
    for (const n of nodes) {
      const base = {
        id: n.id,
        node_id: n.nodeId,
        node_type: n.nodeType,
        title: n.title,
        index: n.index,
        predecessor_node_id: null,
        iteration_id: null,
        loop_id: null,
      };
      yield envelope('node_started', { ...base, inputs: n.inputs ?? null, inputs_truncated: false, extras: {}, created_at: unix(n.createdAt) });
      yield envelope('node_finished', {
        ...base,
        inputs: n.inputs ?? null,
        process_data: n.processData ?? null,
        outputs: n.outputs ?? null,
        status: n.status,
        error: n.error,
        inputs_truncated: false,
        process_data_truncated: false,
        outputs_truncated: false,
        files: [],
        elapsed_time: n.elapsedTime,
        execution_metadata: null,
        created_at: unix(n.createdAt),
        finished_at: unix(n.finishedAt),
      });
    }
    yield envelope('workflow_finished', {
      id: run.id,
      workflow_id: run.workflowId,
      status: run.status,
      outputs: run.outputs,
      error: run.error,
      elapsed_time: run.elapsedTime,
      total_tokens: run.totalTokens,
      total_steps: run.totalSteps,
      created_at: unix(run.createdAt),
      finished_at: unix(run.finishedAt),
      exceptions_count: run.exceptionsCount,
      created_by: run.endUserId ? { id: run.endUserId } : {},
      files: [],
    });
  }
}
